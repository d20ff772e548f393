"""Claims endpoints: the record shape, filters, cursors, conditional GET and editor actions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from claims.models import Claim
from claims.records import RECORD_KEYS, claim_record, with_record_relations
from tests.claims.api.conftest import Graph

pytestmark = pytest.mark.django_db


def test_detail_is_exactly_the_design_record(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph()
    claim = graph.claims[0]

    response = reader_client.get(f"/api/v1/claims/{claim.pk}")

    assert response.status_code == 200
    body = response.json()
    assert tuple(body) == RECORD_KEYS
    expected = claim_record(with_record_relations(Claim.objects.filter(pk=claim.pk)).get())
    assert body == expected
    assert body["speaker"] == {"id": graph.actors[0].pk, "name": "Mira Castellan", "kind": "person"}
    mention = body["mentions"][0]
    assert set(mention) == {"article", "sentence", "start", "end", "status"}
    assert set(mention["article"]) == {"id", "title", "url", "outlet", "published", "file"}
    assert mention["article"]["outlet"] == "Harbour Courier"
    assert body["relations"] == [
        {"type": "contradicts", "claim": graph.claims[1].pk, "score": 0.7, "status": "suggested"}
    ]
