"""The pure scorer on tiny hand-made gold and records."""

from __future__ import annotations

import pytest

from claims.evaluation.scoring import format_table, score

GOLD = {
    "schema": "redline-gold/1",
    "articles": [
        {
            "file": "a.txt",
            "actors": [
                {"name": "Dmitry Peskov", "kind": "person", "surface_forms": ["Peskov"]},
                {"name": "NATO", "kind": "organization", "surface_forms": []},
            ],
            "statements": [
                {
                    "speaker": "Dmitry Peskov",
                    "sentence": "Peskov said the red line had been crossed by the alliance.",
                    "said_on": "2022-01-16",
                    "said_on_precision": "day",
                    "red_line": True,
                    "kind": "warning",
                },
                {
                    "speaker": "NATO",
                    "sentence": "NATO said it saw a large build-up of troops near the border.",
                    "said_on": "2022-01",
                    "said_on_precision": "month",
                    "red_line": False,
                    "kind": "assertion",
                },
                {
                    "speaker": "officials",
                    "anonymous": True,
                    "sentence": "Officials said the drills would end soon.",
                    "said_on": None,
                    "said_on_precision": "unknown",
                    "red_line": False,
                    "kind": "announcement",
                },
            ],
        },
        {
            "file": "b.txt",
            "actors": [{"name": "Dmitry Peskov", "kind": "person", "surface_forms": ["Peskov"]}],
            "statements": [
                {
                    "speaker": "Dmitry Peskov",
                    "sentence": "The Kremlin spokesman said the red line had been crossed.",
                    "said_on": "2022-01-16",
                    "said_on_precision": "day",
                    "red_line": True,
                    "kind": "warning",
                }
            ],
        },
    ],
    "same_claim": [
        {
            "members": [
                {
                    "file": "a.txt",
                    "sentence": "Peskov said the red line had been crossed by the alliance.",
                },
                {
                    "file": "b.txt",
                    "sentence": "The Kremlin spokesman said the red line had been crossed.",
                },
            ]
        }
    ],
    "contradictions": [
        {
            "a": {
                "file": "a.txt",
                "sentence": "Peskov said the red line had been crossed by the alliance.",
            },
            "b": {
                "file": "a.txt",
                "sentence": "NATO said it saw a large build-up of troops near the border.",
            },
        }
    ],
}


def record(
    cid,
    speaker,
    file,
    sentence,
    *,
    said_on=None,
    precision="unknown",
    red_line=False,
    kind="assertion",
    relations=(),
    extra_mentions=(),
):
    mentions = [{"article": {"file": file}, "sentence": sentence, "start": 0, "end": len(sentence)}]
    mentions += [
        {"article": {"file": f}, "sentence": s, "start": 0, "end": len(s)}
        for f, s in extra_mentions
    ]
    return {
        "id": cid,
        "speaker": {"name": speaker},
        "said_on": said_on,
        "said_on_precision": precision,
        "red_line": red_line,
        "kind": kind,
        "mentions": mentions,
        "relations": [{"type": t, "claim": c} for t, c in relations],
    }


def test_perfect_records_score_one_everywhere():
    records = [
        record(
            1,
            "peskov",
            "a.txt",
            "Peskov said the red line had been crossed by the alliance.",
            said_on="2022-01-16",
            precision="day",
            red_line=True,
            kind="warning",
            relations=[("contradicts", 2)],
            extra_mentions=[("b.txt", "The Kremlin spokesman said the red line had been crossed.")],
        ),
        record(
            2,
            "NATO",
            "a.txt",
            "NATO said it saw a large build-up of troops near the border.",
            said_on="2022-01-20",
            precision="day",
        ),
        record(
            3, "someone", "a.txt", "Officials said the drills would end soon.", kind="announcement"
        ),
    ]
    s = score(GOLD, records)
    assert (s.statement_precision.hits, s.statement_precision.total) == (4, 4)
    assert (s.statement_recall.hits, s.statement_recall.total) == (4, 4)
    assert s.statement_f1 == pytest.approx(1.0)
    # The anonymous statement does not count for speaker accuracy.
    assert (s.speaker_accuracy.hits, s.speaker_accuracy.total) == (3, 3)
    # A day inside the gold's month agrees at month precision; both unknown agree.
    assert s.date_accuracy.value == pytest.approx(1.0)
    assert (s.red_line_precision.hits, s.red_line_precision.total) == (2, 2)
    assert (s.red_line_recall.hits, s.red_line_recall.total) == (2, 2)
    assert (s.kind_accuracy.hits, s.kind_accuracy.total) == (4, 4)
    assert (s.same_claim_recall.hits, s.same_claim_recall.total) == (1, 1)
    assert (s.same_claim_precision.hits, s.same_claim_precision.total) == (1, 1)
    assert (s.contradiction_recall.hits, s.contradiction_recall.total) == (1, 1)
    assert "statement F1" in format_table(s)


