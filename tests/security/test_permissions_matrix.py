"""Permissions matrix: every URL the project serves × every kind of caller.

The URL patterns are walked from the root resolver (Django's admin aside: staff only, Django's
own), each is filled with ids of real rows and requested as anonymous, analyst (session), editor
(session), read token and editor token. Every pattern must be classified in ``WEB`` or ``API``
below — a new view that is not fails the test — and a DRF view's methods must match its row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.views import APIView

from claims.api.models import Subscription
from claims.api.tokens import create_token
from claims.services import editing
from tests.claims.curation_data import S_B, Graph, make_analyst, make_editor, make_graph

pytestmark = pytest.mark.django_db

# What a caller may do at one (endpoint, method):
READ = "read"  # readers: signed in, or anyone when REDLINE_PUBLIC_READ (web)
SIGNED_IN = "signed-in"  # any signed-in user, never anonymous (even with public reading)
WRITE = "write"  # editors only (an editor session or an editor token)
OWN = "own"  # any signed-in user, on their own things (tokens, webhook subscriptions)
PUBLIC = "public"  # anyone (the API schema and its docs page)
ACCOUNT = "account"  # Django's login / password pages: never a server error

# Logging out ends the callers' sessions; run after everything else.
RUN_LAST = frozenset({"logout"})
ROLES = ("anonymous", "analyst", "editor", "read token", "editor token")
EXCLUDED_PREFIXES = ("admin/",)  # Django admin: staff only, guarded by Django itself


@dataclass
class Rows:
    """Real rows the URLs point at, the users and their tokens."""

    graph: Graph
    editor: User
    analyst: User
    read_key: str
    editor_key: str
    spare_token_id: int
    edit_id: int
    subscription_id: int
    ids: dict[str, int] = field(default_factory=dict)


Payload = Callable[[Rows], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    kind: str
    payload: Payload | None = None


def _rule(kind: str, payload: Payload | None = None) -> Rule:
    return Rule(kind, payload)


# Web pages and forms (Django views, including the token page under /api/).
WEB: dict[str, dict[str, Rule]] = {
    "claims:dashboard": {"GET": _rule(READ)},
    "claims:timeline": {"GET": _rule(READ)},
    "claims:claim": {"GET": _rule(READ)},
    "claims:actors": {"GET": _rule(READ)},
    "claims:actor": {"GET": _rule(READ)},
    "claims:articles": {"GET": _rule(READ)},
    "claims:article": {"GET": _rule(READ)},
    "claims:outlets": {"GET": _rule(READ)},
    "claims:outlet": {"GET": _rule(READ)},
    "claims:edits": {"GET": _rule(READ)},
    "claims:correct-claim": {
        "POST": _rule(
            WRITE,
            lambda r: {
                "text": "troops on the border are a red line",
                "said_on": "2022-01-16",
                "said_on_precision": "day",
                "kind": "warning",
                "red_line": "on",
                "red_line_about": "troops on the border",
            },
        )
    },
    "claims:merge-claim": {"POST": _rule(WRITE, lambda r: {"other": str(r.graph.dup.pk)})},
    "claims:add-relation": {
        "POST": _rule(
            WRITE,
            lambda r: {"other": r.graph.dup.pk, "type": "same", "direction": "out"},
        )
    },
    "claims:review-mention": {"POST": _rule(WRITE, lambda r: {"status": "confirmed"})},
    "claims:review-relation": {"POST": _rule(WRITE, lambda r: {"status": "rejected"})},
    "claims:merge-actor": {"POST": _rule(WRITE, lambda r: {"other": str(r.graph.pesko.pk)})},
    "claims:add-mention": {
        "POST": _rule(
            WRITE,
            lambda r: {
                "start": r.graph.art2.text.index(S_B),
                "end": r.graph.art2.text.index(S_B) + len(S_B),
                "claim": r.graph.b.pk,
                "kind": "assertion",
            },
        )
    },
    "claims:undo": {"POST": _rule(WRITE)},
    "sources:ingest": {"GET": _rule(SIGNED_IN), "POST": _rule(WRITE, lambda r: {"urls": ""})},
    "sources:retry": {"POST": _rule(WRITE)},
    "api:tokens": {
        "GET": _rule(OWN),
        "POST": _rule(OWN, lambda r: {"name": "matrix", "scope": "read"}),
    },
    "api:revoke-token": {"POST": _rule(OWN)},
    "login": {"GET": _rule(ACCOUNT)},
    "logout": {"POST": _rule(ACCOUNT)},
    "password_change": {"GET": _rule(ACCOUNT)},
    "password_change_done": {"GET": _rule(ACCOUNT)},
    "password_reset": {"GET": _rule(ACCOUNT)},
    "password_reset_done": {"GET": _rule(ACCOUNT)},
    "password_reset_confirm": {"GET": _rule(ACCOUNT)},
    "password_reset_complete": {"GET": _rule(ACCOUNT)},
}

# The REST API (DRF views): JSON, tokens or a session, 401 without credentials.
API: dict[str, dict[str, Rule]] = {
    "api:claims-export-jsonl": {"GET": _rule(READ)},
    "api:claims-export-csv": {"GET": _rule(READ)},
    "api:claims-export-claimreview": {"GET": _rule(READ)},
    "api:claims-feed": {"GET": _rule(READ)},
    "api:claim-list": {"GET": _rule(READ)},
    "api:claim-detail": {
        "GET": _rule(READ),
        "PATCH": _rule(WRITE, lambda r: {"red_line_about": "troops on the border"}),
    },
    "api:claim-merge": {"POST": _rule(WRITE, lambda r: {"other": r.graph.dup.pk})},
    "api:actor-list": {"GET": _rule(READ)},
    "api:actor-detail": {"GET": _rule(READ)},
    "api:actor-merge": {"POST": _rule(WRITE, lambda r: {"other": r.graph.pesko.pk})},
    # An empty batch: refused by validation, so the editor cells stay quick (no extraction).
    "api:article-list": {"GET": _rule(READ), "POST": _rule(WRITE, lambda r: {"articles": []})},
    "api:article-detail": {"GET": _rule(READ)},
    "api:mention-list": {"GET": _rule(READ)},
    "api:mention-detail": {"GET": _rule(READ)},
    "api:mention-review": {"POST": _rule(WRITE, lambda r: {"status": "rejected"})},
    "api:relation-list": {
        "GET": _rule(READ),
        "POST": _rule(
            WRITE,
            lambda r: {"source": r.graph.b.pk, "target": r.graph.dup.pk, "type": "supports"},
        ),
    },
    "api:relation-detail": {"GET": _rule(READ)},
    "api:relation-review": {"POST": _rule(WRITE, lambda r: {"status": "confirmed"})},
    "api:outlet-list": {"GET": _rule(READ)},
    "api:outlet-detail": {"GET": _rule(READ)},
    "api:subscription-list": {"GET": _rule(OWN), "POST": _rule(OWN, lambda r: {})},
    "api:subscription-detail": {
        "GET": _rule(OWN),
        "PATCH": _rule(OWN, lambda r: {"active": False}),
        "DELETE": _rule(OWN),
    },
    "api:subscription-deliveries": {"GET": _rule(OWN)},
    "api:schema": {"GET": _rule(PUBLIC)},
    "api:docs": {"GET": _rule(PUBLIC)},
}


@dataclass(frozen=True)
class Endpoint:
    name: str
    route: str
    params: tuple[str, ...]
    callback: Any

    @property
    def is_api(self) -> bool:
        view_class = getattr(self.callback, "cls", None)
        return isinstance(view_class, type) and issubclass(view_class, APIView)


def _params(pattern: Any) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def walk(
    patterns: list[URLPattern | URLResolver],
    prefix: str = "",
    namespace: str = "",
    params: tuple[str, ...] = (),
) -> Iterator[Endpoint]:
    """Every URL pattern under ``patterns`` with its full route, namespaced name and params."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        here = params + tuple(_params(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, route, inner, here)
        else:
            name = f"{namespace}{entry.name}" if entry.name else f"<unnamed {route}>"
            yield Endpoint(name, route, here, entry.callback)


