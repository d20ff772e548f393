"""Readers on small texts written for these tests: no database, no network."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import pytest

from sources.errors import IngestError
from sources.readers import read_input
from sources.readers.decoding import decode_bytes
from sources.readers.feeds import parse_feed
from sources.readers.furniture import is_furniture
from sources.readers.html import parse_html_page
from sources.readers.jsonl import parse_json_lines
from sources.readers.metadata import date_from_url, find_date
from sources.readers.text import parse_text_page

PAGE_WITH_HEADER = """URL: https://www.harbour-times.example/politics/2023/04/02/ferry-deal
Published: 2023-04-03
Outlet: Harbour Times
Author: Mara Quill

Ferry deal collapses after night of talks

Share this article
- Advertisement -
The port authority said on Sunday that the ferry agreement was "no longer on the table".
Photo: Harbour Times archive
Union leaders warned that a strike would follow within a week.
Follow us on social media
"""

PAGE_WITHOUT_HEADER = """Lagoon council rejects the bridge plan

14.2 C
Rivertown
Ben Ostrander
Thu, 03/09/2023 – 11:20
The council voted against the bridge on Wednesday, its chair said.
"We will not build over the lagoon," she told reporters.
Leave a Comment
"""


def test_header_block_gives_metadata_and_is_not_text() -> None:
    page = parse_text_page(PAGE_WITH_HEADER, source_file="ferry.txt")
    assert page.url == "https://www.harbour-times.example/politics/2023/04/02/ferry-deal"
    assert page.published == date(2023, 4, 3)
    assert (page.outlet, page.author) == ("Harbour Times", "Mara Quill")
    assert page.title == "Ferry deal collapses after night of talks"
    assert page.text.split("\n") == [
        'The port authority said on Sunday that the ferry agreement was "no longer on the table".',
        "Union leaders warned that a strike would follow within a week.",
    ]
    assert "Share this article" in page.boilerplate
    assert page.raw == PAGE_WITH_HEADER


def test_page_without_header_takes_date_and_author_from_the_text() -> None:
    page = parse_text_page(PAGE_WITHOUT_HEADER)
    assert page.title == "Lagoon council rejects the bridge plan"
    assert page.published == date(2023, 3, 9)
    assert page.author == "Ben Ostrander"
    assert page.text.split("\n") == [
        "The council voted against the bridge on Wednesday, its chair said.",
        '"We will not build over the lagoon," she told reporters.',
    ]


def test_date_above_the_title_is_a_widget_not_the_publication_date() -> None:
    page = parse_text_page("Monday, May 1, 2023\nTitle of the story here\nBody text says more.\n")
    assert page.published is None
    assert page.title == "Title of the story here"


def test_a_first_line_that_is_prose_is_not_taken_as_title() -> None:
    body = "The mayor said on Friday that the canal would reopen in spring, after repairs.\n"
    page = parse_text_page(body)
    assert page.title == ""
    assert page.text == body.strip()


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("- Advertisement -", True),
        ("Share This Post!", True),
        ("Follow us on Google News", True),
        ("We use cookies to improve your experience. Accept cookies", True),
        ("Image via the town hall", True),
        ("21.5 C", True),
        ("Sports", True),
        ("Filed Under:", True),
        ("The minister said the talks would resume on Monday.", False),
        ('"No," he said.', False),
    ],
)
def test_furniture_rules(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 09/28/2021 – 05:45", date(2021, 9, 28)),
        ("01/17/2022, 4:35 p.m", date(2022, 1, 17)),
        ("June 17, 2011 8:54 AM", date(2011, 6, 17)),
        ("13 Mar, 2024 14:57", date(2024, 3, 13)),
        ("Published 14.12.22, 03:51 AM", date(2022, 12, 14)),
    ],
)
def test_date_forms(text: str, expected: date) -> None:
    assert find_date(text) == expected


def test_date_in_url() -> None:
    assert date_from_url("https://a.example/news/2020/10/27/story") == date(2020, 10, 27)
    assert date_from_url("https://a.example/biz/2020-10-27-lvmh-deal/") == date(2020, 10, 27)
    assert date_from_url("https://a.example/20-Aug-2024/no-lines") == date(2024, 8, 20)
    assert date_from_url("https://a.example/story-1712533220.html") is None


def test_decoding_utf8_bom_utf16_and_latin1() -> None:
    text = "Café owners said “no”.\n"
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == text
    assert decode_bytes(text.encode("utf-16")) == text  # BOM written by the codec
    latin = "Le café de la gare a fermé, a déclaré le maire à la presse locale.\n"
    assert decode_bytes(latin.encode("latin-1")) == latin


def test_invalid_utf8_falls_back_without_crashing() -> None:
    data = "Statement by the élu ".encode() + b"\xff\xfe\xfa broken bytes in the middle.\n"
    text = decode_bytes(data)
    assert text.startswith("Statement by the")
    assert "broken bytes in the middle." in text


def test_nul_characters_are_stripped() -> None:
    assert decode_bytes("a\x00b".encode("utf-16")) == "ab"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"text\x00with\x00nul bytes\x00", "NUL"),
    ],
)
def test_refused_inputs(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        read_input(data, name="renamed.txt")


def test_size_limit_is_checked_before_parsing(settings: object) -> None:
    settings.REDLINE_MAX_INPUT_BYTES = 100  # type: ignore[attr-defined]
    with pytest.raises(IngestError, match="too large"):
        read_input(b"x" * 101, name="big.txt")


def test_html_page_metadata_and_main_text() -> None:
    html = """<html><head><title>Dockers strike | Port Gazette</title>
    <meta property="og:title" content="Dockers strike">
    <meta property="og:site_name" content="Port Gazette">
    <meta name="author" content="Ilse Varga">
    <meta property="article:published_time" content="2022-05-06T10:00:00Z"></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Dockers strike</h1>
    <p>The dockers' union said on Thursday that the strike would last two days at least.</p>
    <p>"We have waited long enough for an offer," the union's secretary told the crowd.</p>
    </article><footer>Share this post</footer></body></html>"""
    page = parse_html_page(html, url="https://port.example/a/1", source_file="strike.html")
    assert page.title == "Dockers strike"
    assert (page.outlet, page.author) == ("Port Gazette", "Ilse Varga")
    assert page.published == date(2022, 5, 6)
    assert "the strike would last two days at least." in page.text
    assert "Home" not in page.text.split("\n")


def test_broken_html_is_read_as_far_as_it_goes() -> None:
    html = (
        "<html><body><div><p>The harbour master said the quay was closed for repairs "
        "until further notice, and that ships would be sent to the northern pier.<p>Unclosed "
        "<b>bold and <i>italic</div></span></table>"
    )
    page = parse_html_page(html)
    assert "the quay was closed for repairs" in page.text


def test_html_without_text_is_refused() -> None:
    with pytest.raises(IngestError, match="no article text"):
        parse_html_page("<html><head><title>x</title></head><body><script>1</script></body>")


def test_jsonl_bad_line_is_reported_with_its_number() -> None:
    good = {"url": "https://a.example/1", "title": "One", "text": "The envoy said yes today."}
    other = {"title": "Two", "html": "<p>The envoy said no to the offer on Monday.</p>"}
    raw = "\n".join([json.dumps(good), "{not json", "", json.dumps(other)])
    result = parse_json_lines(raw, source_file="batch.jsonl")
    assert [a.title for a in result.articles] == ["One", "Two"]
    assert [(e.where, "invalid JSON" in e.reason) for e in result.errors] == [("line 2", True)]


def test_feed_entries_with_content_and_link_only() -> None:
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Wire</title>
    <item><title>Full</title><link>https://q.example/full</link>
    <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[
    <p>The ferry operator said on Tuesday that crossings would resume next week.</p>]]>
    </content:encoded><pubDate>Tue, 02 May 2023 08:00:00 GMT</pubDate></item>
    <item><title>Link only</title><link>https://q.example/link-only</link></item>
    </channel></rss>"""
    result = parse_feed(feed)
    assert result.feed_title == "Quay Wire"
    assert [(a.title, a.published) for a in result.articles] == [("Full", date(2023, 5, 2))]
    assert result.links == ["https://q.example/link-only"]


