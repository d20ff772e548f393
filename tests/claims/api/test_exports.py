"""Export contracts: JSONL records, CSV one row per mention, ClaimReview JSON-LD; all streamed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from claims.exporters import CSV_COLUMNS
from claims.models import Claim
from claims.records import RECORD_KEYS, claim_record, with_record_relations
from tests.claims.api.conftest import Graph, add_claim, make_article

pytestmark = pytest.mark.django_db


def _body(response: object) -> str:
    assert response.streaming  # type: ignore[attr-defined]
    return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]


def test_jsonl_export_is_one_record_per_line(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(4)
    response = reader_client.get("/api/v1/claims/export.jsonl")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in _body(response).splitlines()]
    assert [r["id"] for r in records] == sorted(c.pk for c in graph.claims)
    expected = claim_record(
        with_record_relations(Claim.objects.filter(pk=graph.claims[0].pk)).get()
    )
    assert records[0] == expected
    assert all(tuple(r) == RECORD_KEYS for r in records)


def test_csv_export_parses_with_one_row_per_mention(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(2)
    second = make_article(
        graph.outlets[1], 'Elsewhere, "a quote, with commas" and the same line 0 repeated.'
    )
    claim = graph.claims[0]
    claim.mentions.create(article=second, sentence="a quote, with commas", start=12, end=32)
    add_claim(graph.actors[0], second, "the same line 0 repeated.")

    response = reader_client.get("/api/v1/claims/export.csv", {"speaker": graph.actors[0].pk})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert tuple(rows[0]) == CSV_COLUMNS
    first_claim_rows = [r for r in rows if r["claim_id"] == str(claim.pk)]
    assert len(first_claim_rows) == 2
    assert {r["outlet"] for r in first_claim_rows} == {"Harbour Courier", "Valley Ledger"}
    assert {r["sentence"] for r in first_claim_rows} >= {"a quote, with commas"}
    assert all(r["speaker"] == "Mira Castellan" for r in rows)


def test_claimreview_export_is_json_ld_with_schema_org_types(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(3)
    response = reader_client.get("/api/v1/claims/export.jsonld", {"red_line": "true"})
    assert response["Content-Type"].startswith("application/ld+json")
    reviews = json.loads(_body(response))
    red = [c for c in graph.claims if c.red_line]
    assert len(reviews) == len(red)
    review = reviews[0]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Mira Castellan"}
    assert item["appearance"][0]["@type"] == "CreativeWork"
    assert item["firstAppearance"] == item["appearance"][0]
    assert item["datePublished"] == "2023-03-01"


def test_export_filters_are_validated_and_errors_are_json(reader_client: APIClient) -> None:
    response = reader_client.get("/api/v1/claims/export.csv", {"kind": "prophecy"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "kind" in response.json()["errors"]


def test_empty_exports_are_empty(reader_client: APIClient) -> None:
    for fmt in ("jsonl", "csv"):
        response = reader_client.get(f"/api/v1/claims/export.{fmt}")
        assert response.status_code == 200
        assert _body(response) == ""
    # JSON-LD stays valid JSON: an empty array.
    assert json.loads(_body(reader_client.get("/api/v1/claims/export.jsonld"))) == []
