"""Claims endpoints: the record shape, filters, cursors, conditional GET and editor actions."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

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


def test_list_filters_select_the_right_claims(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(6)
    red_ids = {c.pk for c in graph.claims if c.red_line}

    def ids(**params: str | int) -> set[int]:
        response = reader_client.get("/api/v1/claims", params)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids(red_line="true") == red_ids
    assert ids(red_line="false") == {c.pk for c in graph.claims} - red_ids
    assert ids(speaker=graph.actors[1].pk) == {c.pk for c in graph.claims[1::2]}
    assert ids(outlet=graph.outlets[0].pk) == {c.pk for c in graph.claims[0::2]}
    assert ids(q="crossing line 4") >= {graph.claims[4].pk}
    assert ids(q="zebra") == set()
    assert ids(said_after="2023-03-02") == set()
    assert ids(said_before="2023-03-01", kind="warning") == {c.pk for c in graph.claims}


@pytest.mark.parametrize(
    "params",
    [
        {"red_line": "maybe"},
        {"kind": "prophecy"},
        {"said_after": "last tuesday"},
        {"speaker": "999999"},
        {"updated_since": "yesterday"},
        {"review_status": "approved"},
        {"page_size": "0"},
        {"page_size": "many"},
        {"updated_since": ""},
        {"outlet": ""},
    ],
)
def test_bad_filter_values_are_400_with_a_message(
    reader_client: APIClient, build_graph: Callable[..., Graph], params: dict[str, str]
) -> None:
    build_graph(2)
    response = reader_client.get("/api/v1/claims", params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"]
    assert set(body["errors"]) == set(params)


def test_cursor_pages_through_every_claim_once(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(7)
    seen: list[int] = []
    url: str | None = "/api/v1/claims?page_size=3"
    while url:
        response = reader_client.get(url)
        assert response.status_code == 200
        seen += [row["id"] for row in response.json()["results"]]
        url = response.json()["next"]
    assert sorted(seen) == sorted(c.pk for c in graph.claims)
    assert len(seen) == len(set(seen))


def test_a_claim_changed_during_a_sync_comes_again_at_the_end(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(4)
    first = reader_client.get("/api/v1/claims?page_size=2").json()
    Claim.objects.get(pk=first["results"][0]["id"]).save()  # updated_at moves forward
    rest: list[int] = []
    url = first["next"]
    while url:
        page = reader_client.get(url).json()
        rest += [row["id"] for row in page["results"]]
        url = page["next"]
    assert rest[-1] == first["results"][0]["id"]
    assert sorted(rest[:-1]) == sorted(c.pk for c in graph.claims[2:])


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda token: token[:-2] + ("aa" if not token.endswith("aa") else "bb"), "not one"),
        (lambda token: "garbage", "not one"),
    ],
)
def test_forged_cursors_are_400(
    reader_client: APIClient,
    build_graph: Callable[..., Graph],
    tamper: Callable[[str], str],
    message: str,
) -> None:
    build_graph(3)
    next_url = reader_client.get("/api/v1/claims?page_size=1").json()["next"]
    token = parse_qs(urlsplit(next_url).query)["cursor"][0]
    response = reader_client.get("/api/v1/claims", {"page_size": "1", "cursor": tamper(token)})
    assert response.status_code == 400
    assert message in response.json()["errors"]["cursor"][0]


def test_a_cursor_for_other_filters_or_an_old_one_is_400(
    reader_client: APIClient, build_graph: Callable[..., Graph], settings: object
) -> None:
    build_graph(3)
    next_url = reader_client.get("/api/v1/claims?page_size=1").json()["next"]
    token = parse_qs(urlsplit(next_url).query)["cursor"][0]
    other = reader_client.get("/api/v1/claims", {"cursor": token, "red_line": "true"})
    assert other.status_code == 400
    assert "another query" in other.json()["errors"]["cursor"][0]
    settings.REDLINE_API_CURSOR_MAX_AGE = -1  # type: ignore[attr-defined]
    stale = reader_client.get("/api/v1/claims", {"cursor": token, "page_size": 1})
    assert stale.status_code == 400
    assert "expired" in stale.json()["errors"]["cursor"][0]


def test_updated_since_returns_only_later_changes(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(3)
    changed = graph.claims[1]
    changed.save()
    changed.refresh_from_db()
    response = reader_client.get(
        "/api/v1/claims", {"updated_since": changed.updated_at.isoformat()}
    )
    assert [row["id"] for row in response.json()["results"]] == [changed.pk]


def test_detail_conditional_get_answers_304_until_the_claim_changes(
    reader_client: APIClient, build_graph: Callable[..., Graph]
) -> None:
    claim = build_graph(2).claims[0]
    url = f"/api/v1/claims/{claim.pk}"
    first = reader_client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    assert reader_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert reader_client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    Claim.objects.filter(pk=claim.pk).update(text="A reworded statement about the border.")
    again = reader_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_unknown_ids_are_404(reader_client: APIClient, db: None) -> None:
    for path in ("claims", "actors", "articles", "mentions", "relations", "outlets"):
        response = reader_client.get(f"/api/v1/{path}/987654")
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
    assert reader_client.get("/api/v1/claims/not-a-number").status_code == 404
