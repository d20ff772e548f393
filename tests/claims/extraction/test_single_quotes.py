"""Quotations in straight single marks ('…,' she said), as some outlets print them."""

from __future__ import annotations

from spacy.language import Language

from claims.extraction.quotes import Quote, find_quotes
from tests.claims.extraction.support import only, run


def _quotes(paragraph: str) -> list[str]:
    return [q.inner(paragraph) for q in find_quotes(paragraph, 0, len(paragraph))]


def test_a_single_marked_quotation_closes_after_its_comma():
    text = "'We will not sign this deal,' the minister said."
    assert find_quotes(text, 0, len(text)) == [Quote(0, 29, True)]


def test_apostrophes_are_not_quotation_marks():
    assert _quotes("The farmers' union said the plan was 'dead' and that it won't pass.") == []
    assert _quotes("'90s prices are gone, the farmers' union said.") == []


def test_single_marks_are_left_alone_where_the_paragraph_has_double_ones():
    assert _quotes("\"It's the 'last chance,' really,\" she said.") == [
        "It's the 'last chance,' really,"
    ]


def test_a_single_marked_quotation_is_a_direct_statement(nlp: Language):
    text = "'We will not sign this deal in its present form,' Minister Jan Novak said on Monday."
    statement = only(run(text, nlp))
    assert statement.direct
    assert statement.content.startswith("We will not sign")


def test_a_single_marked_paragraph_goes_on_with_the_quotation_before(nlp: Language):
    text = (
        "'Natural flavors are derived from essence oils,' the Acme Corporation said on Monday.\n\n"
        "'There are no sugars in them. All essences are certified to be natural,' it continued."
    )
    statements = run(text, nlp)
    assert [s.speaker.name for s in statements] == ["Acme Corporation", "Acme Corporation"]
    assert statements[1].content.startswith("There are no sugars")
