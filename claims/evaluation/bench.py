"""Speed of the pure extraction against plain ``nlp.pipe`` on the same text.

``python -m claims.evaluation.bench --corpus DIR [--repeat N] [--batch-size B]`` prints words per
second of plain ``nlp.pipe`` (every component of the model), of ``nlp.pipe`` with the components
the extraction runs (the lemmatizer off), and of the full pure extraction (parse, rules, dates,
classification), with the ratios. Each figure is the best of ``--repeat`` runs after a warm-up.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from claims.evaluation.corpus import read_corpus
from claims.extraction.extract import (
    PARAGRAPH_COMPONENT,
    UNUSED_COMPONENTS,
    ArticleInput,
    extract_articles,
    prepare,
)
from claims.extraction.nlp import get_nlp


def best_seconds(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` timed runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(texts: list[str], nlp: Language, batch_size: int, repeat: int) -> dict[str, float]:
    """Seconds for plain ``nlp.pipe``, for the extraction's components, and for extraction."""
    prepare(nlp)
    ours = [c for c in (PARAGRAPH_COMPONENT,) if c in nlp.pipe_names]
    unused = [c for c in UNUSED_COMPONENTS if c in nlp.pipe_names]
    items = [ArticleInput(t) for t in texts]

    def plain() -> object:
        return list(nlp.pipe(texts, batch_size=batch_size, disable=ours))

    def same_components() -> object:
        return list(nlp.pipe(texts, batch_size=batch_size, disable=unused))

    def extraction() -> object:
        return list(extract_articles(items, nlp, batch_size))

    extraction()  # warm-up: loads the model's tables and the date/classify modules
    return {
        "plain nlp.pipe (all components)": best_seconds(plain, repeat),
        "nlp.pipe (extraction's components)": best_seconds(same_components, repeat),
        "full pure extraction": best_seconds(extraction, repeat),
    }


def main(argv: list[str] | None = None) -> int:
    """Read the corpus, time the three runs, print words per second and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    texts = [a.text for a in read_corpus(args.corpus)]
    words = sum(len(t.split()) for t in texts)
    seconds = measure(texts, get_nlp(), args.batch_size, args.repeat)
    base = words / seconds["plain nlp.pipe (all components)"]
    print(f"{len(texts)} articles, {words} words, batch size {args.batch_size}")
    for name, secs in seconds.items():
        rate = words / secs
        print(f"{name:<38} {rate:>8.0f} words/s  {rate / base:>5.2f}x plain")
    return 0


if __name__ == "__main__":
    sys.exit(main())
