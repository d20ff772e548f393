"""Score the pure extraction: ``python -m claims.evaluation.run_pure GOLD --corpus DIR``.

No database and no Django: the fast development loop. ``--show`` lists misses and false hits.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claims.evaluation.corpus import claim_records, extract_corpus, read_corpus
from claims.evaluation.scoring import (
    Scores,
    format_table,
    gold_statements,
    score,
    scores_as_dict,
)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, extract, score, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--show", action="store_true", help="print misses and false hits")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    records = claim_records(list(extract_corpus(read_corpus(args.corpus))))
    scores = score(gold, records)
    if args.show:
        _show(gold, records, scores)
    if args.json:
        print(json.dumps(scores_as_dict(scores), indent=2))
    else:
        print(format_table(scores))
    return 0


def _show(gold: dict[str, object], records: list[dict[str, object]], scores: Scores) -> None:
    matched_gold = {g.key for g, _ in scores.pairs}
    matched_sys = {(s.file, s.sentence, s.speaker) for _, s in scores.pairs}
    for g in gold_statements(gold):
        if g.key not in matched_gold:
            print(f"MISS {g.file} [{g.speaker}] {g.sentence[:160]!r}")
    for record in records:
        speaker = record["speaker"]["name"]  # type: ignore[index]
        for m in record["mentions"]:  # type: ignore[attr-defined]
            if (m["article"]["file"], m["sentence"], speaker) not in matched_sys:
                print(f"FALSE {m['article']['file']} [{speaker}] {m['sentence'][:160]!r}")
    for g, s in scores.pairs:
        if not g.anonymous and not any(
            f.casefold() == s.speaker.casefold() for f in g.speaker_forms
        ):
            print(f"SPEAKER {g.file} gold={g.speaker!r} system={s.speaker!r} {g.sentence[:100]!r}")


if __name__ == "__main__":
    sys.exit(main())