def endpoints() -> list[Endpoint]:
    """The project's endpoints (admin left out), from the root URL configuration."""
    found = walk(get_resolver().url_patterns)
    return [e for e in found if not e.route.lstrip("^").startswith(EXCLUDED_PREFIXES)]


def _api_methods(callback: Any) -> set[str]:
    view_class = callback.cls
    actions = getattr(callback, "actions", None)
    if actions:
        # The router maps PUT too; a viewset's http_method_names may still refuse it.
        methods = set(actions) & set(view_class.http_method_names)
    else:
        methods = {m for m in view_class.http_method_names if hasattr(view_class, m)}
    return {m.upper() for m in methods} - {"HEAD", "OPTIONS"}


def test_every_endpoint_is_classified() -> None:
    found = endpoints()
    names = {e.name for e in found}
    unclassified = sorted(names - set(WEB) - set(API))
    assert not unclassified, f"classify these views in the permissions matrix: {unclassified}"
    stale = sorted((set(WEB) | set(API)) - names)
    assert not stale, f"the matrix lists views that no longer exist: {stale}"
    for endpoint in found:
        if endpoint.is_api:
            assert endpoint.name in API, f"{endpoint.name} is a DRF view: list it in API"
            assert _api_methods(endpoint.callback) == set(API[endpoint.name]), endpoint.name
        else:
            assert endpoint.name in WEB, f"{endpoint.name} is a Django view: list it in WEB"


