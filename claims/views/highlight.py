"""Safe HTML for article text with highlighted spans: every piece of text is escaped first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.selectors import MARK_START, MARK_STOP

# How much of a long paragraph to show on each side of a quoted sentence.
CONTEXT_CHARS = 400


def marked(text: str | None) -> SafeString:
    """Escape a ts_headline result, then turn its match delimiters into <mark> elements."""
    if not text:
        return mark_safe("")
    html = str(escape(text)).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    # Delimiters are always paired by ts_headline; strip any stray one defensively.
    return mark_safe(html.replace(MARK_START, "").replace(MARK_STOP, ""))


@dataclass(frozen=True)
class Span:
    """A highlighted range of an article's text, pointing at an anchor (e.g. a mention row)."""

    start: int
    end: int
    css: str
    anchor: str
    title: str


def highlighted_text(text: str, spans: Iterable[Span]) -> SafeString:
    """The whole text as escaped segments; each span wrapped in a <mark> linking to its anchor.

    Every segment carries ``data-start`` (its offset into ``text``) so the selection script can
    turn a selection into offsets. Overlapping spans are clipped to the first one.
    """
    parts: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start = max(span.start, pos)
        end = min(span.end, len(text))
        if start >= end:
            continue
        if start > pos:
            parts.append(_plain(text, pos, start))
        parts.append(
            format_html(
                '<mark class="{}" id="{}" data-start="{}" title="{}">{}</mark>',
                span.css,
                span.anchor,
                start,
                span.title,
                text[start:end],
            )
        )
        pos = end
    if pos < len(text):
        parts.append(_plain(text, pos, len(text)))
    return mark_safe("".join(parts))  # every part above is escaped


def _plain(text: str, start: int, end: int) -> str:
    return str(format_html('<span data-start="{}">{}</span>', start, text[start:end]))


def sentence_in_paragraph(text: str, start: int, end: int) -> SafeString:
    """The paragraph around ``text[start:end]`` with that sentence marked, all escaped."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    if para_end == -1:
        para_end = len(text)
    before = text[para_start:start]
    after = text[end:para_end]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    return format_html("{}<mark>{}</mark>{}", before, text[start:end], after)