def test_feed_with_no_items() -> None:
    result = parse_feed('<rss version="2.0"><channel><title>Empty</title></channel></rss>')
    assert (result.feed_title, result.articles, result.links) == ("Empty", [], [])


def test_feed_content_with_control_characters_is_read_without_them() -> None:
    from sources.readers.html import html_to_text

    # lxml refuses such characters as element text; a feed body carrying them was a crash.
    text = html_to_text("<div><p>The port auth\x01ority said</p>it\x0b reopened.</div>")
    assert text == "The port authority said\nit reopened."


def test_long_junk_date_is_no_date() -> None:
    from sources.readers.dates import parse_date

    assert parse_date("Tue, 05 May 2" + "$" * 140 + "026 10:15:00 +0000") is None
    assert parse_date("Tue, 05 May 2026 10:15:00 +0000") == date(2026, 5, 5)


def test_feed_reader_never_fetches_or_opens_what_the_input_names(tmp_path, monkeypatch) -> None:
    import urllib.request

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the feed reader went to the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    secret = tmp_path / "secret.xml"
    secret.write_text("<rss version='2.0'><channel><title>Secret</title></channel></rss>")
    for raw in ("https://example.org/feed.xml", str(secret)):
        with pytest.raises(IngestError):
            parse_feed(raw)


def test_feed_that_breaks_feedparser_itself_is_an_ingest_error() -> None:
    # A fuzz input (mangled from a sample feed) that raised KeyError inside feedparser.
    data = (Path(__file__).parent.parent / "data" / "fuzz" / "feed-mixin-keyerror.rss").read_bytes()
    with pytest.raises(IngestError):
        read_input(data, name="feed.rss")
