"""Celery tasks of the sources app; they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from redline.task_policy import RETRY_POLICY
from sources.models import Feed
from sources.services.feeds import due_feeds
from sources.services.feeds import poll_feed as poll_feed_service


@shared_task(name="sources.poll_due_feeds", **RETRY_POLICY)
def poll_due_feeds() -> int:
    """Enqueue a poll of every feed that is due (run by Celery beat); return how many."""
    ids = due_feeds()
    for feed_id in ids:
        poll_feed.delay(feed_id)
    return len(ids)


@shared_task(name="sources.poll_feed", **RETRY_POLICY)
def poll_feed(feed_id: int) -> None:
    """Poll one feed and ingest its new entries."""
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is not None:
        poll_feed_service(feed)
