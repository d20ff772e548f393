"""A few quoted words before a cue with a reported clause of its own are the topic, not what
was said: "objected to the term “X,” saying …"."""

from __future__ import annotations

from spacy.language import Language

from tests.claims.extraction.support import only, run


def test_the_reported_clause_after_a_quoted_term_is_the_content(nlp: Language):
    text = (
        "Minister Ana Ruiz objected to the term “Zangezur corridor,” saying it runs counter to "
        "the ceasefire and amounts to territorial claims."
    )
    statement = only(run(text, nlp))
    assert statement.content.startswith("it runs counter to the ceasefire")


def test_a_short_quotation_before_its_cue_stays_the_content(nlp: Language):
    statement = only(run("“This cannot happen,” Minister Ana Ruiz said.", nlp))
    assert statement.content.startswith("This cannot happen")