@pytest.fixture
def rows() -> Rows:
    graph = make_graph()
    editor = make_editor("matrix-editor")
    analyst = make_analyst("matrix-analyst")
    _, read_key = create_token(editor, "read", "matrix read")
    _, editor_key = create_token(editor, "editor", "matrix editor")
    spare, _ = create_token(editor, "read", "to revoke")
    edit = editing.confirm_mention(editor, graph.m_b.pk)
    subscription = Subscription.objects.create(
        owner=editor, event="claim.mention", claim=graph.a, target_url="https://hooks.example/x"
    )
    found = Rows(graph, editor, analyst, read_key, editor_key, spare.pk, edit.id, subscription.pk)
    outlet_id = graph.art1.outlet_id
    assert outlet_id is not None
    found.ids = {
        "claim_id": graph.a.pk,
        "actor_id": graph.peskov.pk,
        "article_id": graph.art1.pk,
        "outlet_id": outlet_id,
        "mention_id": graph.m_a1.pk,
        "relation_id": graph.rel.pk,
        "edit_id": edit.id,
        "token_id": spare.pk,
        "api:claim": graph.a.pk,
        "api:actor": graph.peskov.pk,
        "api:article": graph.art1.pk,
        "api:mention": graph.m_a1.pk,
        "api:relation": graph.rel.pk,
        "api:outlet": outlet_id,
        "api:subscription": subscription.pk,
    }
    return found


def url_of(endpoint: Endpoint, rows: Rows) -> str:
    """The endpoint's URL with its path parameters filled from real rows."""
    kwargs: dict[str, Any] = {}
    for param in endpoint.params:
        if param == "pk":
            resource = endpoint.name.rsplit("-", 1)[0]
            kwargs[param] = rows.ids[resource]
        elif param == "uidb64":
            kwargs[param] = "MQ"
        elif param == "token":
            kwargs[param] = "set-password"
        else:
            kwargs[param] = rows.ids[param]
    return reverse(endpoint.name, kwargs=kwargs)


def clients(rows: Rows) -> dict[str, Client]:
    analyst, editor = Client(), Client()
    analyst.force_login(rows.analyst)
    editor.force_login(rows.editor)
    return {
        "anonymous": Client(),
        "analyst": analyst,
        "editor": editor,
        "read token": Client(HTTP_AUTHORIZATION=f"Token {rows.read_key}"),
        "editor token": Client(HTTP_AUTHORIZATION=f"Token {rows.editor_key}"),
    }


def request(client: Client, method: str, url: str, data: dict[str, Any], api: bool) -> Any:
    if method == "GET":
        return client.get(url)
    call = getattr(client, method.lower())
    if api:
        return call(url, data, content_type="application/json")
    return call(url, data)


