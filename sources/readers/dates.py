"""Dates given as strings by headers, JSON payloads and feeds."""

from __future__ import annotations

from datetime import date, datetime

import dateparser

from sources.readers.metadata import find_date

_MAX_WRITTEN_DATE = 80


def parse_date(value: object) -> date | None:
    """A date from an ISO string, a datetime, or a written date; None when there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    found = find_date(text)
    if found:
        return found
    if len(text) > _MAX_WRITTEN_DATE:
        # dateparser takes seconds on long junk strings; no written date is this long.
        return None
    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None
