"""End to end in a real browser on the real pipeline's output: an editor curates, an analyst reads.

The two articles in texts/ (written for these tests) are ingested through the ingestion service
and extracted by the real pipeline (eager tasks), then the pages are driven with chromium.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from claims.models import Actor, Claim, Mention
from sources.models import Article
from sources.services.ingest import ingest_path
from tests.claims.curation_data import make_analyst, make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TEXTS = Path(__file__).resolve().parent / "texts"


@pytest.fixture
def corpus() -> dict[str, Any]:
    report = ingest_path(TEXTS)
    assert report.ingested == 2, report.summary()
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    red = Claim.objects.filter(red_line=True, merged_into__isnull=True).order_by("pk").first()
    assert red is not None, "the pipeline found no red-line claim in the test texts"
    return {"red": red, "editor": make_editor("edith"), "analyst": make_analyst("alan")}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page: Any, base: str, user: User) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill(user.get_username())
    page.get_by_label("Password").fill(f"pw-{user.get_username()}")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_editor_curates_and_undoes(
    live_server: Any, page: Any, corpus: dict[str, Any], screenshot_dir: Path
) -> None:
    base = live_server.url
    red: Claim = corpus["red"]
    login(page, base, corpus["editor"])

    # Dashboard: red-line claims; filter by speaker, then search.
    assert page.locator(".claim-card").count() >= 1
    page.screenshot(path=str(screenshot_dir / "dashboard.png"), full_page=True)
    assert red.speaker is not None
    page.select_option("#f-actor", str(red.speaker_id))
    page.wait_for_url(re.compile(rf"actor={red.speaker_id}"))
    assert page.locator(".claim-card").count() >= 1
    page.fill("#f-q", "canal")
    page.press("#f-q", "Enter")
    page.wait_for_url(re.compile(r"q=canal"))
    page.locator("#results mark").first.wait_for()
    assert "canal" in page.locator("#results mark").first.inner_text().lower()
    # Enter fires the field's change and the form's submit: the form keeps only the newer
    # request (hx-sync), and nothing may be in flight to swap the results under the click.
    page.wait_for_load_state("networkidle")

    # Claim page: confirm a suggested link (htmx swaps the row in place).
    page.locator(".claim-card a.claim-text").first.click()
    page.wait_for_url(re.compile(r"/claims/\d+/"))
    claim_id = int(re.search(r"/claims/(\d+)/", page.url).group(1))  # type: ignore[union-attr]
    first = page.locator("li.mention").first
    mention_id = int((first.get_attribute("id") or "").split("-")[1])
    first.get_by_role("button", name="Confirm link").click()
    page.locator(f"#mention-{mention_id}.confirmed").wait_for()
    page.locator("#last-edit button", has_text="Undo").wait_for()
    assert Mention.objects.get(pk=mention_id).status == "confirmed"
    page.reload()
    page.screenshot(path=str(screenshot_dir / "claim.png"), full_page=True)

    # Article page with highlighted statements.
    page.locator("li.mention .source a[href*='/articles/']").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    assert page.locator("#article-text mark.statement").count() >= 1
    page.screenshot(path=str(screenshot_dir / "article.png"), full_page=True)

    # Merge two actors, then undo it from the edit bar.
    winner = Claim.objects.get(pk=claim_id).speaker
    assert winner is not None
    loser = (
        Actor.objects.exclude(pk=winner.pk)
        .filter(merged_into__isnull=True, claims__isnull=False)
        .order_by("pk")
        .first()
    )
    assert winner is not None and loser is not None
    page.goto(f"{base}/actors/{winner.pk}/")
    page.fill("#merge-other", loser.name)
    page.get_by_role("button", name="Merge actor").click()
    page.locator(".notice.success", has_text="merged actor").wait_for()
    assert Actor.objects.get(pk=loser.pk).merged_into_id == winner.pk
    assert loser.name in page.locator("dl.facts.big").inner_text()  # kept as an alias
    page.locator("#last-edit").get_by_role("button", name="Undo").click()
    page.locator(".notice.success", has_text="undid").wait_for()
    assert Actor.objects.get(pk=loser.pk).merged_into_id is None


def test_analyst_reads_but_cannot_edit(
    live_server: Any, page: Any, corpus: dict[str, Any], screenshot_dir: Path
) -> None:
    base = live_server.url
    red: Claim = corpus["red"]
    login(page, base, corpus["analyst"])
    page.goto(f"{base}/claims/{red.pk}/")
    assert page.locator("h1.quote").inner_text().strip() == red.text.strip()
    assert page.get_by_role("button", name="Confirm link").count() == 0
    # A hand-made POST is refused, with the analyst's own session and CSRF token.
    mention = red.mentions.first()
    assert mention is not None
    token = page.evaluate("document.cookie.match(/csrftoken=([^;]+)/)[1]")
    response = page.request.post(
        f"{base}/mentions/{mention.pk}/review/",
        form={"status": "confirmed", "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token, "Referer": f"{base}/"},
    )
    assert response.status == 403
    assert Mention.objects.get(pk=mention.pk).status == "suggested"
    # Phone width: the page still reads without sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "dashboard-phone.png"), full_page=True)
