"""Running the pure extraction over a corpus folder and building claim records from it.

Articles are read with the ingestion reader (``sources.readers``) when it offers one for files;
otherwise a minimal reader splits the optional ``Key: value`` header block and the title line off
the page text. Each statement becomes one claim record (no cross-article merging), in the JSON
record shape of design.md, so :func:`claims.evaluation.scoring.score` can score it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from spacy.language import Language

from claims.extraction.extract import ArticleInput, extract_articles
from claims.extraction.types import ArticleExtraction

_HEADER_KEYS = ("url", "published", "outlet", "author")
_MAX_TITLE_WORDS = 25


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """One corpus file as the extraction sees it."""

    file: str
    text: str
    title: str
    published: date | None


def read_minimal(path: Path) -> CorpusArticle:
    """Header block (``Key: value`` lines ended by a blank line), then title line, then text."""
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    published: date | None = None
    index = 0
    if lines and _is_header(lines[0]):
        while index < len(lines) and lines[index].strip():
            key, _, value = lines[index].partition(":")
            if key.strip().lower() == "published":
                published = _parse_date(value.strip())
            index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    first = lines[index].strip() if index < len(lines) else ""
    if _is_title(first):
        return CorpusArticle(path.name, "\n".join(lines[index + 1 :]), first, published)
    # Pages saved without a title line start straight with their text.
    return CorpusArticle(path.name, "\n".join(lines[index:]), "", published)


def _is_title(line: str) -> bool:
    return 0 < len(line.split()) <= _MAX_TITLE_WORDS and line[-1:] not in ".:"


def _is_header(line: str) -> bool:
    key, sep, _value = line.partition(":")
    return bool(sep) and key.strip().lower() in _HEADER_KEYS


def _parse_date(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def read_article(path: Path) -> CorpusArticle:
    """Read with the ingestion reader when it exists, else with :func:`read_minimal`."""
    try:
        readers = importlib.import_module("sources.readers")
    except ImportError:
        return read_minimal(path)
    reader = getattr(readers, "read_file", None) or getattr(readers, "read_path", None)
    if reader is None:
        return read_minimal(path)
    parsed: Any = reader(path)
    if isinstance(parsed, list):
        parsed = parsed[0]
    return CorpusArticle(path.name, parsed.text, parsed.title, parsed.published)


def read_corpus(folder: Path) -> list[CorpusArticle]:
    """Every ``.txt`` file of a folder, in name order."""
    return [read_article(p) for p in sorted(folder.glob("*.txt"))]


def extract_corpus(
    articles: list[CorpusArticle], nlp: Language | None = None, batch_size: int = 8
) -> Iterator[tuple[CorpusArticle, ArticleExtraction]]:
    """The pure extraction of each article, batched through ``nlp.pipe``."""
    inputs = (ArticleInput(a.text, a.published, a.title) for a in articles)
    yield from zip(articles, extract_articles(inputs, nlp, batch_size), strict=True)


def claim_records(results: list[tuple[CorpusArticle, ArticleExtraction]]) -> list[dict[str, Any]]:
    """One claim record per statement, in the record shape of design.md."""
    records: list[dict[str, Any]] = []
    for article, extraction in results:
        for st in extraction.statements:
            records.append(
                {
                    "id": len(records) + 1,
                    "text": st.content,
                    "speaker": {"id": None, "name": st.speaker.name, "kind": st.speaker.kind},
                    "said_on": st.said_on.iso(),
                    "said_on_precision": st.said_on.precision,
                    "red_line": st.red_line,
                    "kind": st.kind,
                    "red_line_about": st.red_line_about or None,
                    "mentions": [
                        {
                            "article": {
                                "id": None,
                                "title": article.title,
                                "file": article.file,
                                "published": article.published.isoformat()
                                if article.published
                                else None,
                            },
                            "sentence": st.sentence,
                            "start": st.start,
                            "end": st.end,
                            "status": "suggested",
                        }
                    ],
                    "relations": [],
                }
            )
    return records
