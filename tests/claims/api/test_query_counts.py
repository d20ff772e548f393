"""Every list endpoint costs the same number of queries for 5 rows as for 25."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims.api.models import Subscription
from claims.models import Actor, ActorAlias
from sources.models import Outlet
from tests.claims.api.conftest import Graph

pytestmark = pytest.mark.django_db

PAGED = [
    "/api/v1/claims",
    "/api/v1/actors",
    "/api/v1/articles",
    "/api/v1/mentions",
    "/api/v1/relations",
    "/api/v1/outlets",
    "/api/v1/subscriptions",
]
# Unpaged: compared on a filter selecting fewer rows (3 red lines of 10 against 7 others).
STREAMED = [
    "/api/v1/claims/export.jsonl",
    "/api/v1/claims/export.jsonld",
    "/api/v1/claims/feed.atom",
]


@pytest.fixture
def many_rows(build_graph: Callable[..., Graph], analyst: User) -> Graph:
    """25+ rows behind every list endpoint."""
    graph = build_graph(25)
    for n in range(25):
        actor = Actor.objects.create(name=f"Spokesperson {n}")
        ActorAlias.objects.create(actor=actor, alias=f"the spokesperson {n}")
        ActorAlias.objects.create(actor=actor, alias=f"S. {n}")
        Outlet.objects.create(name=f"Gazette {n}")
        Subscription.objects.create(
            owner=analyst,
            event=Subscription.Event.CLAIM_MENTION,
            claim=graph.claims[n],
            target_url=f"https://hooks.example/{n}",
        )
    return graph


def _queries(client: APIClient, url: str, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200, response.content[:300]
    return len(captured)


@pytest.mark.parametrize("url", PAGED)
def test_list_query_count_does_not_grow_with_page_size(
    reader_client: APIClient, many_rows: Graph, url: str
) -> None:
    _queries(reader_client, url, {"page_size": "5"})  # warm-up: the token's last-use write
    few = _queries(reader_client, url, {"page_size": "5"})
    many = _queries(reader_client, url, {"page_size": "25"})
    assert few == many


@pytest.mark.parametrize("url", STREAMED)
def test_streamed_query_count_does_not_grow_with_rows(
    reader_client: APIClient, build_graph: Callable[..., Graph], url: str
) -> None:
    build_graph(10)
    _queries(reader_client, url, {"red_line": "true"})
    few = _queries(reader_client, url, {"red_line": "true"})
    many = _queries(reader_client, url, {"red_line": "false"})
    assert few == many
