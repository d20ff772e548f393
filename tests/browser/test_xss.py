"""Hostile text renders inert: script tags, event handlers and javascript: links in an article.

An article written for this test carries the payloads in its title, outlet, sentences and a
link; it goes through the ingestion service and the real pipeline, and an editor then types a
hostile speaker name. Chromium opens every page that shows them: no script may run, no dialog
open, and the payload must be on the page as plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.models import Claim
from claims.services import editing
from sources.models import Article
from sources.services.ingest import ingest_path
from tests.browser.test_curation_flow import login
from tests.claims.curation_data import make_editor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
LINK = '<a href="javascript:window.__pwned=1;alert(1)">the full text</a>'
HREFS = "links => links.map(a => a.getAttribute('href') || '')"
NAME = f"Edda {IMG} Lorne"

ARTICLE = f"""URL: https://gazette.example/news/kessel-pass
Published: 2024-06-03
Outlet: Gazette {SCRIPT}
Author: Pat Doe

Minister warns {SCRIPT} over the {IMG} pass

Varnish foreign minister Edda Lorne warned on Monday that any troops entering the Kessel pass \
would cross a red line {SCRIPT} for her government.

"We will not accept {IMG} foreign troops in the pass," Lorne told reporters. Read {LINK} here.
"""


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, Any]:
    (tmp_path / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    report = ingest_path(tmp_path)
    assert report.ingested == 1, report.summary()
    article = Article.objects.get()
    assert article.status == Article.Status.DONE
    claim = Claim.objects.filter(mentions__article=article).order_by("pk").first()
    assert claim is not None, "the pipeline found no claim in the hostile article"
    editor = make_editor("xss-editor")
    # An editor types a hostile speaker name and text; the claim becomes a red line (dashboard).
    editing.correct_claim(
        editor, claim.pk, speaker=NAME, text=f"{claim.text} {SCRIPT}", red_line=True
    )
    claim.refresh_from_db()
    return {"article": article, "claim": claim, "editor": editor}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_hostile_text_never_runs(live_server: Any, page: Any, hostile: dict[str, Any]) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    base = live_server.url
    login(page, base, hostile["editor"])
    article: Article = hostile["article"]
    claim: Claim = hostile["claim"]
    assert claim.speaker is not None and article.outlet is not None
    pages = {
        "dashboard": "/",
        "claim": f"/claims/{claim.pk}/",
        "actor": f"/actors/{claim.speaker.pk}/",
        "article": f"/articles/{article.pk}/",
        "outlet": f"/outlets/{article.outlet.pk}/",
    }
    for label, path in pages.items():
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", f"script ran on {label}"
        text = page.inner_text("body")
        assert SCRIPT in text or IMG in text, f"the payload is not shown as text on {label}"
        hrefs = page.eval_on_selector_all("a[href]", HREFS)
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], label
        assert page.locator("main script, main img[onerror]").count() == 0, label
    assert dialogs == []
    # The article page shows every hostile field as text.
    page.goto(base + pages["article"])
    text = page.inner_text("body")
    assert f"Minister warns {SCRIPT}" in text
    assert f"Gazette {SCRIPT}" in text
    assert page.evaluate("typeof window.__pwned") == "undefined"
