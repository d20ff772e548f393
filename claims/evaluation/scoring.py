"""Scoring claim records against a gold annotation, as corpus/ANNOTATION.md defines it.

Pure: ``score(gold, records)`` takes the parsed gold JSON and the system's claim records (the
JSON record shape of design.md, e.g. the lines of ``export_claims --format jsonl``) and returns
:class:`Scores`; :func:`format_table` renders it. Mentions whose ``article.file`` is not in the
gold are ignored.

Matching: a system mention matches a gold statement of the same file when at least half of the
gold span's lower-cased word tokens occur in the system span and at least half of the system
span's occur in the gold span. Each gold statement matches at most one system mention and vice
versa; pairs with the same speaker are matched first, then the rest, best overlap first.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a span."""
    return _WORD.findall(text.lower())


def overlap(gold: Sequence[str], system: Sequence[str]) -> float | None:
    """The smaller of the two coverage shares, or None when either is under one half."""
    if not gold or not system:
        return None
    gset, sset = set(gold), set(system)
    g_in_s = sum(1 for w in gold if w in sset) / len(gold)
    s_in_g = sum(1 for w in system if w in gset) / len(system)
    if g_in_s < 0.5 or s_in_g < 0.5:
        return None
    return min(g_in_s, s_in_g)


def same_name(a: str, b: str) -> bool:
    """Names equal with case, accents and spacing aside."""
    return _fold(a) == _fold(b)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """One gold statement with the names its speaker may go by."""

    key: int
    file: str
    sentence: str
    speaker: str
    speaker_forms: frozenset[str]
    anonymous: bool
    said_on: str | None
    precision: str
    red_line: bool
    kind: str


@dataclass(frozen=True, slots=True)
class SystemStatement:
    """One system mention with its claim's fields."""

    key: int
    claim: Any
    file: str
    sentence: str
    speaker: str
    said_on: str | None
    precision: str
    red_line: bool
    kind: str


@dataclass(frozen=True, slots=True)
class Ratio:
    """A share with its counts."""

    hits: int
    total: int

    @property
    def value(self) -> float:
        """hits / total, or 0.0 for an empty total."""
        return self.hits / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    """All figures of one evaluation, with the counts behind them."""

    gold_statements: int
    system_statements: int
    matched: int
    statement_precision: Ratio
    statement_recall: Ratio
    speaker_accuracy: Ratio
    date_accuracy: Ratio
    red_line_precision: Ratio
    red_line_recall: Ratio
    kind_accuracy: Ratio
    same_claim_recall: Ratio
    same_claim_precision: Ratio
    contradiction_recall: Ratio
    pairs: list[tuple[GoldStatement, SystemStatement]] = field(default_factory=list)

    @property
    def statement_f1(self) -> float:
        """Harmonic mean of statement precision and recall."""
        p, r = self.statement_precision.value, self.statement_recall.value
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_statements(gold: Mapping[str, Any]) -> list[GoldStatement]:
    """The gold statements, each with its speaker's name and surface forms."""
    result: list[GoldStatement] = []
    for article in gold["articles"]:
        forms: dict[str, frozenset[str]] = {
            a["name"]: frozenset([a["name"], *a.get("surface_forms", [])])
            for a in article.get("actors", [])
        }
        for st in article.get("statements", []):
            result.append(
                GoldStatement(
                    key=len(result),
                    file=article["file"],
                    sentence=st["sentence"],
                    speaker=st["speaker"],
                    speaker_forms=forms.get(st["speaker"], frozenset([st["speaker"]])),
                    anonymous=bool(st.get("anonymous")),
                    said_on=st.get("said_on"),
                    precision=st.get("said_on_precision") or "unknown",
                    red_line=bool(st.get("red_line")),
                    kind=st.get("kind") or "",
                )
            )
    return result


def system_statements(
    records: Iterable[Mapping[str, Any]], files: set[str]
) -> list[SystemStatement]:
    """One system statement per mention of every record, for files the gold covers."""
    result: list[SystemStatement] = []
    for index, record in enumerate(records):
        claim = record.get("id", f"#{index}")
        speaker = (record.get("speaker") or {}).get("name") or ""
        for mention in record.get("mentions", []):
            file = os.path.basename((mention.get("article") or {}).get("file") or "")
            if file not in files:
                continue
            result.append(
                SystemStatement(
                    key=len(result),
                    claim=claim,
                    file=file,
                    sentence=mention.get("sentence") or "",
                    speaker=speaker,
                    said_on=record.get("said_on"),
                    precision=record.get("said_on_precision") or "unknown",
                    red_line=bool(record.get("red_line")),
                    kind=record.get("kind") or "",
                )
            )
    return result


