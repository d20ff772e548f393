"""Read pages: who may see them, what they show, and that ingested text is always escaped."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Actor, Claim
from tests.claims.curation_data import Graph, make_analyst, make_article, make_graph, mention

pytestmark = pytest.mark.django_db

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def graph() -> Graph:
    return make_graph()


@pytest.fixture
def analyst_client(client: Client) -> Client:
    client.force_login(make_analyst())
    return client


def _pages(g: Graph) -> list[str]:
    return [
        reverse("claims:dashboard"),
        reverse("claims:dashboard") + "?scope=all&q=troops",
        reverse("claims:timeline"),
        reverse("claims:claim", args=[g.a.pk]),
        reverse("claims:actors"),
        reverse("claims:actor", args=[g.peskov.pk]),
        reverse("claims:articles"),
        reverse("claims:article", args=[g.art2.pk]),
        reverse("claims:outlets"),
        reverse("claims:outlet", args=[g.art1.outlet_id]),
        reverse("claims:edits"),
    ]


def test_anonymous_users_are_sent_to_login(client: Client, graph: Graph) -> None:
    for url in _pages(graph):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_public_read_setting_opens_pages(client: Client, graph: Graph, settings) -> None:
    settings.REDLINE_PUBLIC_READ = True
    for url in _pages(graph):
        assert client.get(url).status_code == 200, url
    # Reading is open; editing still needs an editor.
    response = client.post(reverse("claims:review-mention", args=[graph.m_a1.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_login_page_renders(client: Client) -> None:
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_every_page_renders_for_an_analyst(analyst_client: Client, graph: Graph) -> None:
    for url in _pages(graph):
        response = analyst_client.get(url)
        assert response.status_code == 200, url
        assert b"Confirm link" not in response.content, url  # analysts get no edit forms


def test_dashboard_lists_red_lines_newest_first_with_counts(
    analyst_client: Client, graph: Graph
) -> None:
    response = analyst_client.get(reverse("claims:dashboard"))
    claims = list(response.context["page"].object_list)
    assert [c.pk for c in claims] == [graph.dup.pk, graph.a.pk]  # b is not a red line
    assert [(c.outlet_count, c.contradiction_count) for c in claims] == [(1, 0), (2, 1)]
    html = response.content.decode()
    assert "Dmitry Peskov" in html and "16 Jan 2022" in html


def test_dashboard_filters_come_from_the_url(analyst_client: Client, graph: Graph) -> None:
    url = reverse("claims:dashboard")
    by_actor = analyst_client.get(url, {"actor": str(graph.nato.pk), "scope": "all"})
    assert [c.pk for c in by_actor.context["page"].object_list] == [graph.b.pk]
    by_outlet = analyst_client.get(url, {"outlet": str(graph.art3.outlet_id)})
    assert [c.pk for c in by_outlet.context["page"].object_list] == [graph.dup.pk]
    by_date = analyst_client.get(url, {"from": "2022-01-17", "to": "2022-01-17", "scope": "all"})
    assert {c.pk for c in by_date.context["page"].object_list} == {graph.b.pk, graph.dup.pk}
    by_kind = analyst_client.get(url, {"kind": "assertion", "scope": "all"})
    assert [c.pk for c in by_kind.context["page"].object_list] == [graph.b.pk]
    reviewed = analyst_client.get(url, {"review": "confirmed"})
    assert list(reviewed.context["page"].object_list) == []
    bad = analyst_client.get(url, {"from": "yesterday", "actor": "x"})
    assert bad.status_code == 200
    assert len(bad.context["filters"].errors) == 2
    # The pagination links keep the filter state.
    assert by_actor.context["query_base"] == f"actor={graph.nato.pk}&scope=all"


def test_search_ranks_and_highlights_claims_and_sentences(
    analyst_client: Client, graph: Graph
) -> None:
    response = analyst_client.get(reverse("claims:dashboard"), {"q": "unusual", "scope": "all"})
    [claim] = response.context["page"].object_list
    assert claim.pk == graph.b.pk
    html = response.content.decode()
    assert "<mark>unusual</mark>" in html
    # Found through a source sentence only (the claim text does not contain "official").
    by_sentence = analyst_client.get(reverse("claims:dashboard"), {"q": "official", "scope": "all"})
    assert [c.pk for c in by_sentence.context["page"].object_list] == [graph.b.pk]
    assert "<mark>official</mark>" in by_sentence.content.decode()


def test_search_highlight_escapes_text(analyst_client: Client, graph: Graph) -> None:
    Claim.objects.filter(pk=graph.a.pk).update(text=f"troops {EVIL} red line")
    response = analyst_client.get(reverse("claims:dashboard"), {"q": "troops"})
    html = response.content.decode()
    assert EVIL not in html
    assert "&lt;script&gt;" in html


def test_claim_page_shows_sources_first_appearance_and_contradictions(
    analyst_client: Client, graph: Graph
) -> None:
    response = analyst_client.get(reverse("claims:claim", args=[graph.a.pk]))
    html = response.content.decode()
    assert html.count("first appearance") == 1
    assert "Wire One" in html and "Wire Two" in html
    assert "<mark>Dmitry Peskov warned that troops" in html
    assert "large and unusual" in html  # the contradicting claim
    assert "build-up vs red line" in html  # its evidence


def test_merged_claim_redirects_to_winner(analyst_client: Client, graph: Graph) -> None:
    Claim.objects.filter(pk=graph.dup.pk).update(merged_into=graph.a.pk)
    response = analyst_client.get(reverse("claims:claim", args=[graph.dup.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("claims:claim", args=[graph.a.pk]))


def test_article_page_highlights_statements_by_offsets(
    analyst_client: Client, graph: Graph
) -> None:
    response = analyst_client.get(reverse("claims:article", args=[graph.art2.pk]))
    html = response.content.decode()
    assert f'id="m{graph.m_a2.pk}" data-start="0"' in html
    assert f'id="m{graph.m_b.pk}"' in html
    assert 'class="statement suggested red"' in html


def test_failed_article_shows_error_and_retry_for_editors(client: Client, graph: Graph) -> None:
    from tests.claims.curation_data import make_editor

    failed = make_article("x", title="Broken", status="failed", error="extraction failed: boom")
    client.force_login(make_editor())
    html = client.get(reverse("claims:article", args=[failed.pk])).content.decode()
    assert "extraction failed: boom" in html
    assert reverse("sources:retry", args=[failed.pk]) in html


def test_actor_page_shows_aliases_timeline_and_opponents(
    analyst_client: Client, graph: Graph
) -> None:
    graph.peskov.aliases.create(alias="Kremlin spokesman")
    response = analyst_client.get(reverse("claims:actor", args=[graph.peskov.pk]))
    html = response.content.decode()
    assert "Kremlin spokesman" in html
    assert "<svg" in html and reverse("claims:claim", args=[graph.a.pk]) in html
    assert response.context["opponents"] == [{"actor": graph.nato, "count": 1}]


def test_timeline_links_each_dot_to_its_claim(analyst_client: Client, graph: Graph) -> None:
    response = analyst_client.get(reverse("claims:timeline"), {"scope": "all"})
    html = response.content.decode()
    for claim in (graph.a, graph.b, graph.dup):
        assert f'<a href="{reverse("claims:claim", args=[claim.pk])}" class="dot-link">' in html


def test_ingested_text_is_never_rendered_unescaped(analyst_client: Client) -> None:
    speaker = Actor.objects.create(name=f"Evil {EVIL}")
    article = make_article(f"Intro. {EVIL} said the line. End.", title=f"Title {EVIL}")
    claim = Claim.objects.create(
        speaker=speaker, text=f"quote {EVIL}", red_line=True, red_line_about=EVIL
    )
    m = mention(claim, article, f"{EVIL} said the line.")
    Claim.objects.filter(pk=claim.pk).update(first_mention=m)
    urls = [
        reverse("claims:dashboard"),
        reverse("claims:dashboard") + "?q=quote",
        reverse("claims:timeline"),
        reverse("claims:claim", args=[claim.pk]),
        reverse("claims:actor", args=[speaker.pk]),
        reverse("claims:actors"),
        reverse("claims:article", args=[article.pk]),
        reverse("claims:articles"),
    ]
    for url in urls:
        html = analyst_client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;" in html, url
