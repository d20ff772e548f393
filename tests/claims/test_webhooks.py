"""Webhooks: signed deliveries to a receiver on 127.0.0.1, retried after a failure."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from rest_framework.test import APIClient

from claims.api.models import Subscription, WebhookDelivery
from claims.models import ClaimRelation, Mention
from claims.webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    backoff_seconds,
    notify_new_mention,
    verify_signature,
)
from tests.claims.api.conftest import (
    Graph,
    add_claim,
    client_with,
    graph_of,
    make_article,
    make_token,
)

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server on 127.0.0.1 answering the queued statuses, recording each request."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                receiver.requests.append((dict(self.headers.items()), self.rfile.read(length)))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/redline"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def analyst(db: None) -> User:
    return User.objects.create_user("subscriber", password="subscriber-pass-123")


@pytest.fixture
def reader_client(analyst: User) -> APIClient:
    return client_with(make_token(analyst))


@pytest.fixture
def build_graph(db: None) -> Callable[..., Graph]:
    return graph_of


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with override_settings(REDLINE_FETCH_ALLOW_PRIVATE=True), Receiver([500, 200]) as running:
        yield running


def test_a_new_mention_is_posted_signed_and_retried_after_a_500(
    reader_client: APIClient,
    build_graph: Callable[..., Graph],
    receiver: Receiver,
    django_capture_on_commit_callbacks: Any,
) -> None:
    graph = build_graph(2)
    claim = graph.claims[0]
    created = reader_client.post(
        "/api/v1/subscriptions",
        {"event": "claim.mention", "claim": claim.pk, "target_url": receiver.url},
        format="json",
    )
    assert created.status_code == 201, created.json()
    secret = created.json()["secret"]

    other = make_article(graph.outlets[1], "Later, the line 0 warning was repeated in full.")
    with django_capture_on_commit_callbacks(execute=True):
        mention = Mention.objects.create(
            claim=claim, article=other, sentence="the line 0 warning", start=13, end=31
        )

    assert len(receiver.requests) == 2  # a 500, then the retry that succeeded
    for headers, body in receiver.requests:
        assert verify_signature(secret, headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER])
        assert not verify_signature(
            "another secret", headers[TIMESTAMP_HEADER], body, headers[SIGNATURE_HEADER]
        )
    headers, body = receiver.requests[-1]
    payload = json.loads(body)
    assert headers["X-Redline-Event"] == "claim.mention"
    assert payload["data"]["claim"]["id"] == claim.pk
    assert payload["data"]["mention"]["sentence"] == "the line 0 warning"
    delivery = WebhookDelivery.objects.get(event_key=f"mention:{mention.pk}")
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 2
    # Notifying the same event again sends nothing twice.
    assert notify_new_mention(mention) == []


def test_contradictions_and_red_lines_queue_deliveries(
    analyst: Any, build_graph: Callable[..., Graph]
) -> None:
    graph = build_graph(3)
    on_claim = Subscription.objects.create(
        owner=analyst,
        event=Subscription.Event.CLAIM_CONTRADICTION,
        claim=graph.claims[2],
        target_url="https://hooks.example/contradictions",
    )
    on_actor = Subscription.objects.create(
        owner=analyst,
        event=Subscription.Event.ACTOR_RED_LINE,
        actor=graph.actors[1],
        target_url="https://hooks.example/red-lines",
    )
    ClaimRelation.objects.create(
        source=graph.claims[0], target=graph.claims[2], type="contradicts", score=0.6
    )
    ClaimRelation.objects.create(
        source=graph.claims[1], target=graph.claims[2], type="supports", score=0.6
    )
    article = make_article(graph.outlets[0], "The council warned that the bridge stays shut.")
    red, _ = add_claim(graph.actors[1], article, "the bridge stays shut", red_line=True)
    add_claim(graph.actors[1], article, "The council warned", red_line=False)

    contradiction = WebhookDelivery.objects.get(subscription=on_claim)
    assert contradiction.payload["data"]["claim"]["id"] == graph.claims[2].pk
    assert contradiction.payload["data"]["contradicting_claim"]["id"] == graph.claims[0].pk
    red_lines = WebhookDelivery.objects.filter(subscription=on_actor)
    assert [d.event_key for d in red_lines] == [f"claim:{red.pk}"]


def test_targets_must_be_public_addresses(reader_client: APIClient, build_graph: Any) -> None:
    claim = build_graph(2).claims[0]
    for target in (
        "http://127.0.0.1:8000/hook",
        "http://169.254.169.254/latest",
        "ftp://x.example/",
    ):
        response = reader_client.post(
            "/api/v1/subscriptions",
            {"event": "claim.mention", "claim": claim.pk, "target_url": target},
            format="json",
        )
        assert response.status_code == 400, target
        assert "target_url" in response.json()["errors"]


def test_an_event_needs_its_own_kind_of_target(reader_client: APIClient, build_graph: Any) -> None:
    graph = build_graph(2)
    response = reader_client.post(
        "/api/v1/subscriptions",
        {"event": "actor.red_line", "claim": graph.claims[0].pk, "target_url": "https://1.1.1.1/"},
        format="json",
    )
    assert response.status_code == 400
    assert "actor" in response.json()["errors"]


def test_backoff_doubles(settings: Any) -> None:
    settings.REDLINE_WEBHOOK_BACKOFF_SECONDS = 30
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
