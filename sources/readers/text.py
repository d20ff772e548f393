"""Saved pages as text: optional ``Key: value`` header block, title line, page text with furniture.

Kept lines are stripped of surrounding whitespace but otherwise character-exact, one paragraph a
line, so sentences of the file stay substrings of the cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sources.parsed import ParsedArticle
from sources.readers import metadata
from sources.readers.dates import parse_date
from sources.readers.furniture import is_furniture

HEADER_KEYS = ("url", "published", "outlet", "author", "title")
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*)$")
_MAX_TITLE_CHARS = 200


@dataclass(slots=True)
class CleanedText:
    """What cleaning made of page lines: kept text, removed lines and metadata seen on the way."""

    text: str
    title: str = ""
    removed: list[str] = field(default_factory=list)
    published: date | None = None
    author: str = ""
    outlet: str = ""


def parse_text_page(raw: str, *, source_file: str | None = None) -> ParsedArticle:
    """Read one saved page (header block optional); pure function, no database."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header, body = split_header(lines)
    url = header.get("url") or None
    cleaned = clean_lines(body, find_title=not header.get("title"))
    published = parse_date(header.get("published", "")) or cleaned.published
    return ParsedArticle(
        text=cleaned.text,
        raw=raw,
        raw_format="txt",
        title=header.get("title") or cleaned.title,
        url=url,
        outlet=header.get("outlet") or cleaned.outlet or metadata.domain_of(url),
        author=header.get("author") or cleaned.author,
        published=published or metadata.date_from_url(url),
        source_file=source_file,
        boilerplate=cleaned.removed,
    )


def split_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """({key: value}, body lines) when the file opens with a header block ended by a blank line."""
    header: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            return (header, lines[index + 1 :]) if header else ({}, lines)
        match = _HEADER_LINE.match(line.strip())
        if not match or match["key"].lower() not in HEADER_KEYS:
            return {}, lines
        header[match["key"].lower()] = match["value"].strip()
    return header, []


def clean_lines(lines: list[str], *, find_title: bool = True) -> CleanedText:
    """Drop furniture, the title line and its repeats, bylines and date lines; keep the rest."""
    result = CleanedText(text="")
    kept: list[str] = []
    title_seen = not find_title
    stripped = [line.strip() for line in lines]
    prefix_date: date | None = None
    repeated = _repeated_captions(stripped)
    for index, text in enumerate(stripped):
        if not text:
            continue
        prefix = metadata.DATE_PREFIX.match(text)
        if prefix:
            prefix_date = metadata.find_date(prefix.group(0))
            text = text[prefix.end() :].strip()
            if not text:
                continue
        if title_seen and _is_metadata_line(text, stripped, index, result):
            result.removed.append(text)
            continue
        if (title_seen and text in repeated) or is_furniture(text):
            result.outlet = result.outlet or metadata.outlet_from_source_line(text)
            result.removed.append(text)
            continue
        if not title_seen:
            if metadata.is_date_line(text):
                # A date above the headline is the site's "today" widget, not the article's.
                result.removed.append(text)
                continue
            title_seen = True
            if _is_title(text):
                result.title, site = metadata.split_title_suffix(text)
                result.outlet = result.outlet or site
                result.removed.append(text)
                continue
        kept.append(text)
    result.published = result.published or prefix_date
    result.text = "\n".join(kept)
    return result


def _is_title(text: str) -> bool:
    return len(text) <= _MAX_TITLE_CHARS and not re.search(r"[a-z0-9)]\.$", text)


def _is_metadata_line(text: str, lines: list[str], index: int, result: CleanedText) -> bool:
    """A title repeat, byline or date line; what it says is recorded on ``result``."""
    if result.title and text in (result.title, result.title + "."):
        return True
    byline = metadata.find_author(text)
    if byline:
        result.author = result.author or byline[0]
        result.outlet = result.outlet or byline[1]
        found = metadata.find_date(text)
        result.published = result.published or found
        return True
    if metadata.is_date_line(text):
        result.published = result.published or metadata.find_date(text)
        return True
    if metadata.is_bare_name(text) and metadata.is_date_line(_next_text(lines, index)):
        # "Tyler Durden" above "Tue, 09/28/2021 – 05:45": a byline, not a label.
        result.author = result.author or text
        return True
    return False


def _repeated_captions(lines: list[str]) -> set[str]:
    """Lines shown twice close together, or repeated with a credit appended: photo captions."""
    found: set[str] = set()
    recent: list[str] = []
    for text in lines:
        if not text:
            continue
        for earlier in recent:
            if earlier == text or (text.startswith(earlier) and len(text) - len(earlier) < 40):
                found.update({earlier, text})
        recent = [*recent[-3:], text]
    return found


def _next_text(lines: list[str], index: int) -> str:
    for line in lines[index + 1 :]:
        if line:
            return line
    return ""
