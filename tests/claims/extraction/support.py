"""Shared helpers of the extraction tests: run the extractor on a short text, pick one result."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from claims.extraction.extract import extract_article
from claims.extraction.types import Statement

PUBLISHED = date(2024, 3, 5)


def run(text: str, nlp: Language, title: str = "") -> list[Statement]:
    """The statements of ``text``, each checked to point at its exact sentence."""
    result = extract_article(text, PUBLISHED, title=title, nlp=nlp)
    for st in result.statements:
        assert text[st.start : st.end] == st.sentence
    return result.statements


def only(statements: list[Statement]) -> Statement:
    """The one statement of a list that must hold exactly one."""
    assert len(statements) == 1, [(s.speaker.name, s.sentence) for s in statements]
    return statements[0]


def speakers(text: str, nlp: Language) -> list[str]:
    """The speakers' names of ``text``'s statements, in order."""
    return [st.speaker.name for st in run(text, nlp)]
