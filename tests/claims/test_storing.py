"""Storing extractions: one claim across reports, copies, first appearance, editors' work kept."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction.types import ArticleExtraction, SaidOn
from claims.models import Claim, ClaimRelation, Mention, Origin
from claims.services.storing import store_extraction
from tests.claims.conftest import statement_in

pytestmark = pytest.mark.django_db

FIRST = (
    "Talks ended without a deal. Minister Ana Vell said the northern pipeline would stay shut "
    "until the border fees were repaid in full. Traders were calm."
)
FIRST_SENTENCE = (
    "Minister Ana Vell said the northern pipeline would stay shut until the border fees were "
    "repaid in full."
)
SECOND = (
    "Gas prices rose on Tuesday. The northern pipeline will stay shut until border fees are repaid "
    "in full, Ana Vell said. Separately, Tom Rusk said the harvest was the best in a decade."
)
SECOND_SENTENCE = (
    "The northern pipeline will stay shut until border fees are repaid in full, Ana Vell said."
)
HARVEST = "Separately, Tom Rusk said the harvest was the best in a decade."


def _rows() -> list[list[tuple]]:
    mentions = Mention.objects.order_by("id").values_list(
        "id", "claim_id", "article_id", "start", "end", "status", "origin"
    )
    claims = Claim.objects.order_by("id").values_list(
        "id", "text", "speaker_id", "mention_count", "outlet_count", "first_mention_id"
    )
    relations = ClaimRelation.objects.order_by("id").values_list(
        "id", "source_id", "target_id", "type", "score", "status"
    )
    return [list(mentions), list(claims), list(relations)]


def _store_pair(make_article):
    one = make_article(FIRST, outlet="North Wire", published=date(2022, 3, 1))
    two = make_article(SECOND, outlet="South Post", published=date(2022, 3, 2))
    store_extraction(one, ArticleExtraction([statement_in(FIRST, FIRST_SENTENCE, "Ana Vell")]))
    store_extraction(
        two,
        ArticleExtraction(
            [
                statement_in(SECOND, SECOND_SENTENCE, "Ana Vell"),
                statement_in(SECOND, HARVEST, "Tom Rusk"),
            ]
        ),
    )
    return one, two


def test_same_speaker_same_content_is_one_claim_with_two_mentions(make_article):
    one, _ = _store_pair(make_article)
    pipeline = Claim.objects.get(speaker__name="Ana Vell")
    assert pipeline.mentions.count() == 2
    assert (pipeline.mention_count, pipeline.outlet_count) == (2, 2)
    assert pipeline.first_mention is not None
    assert pipeline.first_mention.article == one
    assert pipeline.first_seen == date(2022, 3, 1)
    assert Claim.objects.count() == 2


def test_different_speaker_same_content_is_another_claim(make_article):
    article = make_article(FIRST)
    extraction = ArticleExtraction(
        [
            statement_in(FIRST, FIRST_SENTENCE, "Ana Vell"),
            statement_in(FIRST, FIRST_SENTENCE, "Bo Tran"),
        ]
    )
    store_extraction(article, extraction)
    assert Claim.objects.count() == 2
    assert set(Claim.objects.values_list("speaker__name", flat=True)) == {"Ana Vell", "Bo Tran"}


def test_far_apart_dates_start_a_new_claim(make_article):
    one = make_article(FIRST, published=date(2022, 3, 1))
    two = make_article(SECOND, published=date(2022, 9, 1))
    store_extraction(one, ArticleExtraction([statement_in(FIRST, FIRST_SENTENCE, "Ana Vell")]))
    late = SaidOn(date(2022, 9, 1), "day")
    stmt = statement_in(SECOND, SECOND_SENTENCE, "Ana Vell", said_on=late)
    store_extraction(two, ArticleExtraction([stmt]))
    assert Claim.objects.count() == 2


def test_syndicated_copy_counts_once(make_article):
    original = make_article(FIRST, outlet="North Wire", published=date(2022, 3, 2))
    copy = make_article(
        FIRST + " ", outlet="Copy Desk", published=date(2022, 3, 1), copy_of=original
    )
    for article in (copy, original):
        stmt = statement_in(article.text, FIRST_SENTENCE, "Ana Vell")
        store_extraction(article, ArticleExtraction([stmt]))
    claim = Claim.objects.get()
    assert claim.mention_count == 2
    assert claim.outlet_count == 1
    assert claim.first_mention is not None
    assert claim.first_mention.article == copy  # published earlier, still the first appearance


def test_locked_fields_are_not_overwritten(make_article):
    article = make_article(FIRST)
    store_extraction(article, ArticleExtraction([statement_in(FIRST, FIRST_SENTENCE, "Ana Vell")]))
    claim = Claim.objects.get()
    claim.red_line, claim.locked_fields = False, ["red_line"]
    claim.save()
    other = make_article(SECOND)
    stmt = statement_in(SECOND, SECOND_SENTENCE, "Ana Vell", red_line=True, red_line_about="fees")
    store_extraction(other, ArticleExtraction([stmt]))
    claim.refresh_from_db()
    assert claim.mention_count == 2
    assert claim.red_line is False


def test_rerun_is_idempotent(make_article):
    one, two = _store_pair(make_article)
    before = _rows()
    for article, text, sentences in (
        (one, FIRST, [(FIRST_SENTENCE, "Ana Vell")]),
        (two, SECOND, [(SECOND_SENTENCE, "Ana Vell"), (HARVEST, "Tom Rusk")]),
    ):
        extraction = ArticleExtraction([statement_in(text, s, who) for s, who in sentences])
        store_extraction(article, extraction)
    assert _rows() == before


def test_rerun_keeps_editor_mentions_and_decisions(make_article):
    article = make_article(FIRST)
    stmt = statement_in(FIRST, FIRST_SENTENCE, "Ana Vell")
    store_extraction(article, ArticleExtraction([stmt]))
    claim = Claim.objects.get()
    rejected = claim.mentions.get()
    rejected.status = "rejected"
    rejected.save()
    calm = "Traders were calm."
    start = FIRST.index(calm)
    added = Mention.objects.create(
        claim=claim,
        article=article,
        sentence=calm,
        start=start,
        end=start + len(calm),
        origin=Origin.EDITOR,
        status="confirmed",
    )

    store_extraction(article, ArticleExtraction([stmt]))
    assert set(claim.mentions.values_list("pk", "status")) == {
        (rejected.pk, "rejected"),
        (added.pk, "confirmed"),
    }


def test_claim_without_mentions_is_deleted_unless_edited(make_article):
    article = make_article(SECOND)
    extraction = ArticleExtraction(
        [
            statement_in(SECOND, SECOND_SENTENCE, "Ana Vell"),
            statement_in(SECOND, HARVEST, "Tom Rusk"),
        ]
    )
    store_extraction(article, extraction)
    Claim.objects.filter(speaker__name="Tom Rusk").update(locked_fields=["text"])
    store_extraction(article, ArticleExtraction([]))
    assert list(Claim.objects.values_list("speaker__name", flat=True)) == ["Tom Rusk"]
    assert Mention.objects.count() == 0
