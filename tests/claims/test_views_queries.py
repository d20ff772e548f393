"""Every list page runs the same number of queries for 5 rows as for 25."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Actor, Claim, ClaimRelation
from claims.services import editing
from claims.services.editing import refresh_claim_counters
from tests.claims.curation_data import make_article, make_editor, mention

pytestmark = pytest.mark.django_db


def _add_rows(start: int, count: int, hub: Actor, editor: object) -> None:
    """``count`` red-line claims, each with its own speaker, article, outlet and a relation."""
    previous = None
    for i in range(start, start + count):
        speaker = Actor.objects.create(name=f"Speaker {i}")
        sentence = f"Speaker {i} warned that crossing line {i} is a red line for troops."
        article = make_article(f"Intro {i}. {sentence}", title=f"Story {i}", outlet=f"Outlet {i}")
        claim = Claim.objects.create(
            speaker=speaker,
            text=f"crossing line {i} is a red line for troops",
            said_on=date(2022, 1, 1) + timedelta(days=i),
            said_on_precision="day",
            red_line=True,
            kind="warning",
        )
        m = mention(claim, article, sentence)
        if previous is not None:
            ClaimRelation.objects.create(source=claim, target=previous, type="contradicts")
        hub_claim = Claim.objects.create(
            speaker=hub,
            text=f"hub claim {i}",
            red_line=True,
            said_on=date(2022, 2, 1) + timedelta(days=i),
        )
        mention(hub_claim, article, f"Intro {i}.")
        editing.confirm_mention(editor, m.pk)
        refresh_claim_counters([claim.pk, hub_claim.pk])
        previous = claim


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_list_pages_do_not_grow_with_rows(client: Client) -> None:
    editor = make_editor()
    client.force_login(editor)
    hub = Actor.objects.create(name="Hub Speaker")
    outlet_pk = lambda: make_article("x", title="o", outlet="Outlet 0").outlet_id  # noqa: E731
    _add_rows(0, 5, hub, editor)
    outlet = outlet_pk()
    urls = [
        reverse("claims:dashboard") + "?per=100",
        reverse("claims:dashboard") + "?per=100&q=troops&scope=all",
        reverse("claims:dashboard") + "?per=100&review=confirmed&outlet=" + str(outlet),
        reverse("claims:timeline") + "?scope=all",
        reverse("claims:actors") + "?per=100",
        reverse("claims:actor", args=[hub.pk]) + "?per=100",
        reverse("claims:articles") + "?per=100",
        reverse("claims:outlets") + "?per=100",
        reverse("claims:outlet", args=[outlet]) + "?per=100",
        reverse("claims:edits"),
        reverse("sources:ingest"),
    ]
    small = {url: _count(client, url) for url in urls}
    _add_rows(5, 20, hub, editor)
    large = {url: _count(client, url) for url in urls}
    assert large == small


def test_dashboard_page_size_does_not_change_query_count(client: Client) -> None:
    editor = make_editor()
    client.force_login(editor)
    _add_rows(0, 25, Actor.objects.create(name="Hub"), editor)
    url = reverse("claims:dashboard")
    client.get(url)  # the filter form's speaker list is cached from the first page on
    assert _count(client, url + "?per=5&q=troops") == _count(client, url + "?per=25&q=troops")
    assert _count(client, url + "?per=5") == _count(client, url + "?per=25")
