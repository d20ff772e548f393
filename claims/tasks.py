"""Celery tasks of the claims app; they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from claims.services.processing import process_article, process_articles, reprocess_articles
from claims.services.recovery import unfinished_articles
from redline.task_policy import RETRY_POLICY


@shared_task(name="claims.extract_article", **RETRY_POLICY)
def extract_article(article_id: int) -> None:
    """Extract statements from one stored article."""
    process_article(article_id)


@shared_task(name="claims.extract_articles", **RETRY_POLICY)
def extract_articles(article_ids: list[int]) -> dict[str, list[int]]:
    """Extract a batch of stored articles through one ``nlp.pipe`` stream."""
    report = process_articles(article_ids)
    return {"done": report.done, "failed": report.failed, "skipped": report.skipped}


@shared_task(name="claims.reprocess_articles", **RETRY_POLICY)
def reprocess(article_ids: list[int]) -> dict[str, list[int]]:
    """Re-run extraction on chosen articles; editors' links and decisions are kept."""
    report = reprocess_articles(article_ids)
    return {"done": report.done, "failed": report.failed, "skipped": report.skipped}


@shared_task(name="claims.sweep_unfinished", **RETRY_POLICY)
def sweep_unfinished(grace_seconds: float = 600.0) -> int:
    """Enqueue articles a lost hand-off or a dead worker left unfinished (Celery beat)."""
    ids = unfinished_articles(grace_seconds=grace_seconds)
    if ids:
        extract_articles.delay(ids)
    return len(ids)
