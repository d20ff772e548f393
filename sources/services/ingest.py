"""Ingesting inputs: files, folders, URLs (pages and feeds) and API payloads.

``ingest_inputs`` is the entry the CLI, the API and the upload form call; every input gives
outcomes (ingested / duplicate / failed with a reason) and one bad input never stops the others.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings

from sources.errors import IngestError
from sources.fetch import fetch_url
from sources.models import Article
from sources.readers import ReadResult, read_input
from sources.readers.decoding import check_size
from sources.readers.jsonl import parse_payload
from sources.services.articles import ingest_parsed
from sources.services.outcomes import IngestReport, ItemOutcome

logger = logging.getLogger(__name__)

_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
Progress = Callable[[str, IngestReport], None]


def ingest_inputs(
    inputs: Iterable[str], *, enqueue: bool = True, on_progress: Progress | None = None
) -> IngestReport:
    """Ingest paths (files, folders recursively) and http(s) URLs; one report for all."""
    report = IngestReport()
    for unit in expand_inputs(inputs):
        part = ingest_one(unit, enqueue=enqueue)
        report.extend(part)
        if on_progress:
            on_progress(unit, part)
    return report


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """URLs as given; folders replaced by their files (recursively, sorted, hidden ones skipped)."""
    units: list[str] = []
    for item in inputs:
        if is_url(item):
            units.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            units.extend(
                str(file)
                for file in sorted(path.rglob("*"))
                if file.is_file()
                and not any(part.startswith(".") for part in file.relative_to(path).parts)
            )
        else:
            units.append(item)
    return units


def ingest_one(unit: str, *, enqueue: bool = True) -> IngestReport:
    """Ingest one URL or one file."""
    if is_url(unit):
        return ingest_url(unit, enqueue=enqueue)
    return ingest_path(Path(unit), enqueue=enqueue)


def ingest_path(path: Path, *, enqueue: bool = True) -> IngestReport:
    """Ingest a file, or every file of a folder; ``source_file`` is the file's base name."""
    if path.is_dir():
        report = IngestReport()
        for unit in expand_inputs([str(path)]):
            report.extend(ingest_path(Path(unit), enqueue=enqueue))
        return report
    report = IngestReport()
    label = str(path)
    try:
        if not path.is_file():
            raise IngestError("no such file or folder")
        check_size(path.stat().st_size, settings.REDLINE_MAX_INPUT_BYTES)
        result = read_input(path.read_bytes(), name=path.name)
    except IngestError as exc:
        report.add(ItemOutcome(label, "failed", exc.reason))
        return report
    except OSError as exc:
        report.add(ItemOutcome(label, "failed", f"cannot read file: {exc.strerror or exc}"))
        return report
    _store(result, label, report, enqueue=enqueue)
    for link in result.links:
        report.add(ItemOutcome(f"{label} ({link})", "failed", "feed entry without content"))
    if result.feed_title is not None and not report.outcomes:
        report.add(ItemOutcome(label, "failed", "the feed has no items"))
    return report


def ingest_url(url: str, *, enqueue: bool = True) -> IngestReport:
    """Fetch a URL and ingest it; an RSS/Atom URL becomes a Feed, polled now and later."""
    from sources.services.feeds import ingest_feed_page  # feeds use this module too

    report = IngestReport()
    try:
        page = fetch_url(url)
        result = read_input(page.body, url=page.url, content_type=page.content_type)
    except IngestError as exc:
        report.add(ItemOutcome(url, "failed", exc.reason))
        return report
    if result.feed_title is not None:
        return ingest_feed_page(url, page, result, enqueue=enqueue)
    _store(result, url, report, enqueue=enqueue)
    return report


def ingest_payload(payload: dict[str, Any], *, enqueue: bool = True) -> ItemOutcome:
    """Ingest one article object from the API (url, title, text or html, published...)."""
    label = str(payload.get("url") or payload.get("title") or "payload") if payload else "payload"
    try:
        parsed = parse_payload(payload)
    except IngestError as exc:
        return ItemOutcome(label, "failed", exc.reason)
    return ingest_parsed(parsed, label=label, enqueue=enqueue)


def wait_for_extraction(
    article_ids: list[int], *, timeout: float, poll_seconds: float = 0.5
) -> list[int]:
    """Wait until every article is done or failed; return the ids still unfinished at timeout."""
    deadline = time.monotonic() + timeout
    while True:
        unfinished = list(
            Article.objects.filter(pk__in=article_ids)
            .exclude(status__in=[Article.Status.DONE, Article.Status.FAILED])
            .values_list("id", flat=True)
        )
        if not unfinished or time.monotonic() >= deadline:
            return unfinished
        time.sleep(poll_seconds)


def is_url(value: str) -> bool:
    """True for anything written as a URL ("scheme://..."); fetching accepts only http(s)."""
    return bool(_URL_SCHEME.match(value))


def _store(result: ReadResult, label: str, report: IngestReport, *, enqueue: bool) -> None:
    for error in result.errors:
        where = f"{label} ({error.where})" if error.where else label
        report.add(ItemOutcome(where, "failed", error.reason))
    many = len(result.articles) > 1
    for index, parsed in enumerate(result.articles, start=1):
        item_label = f"{label} (article {index})" if many else label
        report.add(ingest_parsed(parsed, label=item_label, enqueue=enqueue))
