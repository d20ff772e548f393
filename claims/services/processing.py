"""Run extraction over stored articles and record the outcome on each article.

Texts go through ``nlp.pipe`` in batches of ``REDLINE_EXTRACT_BATCH_SIZE``; the batch's
statement vectors and article leads are then embedded at once, before any lock; each article is
stored (claims/services/storing.py), the batch's contradictions are suggested together, and its
articles are marked done, or failed with the reason. A failure in one article (in extraction or
in storing) never stops the others.

Workers lose nothing: an article is held through a PostgreSQL session lock while a run works on
it (claims/services/locks.py), so a worker killed mid-batch leaves its articles free for the
redelivered task; storing takes the actor lock to resolve actors and its speakers' locks to
store claims, so concurrent runs create one actor and one claim, and runs quoting different
speakers store at once; an unreachable database is raised (the task retries), never recorded as
the article's failure.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.db.models import F
from django.utils import timezone

from claims.extraction.extract import ArticleInput, extract_article, extract_articles
from claims.extraction.nlp import get_nlp
from claims.extraction.types import ArticleExtraction
from claims.services.contradictions import remember_articles, suggest_contradictions
from claims.services.embeddings import Vectors
from claims.services.locks import try_lock_articles, unlock_articles
from claims.services.storing import statement_vectors, store_extraction
from sources.models import Article

logger = logging.getLogger(__name__)


@dataclass
class ProcessReport:
    """How many articles a run finished, failed or skipped (already being processed)."""

    done: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


# The database is gone for a while: the task retries; the article is not marked failed.
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)


def _claim(article_ids: Iterable[int], force: bool) -> list[int]:
    """Lock and mark articles processing; those another live worker holds are left alone.

    An article left "processing" by a worker that died is taken again: its lock went with the
    dead worker's connection. ``force`` is kept for callers; the lock alone decides.
    """
    wanted = list(dict.fromkeys(article_ids))
    existing = set(Article.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    claimed = set(try_lock_articles([pk for pk in wanted if pk in existing]))
    Article.objects.filter(pk__in=claimed).update(
        status=Article.Status.PROCESSING, error="", attempts=F("attempts") + 1
    )
    return [pk for pk in wanted if pk in claimed]


def _fail(article_id: int, reason: str) -> None:
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.FAILED, error=reason[:2000], processed_at=timezone.now()
    )


def _release(article_ids: list[int]) -> None:
    try:
        unlock_articles(article_ids)
    except DatabaseError:
        # A broken connection or transaction: the server drops the session's locks itself.
        logger.warning("could not release article locks %s", article_ids[:20])


def _store_one(
    article: Article,
    extraction: ArticleExtraction,
    vectors: Vectors | None,
    report: ProcessReport,
) -> set[int] | None:
    """Store one article's extraction; the claims it touched, or None when it failed (the
    article is then marked failed)."""
    try:
        result = store_extraction(article, extraction, vectors=vectors, contradictions=False)
    except TRANSIENT_DB_ERRORS:
        raise
    except Exception as exc:
        logger.exception("storing the extraction of article %s failed", article.pk)
        _fail(article.pk, f"storing failed: {type(exc).__name__}: {exc}")
        report.failed.append(article.pk)
        return None
    return result.claim_ids


def _finish(claim_ids: set[int], stored: list[int], report: ProcessReport) -> None:
    """Suggest contradictions for the claims a batch's stored articles touched, then mark those
    articles done; when suggesting fails they are marked failed (a retry derives it all again).

    The batch's claims are judged together: they share most of their candidates, which are
    then loaded once.
    """
    try:
        suggest_contradictions(claim_ids)
    except TRANSIENT_DB_ERRORS:
        raise
    except Exception as exc:
        logger.exception("suggesting contradictions for articles %s failed", stored[:20])
        for pk in stored:
            _fail(pk, f"suggesting contradictions failed: {type(exc).__name__}: {exc}")
        report.failed.extend(stored)
        return
    Article.objects.filter(pk__in=stored).update(
        status=Article.Status.DONE, error="", processed_at=timezone.now()
    )
    report.done.extend(stored)


def _extract_each(
    articles: Sequence[Article],
) -> Iterator[tuple[Article, ArticleExtraction | Exception]]:
    """Batched extraction; when a batch fails, its articles are retried one by one."""
    nlp = get_nlp(settings.REDLINE_SPACY_MODEL)
    items = [ArticleInput(a.text, a.published, a.title) for a in articles]
    try:
        extractions = list(extract_articles(items, nlp, settings.REDLINE_EXTRACT_BATCH_SIZE))
    except SoftTimeLimitExceeded:
        raise
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
        except SoftTimeLimitExceeded:
            raise
        except Exception as exc:
            logger.exception("extraction failed for article %s", article.pk)
            yield article, exc


def _embed_ahead(
    extracted: list[tuple[Article, ArticleExtraction | Exception]],
) -> dict[int, Vectors]:
    """The batch's statement vectors by article, and its leads cached, in one model run each.

    Done before storing takes any lock; on failure storing embeds each article itself.
    """
    good = [(a, e) for a, e in extracted if not isinstance(e, Exception)]
    try:
        remember_articles(a for a, _ in good)
        vectors = statement_vectors([e for _, e in good])
    except SoftTimeLimitExceeded:
        raise
    except Exception:
        logger.exception("embedding the batch failed; storing embeds article by article")
        return {}
    return {a.pk: v for (a, _), v in zip(good, vectors, strict=True)}


def process_articles(article_ids: Iterable[int], *, force: bool = False) -> ProcessReport:
    """Extract and store the given articles; never raises for a bad article."""
    report = ProcessReport()
    ids = list(article_ids)
    claimed = _claim(ids, force)
    report.skipped = [pk for pk in ids if pk not in set(claimed)]
    batch = max(1, settings.REDLINE_EXTRACT_BATCH_SIZE)
    try:
        for offset in range(0, len(claimed), batch):
            chunk = claimed[offset : offset + batch]
            articles = list(Article.objects.filter(pk__in=chunk).order_by("published", "id"))
            extracted = list(_extract_each(articles))
            vectors = _embed_ahead(extracted)
            touched: set[int] = set()
            stored: list[int] = []
            for article, extraction in extracted:
                if isinstance(extraction, Exception):
                    reason = f"extraction failed: {type(extraction).__name__}: {extraction}"
                    _fail(article.pk, reason)
                    report.failed.append(article.pk)
                    continue
                claim_ids = _store_one(article, extraction, vectors.get(article.pk), report)
                if claim_ids is not None:
                    touched |= claim_ids
                    stored.append(article.pk)
            _finish(touched, stored, report)
    except SoftTimeLimitExceeded:
        # Out of time: what is left is marked failed (retry_failed picks it up), not lost.
        finished = {*report.done, *report.failed}
        for pk in claimed:
            if pk not in finished:
                _fail(pk, "interrupted: the task's time limit was reached")
        raise
    finally:
        _release(claimed)
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
