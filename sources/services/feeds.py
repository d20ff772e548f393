"""Feeds: registering a feed URL, polling with conditional GET, back-off after errors."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sources.errors import IngestError
from sources.fetch import FetchedPage, fetch_url
from sources.models import Article, Feed
from sources.readers import ReadResult, read_input
from sources.readers.metadata import domain_of
from sources.services.articles import get_or_create_outlet, ingest_parsed, normalize_url
from sources.services.outcomes import IngestReport, ItemOutcome

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(days=1)


def ingest_feed_page(
    url: str, page: FetchedPage, result: ReadResult, *, enqueue: bool = True
) -> IngestReport:
    """Create or update the Feed for ``url`` and ingest the entries of an already fetched page."""
    feed, _created = Feed.objects.get_or_create(url=url)
    report = _ingest_entries(feed, result, enqueue=enqueue)
    _record_success(feed, page, result)
    return report


def poll_feed(feed: Feed, *, enqueue: bool = True) -> IngestReport:
    """Fetch a feed (conditional GET), ingest new entries; on error back off exponentially."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        page = fetch_url(feed.url, headers=headers)
        if page.not_modified:
            _record_success(feed, page, None)
            return IngestReport()
        result = read_input(page.body, url=page.url, content_type=page.content_type)
        if result.feed_title is None:
            raise IngestError("the URL no longer serves an RSS/Atom feed")
    except IngestError as exc:
        record_failure(feed, exc.reason)
        report = IngestReport()
        report.add(ItemOutcome(feed.url, "failed", exc.reason))
        return report
    report = _ingest_entries(feed, result, enqueue=enqueue)
    _record_success(feed, page, result)
    return report


def due_feeds() -> list[int]:
    """Ids of active feeds whose next poll time has come, marked as scheduled."""
    now = timezone.now()
    with transaction.atomic():
        feeds = list(
            Feed.objects.select_for_update(skip_locked=True)
            .filter(active=True)
            .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        )
        for feed in feeds:
            # Pushed ahead so the next beat does not enqueue it twice while it is polled.
            feed.next_poll_at = now + timedelta(seconds=feed.poll_interval_seconds)
            feed.save(update_fields=["next_poll_at"])
    return [feed.pk for feed in feeds]


def record_failure(feed: Feed, reason: str) -> None:
    """Count an error and schedule the next poll after an exponential back-off."""
    feed.error_count += 1
    feed.last_error = reason[:2000]
    feed.last_polled_at = timezone.now()
    delay = timedelta(seconds=feed.poll_interval_seconds) * (2 ** min(feed.error_count, 16))
    feed.next_poll_at = feed.last_polled_at + min(delay, MAX_BACKOFF)
    feed.save(update_fields=["error_count", "last_error", "last_polled_at", "next_poll_at"])


def _ingest_entries(feed: Feed, result: ReadResult, *, enqueue: bool) -> IngestReport:
    report = IngestReport()
    for error in result.errors:
        report.add(ItemOutcome(f"{feed.url} ({error.where})", "failed", error.reason))
    for parsed in result.articles:
        report.add(ingest_parsed(parsed, feed=feed, enqueue=enqueue))
    for link in result.links:
        stored = Article.objects.filter(url=normalize_url(link)).values_list("id", flat=True)
        if stored:
            report.add(ItemOutcome(link, "duplicate", f"same as article {stored[0]}", stored[0]))
            continue
        try:
            page = fetch_url(link)
            entry = read_input(page.body, url=link, content_type=page.content_type)
        except IngestError as exc:
            report.add(ItemOutcome(link, "failed", exc.reason))
            continue
        for parsed in entry.articles:
            report.add(ingest_parsed(parsed, label=link, feed=feed, enqueue=enqueue))
    return report


def _record_success(feed: Feed, page: FetchedPage, result: ReadResult | None) -> None:
    now = timezone.now()
    feed.last_polled_at = now
    feed.next_poll_at = now + timedelta(seconds=feed.poll_interval_seconds)
    feed.error_count = 0
    feed.last_error = ""
    if not page.not_modified:
        feed.etag = page.etag[:500]
        feed.last_modified = page.last_modified[:100]
    if result is not None and result.feed_title:
        feed.title = result.feed_title[:500]
    if feed.outlet_id is None:
        feed.outlet = get_or_create_outlet(feed.title, domain_of(feed.url))
    feed.save()
