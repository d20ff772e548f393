"""Counters and first appearance kept on each Claim row, and removal of orphaned claims.

A syndicated copy (``Article.copy_of``) stands for its original: its mention is a link of its own
(``mention_count`` counts it) but it adds no outlet (``outlet_count`` counts the originals'
outlets), and the first appearance is the original's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class _Link:
    """What the counters need of one mention and its article."""

    mention_id: int
    start: int
    rejected: bool
    article_id: int
    published: date | None
    copy_of_id: int | None
    outlet_key: int  # the outlet counted, or minus the article id when it has none

    def first_key(self) -> tuple[date, int, int, int]:
        copy = 1 if self.copy_of_id else 0
        return (self.published or date.max, copy, self.article_id, self.start)


def _links(claim_ids: set[int]) -> dict[int, list[_Link]]:
    """Every mention of the claims (rejected ones included) with what the counters need."""
    found: dict[int, list[_Link]] = {pk: [] for pk in claim_ids}
    rows = Mention.objects.filter(claim_id__in=claim_ids).values_list(
        "claim_id",
        "pk",
        "start",
        "status",
        "article_id",
        "article__published",
        "article__copy_of_id",
        "article__outlet_id",
        "article__copy_of__outlet_id",
    )
    for claim_id, pk, start, status, article, published, copy_of, outlet, copy_outlet in rows:
        # A copy counts its original's outlet (or, with none, the original itself).
        where = (copy_outlet or -copy_of) if copy_of else (outlet or -article)
        found[claim_id].append(
            _Link(pk, start, status == ReviewStatus.REJECTED, article, published, copy_of, where)
        )
    return found


def refresh_claims(claim_ids: Iterable[int]) -> set[int]:
    """Recount mentions and outlets, set first appearance; delete claims left with nothing.

    Returns the ids of the claims that still exist. Two queries for any number of claims, and
    one update per claim whose counters changed.
    """
    alive: set[int] = set()
    claims = list(Claim.objects.filter(pk__in=set(claim_ids)))
    links = _links({c.pk for c in claims})
    for claim in claims:
        every = links[claim.pk]
        if not every and not has_editor_work(claim):
            claim.delete()
            continue
        alive.add(claim.pk)
        counted = [link for link in every if not link.rejected]
        first = min(counted, key=_Link.first_key, default=None)
        values = {
            "mention_count": len(counted),
            "outlet_count": len({link.outlet_key for link in counted}),
            "first_mention_id": first.mention_id if first else None,
            "first_seen": first.published if first else None,
        }
        if any(getattr(claim, field) != value for field, value in values.items()):
            Claim.objects.filter(pk=claim.pk).update(**values)
    return alive
