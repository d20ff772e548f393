"""Storing one ParsedArticle: outlet, de-duplication, near-copy marking, extraction hand-off."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

from sources.models import Article, Feed, Outlet
from sources.parsed import ParsedArticle
from sources.readers.metadata import domain_of
from sources.services import dedupe
from sources.services.outcomes import ItemOutcome

logger = logging.getLogger(__name__)

# Simhash prefilter for near-copies: candidates within this many differing bits get the
# (exact) shingle Jaccard test against REDLINE_NEAR_DUPLICATE_THRESHOLD.
_SIMHASH_MAX_DISTANCE = 12
_MAX_CANDIDATES = 5


def ingest_parsed(
    parsed: ParsedArticle, *, label: str = "", feed: Feed | None = None, enqueue: bool = True
) -> ItemOutcome:
    """Store one article unless it is a duplicate; enqueue its extraction once committed."""
    label = label or parsed.source_file or parsed.url or parsed.title or "article"
    text = parsed.text.replace("\x00", "")
    if not text.strip():
        return ItemOutcome(label, "failed", "no article text")
    url = normalize_url(parsed.url)
    if url and len(url) > 2000:
        return ItemOutcome(label, "failed", "URL longer than 2000 characters")
    digest = dedupe.content_hash(text)
    existing = find_duplicate(url, digest)
    if existing:
        return ItemOutcome(label, "duplicate", f"same as article {existing}", article_id=existing)
    fingerprint = dedupe.simhash(text)
    copy_of = find_near_copy(text, fingerprint)
    outlet = get_or_create_outlet(parsed.outlet, domain_of(url))
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=url,
                source_file=_clean(parsed.source_file, 500) or None,
                content_hash=digest,
                fingerprint=fingerprint,
                title=_clean(parsed.title, 1000),
                outlet=outlet,
                feed=feed,
                author=_clean(parsed.author, 500),
                published=parsed.published,
                text=text,
                raw=parsed.raw.replace("\x00", ""),
                raw_format=parsed.raw_format[:20],
                language=parsed.language[:16],
                boilerplate=[line.replace("\x00", "") for line in parsed.boilerplate],
                copy_of_id=copy_of,
            )
    except IntegrityError:
        # Another process stored the same URL or content between our check and our insert.
        existing = find_duplicate(url, digest)
        if existing is None:
            raise
        return ItemOutcome(label, "duplicate", f"same as article {existing}", article_id=existing)
    if enqueue:
        enqueue_extraction(article.pk)
    return ItemOutcome(label, "ingested", article_id=article.pk, copy_of=copy_of)


def enqueue_extraction(article_id: int) -> None:
    """Hand an article to the extraction task once the current transaction commits."""
    from claims.tasks import extract_article  # claims depends on sources, not the reverse

    transaction.on_commit(partial(_hand_off, extract_article.delay, article_id))


def _hand_off(delay: Callable[[int], object], article_id: int) -> None:
    """Publish the task; with the broker down the article stays pending for the sweeper."""
    from redline.security import TRANSIENT_ERRORS

    try:
        delay(article_id)
    except TRANSIENT_ERRORS as exc:
        # claims.sweep_unfinished (Celery beat) enqueues pending articles once Redis is back.
        logger.warning("article %s stays pending: broker unreachable (%s)", article_id, exc)


def find_duplicate(url: str | None, digest: str) -> int | None:
    """Id of a stored article with the same URL or the same content hash."""
    condition = Q(content_hash=digest)
    if url:
        condition |= Q(url=url)
    return Article.objects.filter(condition).order_by("id").values_list("id", flat=True).first()


def find_near_copy(text: str, fingerprint: int) -> int | None:
    """Id of the first stored article this text is a near-identical copy of, if any."""
    threshold = settings.REDLINE_NEAR_DUPLICATE_THRESHOLD
    distance = RawSQL("bit_count((fingerprint # %s)::bit(64))", (fingerprint,))
    candidates = (
        Article.objects.filter(fingerprint__isnull=False)
        .annotate(distance=distance)
        .filter(distance__lte=_SIMHASH_MAX_DISTANCE)
        .order_by("distance", "id")
        .values_list("id", "copy_of_id", "text")[:_MAX_CANDIDATES]
    )
    mine = dedupe.shingles(text)
    for article_id, original_id, other_text in candidates:
        if dedupe.jaccard(mine, dedupe.shingles(other_text)) >= threshold:
            return original_id or article_id
    return None


def get_or_create_outlet(name: str, domain: str) -> Outlet | None:
    """The outlet with this domain or name, created when new; None when neither is known."""
    name, domain = _clean(name, 200), _clean(domain, 253).lower()
    if not name and not domain:
        return None
    for _attempt in range(3):
        if domain:
            found = Outlet.objects.filter(domain=domain).first()
            if found:
                return found
        if name:
            found = Outlet.objects.filter(name=name).first()
            if found:
                if domain and not found.domain:
                    Outlet.objects.filter(pk=found.pk, domain="").update(domain=domain)
                return found
        try:
            with transaction.atomic():
                return Outlet.objects.create(name=name or domain, domain=domain)
        except IntegrityError:
            continue  # created concurrently: look it up again
    return None


def normalize_url(url: str | None) -> str | None:
    """A URL without surrounding space or fragment, scheme and host lower-cased; None if empty."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip().replace("\x00", ""))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def _clean(value: str | None, limit: int) -> str:
    return (value or "").replace("\x00", "").strip()[:limit]
