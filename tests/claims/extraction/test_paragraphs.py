"""Paragraph spans: lines joined only where a sentence was wrapped across them."""

from __future__ import annotations

from claims.extraction.quotes import paragraph_spans


def paragraphs(text: str) -> list[str]:
    return [text[start:end] for start, end in paragraph_spans(text)]


LONG = "The council met for six hours on Friday to hear the harbour master and the pilots about the"


def test_a_long_line_without_a_stop_before_a_new_sentence_stays_a_paragraph():
    first = (
        "Brennan's words at the harbour on Friday prompted a reply from the port council, which "
        "confirmed that the channel would be closed to all ships over the summer"
    )
    second = "The council said on Monday that the quay would reopen in May."
    assert paragraphs(f"{first}\n{second}") == [first, second]


def test_a_long_line_wrapped_inside_a_sentence_is_joined():
    text = f"{LONG} dredging works, and the transport minister\nIlse Marquardt told them to wait."
    assert len(paragraphs(text)) == 1


def test_a_line_ending_on_a_function_word_is_joined_even_before_the():
    text = f"{LONG}\nthe state of the channel."
    assert paragraphs(text) == [text]
