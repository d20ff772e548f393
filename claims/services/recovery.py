"""Recovery sweep: articles a lost hand-off left pending, or a dead worker left processing."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from claims.services.locks import try_lock_articles, unlock_articles
from sources.models import Article


def unfinished_articles(*, grace_seconds: float = 600.0, limit: int = 1000) -> list[int]:
    """Pending articles older than the grace period, and processing ones no live worker holds."""
    cutoff = timezone.now() - timedelta(seconds=grace_seconds)
    rows = Article.objects.filter(
        Q(status=Article.Status.PENDING, updated_at__lt=cutoff)
        | Q(status=Article.Status.PROCESSING, updated_at__lt=cutoff)
    )
    candidates = list(rows.order_by("id").values_list("pk", "status")[:limit])
    processing = [pk for pk, status in candidates if status == Article.Status.PROCESSING]
    # A processing article whose lock is free was left by a worker that died.
    free = try_lock_articles(processing)
    unlock_articles(free)
    orphaned = set(free)
    return [pk for pk, status in candidates if status == Article.Status.PENDING or pk in orphaned]