def is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def check_web(rule: Rule, role: str, method: str, response: Any, public_read: bool) -> str | None:
    """None when the answer is what the matrix expects, else what was wrong."""
    status = response.status_code
    # A token means nothing to the browser UI: a token-only caller is anonymous there.
    anonymous = role in ("anonymous", "read token", "editor token")
    if status >= 500:
        return f"server error {status}"
    if rule.kind == ACCOUNT:
        return None
    if anonymous:
        if rule.kind == READ and public_read:
            return None if status == 200 else f"{status}, expected 200 (public reading)"
        return None if is_login_redirect(response) else f"{status}, expected login redirect"
    if rule.kind in (READ, SIGNED_IN) or (rule.kind == OWN and method == "GET"):
        return None if status == 200 else f"{status}, expected 200"
    if rule.kind == WRITE and role == "analyst":
        return None if status == 403 else f"{status}, expected 403"
    return f"{status}: refused" if status == 403 else None


def check_api(rule: Rule, role: str, response: Any) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if rule.kind == PUBLIC:
        return None if status == 200 else f"{status}, expected 200"
    if role == "anonymous":
        return None if status == 401 else f"{status}, expected 401"
    if rule.kind == READ:
        return None if status == 200 else f"{status}, expected 200"
    if rule.kind == WRITE and role in ("analyst", "read token"):
        return None if status == 403 else f"{status}, expected 403"
    return f"{status}: refused" if status == 403 else None


def run_cells(
    rows: Rows, methods: set[str], public_read: bool, last: bool = False
) -> tuple[int, list[str]]:
    """Request every (endpoint, method in ``methods``, role); the count and the failures.

    ``last``: only the endpoints that end a session or remove a row the others point at.
    """
    checked, failures = 0, []
    callers = clients(rows)
    for endpoint in endpoints():
        if (endpoint.name in RUN_LAST) != last:
            continue
        table = API if endpoint.is_api else WEB
        url = url_of(endpoint, rows)
        for method, rule in table[endpoint.name].items():
            if method not in methods:
                continue
            for role in ROLES:
                if public_read and (endpoint.is_api or role != "anonymous"):
                    continue
                data = rule.payload(rows) if rule.payload else {}
                response = request(callers[role], method, url, data, endpoint.is_api)
                if endpoint.is_api:
                    problem = check_api(rule, role, response)
                else:
                    problem = check_web(rule, role, method, response, public_read)
                checked += 1
                if problem:
                    failures.append(f"{role:>12} {method:<6} {url} ({endpoint.name}): {problem}")
    return checked, failures


def post_only_cells(rows: Rows) -> tuple[int, list[str]]:
    """A signed-in GET of a web endpoint that only takes POST is a 405 (nothing happens)."""
    checked, failures = 0, []
    editor = clients(rows)["editor"]
    for endpoint in endpoints():
        if endpoint.is_api or "GET" in WEB[endpoint.name]:
            continue
        url = url_of(endpoint, rows)
        status = editor.get(url).status_code
        checked += 1
        if status != 405:
            failures.append(f"GET {url} ({endpoint.name}): {status}, expected 405")
    return checked, failures


def test_permissions_matrix(rows: Rows) -> None:
    checked, failures = 0, []
    # Reads first: the writes below merge and undo, which would change what the pages show.
    for methods, public_read in (({"GET"}, False), ({"GET"}, True), ({"POST", "PATCH"}, False)):
        with override_settings(REDLINE_PUBLIC_READ=public_read):
            count, problems = run_cells(rows, methods, public_read)
        checked += count
        failures += problems
    count, problems = post_only_cells(rows)
    checked += count
    failures += problems
    # Deleting and logging out come last: they remove what the other cells rely on.
    for methods, last in (({"DELETE"}, False), ({"POST"}, True)):
        count, problems = run_cells(rows, methods, False, last)
        checked += count
        failures += problems
    print(f"\npermission cells checked: {checked}, failures: {len(failures)}")
    assert not failures, "\n".join(failures)
    assert checked >= 5 * (len(WEB) + len(API))
