"""Statement kinds read from the article's parse (the span the extractor hands over)."""

from __future__ import annotations

import pytest

from claims.extraction.classify import classify_statement
from claims.extraction.extract import prepare
from claims.extraction.nlp import get_nlp
from claims.extraction.types import Classification


@pytest.fixture(scope="module")
def nlp():
    return prepare(get_nlp())


def classify_parsed(nlp, sentence: str, content: str, cue: str = "said") -> Classification:
    doc = nlp(sentence)
    return classify_statement(sentence, content, cue, doc[:])


@pytest.mark.parametrize(
    ("sentence", "content", "kind"),
    [
        # A harmful act with another party as its agent blames that party.
        (
            "The governor said enemy gunboats shelled the harbour overnight.",
            "enemy gunboats shelled the harbour overnight",
            "accusation",
        ),
        # The speaker's side not doing the harmful act denies it.
        (
            "“Our patrol did not enter their waters at any point,” the captain said.",
            "Our patrol did not enter their waters at any point",
            "denial",
        ),
        # The speaker's own decision made known.
        (
            "The regulator said it had opened an inquiry into the shipping firm.",
            "it had opened an inquiry into the shipping firm",
            "announcement",
        ),
        (
            "The envoy said the ambassador had been summoned to the ministry.",
            "the ambassador had been summoned to the ministry",
            "announcement",
        ),
        # An intention or a condition is not an act.
        (
            "The analyst said there was no sign the rebels planned to attack the town.",
            "there was no sign the rebels planned to attack the town",
            "assertion",
        ),
    ],
)
def test_kind_from_the_parse(nlp, sentence: str, content: str, kind: str) -> None:
    assert classify_parsed(nlp, sentence, content).kind == kind


@pytest.mark.parametrize(
    ("sentence", "content", "cue", "kind"),
    [
        # Shifting the blame to another party denies one's own.
        (
            "The ministry said it was a stray rocket, not its own artillery, that hit the depot.",
            "it was a stray rocket, not its own artillery, that hit the depot",
            "said",
            "denial",
        ),
        # A finding of no harm answers an allegation of harm.
        (
            "The inspectors said their sensors recorded no change in the water.",
            "their sensors recorded no change in the water",
            "said",
            "denial",
        ),
        # Rejecting someone's account of events is a denial.
        (
            "The coast guard rejected the fishermen's account of the collision.",
            "",
            "rejected",
            "denial",
        ),
        # Answering that there are no red lines rejects the other side's.
        (
            "The minister replied that there were no red lines in her country's airspace.",
            "there were no red lines in her country's airspace",
            "replied",
            "denial",
        ),
    ],
)
def test_kind_from_the_wording(sentence: str, content: str, cue: str, kind: str) -> None:
    assert classify_statement(sentence, content, cue).kind == kind


def test_red_line_about_reads_the_given_parse_without_parsing_again(nlp, monkeypatch) -> None:
    sentence = "The minister said troops on the border would cross a red line."
    doc = nlp(sentence)

    def no_parse() -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("claims.extraction.classify.get_nlp", no_parse)
    result = classify_statement(sentence, "", "said", doc[:])
    assert result.red_line
    assert result.red_line_about == "troops on the border"


def test_plain_strings_still_work() -> None:
    result = classify_statement("The minister said the strikes crossed a red line.", "", "said")
    assert result.red_line
