"""The speaker diagnostic on a tiny hand-made gold: each cause of a wrong speaker."""

from __future__ import annotations

from claims.evaluation.scoring import score
from claims.evaluation.speakers import format_speaker_errors, speaker_errors

SENTENCES = [
    "Brennan said the quay would reopen in May after the dredging works.",
    "The port authority said the ferries would run on the winter timetable.",
    "Ilse Marquardt said the toll on the bridge would not rise this year.",
    "Ilse Marquardt warned that the strike would close the harbour for days.",
    "Brennan added that no ship had been turned away since the spring.",
]
TEXT = " ".join(SENTENCES) + " Harbour master Otto Brennan spoke later."
GOLD = {
    "articles": [
        {
            "file": "a.txt",
            "actors": [
                {"name": "Otto Brennan", "kind": "person", "surface_forms": ["Brennan"]},
                {
                    "name": "Port of Kallen authority",
                    "kind": "organization",
                    "surface_forms": ["The port authority"],
                },
                {"name": "Ilse Marquardt", "kind": "person", "surface_forms": []},
            ],
            "statements": [
                {"speaker": "Otto Brennan", "sentence": SENTENCES[0]},
                {"speaker": "Port of Kallen authority", "sentence": SENTENCES[1]},
                {"speaker": "Ilse Marquardt", "sentence": SENTENCES[2]},
                {"speaker": "Ilse Marquardt", "sentence": SENTENCES[3]},
                {"speaker": "Otto Brennan", "sentence": SENTENCES[4]},
            ],
        }
    ]
}


def records(speakers: list[str]) -> list[dict[str, object]]:
    return [
        {
            "id": index,
            "speaker": {"name": speaker},
            "mentions": [{"article": {"file": "a.txt"}, "sentence": sentence}],
        }
        for index, (speaker, sentence) in enumerate(zip(speakers, SENTENCES, strict=True))
    ]


def test_each_wrong_speaker_gets_its_cause():
    pure = score(
        GOLD,
        records(["Brennan", "The port authority", "Ilse Marquardt", "Brennan", "Harbour master"]),
    )
    full = score(
        GOLD,
        records(["Ivo Brennan", "port authority", "Otto Brennan", "Brennan", "Otto Brennan"]),
    )
    errors = speaker_errors(pure, full, {"a.txt": TEXT})
    causes = {e.sentence: e.cause for e in errors}
    assert causes == {
        SENTENCES[0]: "other article",
        SENTENCES[1]: "spelling",
        SENTENCES[2]: "renamed",
        SENTENCES[3]: "extraction",
        SENTENCES[4]: "fixed",
    }
    assert "== other article: 1" in format_speaker_errors(errors)
