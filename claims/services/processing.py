"""Run extraction over stored articles and record the outcome on each article.

Texts go through ``nlp.pipe`` in batches of ``REDLINE_EXTRACT_BATCH_SIZE``; each article is
stored in its own transaction and marked done, or failed with the reason. A failure in one
article (in extraction or in storing) never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from claims.extraction.extract import ArticleInput, extract_article, extract_articles
from claims.extraction.nlp import get_nlp
from claims.extraction.types import ArticleExtraction
from claims.services.storing import store_extraction
from sources.models import Article

logger = logging.getLogger(__name__)


@dataclass
class ProcessReport:
    """How many articles a run finished, failed or skipped (already being processed)."""

    done: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


def _claim(article_ids: Iterable[int], force: bool) -> list[int]:
    """Mark articles processing; those another worker is processing are left alone."""
    wanted = list(dict.fromkeys(article_ids))
    rows = Article.objects.filter(pk__in=wanted)
    if not force:
        rows = rows.exclude(status=Article.Status.PROCESSING)
    claimed = set(rows.values_list("pk", flat=True))
    Article.objects.filter(pk__in=claimed).update(
        status=Article.Status.PROCESSING, error="", attempts=F("attempts") + 1
    )
    return [pk for pk in wanted if pk in claimed]


def _fail(article_id: int, reason: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=reason[:2000], processed_at=timezone.now()
    )


def _store_one(article: Article, extraction: ArticleExtraction, report: ProcessReport) -> None:
    try:
        store_extraction(article, extraction)
    except Exception as exc:
        logger.exception("storing the extraction of article %s failed", article.pk)
        _fail(article.pk, f"storing failed: {type(exc).__name__}: {exc}")
        report.failed.append(article.pk)
        return
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.DONE, error="", processed_at=timezone.now()
    )
    report.done.append(article.pk)


def _extract_each(
    articles: Sequence[Article],
) -> Iterator[tuple[Article, ArticleExtraction | Exception]]:
    """Batched extraction; when a batch fails, its articles are retried one by one."""
    nlp = get_nlp(settings.REDLINE_SPACY_MODEL)
    items = [ArticleInput(a.text, a.published, a.title) for a in articles]
    try:
        extractions = list(extract_articles(items, nlp, settings.REDLINE_EXTRACT_BATCH_SIZE))
    except Exception:
        logger.exception("batched extraction failed; retrying article by article")
    else:
        yield from zip(articles, extractions, strict=True)
        return
    for article in articles:
        try:
            yield (
                article,
                extract_article(article.text, article.published, title=article.title, nlp=nlp),
            )
        except Exception as exc:
            logger.exception("extraction failed for article %s", article.pk)
            yield article, exc


def process_articles(article_ids: Iterable[int], *, force: bool = False) -> ProcessReport:
    """Extract and store the given articles; never raises for a bad article."""
    report = ProcessReport()
    ids = list(article_ids)
    claimed = _claim(ids, force)
    report.skipped = [pk for pk in ids if pk not in set(claimed)]
    batch = max(1, settings.REDLINE_EXTRACT_BATCH_SIZE)
    for offset in range(0, len(claimed), batch):
        chunk = claimed[offset : offset + batch]
        articles = list(Article.objects.filter(pk__in=chunk).order_by("published", "id"))
        for article, extraction in _extract_each(articles):
            if isinstance(extraction, Exception):
                _fail(article.pk, f"extraction failed: {type(extraction).__name__}: {extraction}")
                report.failed.append(article.pk)
            else:
                _store_one(article, extraction, report)
    return report


def process_article(article_id: int) -> None:
    """Extract one article; mark it done, or failed with the reason (never raises for bad text)."""
    process_articles([article_id])


def reprocess_ids(*, all_articles: bool = False, failed: bool = False) -> list[int]:
    """The ids a re-run covers: every article, or the failed ones, oldest first."""
    rows = Article.objects.all()
    if failed and not all_articles:
        rows = rows.filter(status=Article.Status.FAILED)
    return list(rows.order_by("published", "id").values_list("pk", flat=True))


def reprocess_articles(article_ids: Iterable[int]) -> ProcessReport:
    """Re-run extraction on chosen articles: pipeline mentions replaced, editors' work kept."""
    return process_articles(article_ids, force=True)
