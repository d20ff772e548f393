"""Claim matching: paraphrases by one speaker join, other propositions and speakers stay apart."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from django.test import override_settings

from claims.extraction.types import ActorRef, ArticleExtraction, SaidOn
from claims.models import Actor, Claim
from claims.services.actors import resolve_actor
from claims.services.embeddings import embed, embed_cached
from claims.services.similarity import Said, claim_match_score, content_similarity, said_similarity
from claims.services.storing import store_extraction
from tests.claims.conftest import statement_in

pytestmark = pytest.mark.django_db

# A paraphrase that shares few words with the original: only the vectors see it is the same.
ORIGINAL = "Ida Brand said the coastal ferry service would be suspended for the whole winter."
ORIGINAL_CONTENT = "the coastal ferry service would be suspended for the whole winter"
PARAPHRASE = "Ferries along the coast will not run until the winter is over, Ida Brand said."
PARAPHRASE_CONTENT = "Ferries along the coast will not run until the winter is over"
OTHER = "Ida Brand said the new hospital wing would open in March with two hundred beds."
OTHER_CONTENT = "the new hospital wing would open in March with two hundred beds"
QUOTE = '"There will be no ferry on the coast this winter," Ida Brand told reporters.'
CONTENTS = {
    ORIGINAL: ORIGINAL_CONTENT,
    PARAPHRASE: PARAPHRASE_CONTENT,
    OTHER: OTHER_CONTENT,
    QUOTE: "There will be no ferry on the coast this winter",
}
TEXT_ONE = f"Storms hit the coast. {ORIGINAL} Fishermen were worried."
TEXT_TWO = f"Island residents met on Friday. {PARAPHRASE} {OTHER}"


def _store(make_article, text: str, sentences: list[tuple[str, str]], published: date) -> None:
    article = make_article(text, published=published)
    said_on = SaidOn(published, "day")
    statements = [
        statement_in(text, s, speaker, said_on=said_on, content=CONTENTS.get(s, s))
        for s, speaker in sentences
    ]
    store_extraction(article, ArticleExtraction(statements))


def _claims_of(name: str) -> list[Claim]:
    return list(Claim.objects.filter(speaker__name=name).order_by("id"))


def test_paraphrase_precondition_is_lexically_far():
    # Guards the next test: lexical similarity alone would not join these two.
    assert content_similarity(ORIGINAL_CONTENT, PARAPHRASE_CONTENT) < 0.45


def test_paraphrase_by_same_speaker_in_two_articles_is_one_claim(make_article):
    _store(make_article, TEXT_ONE, [(ORIGINAL, "Ida Brand")], date(2024, 11, 4))
    _store(make_article, TEXT_TWO, [(PARAPHRASE, "Ida Brand")], date(2024, 11, 5))
    claims = _claims_of("Ida Brand")
    assert len(claims) == 1
    assert claims[0].mentions.count() == 2


@override_settings(REDLINE_CLAIM_VECTOR_WEIGHT=0.0, REDLINE_CLAIM_VECTOR_THRESHOLD=2.0)
def test_without_vectors_the_paraphrase_stays_apart(make_article):
    _store(make_article, TEXT_ONE, [(ORIGINAL, "Ida Brand")], date(2024, 11, 4))
    _store(make_article, TEXT_TWO, [(PARAPHRASE, "Ida Brand")], date(2024, 11, 5))
    assert len(_claims_of("Ida Brand")) == 2


def test_different_propositions_by_same_speaker_same_day_are_two_claims(make_article):
    _store(
        make_article, TEXT_TWO, [(PARAPHRASE, "Ida Brand"), (OTHER, "Ida Brand")], date(2024, 11, 5)
    )
    claims = _claims_of("Ida Brand")
    assert len(claims) == 2
    assert {c.mentions.count() for c in claims} == {1}


def test_same_words_by_different_speakers_are_two_claims(make_article):
    text = f"{ORIGINAL} Later Omar Quist said the coastal ferry service will be suspended."
    _store(
        make_article,
        text,
        [
            (ORIGINAL, "Ida Brand"),
            ("Later Omar Quist said the coastal ferry service will be suspended.", "Omar Quist"),
        ],
        date(2024, 11, 4),
    )
    assert len(_claims_of("Ida Brand")) == 1
    assert len(_claims_of("Omar Quist")) == 1


def test_quote_and_its_paraphrase_in_one_article_are_one_claim(make_article):
    text = f"{QUOTE} {ORIGINAL}"
    _store(make_article, text, [(QUOTE, "Ida Brand"), (ORIGINAL, "Ida Brand")], date(2024, 11, 4))
    claims = _claims_of("Ida Brand")
    assert len(claims) == 1
    assert claims[0].mentions.count() == 2


def test_claim_keeps_a_unit_vector_of_its_mentions(make_article):
    _store(make_article, TEXT_ONE, [(ORIGINAL, "Ida Brand")], date(2024, 11, 4))
    first = np.asarray(_claims_of("Ida Brand")[0].embedding)
    _store(make_article, TEXT_TWO, [(PARAPHRASE, "Ida Brand")], date(2024, 11, 5))
    moved = np.asarray(_claims_of("Ida Brand")[0].embedding)
    assert first.shape == (384,)
    assert np.isclose(np.linalg.norm(first), 1.0, atol=1e-4)
    assert np.isclose(np.linalg.norm(moved), 1.0, atol=1e-4)
    assert not np.allclose(first, moved)


def test_outside_the_date_window_is_a_new_claim(make_article):
    _store(make_article, TEXT_ONE, [(ORIGINAL, "Ida Brand")], date(2024, 1, 4))
    _store(make_article, TEXT_TWO, [(PARAPHRASE, "Ida Brand")], date(2024, 11, 5))
    assert len(_claims_of("Ida Brand")) == 2


# Speakers: one person under the forms other articles use, so their claims can meet.


def test_title_and_surname_resolve_to_the_one_person_of_that_surname():
    lena = resolve_actor(ActorRef("Lena Varga", "person", "Finance Minister"))
    assert resolve_actor(ActorRef("Minister Varga", "person")) == lena
    assert resolve_actor(ActorRef("Finance Minister Lena Varga", "person")) == lena


def test_shared_surname_is_not_guessed():
    resolve_actor(ActorRef("Lena Varga", "person"))
    resolve_actor(ActorRef("Pal Varga", "person"))
    other = resolve_actor(ActorRef("Minister Varga", "person"))
    assert other.name == "Minister Varga"


def test_middle_name_and_company_suffix_spellings_meet():
    jon = resolve_actor(ActorRef("Jon Eric Malek", "person"))
    assert resolve_actor(ActorRef("Jon Malek", "person")) == jon
    assert resolve_actor(ActorRef("Karl Malek", "person")) != jon
    firm = resolve_actor(ActorRef("Northwind Shipping Corporation", "organization"))
    assert resolve_actor(ActorRef("Northwind Shipping Corp.", "organization")) == firm


def test_description_resolves_through_a_unique_role():
    ida = resolve_actor(ActorRef("Ida Brand", "person", "Transport Minister"))
    resolve_actor(ActorRef("Omar Quist", "person", "Health Minister"))
    # Two ministers: a bare "minister" names neither.
    bare = resolve_actor(ActorRef("minister", "person"))
    assert bare not in {ida, *Actor.objects.filter(name="Omar Quist")}
    assert resolve_actor(ActorRef("transport minister", "person")) == ida


def test_month_dated_statement_meets_a_claim_late_in_that_month(make_article):
    _store(make_article, TEXT_ONE, [(ORIGINAL, "Ida Brand")], date(2024, 7, 28))
    article = make_article(TEXT_TWO, published=date(2024, 9, 2))
    in_july = SaidOn(date(2024, 7, 1), "month")
    statement = statement_in(
        TEXT_TWO, PARAPHRASE, "Ida Brand", said_on=in_july, content=PARAPHRASE_CONTENT
    )
    store_extraction(article, ArticleExtraction([statement]))
    assert len(_claims_of("Ida Brand")) == 1


# Scoring a statement against every mention of a claim.


def _said(content: str, sentence: str | None = None) -> Said:
    sentence = sentence or content
    content_vector, sentence_vector = embed([content, sentence])
    return Said(content, sentence, content_vector, sentence_vector)


def test_a_statement_is_fully_similar_to_itself():
    one = _said("the dam will hold until May", "The agency said the dam will hold until May.")
    assert said_similarity(one, one, 0.5) == pytest.approx(1.0, abs=1e-3)


def test_the_mean_over_mentions_decides_not_the_closest_one():
    statement = _said("the bridge will reopen on Monday")
    close = _said("the bridge is to reopen on Monday")
    unrelated = _said("grain prices rose sharply in the spring")
    alone, _ = claim_match_score(
        statement, [close], same_kind=True, red_lines=(False, False), vector_weight=0.5
    )
    drifted, best_cosine = claim_match_score(
        statement, [close, unrelated], same_kind=True, red_lines=(False, False), vector_weight=0.5
    )
    assert drifted < alone
    assert best_cosine > 0.8


def test_red_lines_on_both_sides_count_for_and_on_one_side_against():
    a, b = _said("the strait is a red line"), _said("nobody may close the strait")
    score = {
        flags: claim_match_score(a, [b], same_kind=False, red_lines=flags, vector_weight=0.5)[0]
        for flags in [(True, True), (False, False), (True, False)]
    }
    assert score[(True, True)] > score[(False, False)] > score[(True, False)]


def test_embed_cached_gives_the_model_vectors():
    texts = ["the port is closed", "the port is open", "the port is closed"]
    assert np.allclose(embed_cached(texts), embed(texts), atol=1e-5)
    assert np.allclose(embed_cached(texts[:1]), embed(texts[:1]), atol=1e-5)


def test_a_short_content_meets_its_claim_through_the_sentence(make_article):
    first = "The ferry to Kell island will stop running for the winter, Ida Brand said."
    second = "Ida Brand said the Kell island ferry would be “suspended” for the winter."
    _store(make_article, f"Ferry news. {first}", [(first, "Ida Brand")], date(2024, 11, 4))
    article = make_article(f"Island news. {second}", published=date(2024, 11, 5))
    # The extraction kept only the quoted word: the sentence still says what it is about.
    statement = statement_in(
        f"Island news. {second}",
        second,
        "Ida Brand",
        said_on=SaidOn(date(2024, 11, 5), "day"),
        content="suspended",
    )
    store_extraction(article, ArticleExtraction([statement]))
    assert len(_claims_of("Ida Brand")) == 1


def test_a_day_in_the_claims_month_makes_its_date_precise(make_article):
    in_july = SaidOn(date(2024, 7, 1), "month")
    article = make_article(TEXT_ONE, published=date(2024, 7, 28))
    statement = statement_in(
        TEXT_ONE, ORIGINAL, "Ida Brand", said_on=in_july, content=ORIGINAL_CONTENT
    )
    store_extraction(article, ArticleExtraction([statement]))
    _store(make_article, TEXT_TWO, [(PARAPHRASE, "Ida Brand")], date(2024, 7, 29))
    (claim,) = _claims_of("Ida Brand")
    assert (claim.said_on, claim.said_on_precision) == (date(2024, 7, 29), "day")