def speaker_matches(gold: GoldStatement, system: SystemStatement) -> bool:
    """The system speaker is the gold speaker's name or one of its surface forms."""
    return any(same_name(system.speaker, form) for form in gold.speaker_forms)


def date_matches(gold: GoldStatement, system: SystemStatement) -> bool:
    """The dates agree at the gold's precision (both unknown agrees)."""
    if gold.precision == "unknown" or not gold.said_on:
        return system.precision == "unknown" or not system.said_on
    if not system.said_on:
        return False
    width = {"year": 4, "month": 7, "day": 10}.get(gold.precision, 10)
    return system.said_on[:width] == gold.said_on[:width]


def match(
    golds: list[GoldStatement], systems: list[SystemStatement]
) -> list[tuple[GoldStatement, SystemStatement]]:
    """One-to-one matching: same-speaker candidates first, then any, best overlap first."""
    candidates: list[tuple[bool, float, int, int]] = []
    sys_words = {s.key: words(s.sentence) for s in systems}
    by_file: dict[str, list[SystemStatement]] = {}
    for s in systems:
        by_file.setdefault(s.file, []).append(s)
    for g in golds:
        gw = words(g.sentence)
        for s in by_file.get(g.file, []):
            share = overlap(gw, sys_words[s.key])
            if share is not None:
                candidates.append((speaker_matches(g, s), share, g.key, s.key))
    candidates.sort(key=lambda c: (not c[0], -c[1], c[2], c[3]))
    gold_by_key = {g.key: g for g in golds}
    sys_by_key = {s.key: s for s in systems}
    used_gold: set[int] = set()
    used_sys: set[int] = set()
    pairs: list[tuple[GoldStatement, SystemStatement]] = []
    for _same, _share, gk, sk in candidates:
        if gk in used_gold or sk in used_sys:
            continue
        used_gold.add(gk)
        used_sys.add(sk)
        pairs.append((gold_by_key[gk], sys_by_key[sk]))
    pairs.sort(key=lambda p: p[0].key)
    return pairs


def relation_pairs(records: Iterable[Mapping[str, Any]], kind: str) -> set[frozenset[Any]]:
    """The pairs of claim ids the records link with a relation of this type."""
    pairs: set[frozenset[Any]] = set()
    for record in records:
        for rel in record.get("relations", []) or []:
            if rel.get("type") == kind and rel.get("claim") != record.get("id"):
                pairs.add(frozenset((record.get("id"), rel.get("claim"))))
    return pairs


Place = tuple[str, str]  # (file, sentence)


def same_claim_groups(gold: Mapping[str, Any]) -> list[set[Place]]:
    """The gold same-claim groups as sets of (file, sentence)."""
    return [
        {(m["file"], m["sentence"]) for m in group.get("members", [])}
        for group in gold.get("same_claim", [])
    ]


def same_claim_pairs(groups: Iterable[set[Place]]) -> set[frozenset[Place]]:
    """Every pair of statements inside one gold group."""
    return {
        frozenset(pair) for group in groups for pair in itertools.combinations(sorted(group), 2)
    }


