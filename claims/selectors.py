"""Read queries for the browser UI: claim lists with filters and search, timelines, detail pages.

Every list query fetches its rows with a fixed number of statements whatever the page size
(related rows via select_related / correlated subqueries, never one query per row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce, Greatest
from django.http import QueryDict

from claims.models import Actor, Claim, ClaimRelation, Mention, ReviewStatus
from claims.records import HEAVY_CLAIM_FIELDS
from sources.models import Article, Outlet

SEARCH_CONFIG = "english"
# ts_headline marks matches with these control characters; the view escapes the text and only
# then turns them into <mark> tags, so nothing from an article is ever rendered unescaped.
MARK_START = "\x02"
MARK_STOP = "\x03"
REVIEW_CHOICES = ("suggested", "confirmed", "rejected")
_T = TypeVar("_T")


@dataclass
class ClaimFilters:
    """The dashboard's whole filter state; it round-trips through the query string."""

    q: str = ""
    actor: int | None = None
    outlet: int | None = None
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    review: str = ""
    scope: str = "red"  # "red": red-line claims only; "all": every claim
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> ClaimFilters:
        """Parse GET parameters; bad values are dropped and reported in ``errors``."""
        filters = cls()
        filters.q = " ".join(query.get("q", "").split())[:200]
        filters.actor = _int(query.get("actor"), "actor", filters.errors)
        filters.outlet = _int(query.get("outlet"), "outlet", filters.errors)
        kind = query.get("kind", "")
        filters.kind = kind if kind in Claim.Kind.values else ""
        filters.date_from = _date(query.get("from"), "from", filters.errors)
        filters.date_to = _date(query.get("to"), "to", filters.errors)
        review = query.get("review", "")
        filters.review = review if review in REVIEW_CHOICES else ""
        filters.scope = "all" if query.get("scope") == "all" else "red"
        return filters

    def as_query(self, **overrides: Any) -> str:
        """The query string for these filters (defaults left out), with ``overrides`` applied."""
        values = {
            "q": self.q,
            "actor": self.actor,
            "outlet": self.outlet,
            "kind": self.kind,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "review": self.review,
            "scope": "all" if self.scope == "all" else "",
        }
        values.update(overrides)
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, ""):
                query[key] = str(value)
        return query.urlencode()

    @property
    def active(self) -> bool:
        defaults = ClaimFilters()
        return any(
            getattr(self, f.name) != getattr(defaults, f.name)
            for f in fields(self)
            if f.name != "errors"
        )


def _int(value: str | None, name: str, errors: list[str]) -> int | None:
    if not value:
        return None
    if value.isdigit():
        return int(value)
    errors.append(f"{name}: not a number")
    return None


