"""What reading one input gave: articles, errors for the parts that failed, links to fetch."""

from __future__ import annotations

from dataclasses import dataclass, field

from sources.errors import IngestError
from sources.parsed import ParsedArticle


@dataclass(slots=True)
class ReadResult:
    """Articles read from one input; ``feed_title`` is set when the input was an RSS/Atom feed."""

    articles: list[ParsedArticle] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    feed_title: str | None = None
