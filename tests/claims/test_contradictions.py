"""Contradiction suggestions: denial vs accusation, numbers, bounds, editors' decisions kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from claims.extraction.types import ArticleExtraction
from claims.models import Claim, ClaimRelation, Origin
from claims.services.contradiction_rules import Side, judge
from claims.services.storing import store_extraction
from tests.claims.conftest import statement_in

pytestmark = pytest.mark.django_db

DISPUTE = (
    "Tension grew in the valley. Envoy Rita Moss accused Marland of massing tanks along the "
    "river border. Marland's foreign ministry denied massing tanks, calling the claim baseless "
    "propaganda. Farmers kept working."
)
ACCUSE = "Envoy Rita Moss accused Marland of massing tanks along the river border."
DENY = "Marland's foreign ministry denied massing tanks, calling the claim baseless propaganda."
COUNT_A = "Officials in Tarn said 12,000 refugees crossed the river bridge last week."
COUNT_B = "A charity said only 3,000 refugees crossed the river bridge last week."


def _side(text: str, speaker: int, kind: str = "assertion", article: int = 1) -> Side:
    return Side(speaker, text, kind, False, frozenset({article}))


def test_rules_fire_on_general_cues_and_not_on_agreement():
    assert judge(_side(ACCUSE, 1, "accusation"), _side(DENY, 2, "denial")) is not None
    numbers = judge(_side(COUNT_A, 1, article=1), _side(COUNT_B, 2, article=2))
    assert numbers is not None and "refuge" in numbers.evidence
    agree = judge(
        _side(COUNT_A, 1, article=1), _side(COUNT_A.replace("Officials", "Aid"), 2, article=2)
    )
    assert agree is None
    assert judge(_side(ACCUSE, 1, "accusation"), _side(DENY, 1, "denial")) is None  # same speaker
    crossed = _side("The general said the red line was crossed at the dam.", 1)
    held = _side("The minister said no red line was crossed at the dam.", 2)
    crossed = Side(1, crossed.text, "assertion", True, frozenset({1}))
    held = Side(2, held.text, "denial", True, frozenset({2}))
    assert judge(crossed, held) is not None
    build = _side("Scouts reported a build-up of troops near the pass.", 1, "accusation", 1)
    move = _side(
        "The army said it was merely repositioning troops near the pass.", 2, "assertion", 2
    )
    verdict = judge(build, move)
    assert verdict is not None and "opposing" in verdict.evidence


def _store_dispute(make_article):
    article = make_article(DISPUTE)
    extraction = ArticleExtraction(
        [
            statement_in(DISPUTE, ACCUSE, "Rita Moss", kind="accusation"),
            statement_in(DISPUTE, DENY, "Marland", actor_kind="country", kind="denial"),
        ]
    )
    store_extraction(article, extraction)
    return article, extraction


def test_denial_against_accusation_is_suggested(make_article):
    _store_dispute(make_article)
    relation = ClaimRelation.objects.get()
    assert relation.type == "contradicts"
    assert (relation.origin, relation.status) == ("pipeline", "suggested")
    assert 0 < relation.score <= 1
    assert relation.evidence
    speakers = set(
        Claim.objects.filter(pk__in=[relation.source_id, relation.target_id]).values_list(
            "speaker__name", flat=True
        )
    )
    assert speakers == {"Rita Moss", "Marland"}
    assert set(Claim.objects.values_list("contradiction_count", flat=True)) == {1}


def test_disagreeing_numbers_across_articles(make_article):
    one = make_article("Report. " + COUNT_A, published=date(2022, 4, 4))
    two = make_article("Update. " + COUNT_B, published=date(2022, 4, 5))
    store_extraction(one, ArticleExtraction([statement_in(one.text, COUNT_A, "Tarn")]))
    store_extraction(two, ArticleExtraction([statement_in(two.text, COUNT_B, "Aid Now")]))
    relation = ClaimRelation.objects.get()
    assert "numbers disagree" in relation.evidence


@override_settings(REDLINE_MAX_CONTRADICTIONS_PER_CLAIM=2)
def test_bounded_per_claim(make_article):
    denials = [
        f"Spokesman {name} denied massing tanks along the river border, calling it propaganda."
        for name in ("Al Bex", "Cy Dun", "Ed Fay", "Gus Hal")
    ]
    text = ACCUSE + " " + " ".join(denials)
    article = make_article(text)
    statements = [statement_in(text, ACCUSE, "Rita Moss")]
    statements += [statement_in(text, d, d.split()[1] + " " + d.split()[2]) for d in denials]
    store_extraction(article, ArticleExtraction(statements))
    accusation = Claim.objects.get(speaker__name="Rita Moss")
    assert accusation.contradiction_count == 2
    assert ClaimRelation.objects.count() == 2


def test_editor_decisions_survive_a_rerun(make_article):
    article, extraction = _store_dispute(make_article)
    relation = ClaimRelation.objects.get()
    relation.status = "rejected"
    relation.save()
    store_extraction(article, extraction)
    assert list(ClaimRelation.objects.values_list("pk", "status")) == [(relation.pk, "rejected")]

    relation.status = "confirmed"
    relation.score = 0.99
    relation.save()
    store_extraction(article, extraction)
    kept = ClaimRelation.objects.get()
    assert (kept.pk, kept.status, kept.score) == (relation.pk, "confirmed", 0.99)

    editor = ClaimRelation.objects.create(
        source=relation.target, target=relation.source, type="supports", origin=Origin.EDITOR
    )
    store_extraction(article, extraction)
    assert ClaimRelation.objects.filter(pk=editor.pk).exists()
