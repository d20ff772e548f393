"""Readers: pure functions from an input's bytes to ParsedArticles (no database, no network)."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings

from sources.readers.decoding import check_size, decode_bytes
from sources.readers.feeds import looks_like_feed, parse_feed
from sources.readers.html import parse_html_page
from sources.readers.jsonl import parse_json_document, parse_json_lines
from sources.readers.result import ReadResult
from sources.readers.text import parse_text_page

__all__ = ["ReadResult", "read_input"]

_KINDS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}  # fmt: skip


def read_input(
    data: bytes, *, name: str = "", url: str | None = None, content_type: str = ""
) -> ReadResult:
    """Read one input (file bytes or a fetched body); kind from name, content type or sniffing.

    Raises IngestError for an input that is refused as a whole (empty, binary, too large...).
    """
    check_size(len(data), settings.REDLINE_MAX_INPUT_BYTES)
    text = decode_bytes(data)
    source_file = PurePath(name).name if name and not url else None
    kind = _KINDS.get(PurePath(name).suffix.lower()) if name else None
    kind = kind or _kind_from_content(text, content_type)
    if kind == "feed":
        return parse_feed(text, source_file=source_file)
    if kind == "json":
        return parse_json_document(text, source_file=source_file)
    if kind == "jsonl":
        return parse_json_lines(text, source_file=source_file)
    if kind == "html":
        return ReadResult(articles=[parse_html_page(text, url=url, source_file=source_file)])
    article = parse_text_page(text, source_file=source_file)
    article.url = article.url or url
    return ReadResult(articles=[article])


def _kind_from_content(text: str, content_type: str) -> str:
    content_type = content_type.lower()
    head = text[:1000].lstrip().lower()
    if looks_like_feed(text) or any(t in content_type for t in ("rss", "atom")):
        return "feed"
    if "html" in content_type or head.startswith(("<!doctype html", "<html")):
        return "html"
    if "json" in content_type or head.startswith(("{", "[")):
        return "json"
    if head.startswith("<") and "<body" in text[:20000].lower():
        return "html"
    return "txt"
