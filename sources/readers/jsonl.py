"""JSON and JSON Lines inputs: one article per object (url, title, text or html, published...)."""

from __future__ import annotations

import json
from typing import Any

from sources.errors import IngestError
from sources.parsed import ParsedArticle
from sources.readers import metadata
from sources.readers.dates import parse_date
from sources.readers.html import parse_html_page
from sources.readers.result import ReadResult
from sources.readers.text import clean_lines


def parse_json_document(raw: str, *, source_file: str | None = None) -> ReadResult:
    """A JSON object, a list of objects, or {"articles": [...]}; bad objects are reported."""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    except RecursionError as exc:
        raise IngestError("invalid JSON: nested too deeply") from exc
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    items = value if isinstance(value, list) else [value]
    result = ReadResult()
    for index, item in enumerate(items, start=1):
        where = f"item {index}" if isinstance(value, list) else ""
        _add(result, item, raw_line=json.dumps(item), source_file=source_file, where=where)
    return result


def parse_json_lines(raw: str, *, source_file: str | None = None) -> ReadResult:
    """One object a line; a malformed line is reported with its number, the others are read."""
    result = ReadResult()
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            result.errors.append(IngestError(f"invalid JSON: {exc.msg}", where=where))
            continue
        except RecursionError:
            result.errors.append(IngestError("invalid JSON: nested too deeply", where=where))
            continue
        _add(result, item, raw_line=line, source_file=source_file, where=where)
    return result


def parse_payload(
    item: Any, *, raw: str | None = None, source_file: str | None = None
) -> ParsedArticle:
    """An article object (API payload, JSON input) as a ParsedArticle; IngestError if unusable."""
    if not isinstance(item, dict):
        raise IngestError("an article must be a JSON object")
    url = _string(item, "url") or None
    raw_text = raw if raw is not None else json.dumps(item, ensure_ascii=False)
    if _string(item, "html") and not _string(item, "text"):
        parsed = parse_html_page(_string(item, "html"), url=url, source_file=source_file)
        parsed.raw, parsed.raw_format = raw_text, "json"
    else:
        text = _string(item, "text").replace("\x00", "")
        cleaned = clean_lines(text.replace("\r\n", "\n").split("\n"), find_title=False)
        if not cleaned.text.strip():
            raise IngestError('no article text: give "text" or "html"')
        parsed = ParsedArticle(
            text=cleaned.text,
            raw=raw_text,
            raw_format="json",
            url=url,
            source_file=source_file,
            boilerplate=cleaned.removed,
        )
    parsed.title = _string(item, "title") or parsed.title
    parsed.outlet = _string(item, "outlet") or parsed.outlet or metadata.domain_of(url)
    parsed.author = _string(item, "author") or parsed.author
    published = _string(item, "published")
    if published:
        parsed.published = parse_date(published)
        if parsed.published is None:
            raise IngestError(f"unreadable published date: {published!r}")
    parsed.language = _string(item, "language") or parsed.language
    return parsed


def _add(
    result: ReadResult, item: Any, *, raw_line: str, source_file: str | None, where: str
) -> None:
    try:
        result.articles.append(parse_payload(item, raw=raw_line, source_file=source_file))
    except IngestError as exc:
        result.errors.append(IngestError(exc.reason, where=where or exc.where))


def _string(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise IngestError(f'"{key}" must be a string')
    return str(value).replace("\x00", "").strip()
