"""Similarity of statement contents, for claim matching and contradiction topics.

``content_similarity`` is lexical (content-word overlap and a token-set ratio); ``match_score``
blends it with the cosine of the sentence vectors (claims/services/embeddings.py), which finds
paraphrases that share few words. ``claim_match_score`` weighs a statement against every mention
of a claim. None of them tells agreement from contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "and",
        "or",
        "but",
        "if",
        "than",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "there",
        "here",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "while",
        "about",
        "into",
        "over",
        "under",
        "up",
        "down",
        "out",
        "so",
        "such",
        "also",
        "just",
        "very",
        "more",
        "most",
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "according",
        "added",
        "noted",
        "stressed",
    ]
)
NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "nor",
        "none",
        "nothing",
        "neither",
        "cannot",
        "can't",
        "won't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "hasn't",
        "haven't",
        "hadn't",
        "n't",
        "without",
    ]
)
_STEM_LENGTH = 6


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (curly apostrophes kept inside words)."""
    return [t.casefold().replace("’", "'") for t in _WORD.findall(text)]


def stem(word: str) -> str:
    """A crude stem: a prefix, so "expansion"/"expanding" and "troops"/"troop" meet."""
    return word[:_STEM_LENGTH]


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Stems of the words that carry content: no stop words, no negations, no single letters."""
    return frozenset(
        stem(t) for t in tokens(text) if t not in STOPWORDS and t not in NEGATIONS and len(t) > 1
    )


def overlap(a: str, b: str) -> tuple[float, float, int]:
    """(Jaccard, containment in the shorter one, shared count) of the two content-word sets."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0, 0.0, 0
    shared = len(wa & wb)
    return shared / len(wa | wb), shared / min(len(wa), len(wb)), shared


def content_similarity(a: str, b: str) -> float:
    """0-1: how far two contents state the same thing (negation ignored on purpose)."""
    if not a.strip() or not b.strip():
        return 0.0
    jaccard, containment, shared = overlap(a, b)
    if shared == 0:
        return 0.0
    token_set = (
        fuzz.token_set_ratio(" ".join(sorted(content_words(a))), " ".join(sorted(content_words(b))))
        / 100
    )
    # Containment alone overrates a short content inside a long one; Jaccard alone underrates
    # paraphrases. Their blend with the token-set ratio sits between the two.
    return round(0.4 * containment + 0.3 * jaccard + 0.3 * token_set, 4)


def match_score(lexical: float, cosine: float, vector_weight: float) -> float:
    """0-1: lexical similarity blended with the vector cosine (``vector_weight`` its share)."""
    weight = min(1.0, max(0.0, vector_weight))
    return round((1.0 - weight) * lexical + weight * max(0.0, cosine), 4)


@dataclass(frozen=True, slots=True)
class Said:
    """One statement as claim matching sees it: what was said, the sentence it was said in, the
    unit vectors of both (the sentence carries the context a short content lacks), and the id of
    the article it was said in, when known."""

    content: str
    sentence: str
    content_vector: Any
    sentence_vector: Any
    article: int | None = None


# A statement of the claim's kind, or a red line spoken of by both, is more likely the same
# proposition; a red line on one side only is less likely.
SAME_KIND_BONUS = 0.1
# A claim of this many mentions or more is scored without its least similar one.
TRIM_FROM = 3
RED_LINE_BOTH_BONUS = 0.2
RED_LINE_ONE_PENALTY = 0.1
# An article quotes a speaker's words once: two different quotations of one speaker in one
# article are two things said, however alike their topic.
DISTINCT_QUOTES_PENALTY = 0.1
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’")


def quoted_passages(sentence: str) -> list[str]:
    """The passages of two words or more in double (or curly single) quotes, as word tokens
    joined by spaces."""
    passages = []
    for match in _QUOTED.finditer(sentence):
        words = tokens(next(g for g in match.groups() if g is not None))
        if len(words) >= 2:
            passages.append(" ".join(words))
    return passages


def distinct_quotes(a: str, b: str) -> bool:
    """Whether both sentences quote words and neither quotes words the other also has (a
    quotation and a paraphrase that repeats part of it are not distinct)."""
    quoted_a, quoted_b = quoted_passages(a), quoted_passages(b)
    if not quoted_a or not quoted_b:
        return False
    words_a, words_b = f" {' '.join(tokens(a))} ", f" {' '.join(tokens(b))} "
    return not any(f" {q} " in words_b for q in quoted_a) and not any(
        f" {q} " in words_a for q in quoted_b
    )


def said_similarity(a: Said, b: Said, vector_weight: float) -> float:
    """0-1: lexical similarity of contents and of sentences, blended with their vector cosines
    (``vector_weight`` the cosines' share); less for two different quotations in one article."""
    lexical = content_similarity(a.content, b.content)
    lexical += content_similarity(a.sentence, b.sentence)
    cosine = max(0.0, float(a.content_vector @ b.content_vector))
    cosine += max(0.0, float(a.sentence_vector @ b.sentence_vector))
    score = match_score(lexical / 2, cosine / 2, vector_weight)
    if a.article is not None and a.article == b.article and distinct_quotes(a.sentence, b.sentence):
        score = max(0.0, score - DISTINCT_QUOTES_PENALTY)
    return round(score, 4)


def claim_match_score(
    statement: Said,
    members: Sequence[Said],
    *,
    same_kind: bool,
    red_lines: tuple[bool, bool],
    vector_weight: float,
) -> tuple[float, float]:
    """How well a statement fits a claim: the mean of its similarity to each of the claim's
    mentions, with the kind and red-line evidence; and its best content cosine to one of them.

    The mean, not the best mention, decides: a claim that has drifted over loosely related
    mentions does not pull in every statement that resembles one of them. Of three mentions or
    more the least similar one is left out: one stray mention (an earlier statement attached by
    mistake, a fragment that lost its context) does not veto a statement that the rest of the
    claim says again.
    """
    if not members:
        return 0.0, 0.0
    scores = sorted((said_similarity(statement, m, vector_weight) for m in members), reverse=True)
    if len(scores) >= TRIM_FROM:
        scores = scores[:-1]
    score = sum(scores) / len(scores)
    score += SAME_KIND_BONUS * same_kind
    if all(red_lines):
        score += RED_LINE_BOTH_BONUS
    elif any(red_lines):
        score -= RED_LINE_ONE_PENALTY
    best_cosine = max(float(statement.content_vector @ m.content_vector) for m in members)
    return round(score, 4), best_cosine
