"""The API list's text search: the window of next rows first, the text index when it falls short."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims.models import Actor, Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(db: None) -> list[Claim]:
    """Twelve claims in updated_at order; every third says 'glacier', the last 'moraine' too."""
    speaker = Actor.objects.create(name="Ines Varga")
    made = []
    for n in range(12):
        words = "the glacier is ours" if n % 3 == 0 else f"unrelated statement {n}"
        if n == 11:
            words = "the moraine and the glacier are ours"
        made.append(Claim.objects.create(speaker=speaker, text=f"{words} ({n})"))
    return made


def pages(client: APIClient, **params: Any) -> list[list[int]]:
    """Every page's claim ids, following the cursors."""
    found: list[list[int]] = []
    response = client.get("/api/v1/claims", params)
    while True:
        assert response.status_code == 200, response.json()
        body = response.json()
        found.append([row["id"] for row in body["results"]])
        if body["next"] is None:
            return found
        response = client.get(body["next"])


@pytest.mark.parametrize("window", [2, 4, 100])
def test_search_pages_are_the_text_matches_in_list_order(
    reader_client: APIClient, claims: list[Claim], settings: Any, window: int
) -> None:
    settings.REDLINE_SEARCH_WINDOW = window
    glacier = [c.pk for c in claims if "glacier" in c.text]
    assert len(glacier) == 5
    # Page by page in (updated_at, id) order, whether a page's matches all lie in the window of
    # the next rows (window 100) or partly past it (windows 4 and 2: the text index decides).
    assert pages(reader_client, q="glacier", page_size=2) == [
        glacier[0:2],
        glacier[2:4],
        glacier[4:],
    ]
    assert pages(reader_client, q="moraine", page_size=2) == [[claims[11].pk]]
    assert pages(reader_client, q="zebra") == [[]]
    # The other filters still apply beside the words.
    assert pages(reader_client, q="glacier", speaker=claims[0].speaker_id, page_size=9) == [glacier]


def test_search_reads_the_window_first_and_the_index_only_when_it_falls_short(
    reader_client: APIClient, claims: list[Claim], settings: Any
) -> None:
    settings.REDLINE_SEARCH_WINDOW = 6
    with CaptureQueriesContext(connection) as queries:
        reader_client.get("/api/v1/claims", {"q": "glacier", "page_size": "1"})
    text_queries = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    # Two matches in the first six rows are enough for a page of one (and its next link).
    assert len(text_queries) == 1 and "LIMIT 6" in text_queries[0]
    with CaptureQueriesContext(connection) as queries:
        reader_client.get("/api/v1/claims", {"q": "moraine", "page_size": "1"})
    text_queries = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert len(text_queries) == 2


def test_a_search_that_fails_validation_is_refused(reader_client: APIClient) -> None:
    response = reader_client.get("/api/v1/claims", {"q": "x" * 501})
    assert response.status_code == 400
