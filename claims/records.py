"""The JSON claim record of design.md, shared by exports, the API and evaluation.

``claim_record`` reads only what ``with_record_relations`` prefetches, so N claims cost a
constant number of queries. Rejected mentions and relations are left out of records.
"""

from __future__ import annotations

import os
from typing import Any

from django.db.models import Prefetch, QuerySet

from claims.models import Claim, ClaimRelation, DatePrecision, Mention, ReviewStatus
from sources.models import Article

ClaimRecord = dict[str, Any]

RECORD_KEYS = (
    "id",
    "text",
    "speaker",
    "said_on",
    "said_on_precision",
    "red_line",
    "kind",
    "red_line_about",
    "mentions",
    "relations",
)


# Columns a list or record never shows: the matching vector and the search indexes' input.
HEAVY_CLAIM_FIELDS = ("embedding", "search_vector", "sources_vector")


# Where with_record_relations puts each claim's prefetched rows.
_MENTIONS, _RELATIONS_OUT, _RELATIONS_IN = (
    "record_mentions",
    "record_relations_out",
    "record_relations_in",
)


def with_record_relations(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Prefetch speaker, mentions (with article and outlet) and relations in both directions."""
    mentions = (
        Mention.objects.exclude(status=ReviewStatus.REJECTED)
        .select_related("article__outlet")
        # A record needs the article's metadata, never its (large) text and raw input.
        .defer("article__text", "article__raw", "article__boilerplate")
        .order_by("article__published", "article_id", "start", "id")
    )
    relations = ClaimRelation.objects.exclude(status=ReviewStatus.REJECTED).order_by("id")
    return (
        claims.select_related("speaker")
        .defer(*HEAVY_CLAIM_FIELDS)
        # Into plain lists (to_attr): prefetching into the related managers clones the queryset
        # once per claim and row kind, 150 clones for a page of 50, a quarter of a page's Python.
        .prefetch_related(
            Prefetch("mentions", queryset=mentions, to_attr=_MENTIONS),
            Prefetch("relations_out", queryset=relations, to_attr=_RELATIONS_OUT),
            Prefetch("relations_in", queryset=relations, to_attr=_RELATIONS_IN),
        )
    )


def _rows(claim: Claim, prefetched: str, manager: str) -> list[Any]:
    """The rows ``with_record_relations`` put on the claim, else the related manager's rows."""
    rows = getattr(claim, prefetched, None)
    return list(getattr(claim, manager).all()) if rows is None else rows


def claim_relations(claim: Claim) -> list[ClaimRelation]:
    """The claim's relations in both directions (rejected ones included when not prefetched)."""
    return [
        *_rows(claim, _RELATIONS_OUT, "relations_out"),
        *_rows(claim, _RELATIONS_IN, "relations_in"),
    ]


def exportable_claims() -> QuerySet[Claim]:
    """Claims that stand on their own (not merged into another), in a stable id order."""
    return with_record_relations(Claim.objects.filter(merged_into__isnull=True).order_by("id"))


def format_said_on(claim: Claim) -> str | None:
    """The date said at its precision: YYYY-MM-DD, YYYY-MM, YYYY, or None when unknown."""
    value = claim.said_on
    if value is None or claim.said_on_precision == DatePrecision.UNKNOWN:
        return None
    if claim.said_on_precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if claim.said_on_precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def article_record(article: Article) -> dict[str, Any]:
    """The source metadata of one article, as a mention carries it."""
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet.name if article.outlet is not None else None,
        "published": article.published.isoformat() if article.published else None,
        "file": os.path.basename(article.source_file) if article.source_file else None,
    }


def mention_record(mention: Mention) -> dict[str, Any]:
    """One source link of a claim: the article and the exact sentence with its offsets."""
    return {
        "article": article_record(mention.article),
        "sentence": mention.sentence,
        "start": mention.start,
        "end": mention.end,
        "status": mention.status,
    }


def claim_mentions(claim: Claim) -> list[Mention]:
    """The claim's mentions that are not rejected, oldest article first."""
    mentions = _rows(claim, _MENTIONS, "mentions")
    kept = [m for m in mentions if m.status != ReviewStatus.REJECTED]
    return sorted(kept, key=_mention_order)


def _mention_order(mention: Mention) -> tuple[str, int, int, int]:
    published = mention.article.published
    return (
        published.isoformat() if published else "9999",
        mention.article_id,
        mention.start,
        mention.pk,
    )


def relation_records(claim: Claim) -> list[dict[str, Any]]:
    """Relations in both directions, each naming the other claim's id."""
    records: list[dict[str, Any]] = []
    links = [
        (r, r.target_id if r.source_id == claim.pk else r.source_id) for r in claim_relations(claim)
    ]
    for relation, other in sorted(links, key=lambda pair: pair[0].pk):
        if relation.status == ReviewStatus.REJECTED:
            continue
        records.append(
            {
                "type": relation.type,
                "claim": other,
                "score": round(relation.score, 4),
                "status": relation.status,
            }
        )
    return records


def claim_record(claim: Claim) -> ClaimRecord:
    """The design.md JSON record of one claim."""
    speaker = claim.speaker
    return {
        "id": claim.pk,
        "text": claim.text,
        "speaker": (
            {"id": speaker.pk, "name": speaker.name, "kind": speaker.kind}
            if speaker is not None
            else None
        ),
        "said_on": format_said_on(claim),
        "said_on_precision": claim.said_on_precision,
        "red_line": claim.red_line,
        "kind": claim.kind,
        "red_line_about": (claim.red_line_about or None) if claim.red_line else None,
        "mentions": [mention_record(m) for m in claim_mentions(claim)],
        "relations": relation_records(claim),
    }
