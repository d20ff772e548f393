"""``evaluate --pairs``: the pairs a run missed or made up, each with its reason."""

from __future__ import annotations

from claims.evaluation.pairs import format_pair_errors, pair_errors
from tests.claims.evaluation.test_scoring import GOLD, record

PESKOV_A = "Peskov said the red line had been crossed by the alliance."
PESKOV_B = "The Kremlin spokesman said the red line had been crossed."
NATO = "NATO said it saw a large build-up of troops near the border."


def _kinds(errors):
    return [(e.kind, e.reason) for e in errors]


def test_a_perfect_run_has_no_errors():
    records = [
        record(1, "Peskov", "a.txt", PESKOV_A, extra_mentions=[("b.txt", PESKOV_B)]),
        record(2, "NATO", "a.txt", NATO, relations=[("contradicts", 1)]),
    ]
    assert pair_errors(GOLD, records) == []


def test_two_claims_an_unlinked_contradiction_and_a_wrong_group_are_named():
    records = [
        record(1, "Peskov", "a.txt", PESKOV_A, extra_mentions=[("a.txt", NATO)]),
        record(2, "Peskov", "b.txt", PESKOV_B),
    ]
    errors = pair_errors(GOLD, records)
    assert _kinds(errors) == [
        ("same-claim missed", "two claims"),
        ("same-claim wrong", "one claim, not one gold group"),
        ("contradiction missed", "one claim"),
    ]
    assert {errors[0].a, errors[0].b} == {("a.txt", PESKOV_A), ("b.txt", PESKOV_B)}
    text = format_pair_errors(errors)
    assert "same-claim missed: 1" in text and "b.txt: The Kremlin spokesman" in text


def test_an_end_never_extracted_is_the_reason():
    records = [
        record(1, "Peskov", "a.txt", PESKOV_A),
        record(2, "NATO", "a.txt", NATO),
    ]
    assert _kinds(pair_errors(GOLD, records)) == [
        ("same-claim missed", "not extracted: second"),
        ("contradiction missed", "not linked"),
    ]
