"""The Atom feed: any claims filter as a feed, readable with ?token= by feed readers."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from tests.claims.api.conftest import Graph, add_claim, make_article, make_token

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_of_one_actors_red_lines(analyst: User, build_graph: Callable[..., Graph]) -> None:
    graph = build_graph(6)
    article = make_article(graph.outlets[0], "She said <script>alert(1)</script> stays closed.")
    hostile, _ = add_claim(
        graph.actors[0], article, "<script>alert(1)</script> stays closed.", red_line=True
    )
    key = make_token(analyst)

    response = APIClient().get(
        "/api/v1/claims/feed.atom",
        {"speaker": str(graph.actors[0].pk), "red_line": "true", "token": key},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    expected = {c.pk for c in graph.claims if c.red_line and c.speaker_id == graph.actors[0].pk}
    ids = {int(e.findtext(f"{ATOM}id", "").rsplit(":", 1)[1]) for e in entries}
    assert ids == expected | {hostile.pk}
    assert entries[0].findtext(f"{ATOM}id") == f"redline:claim:{hostile.pk}"  # newest first
    summary = entries[0].findtext(f"{ATOM}summary", "")
    assert "<script>" not in summary and "&lt;script&gt;" in summary
    assert b"token=" not in response.content


def test_feed_needs_a_token_and_valid_filters(analyst: User) -> None:
    assert APIClient().get("/api/v1/claims/feed.atom").status_code == 401
    bad = APIClient().get(
        "/api/v1/claims/feed.atom", {"kind": "rumour", "token": make_token(analyst)}
    )
    assert bad.status_code == 400
    assert bad["Content-Type"].startswith("application/json")
