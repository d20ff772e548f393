"""Suggest ``contradicts`` relations between claims and keep them bounded per claim.

Only relations the pipeline suggested and nobody reviewed are ever changed or removed; a pair an
editor confirmed, rejected or added is left as it is and never suggested again. The verdicts are
worked out before any lock; only the writes hold the relation lock and the claims' speakers' locks
(claims/services/locks.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from claims.models import (
    Actor,
    ActorAlias,
    ArticleLead,
    Claim,
    ClaimRelation,
    Mention,
    Origin,
    ReviewStatus,
)
from claims.services.contradiction_rules import (
    Side,
    Verdict,
    judge,
    name_words,
    opening_names,
    role_keys,
    speaker_parties,
)
from claims.services.embeddings import embed
from claims.services.locks import lock_relations, lock_speakers
from sources.models import Article

MIN_SCORE = 0.42
# Denials are many and often generic ("all lies"): they need a closer topic to be suggested.
MIN_SCORE_BY_RULE = {"denial": 0.47}
# Pairs neither in one article nor in articles that tell one story (``_closeness``) are about two
# events: two sides blaming each other for different attacks do not dispute each other.
MIN_CLOSENESS = 0.3
_MAX_CANDIDATES = 400
_SAID_ORDER = F("said_on").desc(nulls_last=True)
_SENTENCES_PER_SIDE = 3
# The lead of an article says what story it tells; two articles on one story make their
# statements related even when the statements share few words.
_LEAD_CHARS = 300

Pair = tuple[int, int]
Day = date | None


def _pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _sides(claims: Iterable[Claim], known: frozenset[str]) -> dict[int, Side]:
    claims = list(claims)
    ids = [c.pk for c in claims]
    sentences: dict[int, list[str]] = {}
    contents: dict[int, list[str]] = {}
    cues: dict[int, set[str]] = {}
    articles: dict[int, set[int]] = {}
    rows = (
        Mention.objects.filter(claim_id__in=ids)
        .exclude(status=ReviewStatus.REJECTED)
        .values_list("claim_id", "article_id", "sentence", "content", "cue")
        .order_by("claim_id", "id")
    )
    for claim_id, article_id, sentence, content, cue in rows:
        articles.setdefault(claim_id, set()).add(article_id)
        if cue:
            cues.setdefault(claim_id, set()).add(cue.casefold())
        kept = sentences.setdefault(claim_id, [])
        if len(kept) < _SENTENCES_PER_SIDE and sentence not in kept:
            kept.append(sentence)
        said = contents.setdefault(claim_id, [])
        if content and len(said) < _SENTENCES_PER_SIDE and content not in said:
            said.append(content)
    speakers = {c.speaker_id for c in claims if c.speaker_id is not None}
    names: dict[int, str] = {}
    stands_for: dict[int, frozenset[str]] = {}
    roles: dict[int, frozenset[str]] = {}
    aliases: dict[int, list[str]] = {}
    for actor, alias in ActorAlias.objects.filter(actor_id__in=speakers).values_list(
        "actor_id", "alias"
    ):
        aliases.setdefault(actor, []).append(alias)
    for pk, name, role in Actor.objects.filter(pk__in=speakers).values_list("pk", "name", "role"):
        names[pk] = name
        stands_for[pk] = speaker_parties(name, role, aliases.get(pk, []))
        roles[pk] = role_keys(role)
    sides = {}
    for c in claims:
        said = [c.text, *(x for x in contents.get(c.pk, []) if x != c.text)]
        sides[c.pk] = Side(
            speaker_id=c.speaker_id,
            text=" ".join([*said, *sentences.get(c.pk, [])]),
            kind=c.kind,
            red_line=c.red_line,
            article_ids=frozenset(articles.get(c.pk, set())),
            content=" ".join(said),
            cues=frozenset(cues.get(c.pk, set())),
            names=opening_names(" ".join(said), known),
            speaker_words=name_words(names.get(c.speaker_id or 0, "")),
            speaker_parties=stands_for.get(c.speaker_id or 0, frozenset()),
            speaker_role=roles.get(c.speaker_id or 0, frozenset()),
        )
    return sides


def _known_names() -> frozenset[str]:
    """First words of the countries' and organisations' names, as ``parties`` keys them."""
    kinds = (Actor.Kind.COUNTRY, Actor.Kind.ORGANIZATION)
    names = Actor.objects.filter(kind__in=kinds).values_list("name", flat=True)
    return frozenset(name.split()[0].casefold()[:4] for name in names if name.split())


Row = tuple[int, Day, Day]


def _candidate_rows(
    claim: Claim, article_ids: Iterable[int], shared: dict[Any, list[Row]] | None = None
) -> list[Row]:
    """(id, said_on, first_seen) of the claims the claim could dispute, newest first seen first:
    its articles', and those said near its date or undated (the newest claims when the claim
    itself has no date).

    Each kind is its own query that an index serves in order and stops at the limit: one query
    ORing them, joined to the mentions, sorted every claim in the table (1.3 s at 1M claims).
    The date queries depend on the claim's date alone: ``shared`` keeps their rows for the
    other claims of a batch, most of which share a date.
    """
    days = max(
        settings.REDLINE_CLAIM_DATE_WINDOW_DAYS,
        settings.REDLINE_CONTRADICTION_WINDOW_DAYS,
    )
    window = timedelta(days=days)
    alive = Claim.objects.filter(merged_into__isnull=True)
    columns = ("pk", "said_on", "first_seen")
    limit = _MAX_CANDIDATES
    cache: dict[Any, list[Row]] = {} if shared is None else shared

    def rows(key: Any, query: Any) -> list[Row]:
        # One more than the limit: the claim itself may be among them.
        if key not in cache:
            cache[key] = list(query.values_list(*columns)[: limit + 1])
        return cache[key]

    found = set(
        alive.filter(mentions__article_id__in=list(article_ids)).values_list(*columns).distinct()
    )
    when = claim.said_on or claim.first_seen
    if when is None:
        # A claim from pages that show no date at all may answer anything: the newest claims.
        found.update(rows("newest", alive.order_by("-id")))
    else:
        span = (when - window, when + window)
        said = alive.filter(said_on__range=span)  # index claim_said_id
        found.update(rows(("said", when), said.order_by(_SAID_ORDER, "-id")))
        undated = alive.filter(said_on__isnull=True)  # index claim_unsaid_seen
        seen = undated.filter(first_seen__range=span).order_by("-first_seen", "-id")
        found.update(rows(("seen", when), seen))
    never = alive.filter(said_on__isnull=True, first_seen__isnull=True).order_by("-id")
    found.update(rows("never dated", never))
    found = {row for row in found if row[0] != claim.pk}
    # Newest first seen first (undated last), as the lists read.
    ranked = sorted(found, key=lambda row: (row[2] is not None, row[2] or date.min, row[0]))
    return ranked[::-1][:limit]


def _lead(title: str, text: str) -> str:
    return f"{title}. {text[:_LEAD_CHARS]}".strip()


def remember_articles(articles: Iterable[Article]) -> dict[int, Any]:
    """Embed these articles' titles and leads (one batch, before any storing lock), keep the
    vectors (``ArticleLead``, replacing older ones) and return them by article id."""
    articles = list(articles)
    if not articles:
        return {}
    vectors = dict(
        zip(
            [a.pk for a in articles], embed([_lead(a.title, a.text) for a in articles]), strict=True
        )
    )
    ArticleLead.objects.bulk_create(
        [ArticleLead(article_id=pk, vector=v) for pk, v in vectors.items()],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["vector"],
    )
    return vectors


def _article_vectors(ids: set[int]) -> dict[int, Any]:
    """Unit vectors of the articles' titles and leads (embedded and kept now for the articles
    that have none yet)."""
    found = dict(ArticleLead.objects.filter(article_id__in=ids).values_list("article_id", "vector"))
    missing = [pk for pk in ids if pk not in found]
    if missing:
        found |= remember_articles(
            Article.objects.filter(pk__in=missing).only("pk", "title", "text")
        )
    return found


def _scaled(cosine: float, low: float, high: float) -> float:
    return float(min(1.0, max(0.0, (cosine - low) / (high - low))))


def _story(one: frozenset[int], other: frozenset[int], articles: dict[int, Any]) -> float:
    """The closest cosine of two statements' articles' leads (0 when unknown)."""
    return max(
        (
            float(np.dot(articles[x], articles[y]))
            for x in one
            for y in other
            if x != y and x in articles and y in articles
        ),
        default=0.0,
    )


def _relatedness(one: Claim, other: Claim, a: Side, b: Side, articles: dict[int, Any]) -> float:
    """0-1 from vectors: the two statements' cosine, and their articles' (one story or not)."""
    related = 0.0
    if one.embedding is not None and other.embedding is not None:
        cosine = float(np.dot(one.embedding, other.embedding))
        related = _scaled(cosine, 0.3, 0.7)
    # A shared story is weaker evidence than a shared article (which the rules count as 0.3) unless
    # the two articles' leads are very close.
    story = _story(a.article_ids, b.article_ids, articles)
    return min(1.0, related + 0.35 * _scaled(story, 0.45, 0.75))


def _closeness(
    one: Dated, other: Dated, articles: dict[int, Any], story: float | None = None
) -> float:
    """0-1: how surely the two speak of one event: one article or close leads (statements alike
    in words may be about two events), and dates near each other. ``story`` is ``_story`` of
    the two, when already known."""
    shared = bool(one.article_ids & other.article_ids)
    if story is None and not shared:
        story = _story(one.article_ids, other.article_ids, articles)
    event = 1.0 if shared else _scaled(story or 0.0, 0.35, 0.75)
    near = 0.5
    if one.when is not None and other.when is not None:
        days = abs((one.when - other.when).days)
        near = 1.0 - min(1.0, days / max(1, settings.REDLINE_CONTRADICTION_WINDOW_DAYS))
    return 0.75 * event + 0.25 * near


@dataclass(frozen=True)
class Dated:
    """What closeness needs of a claim: its articles and its date (said, else first seen)."""

    article_ids: frozenset[int]
    when: date | None


def _claim_articles(ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """The articles of each claim's non-rejected mentions."""
    found: dict[int, set[int]] = {}
    rows = (
        Mention.objects.filter(claim_id__in=list(ids))
        .exclude(status=ReviewStatus.REJECTED)
        .values_list("claim_id", "article_id")
    )
    for claim_id, article_id in rows:
        found.setdefault(claim_id, set()).add(article_id)
    return {pk: frozenset(articles) for pk, articles in found.items()}


