"""Tokens: created on the user's page (key shown once) and in the admin; editor scope guarded."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from claims.api.models import ApiToken
from tests.claims.api.conftest import client_with

pytestmark = pytest.mark.django_db


def test_user_page_creates_a_working_token_and_shows_the_key_once(analyst: User) -> None:
    browser = Client()
    browser.force_login(analyst)
    page = browser.post("/api/tokens/", {"name": "my script", "scope": "read"})
    assert page.status_code == 200
    key = re.search(rb"<code>([0-9a-f]{40})</code>", page.content)
    assert key is not None
    assert client_with(key.group(1).decode()).get("/api/v1/claims").status_code == 200
    assert key.group(1) not in browser.get("/api/tokens/").content

    token = ApiToken.objects.get(user=analyst)
    browser.post(f"/api/tokens/{token.pk}/revoke/")
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert client_with(key.group(1).decode()).get("/api/v1/claims").status_code == 401


def test_only_editors_get_editor_tokens(analyst: User, editor: User) -> None:
    browser = Client()
    browser.force_login(analyst)
    refused = browser.post("/api/tokens/", {"scope": "editor"})
    assert b"Only editors" in refused.content
    assert not ApiToken.objects.filter(user=analyst).exists()
    browser.force_login(editor)
    browser.post("/api/tokens/", {"scope": "editor"})
    assert ApiToken.objects.get(user=editor).scope == "editor"


def test_the_admin_creates_tokens_and_shows_the_key(admin_client: Client, analyst: User) -> None:
    response = admin_client.post(
        "/admin/claims/apitoken/add/",
        {"user": analyst.pk, "name": "pipeline", "scope": "read"},
        follow=True,
    )
    assert response.status_code == 200
    key = re.search(rb"shown only now: ([0-9a-f]{40})", response.content)
    assert key is not None
    assert client_with(key.group(1).decode()).get("/api/v1/outlets").status_code == 200


def test_the_swagger_ui_and_schema_are_served_with_local_assets(client: Client) -> None:
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"drf_spectacular_sidecar" in docs.content or b"/static/" in docs.content
    assert b"cdn." not in docs.content and b"unpkg" not in docs.content
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/claims/{id}" in schema.json()["paths"]
