"""Fixtures of the extraction tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.extraction.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The project's spaCy pipeline (loaded once per process)."""
    return get_nlp()