def _close_pairs(
    claims: list[Claim], own_sides: dict[int, Side]
) -> tuple[dict[int, list[tuple[int, float]]], set[Pair], dict[int, Any]]:
    """Each claim's candidates close enough to it (one article, or one story and near dates)
    with their closeness; every pair looked at; and the articles' lead vectors.

    Closeness needs only the candidates' articles and dates, so their rows, mentions and
    vectors are loaded afterwards for the few that pass: loading them all for every claim was
    most of a worker's time once the database held a few thousand claims.
    """
    shared: dict[Any, list[Row]] = {}
    ranked = {c.pk: _candidate_rows(c, own_sides[c.pk].article_ids, shared) for c in claims}
    dates = {pk: said or seen for rows in ranked.values() for pk, said, seen in rows}
    dates |= {c.pk: c.said_on or c.first_seen for c in claims}
    where = _claim_articles(pk for pk in dates if pk not in own_sides)
    where |= {pk: side.article_ids for pk, side in own_sides.items()}
    articles = _article_vectors({a for ids in where.values() for a in ids})
    dated = {pk: Dated(where.get(pk, frozenset()), when) for pk, when in dates.items()}
    stories = _Stories(articles)
    close: dict[int, list[tuple[int, float]]] = {}
    looked: set[Pair] = set()
    for claim in claims:
        kept = close.setdefault(claim.pk, [])
        nearest = stories.nearest(own_sides[claim.pk].article_ids)
        for pk, _, _ in ranked[claim.pk]:
            key = _pair(claim.pk, pk)
            if key in looked:
                continue
            looked.add(key)
            story = stories.story(nearest, dated[pk].article_ids)
            closeness = _closeness(dated[claim.pk], dated[pk], articles, story)
            if closeness >= MIN_CLOSENESS:
                kept.append((pk, closeness))
    return close, looked, articles


