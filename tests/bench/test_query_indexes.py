"""The main list, detail and search queries use their indexes (EXPLAIN, sequential scans off).

A test database holds few rows, so the planner would rightly scan them; with
``enable_seqscan = off`` it shows which index each query can use, which is what holds at scale.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.db import connection
from django.db.models import Q, QuerySet
from django.test.utils import CaptureQueriesContext

from claims import selectors
from claims.api.filters import ClaimFilter
from claims.models import Actor, Claim, Mention
from claims.services import contradictions, storing
from sources.models import Article, Outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_seqscan() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET enable_seqscan")


@pytest.fixture
def index_order(no_seqscan: None) -> Iterator[None]:
    """Sorts off too: the plan shows which index can give a list its order.

    Over 60 rows, reading some other index and sorting is as cheap (and wins with the
    statistics earlier tests leave behind); at scale it sorts every matching row.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET enable_sort = off")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET enable_sort")


@pytest.fixture
def speaker() -> Actor:
    outlet = Outlet.objects.create(name="Index Gazette", domain="index-gazette.example")
    actor = Actor.objects.create(name="Vera Lindqvist")
    for number in range(60):
        # A rare search word, as at scale: an index beats walking the list in order.
        subject = "pipeline" if number % 20 == 0 else "grain corridor"
        text = f"Talks on the {subject} will resume in week {number}, the envoy said."
        article = Article.objects.create(
            content_hash=f"hash-{number}", title=f"Report {number}", outlet=outlet, text=text
        )
        claim = Claim.objects.create(
            speaker=actor,
            text=f"Talks on the {subject} will resume in week {number}",
            said_on=date(2024, 1, 1 + number % 28),
            red_line=number % 2 == 0,
        )
        Mention.objects.create(claim=claim, article=article, sentence=text, start=0, end=len(text))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim; ANALYZE claims_mention")
    return actor


def plan(queryset: QuerySet) -> str:  # type: ignore[type-arg]
    return queryset.explain()


def test_dashboard_list_reads_the_red_line_index(speaker: Actor, index_order: None) -> None:
    query = plan(selectors.claim_list(selectors.ClaimFilters())[:25])
    assert "claim_redline_said" in query and "Sort" not in query


def test_all_claims_list_reads_the_date_index(speaker: Actor, index_order: None) -> None:
    assert "claim_said_id" in plan(selectors.claim_list(selectors.ClaimFilters(scope="all"))[:25])


def test_actor_page_reads_the_speaker_index(speaker: Actor, index_order: None) -> None:
    assert "claim_speaker_said" in plan(selectors.actor_claims(speaker)[:25])


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_dashboard_search_walks_the_list_index_then_both_text_indexes(
    speaker: Actor, no_seqscan: None, settings: object
) -> None:
    settings.REDLINE_SEARCH_WINDOW = 5  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as queries:
        selectors.claim_results(selectors.ClaimFilters(q="pipeline"))
    window, everything = (query["sql"] for query in queries.captured_queries)
    # The newest rows of the red-line list, in its index order, tested on the claim row.
    assert "claim_redline_said" in explain(window)
    # Fewer matches there than the pool holds: the query over every claim runs. Its condition,
    # text or sentences, must be able to use both GIN indexes together (which plan wins over
    # 60 rows says nothing about a million).
    assert '"search_vector" @@' in everything and '"sources_vector" @@' in everything
    query = selectors.search_query("pipeline")
    matching = Claim.objects.filter(Q(search_vector=query) | Q(sources_vector=query))
    condition = plan(matching.values("pk"))
    assert "claim_search" in condition and "claim_sources_search" in condition


def test_dashboard_search_marks_matches_on_the_page_rows_only(
    speaker: Actor, no_seqscan: None
) -> None:
    page = selectors.claim_list(selectors.ClaimFilters(q="pipeline"))[:25]
    lines = page.explain(verbose=True).splitlines()
    # The pool is sorted by rank; the headline and the best sentence (ts_headline, a subquery
    # per row) are computed above that sort, for the rows the LIMIT lets through.
    sort = next(i for i, line in enumerate(lines) if line.strip().startswith("->  Sort"))
    sorted_columns = lines[sort + 1]
    assert "Output:" in sorted_columns and "ts_rank" in sorted_columns
    assert "ts_headline" not in sorted_columns and "SubPlan" not in sorted_columns
    assert any("ts_headline" in line for line in lines[:sort])


def test_api_search_reads_the_claim_text_index(speaker: Actor, no_seqscan: None) -> None:
    claims = ClaimFilter({"q": "pipeline"}, queryset=Claim.objects.all()).qs
    # The filter itself must be able to use the GIN index (an expression over the column
    # could not); which order the planner then picks depends on how many rows match.
    assert "claim_search" in plan(claims.order_by())


