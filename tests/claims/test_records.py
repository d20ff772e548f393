"""The JSON claim record: exact shape, precision of dates, rejected links left out, query count."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Actor, Claim, ClaimRelation, Mention
from claims.records import RECORD_KEYS, claim_record, exportable_claims

TEXT = "Intro line. The minister said the border would stay closed. Closing words."
SENTENCE = "The minister said the border would stay closed."


def _claim_with_mention(make_article, **fields) -> Claim:
    article = make_article(TEXT, source_file="/data/in/007_border.txt", title="Border news")
    speaker, _ = Actor.objects.get_or_create(name="Ana Minister", kind="person")
    claim = Claim.objects.create(speaker=speaker, text="the border would stay closed", **fields)
    start = TEXT.index(SENTENCE)
    Mention.objects.create(
        claim=claim, article=article, sentence=SENTENCE, start=start, end=start + len(SENTENCE)
    )
    return claim


def test_record_golden(make_article):
    claim = _claim_with_mention(
        make_article,
        said_on=date(2022, 1, 16),
        said_on_precision="day",
        red_line=True,
        red_line_about="the border",
        kind="warning",
    )
    other = Claim.objects.create(speaker=claim.speaker, text="other")
    ClaimRelation.objects.create(source=other, target=claim, type="contradicts", score=0.71234)
    mention = claim.mentions.get()
    article = mention.article

    record = claim_record(exportable_claims().get(pk=claim.pk))

    assert record == {
        "id": claim.pk,
        "text": "the border would stay closed",
        "speaker": {"id": claim.speaker_id, "name": "Ana Minister", "kind": "person"},
        "said_on": "2022-01-16",
        "said_on_precision": "day",
        "red_line": True,
        "kind": "warning",
        "red_line_about": "the border",
        "mentions": [
            {
                "article": {
                    "id": article.pk,
                    "title": "Border news",
                    "url": article.url,
                    "outlet": "Daily Example",
                    "published": "2022-01-17",
                    "file": "007_border.txt",
                },
                "sentence": SENTENCE,
                "start": TEXT.index(SENTENCE),
                "end": TEXT.index(SENTENCE) + len(SENTENCE),
                "status": "suggested",
            }
        ],
        "relations": [
            {"type": "contradicts", "claim": other.pk, "score": 0.7123, "status": "suggested"}
        ],
    }
    assert tuple(record) == RECORD_KEYS


def test_date_at_precision_and_red_line_about_only_for_red_lines(make_article):
    claim = _claim_with_mention(
        make_article, said_on=date(2022, 1, 16), said_on_precision="month", red_line_about="x"
    )
    record = claim_record(claim)
    assert record["said_on"] == "2022-01"
    assert record["red_line_about"] is None

    claim.said_on_precision = "year"
    assert claim_record(claim)["said_on"] == "2022"
    claim.said_on_precision = "unknown"
    assert claim_record(claim)["said_on"] is None


def test_rejected_links_left_out(make_article):
    claim = _claim_with_mention(make_article)
    claim.mentions.update(status="rejected")
    other = Claim.objects.create(speaker=claim.speaker, text="other")
    ClaimRelation.objects.create(source=claim, target=other, type="contradicts", status="rejected")
    record = claim_record(exportable_claims().get(pk=claim.pk))
    assert record["mentions"] == []
    assert record["relations"] == []


def test_query_count_does_not_grow_with_claims(make_article):
    for _ in range(2):
        _claim_with_mention(make_article)
    with CaptureQueriesContext(connection) as few:
        [claim_record(c) for c in exportable_claims()]
    for _ in range(6):
        _claim_with_mention(make_article)
    with CaptureQueriesContext(connection) as many:
        records = [claim_record(c) for c in exportable_claims()]
    assert len(records) == 8
    assert len(many) == len(few)