def test_span_overlap_needs_half_of_each_side():
    long_span = (
        "Peskov said the red line had been crossed by the alliance. "
        "Meanwhile markets fell sharply across Europe while oil prices rose again today, "
        "traders in London and Frankfurt reported after a volatile session."
    )
    s = score(GOLD, [record(1, "Peskov", "a.txt", long_span)])
    assert s.matched == 0
    s = score(GOLD, [record(1, "Peskov", "a.txt", "the red line had been crossed by the alliance")])
    assert s.matched == 1


def test_wrong_file_or_wrong_speaker():
    sentence = "Peskov said the red line had been crossed by the alliance."
    other = "NATO said it saw a large build-up of troops near the border."
    assert score(GOLD, [record(1, "NATO", "b.txt", other)]).matched == 0
    s = score(GOLD, [record(1, "Lavrov", "a.txt", sentence)])
    assert s.matched == 1
    assert (s.speaker_accuracy.hits, s.speaker_accuracy.total) == (0, 1)


def test_each_gold_matches_one_system_statement_preferring_the_same_speaker():
    sentence = "Peskov said the red line had been crossed by the alliance."
    records = [
        record(1, "Lavrov", "a.txt", sentence),
        record(2, "Dmitry Peskov", "a.txt", sentence),
    ]
    s = score(GOLD, records)
    assert s.matched == 1
    assert s.pairs[0][1].claim == 2
    assert (s.statement_precision.hits, s.statement_precision.total) == (1, 2)


def test_date_must_agree_at_the_gold_precision():
    sentence = "Peskov said the red line had been crossed by the alliance."
    wrong_day = score(
        GOLD, [record(1, "Peskov", "a.txt", sentence, said_on="2022-01-17", precision="day")]
    )
    only_month = score(
        GOLD, [record(1, "Peskov", "a.txt", sentence, said_on="2022-01", precision="month")]
    )
    assert wrong_day.date_accuracy.hits == 0
    assert only_month.date_accuracy.hits == 0


def test_pairs_in_separate_claims_and_unlinked_contradictions_score_zero():
    records = [
        record(1, "Peskov", "a.txt", "Peskov said the red line had been crossed by the alliance."),
        record(2, "Peskov", "b.txt", "The Kremlin spokesman said the red line had been crossed."),
        record(
            3,
            "NATO",
            "a.txt",
            "NATO said it saw a large build-up of troops near the border.",
            relations=[("supports", 1)],
        ),
    ]
    s = score(GOLD, records)
    assert (s.same_claim_recall.hits, s.same_claim_recall.total) == (0, 1)
    assert s.same_claim_precision.total == 0
    assert (s.contradiction_recall.hits, s.contradiction_recall.total) == (0, 1)


def test_wrongly_grouped_pair_lowers_same_claim_precision():
    records = [
        record(
            1,
            "Peskov",
            "a.txt",
            "Peskov said the red line had been crossed by the alliance.",
            extra_mentions=[
                ("a.txt", "NATO said it saw a large build-up of troops near the border.")
            ],
        ),
    ]
    s = score(GOLD, records)
    assert (s.same_claim_precision.hits, s.same_claim_precision.total) == (0, 1)


def test_accents_and_case_do_not_matter_for_the_speaker():
    gold = {
        "articles": [
            {
                "file": "c.txt",
                "actors": [
                    {"name": "Aleksandar Vučić", "kind": "person", "surface_forms": ["Vučić"]}
                ],
                "statements": [
                    {
                        "speaker": "Aleksandar Vučić",
                        "sentence": "Vučić said no.",
                        "said_on": None,
                        "said_on_precision": "unknown",
                        "red_line": False,
                        "kind": "denial",
                    }
                ],
            }
        ]
    }
    s = score(gold, [record(1, "VUCIC", "c.txt", "Vučić said no.", kind="denial")])
    assert s.speaker_accuracy.hits == 1
