"""RSS/Atom feeds (feedparser): entries with content become articles, others give links."""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser

from sources.errors import IngestError
from sources.parsed import ParsedArticle
from sources.readers import metadata
from sources.readers.dates import parse_date
from sources.readers.html import html_to_text
from sources.readers.result import ReadResult
from sources.readers.text import clean_lines

_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)


def looks_like_feed(text: str) -> bool:
    """True when a document opens like an RSS, Atom or RDF feed."""
    return bool(_FEED_START.match(text[:2000]))


def parse_feed(raw: str, *, source_file: str | None = None) -> ReadResult:
    """Read a feed; entries without content but with a link are returned in ``links``."""
    # Always a stream: given a str or bytes, feedparser fetches anything that looks like a URL
    # and opens anything that names a file. The text is already decoded, hence the charset.
    try:
        parsed: Any = feedparser.parse(
            io.BytesIO(raw.encode("utf-8")),
            response_headers={"content-type": "application/xml; charset=utf-8"},
        )
    except Exception as exc:
        # feedparser's own code fails on some malformed feeds (a KeyError deep in its mixin).
        raise IngestError(f"not an RSS/Atom feed: {type(exc).__name__}: {exc}") from exc
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise IngestError(f"not an RSS/Atom feed{f': {problem}' if problem else ''}")
    result = ReadResult(feed_title=str(parsed.feed.get("title", "")).strip())
    feed_site = result.feed_title or ""
    for number, entry in enumerate(parsed.entries, start=1):
        body = _entry_body(entry)
        link = str(entry.get("link", "") or "").strip() or None
        if not body:
            if link:
                result.links.append(link)
            else:
                result.errors.append(
                    IngestError("entry has no content and no link", where=f"entry {number}")
                )
            continue
        cleaned = clean_lines(html_to_text(body).split("\n"), find_title=False)
        if not cleaned.text.strip():
            result.errors.append(IngestError("entry has no text", where=f"entry {number}"))
            continue
        result.articles.append(
            ParsedArticle(
                text=cleaned.text,
                raw=body,
                raw_format="feed",
                title=str(entry.get("title", "")).strip(),
                url=link,
                outlet=feed_site or metadata.domain_of(link),
                author=str(entry.get("author", "") or "").strip(),
                published=_entry_date(entry),
                source_file=source_file,
                boilerplate=cleaned.removed,
            )
        )
    return result


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        value = str(content.get("value", "") or "")
        if value.strip():
            return value
    return ""


def _entry_date(entry: Any) -> Any:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return parse_date(f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}")
    return parse_date(entry.get("published") or entry.get("updated"))