def test_claim_detail_reads_mentions_by_claim(speaker: Actor, no_seqscan: None) -> None:
    claim = Claim.objects.filter(speaker=speaker).first()
    assert claim is not None
    query = plan(Mention.objects.filter(claim=claim).select_related("article__outlet"))
    # Any index led by claim_id serves it (the unique span constraint's is one).
    assert any(
        name in query
        for name in ("mention_claim_article", "claims_mention_claim_id", "mention_unique_span")
    )


def test_api_list_filters_inside_the_updated_index(speaker: Actor, index_order: None) -> None:
    claims = ClaimFilter(
        {"kind": "warning", "said_after": "2024-01-10"},
        queryset=Claim.objects.filter(merged_into__isnull=True),
    ).qs.order_by("updated_at", "id")[:51]
    query = plan(claims)
    # The list order comes from the index, and said_on and kind are tested on its entries
    # (an index condition), not on each row read from the table.
    assert "claim_updated_id" in query
    condition = next(line for line in query.splitlines() if "Index Cond" in line)
    assert "said_on" in condition and "kind" in condition


def test_opponents_start_from_the_contradicted_claims(speaker: Actor, no_seqscan: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        selectors.actor_opponents(speaker)
    for query in queries.captured_queries[:2]:
        assert "claim_speaker_contradicted" in explain(query["sql"])


def test_timeline_reads_the_red_line_index(speaker: Actor, index_order: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        selectors.timeline_claims(selectors.ClaimFilters())
    query = explain(queries.captured_queries[-1]["sql"])
    assert "claim_redline_said" in query and "Sort" not in query


def test_review_filter_probes_each_listed_claim(speaker: Actor, no_seqscan: None) -> None:
    # A hashed subplan would first read every mention with that status; over 60 rows the
    # planner has no reason to hash, so the SQL is checked too: OFFSET 0 rules hashing out.
    claims = selectors.claim_list(selectors.ClaimFilters(review="confirmed"))[:25]
    assert str(claims.query).count("OFFSET 0)") == 2
    query = plan(claims)
    assert "SubPlan" in query and "hashed" not in query


def test_contradiction_candidates_walk_date_indexes_and_stop(
    speaker: Actor, index_order: None
) -> None:
    """Each kind of candidate is read in index order up to the limit: no query sorts the table."""
    Claim.objects.create(speaker=speaker, text="Undated but seen.", first_seen=date(2024, 1, 5))
    claim = Claim.objects.filter(speaker=speaker).first()
    assert claim is not None
    with CaptureQueriesContext(connection) as queries:
        rows = contradictions._candidate_rows(claim, [])
    assert len(rows) == 60  # the 59 other dated claims and the undated one
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN " + query["sql"])
            plans.append("\n".join(line for (line,) in cursor.fetchall()))
    said = next(p for p in plans if "claim_said_id" in p)
    seen = next(p for p in plans if "claim_unsaid_seen" in p and "first_seen >=" in p)
    for walked in (said, seen):
        assert "Limit" in walked and "Sort" not in walked


def test_claim_matching_reads_each_kind_of_date_by_its_index(
    speaker: Actor, no_seqscan: None
) -> None:
    window = (date(2024, 1, 10), date(2024, 1, 20))
    mine = Claim.objects.filter(speaker=speaker, merged_into__isnull=True)
    by_day, by_month, by_year, *_ = [
        plan(mine.filter(part).order_by("id")[:500]) for part in storing._window_parts(window)
    ]
    # With one speaker in the table the planner may take the plain date index: either way a
    # range on the date, not a walk of the whole table in id order.
    assert "Index Cond" in by_day and "said_on >=" in by_day
    assert "claims_claim_pkey" not in by_day
    assert "claim_speaker_coarse_date" in by_month and "claim_speaker_coarse_date" in by_year
    found = [c.pk for c in storing._speaker_claims(speaker, window)]
    expected = Claim.objects.filter(speaker=speaker, said_on__range=window).order_by("id")
    assert found == list(expected.values_list("pk", flat=True))


def test_claims_of_one_date_share_their_candidate_queries(speaker: Actor) -> None:
    one, other = Claim.objects.filter(speaker=speaker, said_on=date(2024, 1, 5))[:2]
    articles = [m.article_id for m in other.mentions.all()]
    shared: dict = {}
    contradictions._candidate_rows(one, [m.article_id for m in one.mentions.all()], shared)
    with CaptureQueriesContext(connection) as queries:
        rows = contradictions._candidate_rows(other, articles, shared)
    assert len(queries.captured_queries) == 1  # only its own articles' claims
    ids = [pk for pk, _, _ in rows]
    assert other.pk not in ids and one.pk in ids
    assert ids == [pk for pk, _, _ in contradictions._candidate_rows(other, articles)]
