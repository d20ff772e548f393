"""CSRF: every form POST of the browser UI (and the API with a session) needs the token.

The endpoints and their payloads are the permissions matrix's (test_permissions_matrix.py), so a
new form is covered as soon as it is classified there.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.test_permissions_matrix import (
    API,
    RUN_LAST,
    WEB,
    Endpoint,
    Rows,
    endpoints,
    rows,
    url_of,
)

__all__ = ["rows"]  # the fixture, shared with the matrix

pytestmark = pytest.mark.django_db


def _unsafe() -> list[Endpoint]:
    """Endpoints taking POST, PATCH or DELETE (web forms and API writes), logout last."""
    found = [e for e in endpoints() if set((API if e.is_api else WEB)[e.name]) - {"GET"}]
    return sorted(found, key=lambda e: e.name in RUN_LAST)


def _csrf_client(rows: Rows) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(rows.editor)
    # Any page with a form sets the CSRF cookie.
    assert client.get(reverse("claims:claim", args=[rows.graph.a.pk])).status_code == 200
    return client, client.cookies["csrftoken"].value


def _send(
    client: Client, url: str, api: bool, method: str, data: dict[str, Any], **extra: Any
) -> Any:
    call = getattr(client, method.lower())
    if api:
        return call(url, data, content_type="application/json", **extra)
    return call(url, data, **extra)


def test_every_form_post_needs_the_csrf_token(rows: Rows) -> None:
    client, token = _csrf_client(rows)
    refused = accepted = 0
    problems = []
    for endpoint in _unsafe():
        table = API if endpoint.is_api else WEB
        url, api = url_of(endpoint, rows), endpoint.is_api
        for method, rule in table[endpoint.name].items():
            if method == "GET":
                continue
            data = rule.payload(rows) if rule.payload else {}
            without = _send(client, url, api, method, data)
            if without.status_code != 403:
                problems.append(f"{method} {endpoint.name} without token: {without.status_code}")
            refused += 1
            if api:
                with_token = _send(client, url, api, method, data, HTTP_X_CSRFTOKEN=token)
            else:
                with_token = _send(client, url, api, method, {**data, "csrfmiddlewaretoken": token})
            if with_token.status_code == 403 or with_token.status_code >= 500:
                problems.append(f"{method} {endpoint.name} with token: {with_token.status_code}")
            accepted += 1
    print(f"\nCSRF: {refused} posts refused without the token, {accepted} accepted with it")
    assert not problems, "\n".join(problems)
    assert refused >= len([n for n, methods in WEB.items() if "POST" in methods])


def test_login_form_needs_the_csrf_token(rows: Rows) -> None:
    client = Client(enforce_csrf_checks=True)
    login = reverse("login")
    credentials = {"username": rows.analyst.username, "password": "pw-matrix-analyst"}
    assert client.post(login, credentials).status_code == 403
    client.get(login)
    token = client.cookies["csrftoken"].value
    answer = client.post(login, {**credentials, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    assert client.get(reverse("claims:dashboard")).status_code == 200


def test_token_callers_need_no_csrf_token(rows: Rows) -> None:
    """Tokens are not sent by browsers on their own, so the API takes them without CSRF."""
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {rows.editor_key}")
    url = reverse("api:mention-review", kwargs={"pk": rows.graph.m_a1.pk})
    answer = client.post(url, {"status": "confirmed"}, content_type="application/json")
    assert answer.status_code == 200, answer.content
