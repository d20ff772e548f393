"""Publication date, author and outlet found in page text or a URL (no header block)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month_name>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)?\d\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)-(?P<month>[01]?\d)-(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"(?i)\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"),
    re.compile(r"(?i)\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b"),
]
_URL_DATE_PATTERNS = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$)"),
    re.compile(r"(?:^|[/_-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[/_-]|$)"),
    re.compile(r"(?i)/(?P<day>[0-3]?\d)-" + _MONTH + r"-(?P<year>(?:19|20)\d\d)(?:/|$)"),
]
# The scraper that saved some pages put "date YYYY-MM-DD" in front of the first text line.
DATE_PREFIX = re.compile(r"^\s*date\s+(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\s+")

_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:de|van|von|der|al|bin|da)?\s*[A-Z][\w'’.-]+){0,3}"
_NAMES = _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*"
_AUTHOR_LINE = [
    re.compile(r"^(?:by|written by|author:?)\s+(?P<author>" + _NAMES + r")\s*(?:\||$|,)", re.I),
    re.compile(r"^(?P<author>" + _NAMES + r")\s*\((?P<outlet>[^()]{2,40})\)$"),
    re.compile(r"^(?P<author>" + _NAMES + r")\s*\|\s*(?:updated|published|created|posted)\b", re.I),
]
_BARE_NAME = re.compile(r"^" + _NAME + r"$")
_SOURCE_LINE = re.compile(r"(?i)^source\s*(?:from)?\s*:\s*(?P<outlet>[^|]{2,60})$")
_GENERIC_SECTIONS = {
    "news", "world", "home", "politics", "business", "sport", "sports", "opinion", "latest",
    "video", "live", "europe", "asia", "us", "uk", "local", "national", "international",
}  # fmt: skip


def find_date(text: str) -> date | None:
    """The first well-formed date in ``text`` (numeric forms read month/day when ambiguous)."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            found = _to_date(match.groupdict())
            if found:
                return found
    return None


def date_from_url(url: str | None) -> date | None:
    """A publication date written in a URL path (/2021/09/28/, 2020-10-27-, /20-Aug-2024/)."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATE_PATTERNS:
        match = pattern.search(path)
        if match:
            found = _to_date(match.groupdict())
            if found:
                return found
    return None


def is_date_line(line: str) -> bool:
    """A short line that is mostly a date ("Tue, 09/28/2021 – 05:45", "June 17, 2011 8:54 AM")."""
    text = line.strip()
    if len(text) > 90 or len(text.split()) > 14 or find_date(text) is None:
        return False
    return not re.search(r"[a-z]\.$", text)


def find_author(line: str) -> tuple[str, str] | None:
    """(author, outlet or "") when a line is a byline; None otherwise."""
    text = line.strip()
    if len(text) > 120:
        return None
    for pattern in _AUTHOR_LINE:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            return groups["author"].strip(), (groups.get("outlet") or "").strip()
    return None


def is_bare_name(line: str) -> bool:
    """A line that is only a person's name ("Tyler Durden"): two to four capitalised words."""
    text = line.strip()
    return bool(_BARE_NAME.match(text)) and 2 <= len(text.split()) <= 4


def outlet_from_source_line(line: str) -> str:
    """The outlet named by a "Source: X" line, or ""."""
    match = _SOURCE_LINE.match(line.strip())
    if not match:
        return ""
    outlet = match["outlet"].strip()
    return "" if re.search(r"(?i)read|full|article|link", outlet) else outlet


def split_title_suffix(title: str) -> tuple[str, str]:
    """("Headline", "Site") from "Headline | Site - Tagline"; generic section names are dropped."""
    parts = [part.strip() for part in title.split(" | ")]
    if len(parts) == 1:
        return title.strip(), ""
    head, rest = parts[0], parts[1:]
    site = ""
    for part in rest:
        name = part.split(" - ")[0].strip()
        if name.casefold() not in _GENERIC_SECTIONS and len(name) <= 60:
            site = name
            break
    return head, site


def domain_of(url: str | None) -> str:
    """The host of a URL without "www." and port, lower-cased; "" without one."""
    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _to_date(groups: dict[str, str | None]) -> date | None:
    try:
        year = int(groups["year"] or 0)
        if year < 100:
            year += 2000
        if groups.get("month_name"):
            month = _MONTHS[(groups["month_name"] or "").lower().rstrip(".")]
            day = int(groups["day"] or 0)
        elif groups.get("a"):
            first, second = int(groups["a"] or 0), int(groups["b"] or 0)
            month, day = (first, second) if first <= 12 else (second, first)
        else:
            month, day = int(groups["month"] or 0), int(groups["day"] or 0)
        return date(year, month, day)
    except (KeyError, ValueError):
        return None
