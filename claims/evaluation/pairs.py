"""The same-claim and contradiction pairs a run missed or made up, each with its reason
(``manage.py evaluate --pairs``): what to read before changing claim matching or the rules."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claims.evaluation.scoring import (
    Place,
    SystemStatement,
    gold_statements,
    match,
    relation_pairs,
    same_claim_groups,
    same_claim_pairs,
    system_statements,
)


@dataclass(frozen=True, slots=True)
class PairError:
    """One pair the run got wrong: ``kind`` is "same-claim missed", "same-claim wrong" or
    "contradiction missed"."""

    kind: str
    reason: str
    a: Place
    b: Place


def pair_errors(gold: Mapping[str, Any], records: Sequence[Mapping[str, Any]]) -> list[PairError]:
    """Missed and wrong same-claim pairs and missed contradictions, scored as ``score`` does."""
    golds = gold_statements(gold)
    systems = system_statements(records, {a["file"] for a in gold["articles"]})
    pairs = match(golds, systems)
    found: dict[Place, list[SystemStatement]] = {}
    for g, s in pairs:
        found.setdefault((g.file, g.sentence), []).append(s)
    place_of = {s.key: (g.file, g.sentence) for g, s in pairs}
    speaker_of = {(g.file, g.sentence): s.speaker for g, s in pairs}
    errors: list[PairError] = []

    groups = same_claim_groups(gold)
    for pair in sorted(same_claim_pairs(groups), key=sorted):
        a, b = sorted(pair)
        reason = _unextracted(found, a, b)
        if reason is None:
            if {s.claim for s in found[a]} & {s.claim for s in found[b]}:
                continue
            speakers = {speaker_of[a], speaker_of[b]}
            reason = (
                "two claims"
                if len(speakers) == 1
                else "two claims, speakers " + " / ".join(sorted(speakers))
            )
        errors.append(PairError("same-claim missed", reason, a, b))

    by_claim: dict[Any, list[SystemStatement]] = {}
    for s in systems:
        by_claim.setdefault(s.claim, []).append(s)
    for members in by_claim.values():
        for x, y in itertools.combinations(members, 2):
            one, other = place_of.get(x.key), place_of.get(y.key)
            if one is None or other is None or any(one in g and other in g for g in groups):
                continue
            errors.append(
                PairError("same-claim wrong", "one claim, not one gold group", one, other)
            )

    linked = relation_pairs(records, "contradicts")
    for pair in gold.get("contradictions", []):
        a = (pair["a"]["file"], pair["a"]["sentence"])
        b = (pair["b"]["file"], pair["b"]["sentence"])
        reason = _unextracted(found, a, b)
        if reason is None:
            ends = [{s.claim for s in found[a]}, {s.claim for s in found[b]}]
            if any(x != y and frozenset((x, y)) in linked for x in ends[0] for y in ends[1]):
                continue
            reason = "one claim" if ends[0] & ends[1] else "not linked"
        errors.append(PairError("contradiction missed", reason, a, b))
    return errors


def _unextracted(
    found: Mapping[Place, Sequence[SystemStatement]], a: Place, b: Place
) -> str | None:
    missing = [end for end in (a, b) if end not in found]
    if not missing:
        return None
    return "not extracted: " + ", ".join("first" if end == a else "second" for end in missing)


def format_pair_errors(errors: Sequence[PairError], width: int = 110) -> str:
    """The errors grouped by kind, each with both sentences (cut to ``width``)."""
    lines: list[str] = []
    for kind in ("same-claim missed", "same-claim wrong", "contradiction missed"):
        chosen = [e for e in errors if e.kind == kind]
        lines.append(f"{kind}: {len(chosen)}")
        for error in chosen:
            lines.append(f"  [{error.reason}]")
            for file, sentence in (error.a, error.b):
                lines.append(f"    {file}: {_cut(sentence, width)}")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