class _Stories:
    """The articles' lead vectors as one matrix: a claim's articles against all the others in
    one product (``_story`` for every candidate of a claim, without a loop over pairs)."""

    def __init__(self, articles: dict[int, Any]) -> None:
        self.row = {pk: n for n, pk in enumerate(articles)}
        self.matrix = np.stack(list(articles.values())) if articles else np.zeros((0, 1))

    def nearest(self, own: frozenset[int]) -> Any:
        """Per article, its best cosine to one of ``own`` other than itself (None: no vectors)."""
        rows = [self.row[pk] for pk in own if pk in self.row]
        if not rows:
            return None
        cosines = self.matrix[rows] @ self.matrix.T
        cosines[np.arange(len(rows)), rows] = -np.inf  # an article is not its own story
        return cosines.max(axis=0)

    def story(self, nearest: Any, other: frozenset[int]) -> float:
        """What ``_story`` gives for the claim ``nearest`` was computed for and ``other``."""
        found = (
            [nearest[self.row[pk]] for pk in other if pk in self.row] if nearest is not None else []
        )
        best = max(found, default=-np.inf)
        return float(best) if np.isfinite(best) else 0.0


_RULE_FIELDS = (
    "pk",
    "speaker_id",
    "text",
    "kind",
    "red_line",
    "said_on",
    "first_seen",
    "embedding",
)