def score(gold: Mapping[str, Any], records: Sequence[Mapping[str, Any]]) -> Scores:
    """Score claim records against a gold annotation (both as parsed JSON).

    ``gold`` is a redline-gold/1 document; ``records`` are claim records with ``id``,
    ``speaker.name``, ``said_on``, ``said_on_precision``, ``red_line``, ``kind``,
    ``mentions[].article.file``/``sentence`` and ``relations[].type``/``claim``.
    """
    golds = gold_statements(gold)
    files = {a["file"] for a in gold["articles"]}
    systems = system_statements(records, files)
    pairs = match(golds, systems)
    named = [(g, s) for g, s in pairs if not g.anonymous]
    red_pairs = [(g, s) for g, s in pairs if g.red_line and s.red_line]
    sys_of_gold: dict[tuple[str, str], list[SystemStatement]] = {}
    gold_of_sys: dict[int, GoldStatement] = {s.key: g for g, s in pairs}
    for g, s in pairs:
        sys_of_gold.setdefault((g.file, g.sentence), []).append(s)

    # Same-claim pairs: gold pairs inside a group against system pairs inside a record.
    groups = same_claim_groups(gold)
    gold_pairs = same_claim_pairs(groups)
    recalled = 0
    for pair in gold_pairs:
        a, b = sorted(pair)
        claims_a = {s.claim for s in sys_of_gold.get(a, [])}
        claims_b = {s.claim for s in sys_of_gold.get(b, [])}
        if claims_a & claims_b:
            recalled += 1
    by_claim: dict[Any, list[SystemStatement]] = {}
    for s in systems:
        by_claim.setdefault(s.claim, []).append(s)
    sys_pairs = 0
    sys_pairs_right = 0
    for members in by_claim.values():
        for x, y in itertools.combinations(members, 2):
            gx, gy = gold_of_sys.get(x.key), gold_of_sys.get(y.key)
            if gx is None or gy is None:
                continue
            sys_pairs += 1
            kx, ky = (gx.file, gx.sentence), (gy.file, gy.sentence)
            if any(kx in group and ky in group for group in groups):
                sys_pairs_right += 1

    # Contradiction pairs: both ends in two claims the system links with "contradicts".
    contradicts = relation_pairs(records, "contradicts")
    found = 0
    contradictions = gold.get("contradictions", [])
    for pair in contradictions:
        ends = [
            {s.claim for s in sys_of_gold.get((end["file"], end["sentence"]), [])}
            for end in (pair["a"], pair["b"])
        ]
        if any(ca != cb and frozenset((ca, cb)) in contradicts for ca in ends[0] for cb in ends[1]):
            found += 1

    return Scores(
        gold_statements=len(golds),
        system_statements=len(systems),
        matched=len(pairs),
        statement_precision=Ratio(len(pairs), len(systems)),
        statement_recall=Ratio(len(pairs), len(golds)),
        speaker_accuracy=Ratio(sum(1 for g, s in named if speaker_matches(g, s)), len(named)),
        date_accuracy=Ratio(sum(1 for g, s in pairs if date_matches(g, s)), len(pairs)),
        red_line_precision=Ratio(len(red_pairs), sum(1 for s in systems if s.red_line)),
        red_line_recall=Ratio(len(red_pairs), sum(1 for g in golds if g.red_line)),
        kind_accuracy=Ratio(sum(1 for g, s in pairs if g.kind == s.kind), len(pairs)),
        same_claim_recall=Ratio(recalled, len(gold_pairs)),
        same_claim_precision=Ratio(sys_pairs_right, sys_pairs),
        contradiction_recall=Ratio(found, len(contradictions)),
        pairs=pairs,
    )


def format_table(scores: Scores) -> str:
    """The figures as an aligned text table: metric, value, counts."""
    rows: list[tuple[str, str, str]] = [
        ("statement precision", *_cells(scores.statement_precision)),
        ("statement recall", *_cells(scores.statement_recall)),
        ("statement F1", f"{scores.statement_f1:.3f}", ""),
        ("speaker accuracy", *_cells(scores.speaker_accuracy)),
        ("date accuracy", *_cells(scores.date_accuracy)),
        ("red-line precision", *_cells(scores.red_line_precision)),
        ("red-line recall", *_cells(scores.red_line_recall)),
        ("kind accuracy", *_cells(scores.kind_accuracy)),
        ("same-claim pair recall", *_cells(scores.same_claim_recall)),
        ("same-claim pair precision", *_cells(scores.same_claim_precision)),
        ("contradiction pair recall", *_cells(scores.contradiction_recall)),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'metric':<{width}}  value  counts", "-" * (width + 22)]
    lines += [f"{name:<{width}}  {value:>5}  {counts}" for name, value, counts in rows]
    lines.append(
        f"gold statements {scores.gold_statements}, system statements "
        f"{scores.system_statements}, matched {scores.matched}"
    )
    return "\n".join(lines)


def _cells(ratio: Ratio) -> tuple[str, str]:
    return f"{ratio.value:.3f}", f"{ratio.hits}/{ratio.total}"


METRICS = (
    "statement_precision",
    "statement_recall",
    "speaker_accuracy",
    "date_accuracy",
    "red_line_precision",
    "red_line_recall",
    "kind_accuracy",
    "same_claim_recall",
    "same_claim_precision",
    "contradiction_recall",
)


def scores_as_dict(scores: Scores) -> dict[str, Any]:
    """The figures as plain JSON: F1, then each metric's value with its hits and total."""
    result: dict[str, Any] = {"statement_f1": round(scores.statement_f1, 4)}
    for name in METRICS:
        ratio = getattr(scores, name)
        result[name] = {"value": round(ratio.value, 4), "hits": ratio.hits, "total": ratio.total}
    return result