def _date(value: str | None, name: str, errors: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{name}: not a date (YYYY-MM-DD)")
        return None


class SentenceVector(Func):
    """``to_tsvector('english', sentence)``: one sentence's vector, for the matched sentence."""

    template = f"to_tsvector('{SEARCH_CONFIG}', %(expressions)s)"
    output_field: Any = None

    def __init__(self, expression: Any) -> None:
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(expression, output_field=SearchVectorField())


class Matches(Func):
    """``vector @@ query`` as a boolean expression."""

    template = "%(expressions)s"
    arg_joiner = " @@ "

    def __init__(self, vector: Any, query: Any) -> None:
        from django.db.models import BooleanField

        super().__init__(vector, query, output_field=BooleanField())


class ProbedExists(Exists):
    """EXISTS tested row by row with an index probe, as the list is walked in order.

    In an OR, PostgreSQL turns a plain EXISTS into a hashed subplan built from the whole
    subquery first (every confirmed mention: 250,000 rows, 0.7 s at a million claims) even when
    the first page needs a few hundred probes; OFFSET 0 keeps it a per-row subquery.
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"


def search_query(q: str) -> SearchQuery:
    """The user's words as a PostgreSQL web-style query ("quoted phrases", -not, or)."""
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


@dataclass
class ClaimResults:
    """A claim list, and whether a search matched more claims than it ranks."""

    claims: QuerySet[Claim]
    pool: int = 0  # how many of the newest matches a search ranks (0: not a search)
    pool_full: bool = False  # more claims matched than the pool holds
    count: int | None = None  # the number of rows, when known without a query


def claim_list(filters: ClaimFilters) -> QuerySet[Claim]:
    """Claims matching the filters, newest first (best match first when searching)."""
    return claim_results(filters).claims


def claim_results(filters: ClaimFilters) -> ClaimResults:
    """Claims matching the filters, newest first; a search ranks the newest matches.

    A search takes the newest ``REDLINE_SEARCH_POOL`` claims whose text or source sentences
    match (one query, ids only) and orders those by rank: the work is bounded however common
    the words are. Rows carry ``headline`` (claim text with matches marked) and
    ``matched_sentence`` (the best matching source sentence, marked), which PostgreSQL computes
    for the rows of the page only (after the sort and LIMIT).
    """
    claims = _filtered(filters)
    if not filters.q:
        return ClaimResults(claims.order_by(F("said_on").desc(nulls_last=True), "-id"))
    query = search_query(filters.q)
    size = max(1, int(settings.REDLINE_SEARCH_POOL))
    pool = search_pool(claims, filters.q, size + 1)
    best_sentence = (
        Mention.objects.filter(claim=OuterRef("pk"))
        .exclude(status=ReviewStatus.REJECTED)
        .annotate(vector=SentenceVector(F("sentence")))
        .filter(Matches(F("vector"), query))
        .annotate(rank=SearchRank(F("vector"), query))
        .order_by("-rank", "pk")
    )
    ranked = (
        Claim.objects.filter(pk__in=pool[:size])
        .select_related("speaker")
        .defer(*HEAVY_CLAIM_FIELDS)
        .annotate(
            rank=Greatest(
                Coalesce(SearchRank(F("search_vector"), query), Value(0.0)),
                Coalesce(SearchRank(F("sources_vector"), query), Value(0.0)) * Value(0.8),
            ),
            headline=_marked("text", query),
            matched_sentence=Subquery(
                best_sentence.annotate(marked=_marked("sentence", query)).values("marked")[:1]
            ),
        )
        .order_by("-rank", F("said_on").desc(nulls_last=True), "-id")
    )
    return ClaimResults(ranked, pool=size, pool_full=len(pool) > size, count=min(len(pool), size))


def _marked(field: str, query: SearchQuery) -> SearchHeadline:
    """The field's text with every match between MARK_START and MARK_STOP."""
    return SearchHeadline(
        field,
        query,
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        highlight_all=True,
    )


def search_pool(claims: QuerySet[Claim], q: str, size: int) -> list[int]:
    """Ids of the newest ``size`` claims of ``claims`` whose text or sources match ``q``.

    Both vectors are on the claim row. The newest ``REDLINE_SEARCH_WINDOW`` rows are tested
    first (``window_matches``); only when they hold fewer matches does the ordered query over
    every row run, where the two GIN indexes find rarer words.
    """
    ordered = claims.order_by(F("said_on").desc(nulls_last=True), "-id")
    found = window_matches(ordered, q, size, ("search_vector", "sources_vector"))
    if found is not None:
        return found
    query = search_query(q)
    matching = ordered.filter(Q(search_vector=query) | Q(sources_vector=query))
    return list(matching.values_list("pk", flat=True)[:size])


def text_matches(rows: QuerySet[Claim], n: int, *, q: str) -> list[Claim]:
    """The first ``n`` of the ordered ``rows`` whose claim text matches ``q`` (web search)."""
    ids = window_matches(rows, q, n)
    if ids is None:
        return list(rows.filter(search_vector=search_query(q))[:n])
    return list(rows.filter(pk__in=ids))


def window_matches(
    rows: QuerySet[Claim], q: str, size: int, vectors: tuple[str, ...] = ("search_vector",)
) -> list[int] | None:
    """Ids of the first ``size`` of the ordered ``rows`` matching ``q`` in any of ``vectors``,
    looked for among the first ``REDLINE_SEARCH_WINDOW`` rows only; None when those hold fewer.

    The window is read in the list's own index order: enough for common words and the same
    cost for any word. Left to itself PostgreSQL underestimates words that occur together
    ("red line", "grain exports": 1,500 rows expected, 26,000 found at 1M claims) and reads
    every match from the GIN index, one heap page each, to keep the first page (200 ms).
    """
    columns, order = _order_columns(rows)
    window = rows.values("id", *columns, *vectors)
    inner, params = window[: int(settings.REDLINE_SEARCH_WINDOW)].query.sql_with_params()
    matches = f"websearch_to_tsquery('{SEARCH_CONFIG}', %s)"
    condition = " OR ".join(f"{vector} @@ {matches}" for vector in vectors)
    with connection.cursor() as cursor:
        cursor.execute(
            # Django's own SQL for the window, every value a bound parameter. The outer order is
            # the window's own, so PostgreSQL reads it in order and stops at ``size`` matches.
            f"SELECT id FROM ({inner}) AS recent WHERE {condition} ORDER BY {order} LIMIT %s",
            [*params, *[q] * len(vectors), size],
        )
        found = [row[0] for row in cursor.fetchall()]
    return found if len(found) >= size else None


def _order_columns(rows: QuerySet[Claim]) -> tuple[list[str], str]:
    """The fields ``rows`` is ordered by, and that order as SQL over those column names."""
    columns: list[str] = []
    terms: list[str] = []
    for item in rows.query.order_by:
        if isinstance(item, str):
            name, descending, nulls = item.lstrip("-"), item.startswith("-"), ""
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            name, descending = item.expression.name, item.descending  # type: ignore[attr-defined]
            nulls = " NULLS LAST" if item.nulls_last else " NULLS FIRST" if item.nulls_first else ""
        else:
            raise ValueError(f"cannot read the order {item!r}")
        columns.append(name)
        terms.append(f"{name} {'DESC' if descending else 'ASC'}{nulls}")
    return [c for c in columns if c != "id"], ", ".join(terms)


def _filtered(filters: ClaimFilters) -> QuerySet[Claim]:
    """Claims (not merged away) matching every filter but the search words, unordered."""
    claims = (
        Claim.objects.filter(merged_into__isnull=True)
        .select_related("speaker")
        .defer(*HEAVY_CLAIM_FIELDS)
    )
    if filters.scope != "all":
        claims = claims.filter(red_line=True)
    if filters.actor:
        claims = claims.filter(speaker_id=filters.actor)
    if filters.kind:
        claims = claims.filter(kind=filters.kind)
    if filters.date_from:
        claims = claims.filter(said_on__gte=filters.date_from)
    if filters.date_to:
        claims = claims.filter(said_on__lte=filters.date_to)
    if filters.outlet:
        claims = claims.filter(
            Exists(
                Mention.objects.filter(
                    claim=OuterRef("pk"), article__outlet_id=filters.outlet
                ).exclude(status=ReviewStatus.REJECTED)
            )
        )
    if filters.review:
        claims = claims.filter(
            ProbedExists(Mention.objects.filter(claim=OuterRef("pk"), status=filters.review))
            | ProbedExists(
                ClaimRelation.objects.filter(
                    Q(source=OuterRef("pk")) | Q(target=OuterRef("pk")), status=filters.review
                )
            )
        )
    return claims


def filter_choices() -> dict[str, Any]:
    """Speakers and outlets for the filter form as (id, name) pairs."""
    return {
        "actors": speaker_choices(),
        "outlets": list(Outlet.objects.order_by("name").values_list("id", "name")),
        "kinds": Claim.Kind.values,
        "reviews": REVIEW_CHOICES,
    }


def speaker_choices(limit: int = 1000) -> list[tuple[int, str]]:
    """Actors with claims, by name, cached until an actor is added or changed (or a timeout).

    Finding which of thousands of actors have claims probes the speaker index once per actor
    (10-20 ms at a million claims).
    """

    def compute() -> list[tuple[int, str]]:
        # Exists per actor on the speaker index: a join to every claim with DISTINCT read the
        # whole claims table for a few thousand names.
        return list(
            Actor.objects.filter(merged_into__isnull=True)
            .filter(Exists(Claim.objects.filter(speaker=OuterRef("pk"))))
            .order_by("name")
            .values_list("id", "name")[:limit]
        )

    return _cached_per_actors(f"speaker-choices:{limit}", compute)


def speaker_counts() -> dict[int, tuple[int, int]]:
    """Claims and red-line claims (not merged away) per speaker id, cached as above.

    One aggregate over every claim (half a second at a million claims), so it is cached;
    counts may lag new claims by up to ``REDLINE_CHOICES_CACHE_SECONDS``.
    """

    def compute() -> dict[int, tuple[int, int]]:
        rows = (
            Claim.objects.filter(merged_into__isnull=True, speaker__isnull=False)
            .values_list("speaker")
            .annotate(total=Count("pk"), red=Count("pk", filter=Q(red_line=True)))
            .order_by()
        )
        return {speaker: (total, red) for speaker, total, red in rows}

    return _cached_per_actors("speaker-counts", compute)


def _cached_per_actors(name: str, compute: Callable[[], _T]) -> _T:
    """``compute()``, cached until an actor is added or changed, or for the cache timeout.

    The key is the actors' count and latest change, read in one small aggregate, so a new or
    merged actor shows at once.
    """
    state = Actor.objects.aggregate(n=Count("pk"), top=Max("pk"), changed=Max("updated_at"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    key = f"claims:{name}:{state['n']}:{state['top']}:{changed}"
    value: _T | None = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.REDLINE_CHOICES_CACHE_SECONDS)
    return value


def timeline_claims(filters: ClaimFilters, limit: int = 400) -> list[Claim]:
    """Dated claims matching the filters, oldest first, for the timeline chart."""
    claims = claim_list(filters).filter(said_on__isnull=False)
    # The lists' own order (NULLS LAST, as the indexes): "-said_on" alone sorted every row.
    newest = list(claims.order_by(F("said_on").desc(nulls_last=True), "-id")[:limit])
    return sorted(newest, key=lambda c: (c.said_on or date.min, c.pk))


# ---------------------------------------------------------------------------------------------
# Detail pages


def claim_detail(claim_id: int) -> Claim | None:
    """A claim with its speaker (merged claims too, so old links can say where they went)."""
    return Claim.objects.select_related("speaker", "merged_into").filter(pk=claim_id).first()


def claim_mentions(claim: Claim) -> list[Mention]:
    """The claim's mentions, first appearance first, with article and outlet."""
    return list(
        claim.mentions.select_related("article", "article__outlet", "reviewed_by").order_by(
            F("article__published").asc(nulls_last=True), "article_id", "start"
        )
    )


@dataclass
class RelatedClaim:
    """A relation seen from one claim: the other claim, the link, and its direction."""

    relation: ClaimRelation
    other: Claim
    outgoing: bool


def claim_relations(claim: Claim) -> dict[str, list[RelatedClaim]]:
    """Relations of a claim grouped by type (contradicts / supports / same), best score first."""
    relations = (
        ClaimRelation.objects.filter(Q(source=claim) | Q(target=claim))
        .select_related("source", "source__speaker", "target", "target__speaker", "reviewed_by")
        .order_by("-score", "pk")
    )
    grouped: dict[str, list[RelatedClaim]] = {t: [] for t in ClaimRelation.Type.values}
    for relation in relations:
        outgoing = relation.source_id == claim.pk
        other = relation.target if outgoing else relation.source
        grouped[relation.type].append(RelatedClaim(relation, other, outgoing))
    return grouped


def claim_history(claim: Claim, limit: int = 50) -> list[Any]:
    """The claim's own field history (django-simple-history), newest first."""
    return list(
        claim.history.select_related("history_user").order_by("-history_date", "-history_id")[  # type: ignore[attr-defined]
            :limit
        ]
    )


def actor_list(q: str = "") -> list[dict[str, Any]]:
    """Actors (not merged away) with their number of claims, most quoted first.

    Rows are dicts (pk, name, kind, role, claim_total, red_total) sorted in Python from the
    cached per-speaker counts: counting every claim per actor for each page took 1.5 s at a
    million claims.
    """
    actors = Actor.objects.filter(merged_into__isnull=True)
    if q:
        actors = actors.filter(Q(name__icontains=q) | Q(aliases__alias__icontains=q)).distinct()
    counts = speaker_counts()
    rows = [
        {
            "pk": pk,
            "name": name,
            "kind": kind,
            "role": role,
            "claim_total": counts.get(pk, (0, 0))[0],
            "red_total": counts.get(pk, (0, 0))[1],
        }
        for pk, name, kind, role in actors.values_list("pk", "name", "kind", "role")
    ]
    return sorted(rows, key=lambda row: (-row["claim_total"], row["name"].casefold(), row["pk"]))


def actor_detail(actor_id: int) -> Actor | None:
    """An actor with affiliation and where it was merged to."""
    return (
        Actor.objects.select_related("affiliation", "merged_into")
        .prefetch_related("aliases", "members")
        .filter(pk=actor_id)
        .first()
    )


def actor_claims(actor: Actor) -> QuerySet[Claim]:
    """The actor's claims, newest first."""
    return (
        Claim.objects.filter(speaker=actor, merged_into__isnull=True)
        .select_related("speaker")
        .defer(*HEAVY_CLAIM_FIELDS)
        .order_by(F("said_on").desc(nulls_last=True), "-id")
    )


def actor_opponents(actor: Actor, limit: int = 20) -> list[dict[str, Any]]:
    """Speakers whose claims contradict this actor's, with how many contradictions each."""
    relations = ClaimRelation.objects.filter(type=ClaimRelation.Type.CONTRADICTS).exclude(
        status=ReviewStatus.REJECTED
    )
    counts: dict[int, int] = {}
    # One query per direction, each starting from the actor's contradicted claims (the
    # contradiction_count kept on the row, on a partial index); an OR over both joins made
    # PostgreSQL join every relation to every claim.
    for own, other in (("source", "target"), ("target", "source")):
        rows = (
            relations.filter(**{f"{own}__speaker": actor, f"{own}__contradiction_count__gt": 0})
            .exclude(**{f"{other}__speaker": actor})
            .exclude(**{f"{other}__speaker__isnull": True})
            .values_list(f"{other}__speaker")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for speaker_id, n in rows:
            counts[speaker_id] = counts.get(speaker_id, 0) + n
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    names = Actor.objects.in_bulk([pk for pk, _ in top])
    return [{"actor": names[pk], "count": n} for pk, n in top if pk in names]


def article_list(status: str = "", outlet: int | None = None) -> QuerySet[Article]:
    """Articles newest first, with outlet and number of statements found in each.

    The number is a subquery per row, which PostgreSQL computes for the page's rows only (it
    is not part of the order): a join and GROUP BY over every article took 5 s at 500,000.
    """
    articles = Article.objects.select_related("outlet").annotate(
        statement_total=_row_count(Mention.objects.filter(article=OuterRef("pk")), "article")
    )
    if status in Article.Status.values:
        articles = articles.filter(status=status)
    if outlet:
        articles = articles.filter(outlet_id=outlet)
    return articles.defer("text", "raw").order_by("-created_at", "-id")


def _row_count(related: QuerySet[Any], field: str) -> Coalesce:
    """COUNT(*) of ``related`` (filtered on an OuterRef) as a subquery, 0 when none."""
    # COUNT(*), not COUNT(id): the count can then come from the foreign key's index alone.
    counted = related.order_by().values(field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted[:1]), Value(0))


def article_detail(article_id: int) -> Article | None:
    """An article with its outlet."""
    return Article.objects.select_related("outlet", "copy_of").filter(pk=article_id).first()


def article_mentions(article: Article) -> list[Mention]:
    """The statements found in an article, in text order, with their claims and speakers."""
    return list(
        article.mentions.select_related("claim", "claim__speaker").order_by("start", "end", "pk")
    )


def outlet_list() -> QuerySet[Outlet]:
    """Outlets with their number of articles (counted for the page's rows only)."""
    return Outlet.objects.annotate(
        article_total=_row_count(Article.objects.filter(outlet=OuterRef("pk")), "outlet")
    ).order_by("name")


def outlet_claims(outlet: Outlet, limit: int = 20) -> list[Claim]:
    """The red-line claims this outlet reported, newest first."""
    return list(
        Claim.objects.filter(
            merged_into__isnull=True,
            red_line=True,
            pk__in=Mention.objects.filter(article__outlet=outlet).values("claim_id"),
        )
        .select_related("speaker")
        .order_by(F("said_on").desc(nulls_last=True), "-id")[:limit]
    )
