"""Counters and first appearance kept on each Claim row, and removal of orphaned claims.

A syndicated copy (``Article.copy_of``) stands for its original: its mention is a link of its own
(``mention_count`` counts it) but it adds no outlet (``outlet_count`` counts the originals'
outlets), and the first appearance is the original's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from claims.models import Claim, ClaimRelation, Mention, Origin, ReviewStatus


def has_editor_work(claim: Claim) -> bool:
    """Whether an editor touched the claim, so it must outlive its last pipeline mention."""
    if claim.locked_fields or claim.review_status != ReviewStatus.SUGGESTED:
        return True
    if claim.merged_claims.exists():
        return True
    return (
        ClaimRelation.objects.filter(Q(source=claim) | Q(target=claim))
        .filter(Q(origin=Origin.EDITOR) | ~Q(status=ReviewStatus.SUGGESTED))
        .exists()
    )


def _first_key(mention: Mention) -> tuple[date, int, int, int]:
    article = mention.article
    published = article.published or date.max
    return (published, 1 if article.copy_of_id else 0, article.pk, mention.start)


def refresh_claims(claim_ids: Iterable[int]) -> set[int]:
    """Recount mentions and outlets, set first appearance; delete claims left with nothing.

    Returns the ids of the claims that still exist.
    """
    alive: set[int] = set()
    for claim in Claim.objects.filter(pk__in=set(claim_ids)):
        mentions = list(
            claim.mentions.exclude(status=ReviewStatus.REJECTED).select_related(
                "article", "article__copy_of"
            )
        )
        if not claim.mentions.exists() and not has_editor_work(claim):
            claim.delete()
            continue
        alive.add(claim.pk)
        outlets = {
            (m.article.copy_of.outlet_id if m.article.copy_of else m.article.outlet_id)
            or -(m.article.copy_of_id or m.article_id)
            for m in mentions
        }
        first = min(mentions, key=_first_key, default=None)
        values = {
            "mention_count": len(mentions),
            "outlet_count": len(outlets),
            "first_mention_id": first.pk if first else None,
            "first_seen": first.article.published if first else None,
        }
        if any(getattr(claim, field) != value for field, value in values.items()):
            Claim.objects.filter(pk=claim.pk).update(**values)
    return alive
