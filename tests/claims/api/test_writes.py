"""Writes: article ingestion (202 + status URL) and editor actions through the editing services."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from claims.models import Actor, Claim, ClaimRelation
from sources.models import Article
from tests.claims.api.conftest import Graph

pytestmark = pytest.mark.django_db

ARTICLE_TEXT = (
    "The harbour authority said on Monday that ferries would stop at dusk.\n\n"
    "A spokesperson warned that any vessel entering the closed channel would be turned back."
)


def test_post_articles_answers_202_with_ids_and_status_urls(editor_client: APIClient) -> None:
    body = {
        "articles": [
            {"text": ARTICLE_TEXT, "title": "Ferries stop at dusk", "outlet": "Harbour Courier"},
            {"text": ARTICLE_TEXT, "title": "The same again"},
            {"url": "http://127.0.0.1:9/private"},
        ]
    }
    response = editor_client.post("/api/v1/articles", body, format="json")

    assert response.status_code == 202
    first, again, private = response.json()["articles"]
    article = Article.objects.get(pk=first["id"])
    assert first["outcome"] == "accepted"
    assert article.title == "Ferries stop at dusk"
    assert article.outlet is not None and article.outlet.name == "Harbour Courier"
    assert first["status_url"].endswith(f"/api/v1/articles/{article.pk}")
    assert again["outcome"] == "duplicate" and again["id"] == article.pk
    assert private["outcome"] == "failed" and "127.0.0.1" in private["error"]
    status = editor_client.get(first["status_url"])
    assert status.status_code == 200
    assert status.json()["status"] in {"pending", "processing", "done", "failed"}
    assert status.json()["text"].startswith("The harbour authority")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"articles": []}, "articles"),
        ({"articles": [{"title": "no text"}]}, "articles.0"),
        ({"articles": [{"text": 12, "published": "someday"}]}, "articles.0.published"),
        ({"articles": [{"url": "not a url"}]}, "articles.0.url"),
        ({"articles": "everything"}, "articles"),
        ({"articles": [{"text": "one"}, {"text": "two"}, {"text": "three"}]}, "articles"),
    ],
)
@override_settings(REDLINE_API_MAX_BATCH=2)
def test_bad_article_bodies_are_400_saying_what(
    editor_client: APIClient, body: dict[str, object], field: str
) -> None:
    response = editor_client.post("/api/v1/articles", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert not Article.objects.exists()


def test_malformed_json_and_oversize_bodies_are_400(editor_client: APIClient) -> None:
    broken = editor_client.post(
        "/api/v1/articles", data='{"articles": [', content_type="application/json"
    )
    assert broken.status_code == 400
    assert "JSON parse error" in broken.json()["detail"]

    with override_settings(REDLINE_API_MAX_BODY_BYTES=100):
        big = json.dumps({"articles": [{"text": "x" * 200}]})
        response = editor_client.post("/api/v1/articles", data=big, content_type="application/json")
    assert response.status_code == 400
    assert "larger than the limit of 100 bytes" in response.json()["detail"]


def test_editor_corrects_a_claim_and_the_record_shows_it(
    editor_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(2)
    claim = graph.claims[1]
    response = editor_client.patch(
        f"/api/v1/claims/{claim.pk}",
        {"red_line": True, "red_line_about": "the river crossing", "said_on": "2023-02-27"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["red_line"] is True
    assert response.json()["red_line_about"] == "the river crossing"
    assert response.json()["said_on"] == "2023-02-27"
    claim.refresh_from_db()
    assert {"red_line", "red_line_about", "said_on"} <= set(claim.locked_fields)


def test_editor_merges_claims_and_actors(
    editor_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(3)
    winner, loser = graph.claims[0], graph.claims[2]
    merged = editor_client.post(
        f"/api/v1/claims/{winner.pk}/merge", {"other": loser.pk}, format="json"
    )
    assert merged.status_code == 200, merged.json()
    assert len(merged.json()["mentions"]) == 2
    assert Claim.objects.get(pk=loser.pk).merged_into_id == winner.pk
    listed = editor_client.get("/api/v1/claims").json()["results"]
    assert loser.pk not in {row["id"] for row in listed}

    keep, gone = graph.actors
    actor = editor_client.post(f"/api/v1/actors/{keep.pk}/merge", {"other": gone.pk}, format="json")
    assert actor.status_code == 200
    assert "Northern Council" in actor.json()["aliases"]
    assert Actor.objects.get(pk=gone.pk).merged_into_id == keep.pk


def test_editor_adds_and_reviews_relations(
    editor_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(3)
    added = editor_client.post(
        "/api/v1/relations",
        {"source": graph.claims[1].pk, "target": graph.claims[2].pk, "type": "supports"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    assert added.json()["origin"] == "editor"
    rejected = editor_client.post(
        f"/api/v1/relations/{graph.relation.pk}/review", {"status": "rejected"}, format="json"
    )
    assert rejected.status_code == 200
    assert ClaimRelation.objects.get(pk=graph.relation.pk).status == "rejected"


def test_service_refusals_are_400_and_unknown_targets_404(
    editor_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    claim = build_graph(2).claims[0]
    self_merge = editor_client.post(
        f"/api/v1/claims/{claim.pk}/merge", {"other": claim.pk}, format="json"
    )
    assert self_merge.status_code == 400
    assert "itself" in self_merge.json()["detail"]
    missing = editor_client.post("/api/v1/claims/999999/merge", {"other": claim.pk}, format="json")
    assert missing.status_code == 404
    nothing = editor_client.patch(f"/api/v1/claims/{claim.pk}", {}, format="json")
    assert nothing.status_code == 400