def _verdicts(claims: list[Claim]) -> tuple[dict[Pair, Verdict], set[Pair]]:
    """The pairs judged to contradict, and every pair that was judged."""
    known = _known_names()
    own_sides = _sides(claims, known)
    close, judged, articles = _close_pairs(claims, own_sides)
    wanted = {pk for kept in close.values() for pk, _ in kept if pk not in own_sides}
    others = Claim.objects.only(*_RULE_FIELDS).in_bulk(wanted)
    rows = {c.pk: c for c in claims} | others
    sides = own_sides | _sides(others.values(), known)
    found: dict[Pair, Verdict] = {}
    for claim in claims:
        side = own_sides[claim.pk]
        for pk, closeness in close[claim.pk]:
            other = rows.get(pk)
            if other is None:
                continue
            related = _relatedness(claim, other, side, sides[pk], articles)
            verdict = judge(side, sides[pk], related, closeness)
            # The threshold is on the score before the ranking bonus: the bonus only orders.
            if verdict is not None and verdict.base >= MIN_SCORE_BY_RULE.get(
                verdict.rule, MIN_SCORE
            ):
                found[_pair(claim.pk, pk)] = verdict
    return found, judged


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
    counts = _contradiction_counts(set(ids))
    changed = [
        Claim(pk=pk, contradiction_count=counts[pk])
        for pk, stored in Claim.objects.filter(pk__in=counts).values_list(
            "pk", "contradiction_count"
        )
        if stored != counts[pk]
    ]
    Claim.objects.bulk_update(changed, ["contradiction_count"])


def _existing(own: set[int]) -> dict[Pair, ClaimRelation]:
    relations = ClaimRelation.objects.filter(type=ClaimRelation.Type.CONTRADICTS).filter(
        Q(source_id__in=own) | Q(target_id__in=own)
    )
    return {_pair(row.source_id, row.target_id): row for row in relations}


def suggest_contradictions(claim_ids: Iterable[int]) -> int:
    """Re-derive the pipeline's contradiction suggestions for these claims; returns how many.

    The verdicts are worked out first, without locks; then, under the relation lock and the
    locks of every claim's speaker the writes touch, the claims still there get them.
    """
    claims = list(Claim.objects.filter(pk__in=set(claim_ids), merged_into__isnull=True))
    if not claims:
        return 0
    own = {c.pk for c in claims}
    wanted, judged = _verdicts(claims)
    with transaction.atomic():
        lock_relations()
        # Every claim whose relations or count the writes may change: these claims, the ones
        # they are found to contradict, and the other ends of all those claims' relations (a
        # stale one goes, a weaker one may give its place). Their speakers' locks keep other
        # workers' statement steps off these rows meanwhile.
        touched = own | {end for key in wanted for end in key}
        ends = touched | {end for key in _existing(touched) for end in key}
        lock_speakers(Claim.objects.filter(pk__in=ends).values_list("speaker_id", flat=True))
        # Another worker may have removed or merged some of these claims meanwhile.
        alive = set(
            Claim.objects.filter(pk__in=ends, merged_into__isnull=True).values_list("pk", flat=True)
        )
        wanted = {key: v for key, v in wanted.items() if key[0] in alive and key[1] in alive}
        return _write(own, wanted, judged, _existing(own))


