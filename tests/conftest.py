"""Shared fixtures: tasks run eagerly unless a test starts a real worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from redline.celery import app as celery_app

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def eager_tasks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run Celery tasks in-process, except in tests marked ``worker``."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def shared_corpus() -> Path:
    """The development corpus beside the project; a missing one fails the test loudly."""
    if not SHARED_CORPUS.is_dir():
        pytest.fail(f"development corpus not found at {SHARED_CORPUS}")
    return SHARED_CORPUS
