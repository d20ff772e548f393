"""Pairing quotation marks inside paragraphs (plain character work, before any parsing)."""

from __future__ import annotations

from dataclasses import dataclass

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
# Guillemets, as some outlets print quotations («…», and «…” where the page mixes marks).
GUILLEMET_OPEN = "«"
GUILLEMET_CLOSE = "»"
OPENERS = (OPENING, STRAIGHT, GUILLEMET_OPEN)
_MARKS = (OPENING, CLOSING, STRAIGHT, GUILLEMET_OPEN, GUILLEMET_CLOSE)


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``start``/``end`` include the marks; ``closed`` is False when the quote runs
    on past the paragraph's end (the newspaper convention for multi-paragraph quotes)."""

    start: int
    end: int
    closed: bool

    def inner(self, text: str) -> str:
        """The quoted words without their marks."""
        body = text[self.start + 1 : self.end - 1 if self.closed else self.end]
        return body.strip()


_TERMINAL = '.!?”"’:;)…'
# A line this long that stops without punctuation was broken inside a sentence.
_BROKEN_LINE_WORDS = 20
# …or that stops on a word no sentence ends with.
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "with", "and", "or", "but", "for", "in", "on", "at", "by"}
    | {"from", "that", "as", "than", "into", "about"}
)


def ends_mid_sentence() -> frozenset[str]:
    """Words no sentence ends with ("of", "the", "with"): a line stopping on one was cut."""
    return _FUNCTION_WORDS


# Words that open a sentence, not the rest of a wrapped one: a long line without a full stop
# followed by "The Kremlin warned …" is a paragraph that lost its stop.
_SENTENCE_OPENERS = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "these", "those", "but"}
    | {"however", "meanwhile", "in", "on", "at", "after", "when", "while", "according", "there"}
)


def _opens_sentence(line: str) -> bool:
    first = line.split(maxsplit=1)[0]
    return first[:1] in OPENERS or first.lower().strip(",") in _SENTENCE_OPENERS


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every paragraph: a non-blank line, joined with the next one
    when it is long and stops mid-sentence (a page that wrapped a sentence across lines), unless
    the next one opens a sentence of its own."""
    spans: list[tuple[int, int]] = []
    pos = 0
    # Whether the last line stopped mid-sentence: surely (on "of", "the") or maybe (long).
    surely = maybe = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            if spans and (surely or (maybe and not _opens_sentence(stripped))):
                spans[-1] = (spans[-1][0], pos + lead + len(stripped))
            else:
                spans.append((pos + lead, pos + lead + len(stripped)))
            start, end = spans[-1]
            words = text[start:end].split()
            open_end = text[end - 1] not in _TERMINAL
            surely = open_end and words[-1] in _FUNCTION_WORDS
            maybe = open_end and len(words) >= _BROKEN_LINE_WORDS
        else:
            surely = maybe = False
        pos += len(line) + 1
    return spans


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations in ``text[start:end]`` (one paragraph). Curly marks and guillemets pair by
    direction; a straight mark opens after a space, a bracket or the paragraph's start and
    closes otherwise; an opening mark left unclosed runs to the paragraph's end."""
    quotes: list[Quote] = []
    open_at: int | None = None
    for pos in range(start, end):
        char = text[pos]
        if char not in _MARKS:
            continue
        opens = char in (OPENING, GUILLEMET_OPEN) or (
            char == STRAIGHT and _opens(text, start, end, pos)
        )
        if open_at is None:
            if opens:
                open_at = pos
            elif not quotes and _is_continuation_close(text, start, pos):
                # A closing mark first: the paragraph ends a quote begun in the one before.
                quotes.append(Quote(start, pos + 1, True))
            continue
        if opens:
            # Two openings in a row: the first was never closed; restart at the second.
            open_at = pos
            continue
        quotes.append(Quote(open_at, pos + 1, True))
        open_at = None
    if open_at is not None and end - open_at > 1:
        quotes.append(Quote(open_at, end, False))
    if not quotes and not any(mark in text[start:end] for mark in _MARKS):
        return _single_quotes(text, start, end)
    return quotes


SINGLE = "'"
_SINGLE_CLOSERS = ",.!?"


def _single_quotes(text: str, start: int, end: int) -> list[Quote]:
    """ "'…,' she said.": quotations in straight single marks, as some outlets print them, in a
    paragraph without double marks. A mark opens after a space, a bracket or the paragraph's start
    and before a letter; it closes right after a comma, stop, "!" or "?" and before a space or
    the paragraph's end (an apostrophe in "don't", "farmers' union" or "'90s" does neither)."""
    quotes: list[Quote] = []
    open_at: int | None = None
    for pos in range(start, end):
        if text[pos] != SINGLE:
            continue
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 1] if pos + 1 < end else " "
        if open_at is None:
            if (before.isspace() or before in "([{—–-") and after.isalpha():
                open_at = pos
        elif before in _SINGLE_CLOSERS and after.isspace():
            quotes.append(Quote(open_at, pos + 1, True))
            open_at = None
    return quotes


def _opens(text: str, start: int, end: int, pos: int) -> bool:
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if before.isspace() or before in "([{—–-/":
        return not after.isspace()
    return False


def _is_continuation_close(text: str, start: int, pos: int) -> bool:
    """A closing mark with no opening before it in its paragraph, after a real stretch of text."""
    return len(text[start:pos].split()) >= 3


def inside(quotes: list[Quote], offset: int) -> bool:
    """Whether ``offset`` falls inside one of ``quotes``."""
    return any(q.start <= offset < q.end for q in quotes)
