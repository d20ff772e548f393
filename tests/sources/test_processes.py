"""Ingestion across processes: concurrent duplicates, and a real Celery worker over Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from claims.tasks import extract_article
from redline.celery import app as celery_app
from sources.models import Article
from sources.services.ingest import ingest_inputs
from tests.robustness.helpers import subprocess_env

PROJECT = Path(__file__).resolve().parents[2]
STORY = """Flood barrier to be raised before winter

The river board said on Thursday that the flood barrier would be raised by half a metre.
"We cannot wait for another wet winter," the board's engineer told residents at the meeting.
"""


@pytest.mark.django_db(transaction=True)
def test_same_article_from_two_processes_is_stored_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    # Extraction is eager in these processes; it does not change what is stored.
    commands = [
        [sys.executable, "manage.py", "ingest", str(tmp_path / name)] for name in ("a.txt", "b.txt")
    ]
    processes = [
        subprocess.Popen(
            command,
            cwd=PROJECT,
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    outputs = [process.communicate(timeout=300)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0]
    summaries = sorted(output.strip().splitlines()[-1] for output in outputs)
    assert summaries == [
        "ingested: 0, duplicates: 1, failed: 0",
        "ingested: 1, duplicates: 0, failed: 0",
    ]
    assert Article.objects.count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_processes_an_ingested_article(tmp_path: Path) -> None:
    broker = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "redline",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=PROJECT,
        env=subprocess_env(CELERY_BROKER_URL=broker),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.close()  # a pool made earlier in this process would keep its old broker
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    try:
        (tmp_path / "flood.txt").write_text(STORY, encoding="utf-8")
        report = ingest_inputs([str(tmp_path / "flood.txt")], enqueue=False)
        assert report.ingested == 1
        article_id = report.article_ids[0]
        # The hand-off's own message, sent on a connection to this test's broker (the app's
        # cached producer pool may still point elsewhere after eager tests in this process).
        with celery_app.connection_for_write(broker) as broker_connection:
            extract_article.apply_async((article_id,), connection=broker_connection)  # type: ignore[call-arg]
        deadline = time.monotonic() + 180
        status = ""
        while time.monotonic() < deadline and worker.poll() is None:
            status = Article.objects.get(pk=article_id).status
            if status in (Article.Status.DONE, Article.Status.FAILED):
                break
            time.sleep(0.5)
        assert worker.poll() is None, "the worker exited early"
        article = Article.objects.get(pk=article_id)
        assert article.status == Article.Status.DONE, article.error
    finally:
        celery_app.conf.update(saved)
        celery_app.close()  # drop the broker connection pool made for this test
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        connection.close()
