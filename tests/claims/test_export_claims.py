"""export_claims: JSONL, CSV and ClaimReview JSON-LD through the command, and empty output."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from claims.extraction.types import ArticleExtraction, SaidOn
from claims.records import RECORD_KEYS
from claims.services.storing import store_extraction
from tests.claims.conftest import statement_in

pytestmark = pytest.mark.django_db

TEXT = (
    'Officials met on Friday. "The bridge tolls will double in spring," Governor Lia Ort said. '
    'Mayor Ken Dow said that any toll rise was "a red line" for the city. Nothing else happened.'
)
TOLLS = '"The bridge tolls will double in spring," Governor Lia Ort said.'
RED = 'Mayor Ken Dow said that any toll rise was "a red line" for the city.'


def _export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_claims", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def stored(make_article):
    first = make_article(TEXT, outlet="Harbor Times", source_file="/in/010_tolls.txt")
    second = make_article(TEXT + " Later.", outlet="Valley News")
    for article in (first, second):
        extraction = ArticleExtraction(
            [
                statement_in(
                    article.text, TOLLS, "Lia Ort", said_on=SaidOn(date(2022, 5, 1), "month")
                ),
                statement_in(article.text, RED, "Ken Dow", red_line=True, red_line_about="tolls"),
            ]
        )
        store_extraction(article, extraction)
    return first, second


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "claimreview"])
def test_empty_database_gives_empty_output(fmt):
    assert _export("--format", fmt) == ""


def test_jsonl_one_record_per_line_with_exact_keys(stored):
    lines = _export().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 2
    assert all(tuple(r) == RECORD_KEYS for r in records)
    tolls = next(r for r in records if r["speaker"]["name"] == "Lia Ort")
    assert tolls["said_on"] == "2022-05"
    assert len(tolls["mentions"]) == 2
    assert tolls["mentions"][0]["article"]["file"] == "010_tolls.txt"


def test_red_line_filter(stored):
    records = [json.loads(line) for line in _export("--red-line").splitlines()]
    assert [r["speaker"]["name"] for r in records] == ["Ken Dow"]
    assert records[0]["red_line_about"] == "tolls"


def test_csv_one_row_per_mention_with_source_metadata(stored):
    rows = list(csv.DictReader(io.StringIO(_export("--format", "csv"))))
    assert len(rows) == 4
    assert {r["outlet"] for r in rows} == {"Harbor Times", "Valley News"}
    first = next(r for r in rows if r["file"] == "010_tolls.txt" and r["speaker"] == "Lia Ort")
    assert first["sentence"] == TOLLS
    assert TEXT[int(first["start"]) : int(first["end"])] == TOLLS
    assert first["published"] == "2022-01-17"
    assert first["url"].startswith("https://")


def test_claimreview_is_schema_org_json_ld(stored):
    reviews = json.loads(_export("--format", "claimreview"))
    assert len(reviews) == 2
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["author"]["@type"] == "Person"
        assert len(claim["appearance"]) == 2
        assert claim["firstAppearance"] == claim["appearance"][0]
        assert claim["appearance"][0]["publisher"]["@type"] == "Organization"
    assert {r["itemReviewed"]["author"]["name"] for r in reviews} == {"Lia Ort", "Ken Dow"}
