"""Duplicate detection: exact (content hash) and near-identical copies (simhash + shingles)."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+")
_SHINGLE = 5


def normalized(text: str) -> str:
    """Text with runs of whitespace collapsed; what "the same content" compares."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 of the normalized text, hex."""
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = _SHINGLE) -> set[int]:
    """Hashes of the word n-grams of a text (lower-cased); short texts give their words."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {_hash64(word) for word in words}
    return {_hash64(" ".join(words[i : i + size])) for i in range(len(words) - size + 1)}


def simhash(text: str) -> int:
    """64-bit simhash of the text's shingles, as a signed integer (it fits a BigIntegerField)."""
    weights = [0] * 64
    for value in shingles(text, 3):
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    unsigned = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def jaccard(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two shingle sets (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _hash64(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big")
