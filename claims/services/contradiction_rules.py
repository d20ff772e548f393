"""Pure rules that score how far two statements dispute each other (no database).

Cues are general: a denial or dismissal against an accusation or assertion by another speaker,
numbers that disagree about the same noun, a red line said to be crossed against one said not to
be, and opposing predicates (a build-up against a withdrawal or "merely repositioning").
Similarity does not separate contradiction from agreement, so every rule needs a polarity cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.services.similarity import NEGATIONS, content_words, overlap, tokens

DENIAL_CUES = frozenset(
    [
        "deny",
        "denies",
        "denied",
        "denying",
        "denial",
        "reject",
        "rejects",
        "rejected",
        "rejecting",
        "dismiss",
        "dismisses",
        "dismissed",
        "refute",
        "refutes",
        "refuted",
        "false",
        "falsely",
        "baseless",
        "groundless",
        "unfounded",
        "nonsense",
        "lie",
        "lies",
        "lying",
        "fake",
        "fabricated",
        "fabrication",
        "hysteria",
        "hysterical",
        "propaganda",
        "absurd",
        "ridiculous",
        "provocation",
        "myth",
        "merely",
        "rumours",
        "rumors",
        "speculation",
        "disinformation",
        "misinformation",
        "untrue",
        "illogical",
    ]
)
ACCUSATION_CUES = frozenset(
    [
        "accuse",
        "accuses",
        "accused",
        "accusing",
        "accusation",
        "allege",
        "alleges",
        "alleged",
        "allegedly",
        "blame",
        "blames",
        "blamed",
        "intelligence",
        "evidence",
        "buildup",
        "build-up",
        "building",
        "massing",
        "massed",
        "concentration",
        "aggression",
        "aggressive",
        "invasion",
        "invade",
        "violate",
        "violated",
        "violation",
        "threat",
        "threatens",
    ]
)
# Predicates that cannot both hold of the same thing; each side is a set of stems.
OPPOSING_PREDICATES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        frozenset({"build", "buildi", "buildu", "build-", "massin", "massed", "concen", "reinfo"}),
        frozenset({"withdr", "reposi", "pullin", "pulled", "retrea", "exerci", "drawdo"}),
    ),
    (
        frozenset({"increa", "rise", "rising", "grow", "growin"}),
        frozenset({"decrea", "fall", "fallin", "declin", "fewer", "less", "reduce"}),
    ),
    (frozenset({"escala"}), frozenset({"deesca", "de-esc", "calm", "easing"})),
)
_NUMBER = re.compile(r"\b(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s*(%|percent|per cent)?\s*([a-z]+)?")
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


@dataclass(frozen=True, slots=True)
class Side:
    """What the rules need to know about one statement."""

    speaker_id: int | None
    text: str
    kind: str
    red_line: bool
    article_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class Verdict:
    """A contradiction score in 0-1 and the evidence an editor reads."""

    score: float
    evidence: str


def is_negated(text: str) -> bool:
    """Whether the text carries a negation word."""
    return any(t in NEGATIONS or t.endswith("n't") for t in tokens(text))


def is_dismissive(side: Side) -> bool:
    """A denial, a rejection or a dismissal of what others say."""
    if side.kind == "denial":
        return True
    words = set(tokens(side.text))
    return bool(words & DENIAL_CUES) or ("accused" in words and is_negated(side.text))


def is_assertive(side: Side) -> bool:
    """An accusation or a plain claim that something is the case."""
    return side.kind in {"accusation", "assertion", "warning", "announcement"} and not (
        is_dismissive(side)
    )


def numbers(text: str) -> dict[str, float]:
    """Numbers in the text keyed by the noun after them ("100,000 troops" → {"troops": 1e5})."""
    found: dict[str, float] = {}
    for raw, percent, noun in _NUMBER.findall(text.casefold()):
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        if noun in _MULTIPLIERS:
            value *= _MULTIPLIERS[noun]
            tail = text.casefold().split(noun, 1)[-1].split()
            noun = tail[0] if tail else ""
        key = "%" if percent else noun[:6]
        if key and not (1900 <= value <= 2100 and not percent):
            found.setdefault(key, value)
    return found


def _numbers_disagree(a: Side, b: Side) -> str:
    na, nb = numbers(a.text), numbers(b.text)
    for key in na.keys() & nb.keys():
        low, high = sorted((na[key], nb[key]))
        if high > 0 and (high - low) / high >= 0.2:
            return f"numbers disagree on {key!r}: {na[key]:g} vs {nb[key]:g}"
    return ""


def _red_line_polarity(a: Side, b: Side) -> str:
    if not (a.red_line and b.red_line):
        return ""
    if is_negated(a.text) != is_negated(b.text):
        return "one says a red line holds or was crossed, the other that it was not"
    return ""


def _opposing_predicates(a: Side, b: Side) -> str:
    wa, wb = content_words(a.text), content_words(b.text)
    for left, right in OPPOSING_PREDICATES:
        if (wa & left and wb & right) or (wa & right and wb & left):
            return "opposing predicates: " + ", ".join(sorted((wa | wb) & (left | right)))
    return ""


def judge(a: Side, b: Side) -> Verdict | None:
    """Score a pair of statements by different speakers; None when no rule fires."""
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return None
    _, containment, shared = overlap(a.text, b.text)
    same_article = bool(a.article_ids & b.article_ids)
    topic = containment if shared >= 2 else 0.0
    if not same_article and topic < 0.2:
        return None
    reasons: list[tuple[float, str]] = []
    if (is_dismissive(a) and is_assertive(b)) or (is_dismissive(b) and is_assertive(a)):
        denier = a if is_dismissive(a) else b
        reasons.append((0.45, f"{denier.kind or 'statement'} against an accusation or assertion"))
    if evidence := _numbers_disagree(a, b):
        reasons.append((0.6 if topic >= 0.2 else 0.0, evidence))
    if evidence := _red_line_polarity(a, b):
        reasons.append((0.55, evidence))
    if evidence := _opposing_predicates(a, b):
        reasons.append((0.5, evidence))
    reasons = [r for r in reasons if r[0] > 0]
    if not reasons:
        return None
    base = max(score for score, _ in reasons)
    score = base + 0.35 * topic + (0.1 if same_article else 0.0) + 0.05 * (len(reasons) - 1)
    return Verdict(round(min(score, 1.0), 4), "; ".join(text for _, text in reasons))
