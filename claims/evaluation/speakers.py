"""Wrong speakers of matched statements, the pure extraction against the full loop, by cause.

Pure: :func:`speaker_errors` takes the scores of the pure extraction and of the full loop (the
same gold) and the article texts; :func:`format_speaker_errors` prints them grouped. Causes:

- ``extraction``: the pure extraction already names another speaker;
- ``spelling``: the database wrote the pure speaker differently (an article, a bullet, case);
- ``other article``: the database folded the speaker into a name the article never writes;
- ``renamed``: the database gave another name the article does write;
- ``full loop only``: the statement is matched in the full loop only, with a wrong speaker;
- ``fixed``: the pure speaker is wrong and the full loop's right (listed, not counted as errors).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from claims.evaluation.scoring import GoldStatement, Scores, SystemStatement, speaker_matches

_NOT_A_WORD = re.compile(r"\W+")
_ARTICLE = re.compile(r"^(?:the|an?)\s+")
CAUSES = ("extraction", "spelling", "other article", "renamed", "full loop only", "fixed")


@dataclass(frozen=True, slots=True)
class SpeakerError:
    """One matched statement whose speaker is wrong in one of the two runs."""

    cause: str
    file: str
    gold: str
    pure: str | None
    full: str | None
    sentence: str


def _named(scores: Scores) -> dict[int, tuple[GoldStatement, SystemStatement]]:
    return {g.key: (g, s) for g, s in scores.pairs if not g.anonymous}


def _key(name: str) -> str:
    return _ARTICLE.sub("", _NOT_A_WORD.sub(" ", name.casefold()).strip())


def _cause(pure: str | None, full: str, text: str) -> str:
    if pure is None:
        return "full loop only"
    if _key(pure) == _key(full):
        return "spelling"
    if _key(full) not in _key(text):
        return "other article"
    return "renamed"


def speaker_errors(pure: Scores, full: Scores, texts: Mapping[str, str]) -> list[SpeakerError]:
    """Every statement matched in the full loop whose speaker is wrong in either run."""
    pure_named, full_named = _named(pure), _named(full)
    errors: list[SpeakerError] = []
    for key, (gold, system) in sorted(full_named.items()):
        pure_pair = pure_named.get(key)
        pure_name = pure_pair[1].speaker if pure_pair else None
        pure_right = pure_pair is not None and speaker_matches(*pure_pair)
        if speaker_matches(gold, system):
            cause = "fixed" if pure_pair is not None and not pure_right else ""
        elif pure_pair is not None and not pure_right:
            cause = "extraction"
        else:
            cause = _cause(pure_name, system.speaker, texts.get(gold.file, ""))
        if cause:
            errors.append(
                SpeakerError(
                    cause, gold.file, gold.speaker, pure_name, system.speaker, gold.sentence
                )
            )
    return errors


def format_speaker_errors(errors: list[SpeakerError]) -> str:
    """The errors grouped by cause, one line each."""
    lines: list[str] = []
    for cause in CAUSES:
        group = [e for e in errors if e.cause == cause]
        if not group:
            continue
        lines.append(f"== {cause}: {len(group)}")
        for e in group:
            lines.append(
                f"  {e.file} gold={e.gold!r} pure={e.pure!r} full={e.full!r} | {e.sentence[:90]!r}"
            )
    return "\n".join(lines) if lines else "no wrong speakers"
