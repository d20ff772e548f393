"""A claim's least similar mention is left out of its match score from three mentions on."""

from __future__ import annotations

from claims.services.embeddings import embed
from claims.services.similarity import Said, claim_match_score, said_similarity


def _said(content: str) -> Said:
    content_vector, sentence_vector = embed([content, content])
    return Said(content, content, content_vector, sentence_vector)


def _score(statement: Said, members: list[Said]) -> float:
    score, _ = claim_match_score(
        statement, members, same_kind=False, red_lines=(False, False), vector_weight=0.5
    )
    return score


STATEMENT = _said("the ferry to Kell island will stop running in November")
CLOSE = [
    _said("the Kell island ferry will stop running from November"),
    _said("ferries to Kell island are to stop in November"),
]
STRAY = _said("fuel prices at the harbour rose by a tenth")


def test_one_stray_mention_of_three_does_not_count():
    with_stray = _score(STATEMENT, [*CLOSE, STRAY])
    assert with_stray == _score(STATEMENT, CLOSE)
    assert with_stray > _score(STATEMENT, [CLOSE[0], STRAY])


def test_two_mentions_are_both_counted():
    pair = [CLOSE[0], STRAY]
    expected = sum(said_similarity(STATEMENT, m, 0.5) for m in pair) / 2
    assert abs(_score(STATEMENT, pair) - expected) < 1e-3


def test_a_statement_like_one_mention_of_three_is_still_far():
    others = [STRAY, _said("the harbour master resigned after the audit")]
    assert _score(STATEMENT, [CLOSE[0], *others]) < _score(STATEMENT, CLOSE) - 0.2
