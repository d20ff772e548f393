"""What the pages do to stay fast on large tables: bounded counts, cached choices, opponents."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from claims import selectors
from claims.models import Actor, ActorAlias, Claim, ClaimRelation
from claims.services.contradictions import refresh_contradiction_counts
from claims.views.paging import CappedPaginator, page_of
from tests.claims.curation_data import make_analyst, make_article, mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client: Client) -> Client:
    client.force_login(make_analyst())
    return client


def _claims(speaker: Actor, count: int, *, red_line: bool = True) -> list[Claim]:
    return [
        Claim.objects.create(
            speaker=speaker,
            text=f"statement number {i} on the border",
            said_on=date(2023, 1, 1) + timedelta(days=i),
            red_line=red_line,
        )
        for i in range(count)
    ]


def test_capped_count_stops_after_the_limit_and_says_so() -> None:
    _claims(Actor.objects.create(name="Counted Speaker"), 12)
    claims = Claim.objects.order_by("-said_on")
    first = CappedPaginator(claims, 5, number=1, ahead=10)
    assert (first.count, first.more, first.count_label, first.pages_label) == (
        11,
        True,
        "10+",
        "2+",
    )
    page = first.get_page(1)
    assert page.has_next() and len(page.object_list) == 5
    # The last counted page still links on; from there the count reaches the end.
    assert first.get_page(2).has_next()
    later = CappedPaginator(claims, 5, number=3, ahead=10)
    assert (later.count, later.more, later.count_label, later.num_pages) == (12, False, "12", 3)
    assert [c.pk for c in later.get_page(3).object_list] == [c.pk for c in claims[10:]]


def test_page_of_uses_a_plain_count_unless_asked() -> None:
    request = RequestFactory().get("/", {"page": "2", "per": "5"})
    _claims(Actor.objects.create(name="Plain Count"), 7)
    assert page_of(request, Claim.objects.order_by("id")).paginator.count == 7
    capped = page_of(request, Claim.objects.order_by("id"), count_ahead=5)
    assert capped.number == 2 and capped.paginator.count == 7


def test_dashboard_and_actor_page_show_a_bounded_count(
    analyst_client: Client, settings: object
) -> None:
    settings.REDLINE_LIST_COUNT_AHEAD = 10  # type: ignore[attr-defined]
    speaker = Actor.objects.create(name="Prolific Speaker")
    _claims(speaker, 12)
    first = analyst_client.get(reverse("claims:dashboard"), {"per": "5"})
    html = first.content.decode()
    assert "10+ claims, newest first" in html
    assert "Page 1 of 2+ (10+)" in html
    last = analyst_client.get(reverse("claims:dashboard"), {"per": "5", "page": "3"})
    assert "12 claims, newest first" in last.content.decode()
    assert len(last.context["page"].object_list) == 2
    actor = analyst_client.get(reverse("claims:actor", args=[speaker.pk]), {"per": "5"})
    assert "Page 1 of 2+ (10+)" in actor.content.decode()


def test_speaker_choices_list_actors_with_claims_and_follow_changes() -> None:
    quoted = Actor.objects.create(name="Quoted Person")
    Actor.objects.create(name="Silent Person")
    _claims(quoted, 1)
    assert selectors.speaker_choices() == [(quoted.pk, "Quoted Person")]
    # A new actor with a claim shows at once (the cache key follows the actors).
    newcomer = Actor.objects.create(name="Another Voice")
    _claims(newcomer, 1)
    assert selectors.speaker_choices() == [
        (newcomer.pk, "Another Voice"),
        (quoted.pk, "Quoted Person"),
    ]
    # A merged actor leaves the list.
    newcomer.merged_into = quoted
    newcomer.save()
    assert selectors.speaker_choices() == [(quoted.pk, "Quoted Person")]


def test_opponents_count_both_directions_without_rejected_or_self() -> None:
    actor, rival, other = (Actor.objects.create(name=n) for n in ("Actor", "Rival", "Other"))
    mine, theirs, others = _claims(actor, 3), _claims(rival, 3), _claims(other, 1)
    links = [
        (mine[0], theirs[0], "suggested"),  # outgoing
        (theirs[1], mine[1], "confirmed"),  # incoming
        (mine[2], others[0], "rejected"),  # rejected: not counted
        (mine[0], mine[1], "suggested"),  # the actor against itself: not an opponent
    ]
    for source, target, status in links:
        ClaimRelation.objects.create(
            source=source, target=target, type="contradicts", status=status
        )
    ClaimRelation.objects.create(source=theirs[2], target=mine[2], type="supports")
    refresh_contradiction_counts([c.pk for c in mine + theirs + others])
    assert selectors.actor_opponents(actor) == [{"actor": rival, "count": 2}]
    assert selectors.actor_opponents(rival) == [{"actor": actor, "count": 2}]
    assert selectors.actor_opponents(other) == []


def test_actor_timeline_escapes_text_and_links_each_dot(analyst_client: Client) -> None:
    speaker = Actor.objects.create(name="Evil <b>Speaker</b>")
    claim = Claim.objects.create(
        speaker=speaker, text="quote <script>alert(1)</script>", said_on=date(2024, 5, 1)
    )
    html = analyst_client.get(reverse("claims:actor", args=[speaker.pk])).content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert f'<a href="{reverse("claims:claim", args=[claim.pk])}" class="dot-link">' in chart
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert "Evil &lt;b&gt;Speaker&lt;/b&gt;" in chart


def _dated(text: str, day: int, **fields: object) -> Claim:
    return Claim.objects.create(
        text=text, said_on=date(2024, 3, 1) + timedelta(days=day), red_line=True, **fields
    )


def test_search_ranks_only_the_newest_matches(analyst_client: Client, settings: object) -> None:
    settings.REDLINE_SEARCH_POOL = 3  # type: ignore[attr-defined]
    oldest_best = _dated("glacier glacier melt at the glacier", 0, red_line_about="glacier")
    older = _dated("glacier talks", 1)
    newer = [_dated("glacier talks again", 2), _dated("more glacier talks", 3)]
    best_recent = _dated("glacier glacier glacier", 4)
    _dated("nothing to see here", 5)
    results = selectors.claim_results(selectors.ClaimFilters(q="glacier"))
    assert results.pool_full and results.count == 3
    ranked = [c.pk for c in results.claims]
    assert ranked[0] == best_recent.pk
    assert set(ranked) == {best_recent.pk, *(c.pk for c in newer)}
    assert oldest_best.pk not in ranked and older.pk not in ranked
    html = analyst_client.get(reverse("claims:dashboard"), {"q": "glacier"}).content.decode()
    assert "More than 3 claims match" in html
    # With room for every match, the best one ranks first whatever its age.
    settings.REDLINE_SEARCH_POOL = 10  # type: ignore[attr-defined]
    results = selectors.claim_results(selectors.ClaimFilters(q="glacier"))
    assert not results.pool_full and results.count == 5
    assert next(iter(results.claims)).pk == oldest_best.pk


def test_search_finds_older_and_sentence_matches_past_the_window(settings: object) -> None:
    settings.REDLINE_SEARCH_WINDOW = 2  # type: ignore[attr-defined]
    by_text = _dated("the moraine is ours", 0)
    by_sentence = _dated("the border is ours", 1)
    article = make_article("Officials said the moraine border is ours. Later text.")
    mention(by_sentence, article, "Officials said the moraine border is ours.")
    for day in range(2, 6):
        _dated(f"unrelated statement {day}", day)
    results = selectors.claim_results(selectors.ClaimFilters(q="moraine"))
    claims = list(results.claims)
    # The claim's own text ranks above a match in a source sentence only.
    assert [c.pk for c in claims] == [by_text.pk, by_sentence.pk]
    assert "\x02moraine\x03" in claims[1].matched_sentence  # type: ignore[attr-defined]
    assert not results.pool_full and results.count == 2


def test_actor_list_counts_claims_most_quoted_first() -> None:
    busy, quiet = Actor.objects.create(name="Busy Voice"), Actor.objects.create(name="Quiet Voice")
    _claims(busy, 3)
    _claims(busy, 2, red_line=False)
    [merged_claim] = _claims(quiet, 1)
    _claims(quiet, 1)
    Claim.objects.filter(pk=merged_claim.pk).update(merged_into=Claim.objects.first())
    ActorAlias.objects.create(actor=quiet, alias="The Whisperer")
    rows = selectors.actor_list()
    assert [(r["name"], r["claim_total"], r["red_total"]) for r in rows] == [
        ("Busy Voice", 5, 3),
        ("Quiet Voice", 1, 1),
    ]
    assert [r["pk"] for r in selectors.actor_list("whisper")] == [quiet.pk]
    # A new actor (the cache key follows the actors) comes with its counts.
    newcomer = Actor.objects.create(name="New Voice")
    _claims(newcomer, 7, red_line=False)
    assert selectors.actor_list()[0]["name"] == "New Voice"


def test_article_and_outlet_lists_count_per_row() -> None:
    reported = make_article("Ana said the port stays shut. Ana said it twice.", outlet="Port Post")
    make_article("Nothing quoted here.", outlet="Port Post")
    make_article("Elsewhere.", outlet="Quiet Daily")
    claim = Claim.objects.create(text="the port stays shut")
    mention(claim, reported, "Ana said the port stays shut.")
    mention(claim, reported, "Ana said it twice.", status="rejected")
    totals = {a.pk: a.statement_total for a in selectors.article_list()}  # type: ignore[attr-defined]
    assert totals[reported.pk] == 2 and sorted(totals.values()) == [0, 0, 2]
    outlets = {o.name: o.article_total for o in selectors.outlet_list()}  # type: ignore[attr-defined]
    assert outlets == {"Port Post": 2, "Quiet Daily": 1}
