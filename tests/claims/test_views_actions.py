"""Editor forms: POST + CSRF, htmx fragments, refusals for analysts, undo from the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Actor, ActorAlias, Claim, ClaimRelation, Mention
from tests.claims.curation_data import Graph, make_analyst, make_editor, make_graph

pytestmark = pytest.mark.django_db


@pytest.fixture
def graph() -> Graph:
    return make_graph()


@pytest.fixture
def editor_client(client: Client) -> Client:
    client.force_login(make_editor())
    return client


def test_confirm_mention_by_plain_post_and_undo(editor_client: Client, graph: Graph) -> None:
    claim_url = reverse("claims:claim", args=[graph.a.pk])
    response = editor_client.post(
        reverse("claims:review-mention", args=[graph.m_a1.pk]),
        {"status": "confirmed", "next": claim_url},
    )
    assert response.status_code == 302 and response["Location"] == claim_url
    assert Mention.objects.get(pk=graph.m_a1.pk).status == "confirmed"
    page = editor_client.get(claim_url).content.decode()
    assert "Last edit: confirmed mention" in page
    edit_id = editor_client.session["last_edit"]["id"]
    editor_client.post(reverse("claims:undo", args=[edit_id]), {"next": claim_url})
    assert Mention.objects.get(pk=graph.m_a1.pk).status == "suggested"


def test_htmx_review_returns_the_updated_fragment(editor_client: Client, graph: Graph) -> None:
    response = editor_client.post(
        reverse("claims:review-relation", args=[graph.rel.pk]),
        {"status": "rejected", "from": str(graph.a.pk)},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li class="relation rejected" id="relation-{graph.rel.pk}"')
    assert 'hx-swap-oob="true"' in html and "Undo" in html
    assert ClaimRelation.objects.get(pk=graph.rel.pk).status == "rejected"


def test_analyst_is_refused_and_nothing_changes(client: Client, graph: Graph) -> None:
    client.force_login(make_analyst())
    posts = [
        (reverse("claims:review-mention", args=[graph.m_a1.pk]), {"status": "confirmed"}),
        (reverse("claims:merge-actor", args=[graph.peskov.pk]), {"other": "Pesko"}),
        (
            reverse("claims:correct-claim", args=[graph.a.pk]),
            {"text": "x", "kind": "denial", "said_on_precision": "day"},
        ),
        (reverse("claims:merge-claim", args=[graph.a.pk]), {"other": str(graph.dup.pk)}),
        (reverse("sources:retry", args=[graph.art1.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Mention.objects.get(pk=graph.m_a1.pk).status == "suggested"
    assert Actor.objects.get(pk=graph.pesko.pk).merged_into_id is None


def test_edit_endpoints_need_post_and_login(client: Client, graph: Graph) -> None:
    url = reverse("claims:review-mention", args=[graph.m_a1.pk])
    assert client.post(url, {"status": "confirmed"}).status_code == 302  # to the login page
    client.force_login(make_editor())
    assert client.get(url).status_code == 405


def test_csrf_is_enforced(graph: Graph) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_editor())
    url = reverse("claims:review-mention", args=[graph.m_a1.pk])
    assert strict.post(url, {"status": "confirmed"}).status_code == 403
    assert Mention.objects.get(pk=graph.m_a1.pk).status == "suggested"


def test_merge_actor_by_name_keeps_alias(editor_client: Client, graph: Graph) -> None:
    response = editor_client.post(
        reverse("claims:merge-actor", args=[graph.peskov.pk]), {"other": "pesko"}
    )
    assert response.status_code == 302
    assert Actor.objects.get(pk=graph.pesko.pk).merged_into_id == graph.peskov.pk
    assert ActorAlias.objects.filter(actor=graph.peskov, alias="Pesko").exists()
    missing = editor_client.post(
        reverse("claims:merge-actor", args=[graph.peskov.pk]), {"other": "Nobody"}, follow=True
    )
    assert "No actor is called" in missing.content.decode()


def test_correct_claim_form_changes_only_what_differs(editor_client: Client, graph: Graph) -> None:
    editor_client.post(
        reverse("claims:correct-claim", args=[graph.a.pk]),
        {
            "speaker": "Dmitry Peskov",
            "text": graph.a.text,
            "said_on": "2022-01-16",
            "said_on_precision": "day",
            "kind": "denial",
            "red_line": "on",
            "red_line_about": "troops",
        },
    )
    claim = Claim.objects.get(pk=graph.a.pk)
    assert claim.kind == "denial"
    assert claim.locked_fields == ["kind"]


def test_add_mention_form_creates_claim(editor_client: Client, graph: Graph) -> None:
    text = graph.art1.text
    response = editor_client.post(
        reverse("claims:add-mention", args=[graph.art1.pk]),
        {
            "start": "0",
            "end": str(text.index(".") + 1),
            "speaker": "Local Mayor",
            "kind": "announcement",
        },
    )
    assert response.status_code == 302
    mention = Mention.objects.get(article=graph.art1, origin="editor")
    assert mention.sentence == "Troops gather."
    assert mention.claim.speaker is not None and mention.claim.speaker.name == "Local Mayor"
    refused = editor_client.post(
        reverse("claims:add-mention", args=[graph.art1.pk]),
        {"start": "0", "end": "5"},
        follow=True,
    )
    assert "Give a claim number, or a speaker" in refused.content.decode()


def test_merge_claims_and_relation_forms(editor_client: Client, graph: Graph) -> None:
    editor_client.post(
        reverse("claims:add-relation", args=[graph.dup.pk]),
        {"other": str(graph.b.pk), "type": "contradicts", "direction": "in", "evidence": "e"},
    )
    assert ClaimRelation.objects.filter(source=graph.b, target=graph.dup, origin="editor").exists()
    editor_client.post(
        reverse("claims:merge-claim", args=[graph.a.pk]), {"other": str(graph.dup.pk)}
    )
    assert Claim.objects.get(pk=graph.dup.pk).merged_into_id == graph.a.pk
