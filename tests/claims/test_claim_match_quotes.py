"""Two different quotations of one speaker in one article are two things said."""

from __future__ import annotations

from claims.services.embeddings import embed
from claims.services.similarity import Said, distinct_quotes, quoted_passages, said_similarity

FIRST = "“The ferry will stop running in November,” the mayor said."
SECOND = "“The ferry has cost the town too much for too long,” she added."
PARTIAL = "The mayor said the service would “stop running in November”."


def _said(sentence: str, article: int | None) -> Said:
    content = sentence.split("”")[0].lstrip("“")
    content_vector, sentence_vector = embed([content, sentence])
    return Said(content, sentence, content_vector, sentence_vector, article)


def test_quoted_passages_are_of_two_words_or_more():
    assert quoted_passages("He called it “hysteria” and “a plain lie”.") == ["a plain lie"]


def test_two_quotations_are_distinct_unless_one_repeats_the_others_words():
    assert distinct_quotes(FIRST, SECOND)
    assert not distinct_quotes(FIRST, PARTIAL)
    assert not distinct_quotes(FIRST, "The mayor said the ferry would stop in November.")


def test_two_different_quotations_in_one_article_score_lower_than_across_articles():
    same_article = said_similarity(_said(FIRST, 1), _said(SECOND, 1), 0.5)
    two_articles = said_similarity(_said(FIRST, 1), _said(SECOND, 2), 0.5)
    assert same_article < two_articles


def test_a_quotation_and_its_partial_repeat_in_one_article_are_not_set_apart():
    same_article = said_similarity(_said(FIRST, 1), _said(PARTIAL, 1), 0.5)
    two_articles = said_similarity(_said(FIRST, 1), _said(PARTIAL, 2), 0.5)
    assert same_article == two_articles
