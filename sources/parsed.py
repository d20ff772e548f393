"""What a reader makes of one input before it is stored: readers produce it, services store it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class ParsedArticle:
    """One article read from a file, a URL, a feed entry or an API payload.

    ``text`` is the cleaned page text (title line, header block and furniture removed); all
    character offsets stored later index into it. ``raw`` is the input as read, kept so every
    derived field can be rebuilt.
    """

    text: str
    raw: str
    raw_format: str
    title: str = ""
    url: str | None = None
    outlet: str = ""
    author: str = ""
    published: date | None = None
    language: str = ""
    source_file: str | None = None
    boilerplate: list[str] = field(default_factory=list)
