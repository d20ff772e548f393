"""Storing's steps: the batch's vectors, one resolution per actor, a speaker's step per speaker."""

from __future__ import annotations

import numpy as np
import pytest

from claims.extraction.types import ArticleExtraction
from claims.models import Claim, Mention
from claims.services import storing
from claims.services.embeddings import embed
from claims.services.storing import statement_text, statement_vectors, store_extraction
from tests.claims.conftest import statement_in

pytestmark = pytest.mark.django_db

TEXT = (
    "Port talks stalled on Friday. Harbour chief Mara Lind said the north quay would stay closed "
    "to tankers. Union leader Piet Oster said the strike would go on until wages rose. Mara Lind "
    "said the fees would not change this year."
)
LIND = "Harbour chief Mara Lind said the north quay would stay closed to tankers."
OSTER = "Union leader Piet Oster said the strike would go on until wages rose."
LIND_AGAIN = "Mara Lind said the fees would not change this year."


def _extraction() -> ArticleExtraction:
    return ArticleExtraction(
        [
            statement_in(TEXT, LIND, "Mara Lind"),
            statement_in(TEXT, OSTER, "Piet Oster"),
            statement_in(TEXT, LIND_AGAIN, "Mara Lind"),
        ]
    )


def test_batch_vectors_are_each_statements_own() -> None:
    one, two = _extraction(), ArticleExtraction(_extraction().statements[1:])
    vectors = statement_vectors([one, two])
    assert [len(v) for v in vectors] == [3, 2]
    for extraction, found in zip([one, two], vectors, strict=True):
        alone = embed([statement_text(s) for s in extraction.statements])
        assert np.allclose(found, alone, atol=1e-5)


def test_each_actor_is_resolved_once_and_each_speaker_stored(make_article, monkeypatch) -> None:
    article = make_article(TEXT)
    calls: list[str] = []
    real = storing.resolve_actor

    def counted(ref, *args, **kwargs):
        calls.append(ref.name)
        return real(ref, *args, **kwargs)

    monkeypatch.setattr(storing, "resolve_actor", counted)
    result = store_extraction(article, _extraction())
    assert sorted(calls) == ["Mara Lind", "Piet Oster"]
    assert result.created == 3
    speakers = Claim.objects.values_list("speaker__name", flat=True)
    assert sorted(speakers) == ["Mara Lind", "Mara Lind", "Piet Oster"]


def test_a_rerun_without_a_speaker_removes_only_that_speakers_mentions(make_article) -> None:
    article = make_article(TEXT)
    store_extraction(article, _extraction())
    without_oster = ArticleExtraction(
        [s for s in _extraction().statements if s.speaker.name != "Piet Oster"]
    )
    result = store_extraction(article, without_oster)
    assert (result.kept, result.created, result.removed) == (2, 0, 1)
    assert not Claim.objects.filter(speaker__name="Piet Oster").exists()
    assert Mention.objects.filter(article=article).count() == 2
