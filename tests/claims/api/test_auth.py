"""Authentication, scopes and throttling: 401 without a token, 403 without the editor scope."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from claims.api.models import ApiToken, hash_token_key
from tests.claims.api.conftest import Graph, client_with, make_token

pytestmark = pytest.mark.django_db


def test_no_token_is_401_with_a_challenge(db: None) -> None:
    response = APIClient().get("/api/v1/claims")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_an_unknown_token_is_401(db: None) -> None:
    response = client_with("0" * 40).get("/api/v1/claims")
    assert response.status_code == 401


def test_only_a_hash_of_the_key_is_stored(analyst: User) -> None:
    key = make_token(analyst)
    token = ApiToken.objects.get(user=analyst)
    assert token.key_hash == hash_token_key(key)
    assert key not in (token.key_hash, token.key_prefix)
    assert client_with(key).get("/api/v1/outlets").status_code == 200


def test_editor_actions_need_the_editor_scope(
    analyst: User, editor: User, build_graph: Callable[..., Graph]
) -> None:
    mention = build_graph(2).mentions[0]
    url = f"/api/v1/mentions/{mention.pk}/review"
    body = {"status": "confirmed"}

    assert APIClient().post(url, body, format="json").status_code == 401
    assert client_with(make_token(analyst)).post(url, body, format="json").status_code == 403
    # An editor's read-only token cannot edit either.
    assert client_with(make_token(editor)).post(url, body, format="json").status_code == 403
    # The editor scope on a user outside the editors group is not enough.
    analyst_editor_token = make_token(analyst, ApiToken.Scope.EDITOR)
    assert client_with(analyst_editor_token).post(url, body, format="json").status_code == 403

    done = client_with(make_token(editor, ApiToken.Scope.EDITOR)).post(url, body, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "confirmed"


def test_session_auth_works_for_the_browsable_api(analyst: User, db: None) -> None:
    client = APIClient()
    client.force_login(analyst)
    response = client.get("/api/v1/claims", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"<html" in response.content.lower()


def test_throttled_requests_get_429_with_retry_after(
    reader_client: APIClient, analyst: User
) -> None:
    # The cache may be a shared Redis: drop only this user's counter, never clear it all.
    cache.delete(f"throttle_read_{analyst.pk}")
    with override_settings(REDLINE_API_THROTTLE_RATES={"read": "2/min", "write": None}):
        codes = [reader_client.get("/api/v1/outlets").status_code for _ in range(3)]
        throttled = reader_client.get("/api/v1/outlets")
    assert codes == [200, 200, 429]
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert throttled.json()["code"] == "throttled"
