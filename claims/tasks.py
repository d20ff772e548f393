"""Celery tasks of the claims app; they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from claims.services.processing import process_article


@shared_task(name="claims.extract_article", acks_late=True)
def extract_article(article_id: int) -> None:
    """Extract statements from one stored article."""
    process_article(article_id)
