"""The main list, detail and search queries use their indexes (EXPLAIN, sequential scans off).

A test database holds few rows, so the planner would rightly scan them; with
``enable_seqscan = off`` it shows which index each query can use, which is what holds at scale.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.db import connection
from django.db.models import QuerySet

from claims import selectors
from claims.api.filters import ClaimFilter
from claims.models import Actor, Claim, Mention
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


def test_dashboard_list_reads_the_red_line_index(speaker: Actor, no_seqscan: None) -> None:
    query = plan(selectors.claim_list(selectors.ClaimFilters())[:25])
    assert "claim_redline_said" in query


def test_all_claims_list_reads_the_date_index(speaker: Actor, no_seqscan: None) -> None:
    assert "claim_said_id" in plan(selectors.claim_list(selectors.ClaimFilters(scope="all"))[:25])


def test_actor_page_reads_the_speaker_index(speaker: Actor, no_seqscan: None) -> None:
    assert "claim_speaker_said" in plan(selectors.actor_claims(speaker)[:25])


def test_dashboard_search_reads_both_text_indexes(speaker: Actor, no_seqscan: None) -> None:
    query = plan(selectors.claim_list(selectors.ClaimFilters(q="pipeline"))[:25])
    assert "claim_search" in query
    assert "mention_sentence_search" in query


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