def _write(
    own: set[int],
    wanted: dict[Pair, Verdict],
    judged: set[Pair],
    existing: dict[Pair, ClaimRelation],
) -> int:
    # A suggestion goes only when its pair was judged again and found wanting: the other claim
    # may be out of this claim's candidates while this claim is still among the other's.
    stale = [
        r.pk
        for key, r in existing.items()
        if not _is_frozen(r) and key in judged and key not in wanted
    ]
    ClaimRelation.objects.filter(pk__in=stale).delete()

    touched = own | {end for key in wanted for end in key}
    counts = _contradiction_counts(touched)
    limit = settings.REDLINE_MAX_CONTRADICTIONS_PER_CLAIM
    kept = 0
    displaced: set[int] = set()
    dropped: set[int] = set()
    yielding = _Yielding(dropped)
    for key, verdict in sorted(wanted.items(), key=lambda item: (-item[1].score, item[0])):
        relation = existing.get(key)
        if relation is not None and relation.pk in dropped:
            continue  # gave its place to a stronger suggestion above
        if relation is not None:
            if not _is_frozen(relation):
                if (relation.score, relation.evidence) != (verdict.score, verdict.evidence):
                    relation.score, relation.evidence = verdict.score, verdict.evidence
                    relation.save(update_fields=["score", "evidence"])
                    yielding.rescored(relation)
                kept += 1
            continue
        full = [end for end in key if counts[end] >= limit]
        weakest = [yielding.weakest(end, verdict.score) for end in full]
        if any(w is None for w in weakest):
            continue
        for pk, relation in {w.pk: w for w in weakest if w is not None}.items():
            # A stronger suggestion takes the place of the claim's weakest unreviewed one.
            relation.delete()
            dropped.add(pk)
            for end in (relation.source_id, relation.target_id):
                counts[end] = counts.get(end, 1) - 1
                displaced.add(end)
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
    refresh_contradiction_counts(touched | {end for key in existing for end in key} | displaced)
    return kept


class _Yielding:
    """Each claim's unreviewed pipeline suggestions, weakest first, read once per write (a
    query per full claim and verdict grew with the database): the ones that may give their
    place to a stronger suggestion. Editors' relations and reviewed ones never do."""

    def __init__(self, dropped: set[int]) -> None:
        self.dropped = dropped
        self.by_claim: dict[int, list[ClaimRelation]] = {}
        self.scores: dict[int, float] = {}

    def weakest(self, claim_id: int, score: float) -> ClaimRelation | None:
        """The claim's weakest suggestion still standing that scores below ``score``, if any.

        Suggestions created during the write are not listed: verdicts are written strongest
        first, so none of them scores below a later one.
        """
        if claim_id not in self.by_claim:
            rows = ClaimRelation.objects.filter(
                Q(source_id=claim_id) | Q(target_id=claim_id),
                type=ClaimRelation.Type.CONTRADICTS,
                origin=Origin.PIPELINE,
                status=ReviewStatus.SUGGESTED,
            )
            self.by_claim[claim_id] = list(rows)
            self.scores.update((r.pk, r.score) for r in self.by_claim[claim_id])
        standing = [r for r in self.by_claim[claim_id] if r.pk not in self.dropped]
        below = [r for r in standing if self.scores[r.pk] < score]
        return min(below, key=lambda r: (self.scores[r.pk], r.pk), default=None)

    def rescored(self, relation: ClaimRelation) -> None:
        """A suggestion's score changed during the write."""
        if relation.pk in self.scores:
            self.scores[relation.pk] = relation.score
