"""Retrying articles whose extraction failed."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from sources.models import Article
from sources.services.articles import enqueue_extraction


def retry_failed(article_ids: Iterable[int] | None = None) -> list[int]:
    """Set failed articles (all, or those given) back to pending and enqueue them again."""
    failed = Article.objects.filter(status=Article.Status.FAILED)
    if article_ids is not None:
        failed = failed.filter(pk__in=list(article_ids))
    with transaction.atomic():
        ids = list(failed.select_for_update().values_list("id", flat=True))
        Article.objects.filter(pk__in=ids).update(status=Article.Status.PENDING, error="")
        for article_id in ids:
            enqueue_extraction(article_id)
    return ids
