"""Contradiction ranking and the rules it relies on: closeness orders pairs of one rule, blame
traded between two sides, negated framings, replies naming a speaker's role."""

from __future__ import annotations

from datetime import date

import numpy as np
from django.test import override_settings
from pytest import approx

from claims.services.contradiction_rules import (
    RANK_BONUS,
    Side,
    accused,
    addresses,
    concept,
    judge,
    parties,
    role_keys,
    speaker_parties,
)
from claims.services.contradictions import Dated, _closeness, _Stories, _story

ACCUSE = "The harbour board accused Dorvan tugs of ramming the ferry at the pier."
DENY = "The Dorvan shipping office denied that its tugs rammed the ferry at the pier."


def _side(text: str, speaker: int, kind: str = "assertion", article: int = 1, **more) -> Side:
    return Side(speaker, text, kind, False, frozenset({article}), text, frozenset({"said"}), **more)


def test_closeness_orders_pairs_of_one_rule_without_changing_what_passes():
    accuse, deny = _side(ACCUSE, 1, "accusation"), _side(DENY, 2, "denial", 2)
    near = judge(accuse, deny, 0.9, closeness=1.0)
    far = judge(accuse, deny, 0.9, closeness=0.1)
    assert near is not None and far is not None
    assert near.base == far.base  # thresholds see the same score
    assert near.score > far.score
    assert 0 < near.score - near.base <= RANK_BONUS
    assert "closeness 1.00" in near.evidence


def _article_vectors(*rows: list[float]) -> dict[int, np.ndarray]:
    return {i + 1: np.array(r) / np.linalg.norm(r) for i, r in enumerate(rows)}


@override_settings(REDLINE_CONTRADICTION_WINDOW_DAYS=30)
def test_closeness_is_one_story_and_near_dates():
    day, later = date(2024, 4, 7), date(2024, 6, 1)
    one = Dated(frozenset({1}), day)
    # Articles 1 and 2 tell one story (close leads); article 3 another.
    articles = _article_vectors([1.0, 0.1, 0.0], [0.95, 0.2, 0.0], [0.0, 0.2, 1.0])
    story = _closeness(one, Dated(frozenset({2}), day), articles)
    other_story = _closeness(one, Dated(frozenset({3}), day), articles)
    assert story > 0.9
    assert other_story < 0.3
    assert _closeness(one, Dated(frozenset({2}), later), articles) < story
    assert _closeness(one, Dated(frozenset({1}), day), {}) == 1.0
    # Unknown dates count as half near.
    assert _closeness(one, Dated(frozenset({1}), None), {}) == 0.75 + 0.25 * 0.5


def test_each_side_blaming_the_other_disputes_each_other():
    moscow = _side(
        "All responsibility for the dam lies with the Kyiv regime.",
        1,
        "accusation",
        speaker_parties=speaker_parties("Maria Orlova", "Kremlin spokeswoman"),
    )
    kyiv = _side(
        "Russian troops blew up the dam from inside.",
        2,
        "accusation",
        2,
        speaker_parties=speaker_parties("Ivan Petrenko", "Ukrainian Interior Minister"),
    )
    verdict = judge(moscow, kyiv, 0.4)
    assert verdict is not None and verdict.rule == "blame"
    assert "each blames the other's side" in verdict.evidence
    # Both blaming one side is agreement, whoever speaks.
    also = _side("Kyiv's forces blew up the dam.", 3, "accusation", 2, speaker_parties=frozenset())
    assert judge(moscow, also, 0.4) is None


def test_blame_sent_back_although_both_name_both_sides():
    beijing = _side(
        "Tarnish troops illegally crossed the border near Chinese posts.",
        1,
        "accusation",
        speaker_parties=speaker_parties("China"),
    )
    tarn = _side(
        "Chinese soldiers tried to cross into Tarnish territory and were pushed back.",
        2,
        speaker_parties=speaker_parties("Ola Berg", "Defence Minister"),
    )
    verdict = judge(beijing, tarn, 0.7)
    assert verdict is not None and verdict.rule == "blame"


def test_capitals_stand_for_their_countries_and_the_first_named_is_accused():
    assert parties("Officials in Moscow and the Kremlin denied it, and Beijing agreed.") == {
        "russ",
        "chin",
    }
    side = _side("on Friday it fired on Filipino boats, accusing Manila of intrusion", 1)
    assert accused(side) == "phil"
    assert accused(_side("the storm did it", 1)) == ""
    assert speaker_parties("Anna Lind", "Defence Minister") == {"anna", "lind"}


def test_a_negated_framing_word_does_not_frame():
    natural = _side("The maker said its water is natural; it has no artificial flavours.", 1)
    synthetic = _side("The suit says the water contains synthetic compounds.", 2, "accusation")
    verdict = judge(natural, synthetic, 0.8)
    assert verdict is not None and "framing" in verdict.evidence
    calm = _side("The ministry said the patrol was not provocative and was routine.", 1)
    routine = _side("The navy called the patrol near the reef routine.", 2)
    assert judge(calm, routine, 0.8) is None


def test_a_reply_naming_the_speaker_by_role():
    role = role_keys("Azerbaijani President")
    reply = "the president of Azerbaijan used the word as a cover for claims on our land"
    assert addresses(_side(reply, 1), _side("We claim no land.", 2, speaker_role=role))
    other = "the president of Armenia spoke of the corridor"
    assert not addresses(_side(other, 1), _side("We claim no land.", 2, speaker_role=role))
    # A role of one word ("Spokesman") is too common to name anyone.
    single = role_keys("Spokesman")
    assert not addresses(_side("the spokesman lied", 1), _side("x", 2, speaker_role=single))


def test_a_plural_meets_its_singular():
    assert concept("claims") == concept("claim")
    assert concept("press") == "press"


def test_the_story_matrix_gives_what_the_pairwise_story_gives():
    rng = np.random.default_rng(7)
    vectors = {
        pk: v / np.linalg.norm(v)
        for pk, v in zip(range(1, 9), rng.normal(size=(8, 16)), strict=True)
    }
    stories = _Stories(vectors)
    sets = [frozenset(), frozenset({1}), frozenset({1, 2}), frozenset({2, 5, 8}), frozenset({99})]
    for own in sets:
        nearest = stories.nearest(own)
        for other in sets:
            expected = _story(own, other, vectors)
            assert stories.story(nearest, other) == approx(expected, abs=1e-6)
