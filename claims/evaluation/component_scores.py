"""Score the date resolver and the statement classifier alone, on the gold statements.

Each gold statement's exact sentence, its paragraph (the lines of the file that hold it), its cue
and the article's gold publication date go through ``resolve_said_on`` and
``classify_statement``; the results are compared with the gold said_on, red_line and kind.
Nothing touches the database. Run::

    .venv/bin/python -m claims.evaluation.component_scores [--corpus DIR] [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claims.extraction.classify import classify_statement
from claims.extraction.dates import resolve_said_on
from claims.extraction.types import SaidOn

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
GOLD_SETS = (("seeds", "seeds-gold.json", "seeds"), ("dev", "dev-gold.json", "dev"))
_HEADER_LINE = re.compile(r"^[A-Z][A-Za-z-]*: ")


@dataclass(frozen=True, slots=True)
class GoldCase:
    """One gold statement with the inputs the two functions receive."""

    file: str
    sentence: str
    paragraph: str
    published: date | None
    content: str
    cue: str
    said_on: str | None
    precision: str
    red_line: bool
    kind: str


@dataclass(slots=True)
class Scores:
    """Running counts for one gold set."""

    total: int = 0
    date_ok: int = 0
    kind_ok: int = 0
    red_tp: int = 0
    red_fp: int = 0
    red_fn: int = 0
    kind_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def ratio(self, part: int, whole: int) -> float:
        """A share, 0 when there is nothing to count."""
        return part / whole if whole else 0.0

    def lines(self, name: str) -> list[str]:
        """The figures as printable lines."""
        precision = self.ratio(self.red_tp, self.red_tp + self.red_fp)
        recall = self.ratio(self.red_tp, self.red_tp + self.red_fn)
        return [
            f"{name}: {self.total} statements",
            f"  date accuracy        {self.ratio(self.date_ok, self.total):.3f}",
            f"  red-line precision   {precision:.3f}  ({self.red_tp} tp, {self.red_fp} fp)",
            f"  red-line recall      {recall:.3f}  ({self.red_fn} fn)",
            f"  kind accuracy        {self.ratio(self.kind_ok, self.total):.3f}",
        ]


def article_text(path: Path) -> str:
    """The file's text after its optional ``Key: value`` header block."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and _HEADER_LINE.match(lines[0]):
        for index, line in enumerate(lines):
            if not line.strip():
                return "\n".join(lines[index + 1 :])
    return text


def paragraph_of(text: str, sentence: str) -> str:
    """The whole lines of ``text`` that hold ``sentence`` (the sentence itself if not found)."""
    start = text.find(sentence)
    if start < 0:
        return sentence
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start + len(sentence))
    return text[begin : end if end >= 0 else len(text)]


def parse_published(value: str | None) -> date | None:
    """The gold ``published`` value as a date (a date-time keeps its day)."""
    return date.fromisoformat(value[:10]) if value else None


def load_cases(corpus: Path, gold_name: str, folder: str) -> Iterator[GoldCase]:
    """Every statement of one gold file as a ``GoldCase``."""
    gold: dict[str, Any] = json.loads((corpus / gold_name).read_text(encoding="utf-8"))
    for article in gold["articles"]:
        text = article_text(corpus / folder / article["file"])
        published = parse_published(article.get("published"))
        for statement in article["statements"]:
            yield GoldCase(
                file=article["file"],
                sentence=statement["sentence"],
                paragraph=paragraph_of(text, statement["sentence"]),
                published=published,
                content=statement.get("content") or "",
                # The extractor hands over one cue; a gold cue may list several.
                cue=statement.get("cue", "").split(";")[0].strip(),
                said_on=statement.get("said_on"),
                precision=statement.get("said_on_precision") or "unknown",
                red_line=bool(statement.get("red_line")),
                kind=statement.get("kind") or "assertion",
            )


def date_agrees(system: SaidOn, gold_value: str | None, gold_precision: str) -> bool:
    """True when the system date equals the gold one at the gold's precision."""
    if gold_precision == "unknown" or gold_value is None:
        return system.precision == "unknown"
    order = ("year", "month", "day")
    if system.value is None or system.precision not in order:
        return False
    if order.index(system.precision) < order.index(gold_precision):
        return False
    width = {"year": 4, "month": 7, "day": 10}[gold_precision]
    return system.value.isoformat()[:width] == gold_value[:width]


def score(cases: Sequence[GoldCase], use_gold_content: bool) -> Scores:
    """Run both functions over the cases and count agreements."""
    scores = Scores()
    for case in cases:
        scores.total += 1
        said_on = resolve_said_on(case.sentence, case.paragraph, case.published, cue=case.cue)
        content = case.content if use_gold_content else case.sentence
        result = classify_statement(case.sentence, content, case.cue)
        short = case.sentence[:110].replace("\n", " ")
        if date_agrees(said_on, case.said_on, case.precision):
            scores.date_ok += 1
        else:
            scores.errors.append(
                f"DATE {case.file[:3]} pub={case.published} gold={case.said_on}/{case.precision}"
                f" got={said_on.iso()}/{said_on.precision} cue={case.cue!r} | {short}"
            )
        if result.red_line and case.red_line:
            scores.red_tp += 1
        elif result.red_line:
            scores.red_fp += 1
            scores.errors.append(f"RED-FP {case.file[:3]} | {short}")
        elif case.red_line:
            scores.red_fn += 1
            scores.errors.append(f"RED-FN {case.file[:3]} | {short}")
        scores.kind_confusion[(case.kind, result.kind)] += 1
        if result.kind == case.kind:
            scores.kind_ok += 1
        else:
            scores.errors.append(
                f"KIND {case.file[:3]} gold={case.kind} got={result.kind} cue={case.cue!r}"
                f" | {short}"
            )
    return scores


def main(argv: Sequence[str] | None = None) -> None:
    """Print the figures for each gold set (and, with --errors, every disagreement)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--sentence-as-content",
        action="store_true",
        help="pass the sentence instead of the gold (paraphrased) content to the classifier",
    )
    args = parser.parse_args(argv)
    for name, gold_name, folder in GOLD_SETS:
        if not (args.corpus / gold_name).is_file():
            continue
        cases = list(load_cases(args.corpus, gold_name, folder))
        scores = score(cases, use_gold_content=not args.sentence_as_content)
        print("\n".join(scores.lines(name)))
        if args.errors:
            print("\n".join("    " + line for line in scores.errors))


if __name__ == "__main__":
    main()
