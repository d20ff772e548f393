"""HTML pages: main text with trafilatura, date with htmldate, title/author/site from metadata."""

from __future__ import annotations

import logging
import re
from datetime import date

import htmldate
import lxml.html
import trafilatura
from lxml.etree import ParserError

from sources.errors import IngestError
from sources.parsed import ParsedArticle
from sources.readers import metadata
from sources.readers.dates import parse_date
from sources.readers.text import clean_lines

# htmldate and trafilatura log every page they find nothing in.
for _name in ("htmldate", "trafilatura"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def parse_html_page(
    raw: str, *, url: str | None = None, source_file: str | None = None
) -> ParsedArticle:
    """Read one HTML page; refuse one with no article text in it."""
    try:
        document = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, ParserError) as exc:
        raise IngestError(f"unreadable HTML: {exc}") from exc
    text = (getattr(document, "text", None) or "") if document is not None else ""
    if not text.strip():
        text = html_to_text(raw)
    title = (getattr(document, "title", None) or "").strip()
    lines = [line for line in text.split("\n") if line.strip() != title]
    cleaned = clean_lines(lines, find_title=False)
    if not cleaned.text.strip():
        raise IngestError("no article text found in the HTML")
    page_url = url or (getattr(document, "url", None) or None)
    return ParsedArticle(
        text=cleaned.text,
        raw=raw,
        raw_format="html",
        title=title,
        url=page_url,
        outlet=(getattr(document, "sitename", None) or "").strip() or metadata.domain_of(page_url),
        author=(getattr(document, "author", None) or "").strip() or cleaned.author,
        published=_page_date(raw, page_url, getattr(document, "date", None)),
        language=(getattr(document, "language", None) or ""),
        source_file=source_file,
        boilerplate=cleaned.removed,
    )


# Characters XML cannot hold; lxml refuses to set them as text ("All strings must be XML
# compatible").
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one block element a line."""
    fragment = _XML_INCOMPATIBLE.sub("", fragment)
    try:
        root = lxml.html.fromstring(fragment)
    except (ParserError, ValueError):
        return ""
    for element in root.iter("script", "style", "noscript"):
        element.drop_tree()
    for element in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _page_date(raw: str, url: str | None, found: object) -> date | None:
    published = parse_date(found)
    if published:
        return published
    try:
        value = htmldate.find_date(raw, url=url, original_date=True)
    except (ValueError, TypeError):
        value = None
    return parse_date(value) or metadata.date_from_url(url)
