"""Builders for claims tests: articles, actors and extraction dataclasses written here."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from claims.extraction.types import ActorRef, SaidOn, Statement
from sources.models import Article, Outlet

_counter = itertools.count(1)


@pytest.fixture
def make_article(db: None) -> Callable[..., Article]:
    """Create an article with the given text; outlet by name, unique hash and URL."""

    def build(
        text: str,
        *,
        outlet: str = "Daily Example",
        published: date | None = date(2022, 1, 17),
        title: str = "",
        copy_of: Article | None = None,
        source_file: str | None = None,
    ) -> Article:
        n = next(_counter)
        outlet_row, _ = Outlet.objects.get_or_create(name=outlet)
        return Article.objects.create(
            url=f"https://{outlet.lower().replace(' ', '')}.example/{n}",
            content_hash=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
            title=title or f"Article {n}",
            outlet=outlet_row,
            published=published,
            text=text,
            copy_of=copy_of,
            source_file=source_file,
        )

    return build


def statement_in(
    text: str,
    sentence: str,
    speaker: str,
    *,
    actor_kind: str = "person",
    content: str | None = None,
    said_on: SaidOn | None = None,
    **extra: Any,
) -> Statement:
    """A Statement whose span is where ``sentence`` sits in ``text``."""
    start = text.index(sentence)
    return Statement(
        speaker=ActorRef(speaker, actor_kind),  # type: ignore[arg-type]
        start=start,
        end=start + len(sentence),
        sentence=sentence,
        content=content if content is not None else sentence,
        cue="said",
        direct=False,
        said_on=said_on or SaidOn(date(2022, 1, 17), "day"),
        **extra,
    )
