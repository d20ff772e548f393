"""Sentence embeddings: the installed MiniLM ONNX model, unit vectors, paraphrases closer."""

from __future__ import annotations

import socket

import numpy as np

from claims.services import embeddings
from claims.services.embeddings import DIMENSIONS, cosine, embed, embed_one

PARAPHRASES = (
    "The harbour authority said the eastern docks will stay closed until the storm damage is "
    "repaired.",
    "Repairs to the storm damage must be finished before the eastern docks reopen, according to "
    "the harbour authority.",
)
UNRELATED = "The orchestra will play three new symphonies at the spring festival in the old town."


def test_model_and_tokenizer_come_from_installed_packages():
    assert embeddings.model_file().is_file()
    assert embeddings.model_file().suffix == ".onnx"
    assert embeddings.tokenizer_file().is_file()
    assert "site-packages" in str(embeddings.model_file())


def test_vectors_are_unit_length_in_input_order():
    texts = [UNRELATED, PARAPHRASES[0], "Short.", PARAPHRASES[1]]
    vectors = embed(texts, batch_size=2)
    assert vectors.shape == (4, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # Batching and length sorting do not change a text's vector.
    for text, vector in zip(texts, vectors, strict=True):
        assert np.allclose(embed([text])[0], vector, atol=1e-4)


def test_paraphrase_is_closer_than_unrelated_sentence():
    a, b = embed_one(PARAPHRASES[0]), embed_one(PARAPHRASES[1])
    other = embed_one(UNRELATED)
    assert cosine(a, b) > 0.6
    assert cosine(a, b) > cosine(a, other) + 0.3


def test_empty_input_gives_no_rows():
    assert embed([]).shape == (0, DIMENSIONS)


def test_cosine_of_mismatched_or_zero_vectors_is_zero():
    assert cosine([1.0, 0.0], [1.0, 0.0, 0.0]) == 0.0
    assert cosine([0.0, 0.0], [1.0, 0.0]) == 0.0


def test_nothing_is_downloaded(monkeypatch):
    embeddings._session.cache_clear()
    embeddings._tokenizer.cache_clear()

    def no_network(*args, **kwargs):
        raise AssertionError("the embedding model tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    vector = embed([UNRELATED])
    assert vector.shape == (1, DIMENSIONS)
