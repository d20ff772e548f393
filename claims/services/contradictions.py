"""Suggest ``contradicts`` relations between claims and keep them bounded per claim.

Only relations the pipeline suggested and nobody reviewed are ever changed or removed; a pair an
editor confirmed, rejected or added is left as it is and never suggested again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from claims.models import Claim, ClaimRelation, Mention, Origin, ReviewStatus
from claims.services.contradiction_rules import Side, Verdict, judge

MIN_SCORE = 0.5
_MAX_CANDIDATES = 400
_SENTENCES_PER_SIDE = 3

Pair = tuple[int, int]


def _pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _sides(claims: list[Claim]) -> dict[int, Side]:
    ids = [c.pk for c in claims]
    sentences: dict[int, list[str]] = {}
    articles: dict[int, set[int]] = {}
    rows = (
        Mention.objects.filter(claim_id__in=ids)
        .exclude(status=ReviewStatus.REJECTED)
        .values_list("claim_id", "article_id", "sentence")
        .order_by("claim_id", "id")
    )
    for claim_id, article_id, sentence in rows:
        articles.setdefault(claim_id, set()).add(article_id)
        kept = sentences.setdefault(claim_id, [])
        if len(kept) < _SENTENCES_PER_SIDE and sentence not in kept:
            kept.append(sentence)
    return {
        c.pk: Side(
            speaker_id=c.speaker_id,
            text=" ".join([c.text, *sentences.get(c.pk, [])]),
            kind=c.kind,
            red_line=c.red_line,
            article_ids=frozenset(articles.get(c.pk, set())),
        )
        for c in claims
    }


def _candidates(claim: Claim, article_ids: Iterable[int]) -> list[Claim]:
    window = timedelta(days=settings.REDLINE_CLAIM_DATE_WINDOW_DAYS)
    near = Q(mentions__article_id__in=list(article_ids))
    when = claim.said_on or claim.first_seen
    if when is not None:
        near |= Q(said_on__range=(when - window, when + window))
        near |= Q(said_on__isnull=True, first_seen__range=(when - window, when + window))
    return list(
        Claim.objects.filter(near, merged_into__isnull=True)
        .exclude(pk=claim.pk)
        .exclude(speaker_id=claim.speaker_id)
        .distinct()
        .order_by("-first_seen", "-id")[:_MAX_CANDIDATES]
    )


def _verdicts(claims: list[Claim]) -> dict[Pair, Verdict]:
    own_sides = _sides(claims)
    found: dict[Pair, Verdict] = {}
    for claim in claims:
        side = own_sides[claim.pk]
        others = _candidates(claim, side.article_ids)
        other_sides = _sides(others)
        for other in others:
            verdict = judge(side, other_sides[other.pk])
            if verdict is None or verdict.score < MIN_SCORE:
                continue
            key = _pair(claim.pk, other.pk)
            if key not in found or found[key].score < verdict.score:
                found[key] = verdict
    return found


def _is_frozen(relation: ClaimRelation) -> bool:
    return relation.origin == Origin.EDITOR or relation.status != ReviewStatus.SUGGESTED


def _contradiction_counts(ids: set[int]) -> dict[int, int]:
    counts = dict.fromkeys(ids, 0)
    rows = (
        ClaimRelation.objects.filter(type=ClaimRelation.Type.CONTRADICTS)
        .filter(Q(source_id__in=ids) | Q(target_id__in=ids))
        .exclude(status=ReviewStatus.REJECTED)
        .values_list("source_id", "target_id")
    )
    for source, target in rows:
        for end in (source, target):
            if end in counts:
                counts[end] += 1
    return counts


def refresh_contradiction_counts(ids: Iterable[int]) -> None:
    """Store on each claim how many non-rejected contradictions it takes part in."""
    for claim_id, count in _contradiction_counts(set(ids)).items():
        Claim.objects.filter(pk=claim_id).exclude(contradiction_count=count).update(
            contradiction_count=count
        )


def suggest_contradictions(claim_ids: Iterable[int]) -> int:
    """Re-derive the pipeline's contradiction suggestions for these claims; returns how many."""
    claims = list(Claim.objects.filter(pk__in=set(claim_ids), merged_into__isnull=True))
    if not claims:
        return 0
    own = {c.pk for c in claims}
    wanted = _verdicts(claims)
    existing: dict[Pair, ClaimRelation] = {}
    relations = ClaimRelation.objects.filter(type=ClaimRelation.Type.CONTRADICTS).filter(
        Q(source_id__in=own) | Q(target_id__in=own)
    )
    for row in relations:
        existing[_pair(row.source_id, row.target_id)] = row
    stale = [r.pk for key, r in existing.items() if not _is_frozen(r) and key not in wanted]
    ClaimRelation.objects.filter(pk__in=stale).delete()

    touched = own | {end for key in wanted for end in key}
    counts = _contradiction_counts(touched)
    limit = settings.REDLINE_MAX_CONTRADICTIONS_PER_CLAIM
    kept = 0
    for key, verdict in sorted(wanted.items(), key=lambda item: (-item[1].score, item[0])):
        relation = existing.get(key)
        if relation is not None:
            if not _is_frozen(relation):
                if (relation.score, relation.evidence) != (verdict.score, verdict.evidence):
                    relation.score, relation.evidence = verdict.score, verdict.evidence
                    relation.save(update_fields=["score", "evidence"])
                kept += 1
            continue
        if counts[key[0]] >= limit or counts[key[1]] >= limit:
            continue
        ClaimRelation.objects.create(
            source_id=key[0],
            target_id=key[1],
            type=ClaimRelation.Type.CONTRADICTS,
            score=verdict.score,
            evidence=verdict.evidence[:2000],
            origin=Origin.PIPELINE,
            status=ReviewStatus.SUGGESTED,
        )
        counts[key[0]] += 1
        counts[key[1]] += 1
        kept += 1
    refresh_contradiction_counts(touched | {end for key in existing for end in key})
    return kept
