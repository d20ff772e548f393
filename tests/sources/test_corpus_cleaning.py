"""Cleaning and metadata measured on the shared gold corpus (seeds + dev)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sources.readers.text import parse_text_page

GOLD_FILES = (("seeds-gold.json", "seeds"), ("dev-gold.json", "dev"))


def _articles(corpus: Path) -> list[tuple[dict[str, Any], str]]:
    found = []
    for gold_name, folder in GOLD_FILES:
        for article in json.loads((corpus / gold_name).read_text())["articles"]:
            found.append((article, (corpus / folder / article["file"]).read_text("utf-8")))
    return found


def _norm(value: str | None) -> str:
    return re.sub(r"[^0-9a-z]", "", (value or "").casefold())


def test_no_gold_statement_sentence_is_lost(shared_corpus: Path) -> None:
    lost = []
    for article, raw in _articles(shared_corpus):
        text = parse_text_page(raw, source_file=article["file"]).text
        lost += [
            (article["file"], s["sentence"])
            for s in article["statements"]
            if s["sentence"] not in text
        ]
    assert lost == []


def test_gold_boilerplate_lines_are_removed(shared_corpus: Path) -> None:
    total = removed = 0
    for article, raw in _articles(shared_corpus):
        kept = set(parse_text_page(raw).text.split("\n"))
        total += len(article["boilerplate"])
        removed += sum(1 for line in article["boilerplate"] if line.strip() not in kept)
    print(f"gold boilerplate lines removed: {removed}/{total}")
    assert total > 0
    assert removed / total >= 0.85


@pytest.mark.parametrize("field", ["published", "author"])
def test_metadata_agrees_with_gold(shared_corpus: Path, field: str) -> None:
    articles = _articles(shared_corpus)
    agree = 0
    for article, raw in articles:
        value = getattr(parse_text_page(raw), field)
        mine = value.isoformat() if field == "published" and value else value
        agree += _norm(mine) == _norm(article[field])
    print(f"{field}: {agree}/{len(articles)}")
    assert agree / len(articles) >= 0.9
