"""Article text in, attributed statements out: the pure entry points the worker calls.

``extract_articles`` streams many articles through ``nlp.pipe`` (the lemmatizer disabled: the
rules read word forms, not lemmas) and is what the Celery worker uses; ``extract_article`` is the
one-article form. Dates come from ``claims.extraction.dates.resolve_said_on`` and the red-line
flag and kind from ``claims.extraction.classify.classify_statement``; until those modules exist
the publication date and "assertion" stand in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from claims.extraction import lexicon
from claims.extraction.actors import DEFAULT_FUZZY_THRESHOLD, ArticleActors
from claims.extraction.attribution import Attributor, Found, Sentence
from claims.extraction.classify import classify_statement
from claims.extraction.dates import resolve_said_on
from claims.extraction.nlp import get_nlp
from claims.extraction.quotes import Quote, ends_mid_sentence, find_quotes, paragraph_spans
from claims.extraction.types import ActorRef, ArticleExtraction, Statement

PARAGRAPH_COMPONENT = "redline_paragraph_breaks"
# Components the rules do not read; skipping them is most of the speed budget.
UNUSED_COMPONENTS = ("lemmatizer",)
_TERMINAL = '.!?”"’:;)…'
# spaCy's tokenizer splits affixes in time quadratic in the length of one whitespace-free run:
# thousands of quote marks or brackets in a row take minutes. Such runs hold no statement, so
# they are blanked (same length: every offset still indexes the original text).
_UNTOKENIZABLE = re.compile(r"[^\s\w]{50,}|\S{1000,}")
_MAX_UNTERMINATED_WORDS = 8
_TITLE_SIMILARITY = 85
# A wire-style dateline opening a paragraph: "KYIV (Reuters) - ", "NEW DELHI: ", with an
# optional state and date after the place ("LAGOS, May 3 (AP) — ", "AUSTIN, Tex. (KX) – ").
_DATELINE = re.compile(
    r"[A-Z][A-Z.,' ]{1,40}(?:,\s*[A-Z][a-z]{1,5}\.)?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s*\d{4})?)?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:[-–—]|:)\s+(?=[A-Z“\"])"
)


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at every paragraph: a paragraph never shares a sentence."""
    starts: set[int] = set()
    for start, end in paragraph_spans(doc.text):
        starts.add(start)
        dateline = _dateline(doc.text, start, end)
        if dateline:
            # "KYIV (Reuters) - …": the dateline is not part of the first sentence.
            starts.add(dateline.end())
    for token in doc[1:]:
        if token.idx in starts:
            token.is_sent_start = True
    return doc


def prepare(nlp: Language) -> Language:
    """Add the paragraph-break component before the parser (once per pipeline)."""
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before=before)
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    return nlp


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article for the batched form."""

    text: str
    published: date | None = None
    title: str = ""


def extract_article(
    text: str,
    published: date | None,
    *,
    title: str = "",
    nlp: Language | None = None,
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
) -> ArticleExtraction:
    """Statements and speakers of one cleaned article (offsets index into ``text``)."""
    item = ArticleInput(text, published, title)
    return next(iter(extract_articles([item], nlp, fuzzy_threshold=fuzzy_threshold)))


def extract_articles(
    items: Iterable[ArticleInput],
    nlp: Language | None = None,
    batch_size: int = 16,
    *,
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
) -> Iterator[ArticleExtraction]:
    """Extract many articles, streaming their texts through ``nlp.pipe`` in batches."""
    nlp = prepare(nlp or get_nlp())
    disable = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    pairs = ((_tokenizable(item.text), item) for item in items)
    for doc, item in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, disable=disable):
        found = extract_from_doc(
            doc, item.published, title=item.title, fuzzy_threshold=fuzzy_threshold
        )
        if doc.text != item.text:
            found = ArticleExtraction(
                statements=[
                    replace(s, sentence=item.text[s.start : s.end]) for s in found.statements
                ],
                actors=found.actors,
            )
        yield found


def _tokenizable(text: str) -> str:
    return _UNTOKENIZABLE.sub(lambda m: " " * len(m.group()), text)


def extract_from_doc(
    doc: Doc,
    published: date | None,
    *,
    title: str = "",
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
) -> ArticleExtraction:
    """The rules applied to an already parsed article."""
    text = doc.text
    paragraphs = paragraph_spans(text)
    quotes: dict[int, list[Quote]] = {
        i: find_quotes(text, start, end) for i, (start, end) in enumerate(paragraphs)
    }
    sentences = _sentences(doc, paragraphs)
    paragraph_of = {tok.i: s.paragraph for s in sentences for tok in s.span}
    all_quotes = [q for qs in quotes.values() for q in qs]
    actors = ArticleActors(doc, all_quotes, paragraph_of, fuzzy_threshold)
    skip = _furniture(text, paragraphs, title)
    found = _without_cut_tails(
        Attributor(doc, sentences, quotes, actors, skip).run(), text, paragraphs, sentences
    )
    statements: list[Statement] = []
    speakers: dict[str, ActorRef] = {}
    for item in found:
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        statement = _to_statement(text, item, paragraphs, published, span)
        statements.append(statement)
        speakers.setdefault(statement.speaker.name, statement.speaker)
    return ArticleExtraction(statements=statements, actors=list(speakers.values()))


def _sentences(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    result: list[Sentence] = []
    par = 0
    text = doc.text
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        while par + 1 < len(paragraphs) and paragraphs[par][1] <= start:
            par += 1
        if (
            result
            and result[-1].paragraph == par
            and (_is_fragment(text[start:end]) or text[result[-1].end - 1] not in _TERMINAL)
            and not _is_dateline(text, result[-1].start, start)
        ):
            # The parser split off a tail (", Interfax reports."): glue it back.
            prev = result[-1]
            result[-1] = Sentence(prev.index, prev.start, end, par, doc[prev.span.start : span.end])
            continue
        result.append(Sentence(len(result), start, end, par, span))
    return result


def _dateline(text: str, start: int, end: int) -> re.Match[str] | None:
    # Cheap test first: a dateline opens with two capitals.
    if not text[start : start + 2].isupper():
        return None
    return _DATELINE.match(text, start, end)


def _is_dateline(text: str, start: int, next_start: int) -> bool:
    found = _dateline(text, start, len(text))
    return found is not None and found.end() == next_start


def _is_fragment(sentence: str) -> bool:
    return sentence[:1] in ",;:)]–—" or sentence[:1].islower()


def _furniture(text: str, paragraphs: list[tuple[int, int]], title: str) -> set[int]:
    """Paragraphs that cannot hold a statement: title repeats, captions, unterminated lines."""
    skip: set[int] = set()
    norm_title = " ".join(title.lower().split())
    for i, (start, end) in enumerate(paragraphs):
        para = text[start:end]
        lower = " ".join(para.lower().split())
        unterminated = para.rstrip()[-1:] not in _TERMINAL
        if (
            (norm_title and fuzz.ratio(lower, norm_title) >= _TITLE_SIMILARITY)
            or lower.startswith(lexicon.CAPTION_STARTS)
            or (unterminated and len(para.split()) < _MAX_UNTERMINATED_WORDS)
        ):
            skip.add(i)
    return skip


def _without_cut_tails(
    found: list[Found], text: str, paragraphs: list[tuple[int, int]], sentences: list[Sentence]
) -> list[Found]:
    """Statements running into a paragraph the page cut off end with its last whole sentence;
    one with no whole sentence is dropped (its words stop mid-sentence)."""
    cut = {
        i
        for i, (start, end) in enumerate(paragraphs)
        if text[start:end].rstrip()[-1:] not in _TERMINAL and _cut_off(text, start, end)
    }
    if not cut:
        return found
    kept: list[Found] = []
    for item in found:
        if item.paragraph not in cut or item.end < paragraphs[item.paragraph][1]:
            kept.append(item)
            continue
        ends = [
            s.end
            for s in sentences
            if s.paragraph == item.paragraph and item.start < s.end < item.end
        ]
        if ends:
            item.end = max(ends)
            kept.append(item)
    return kept


def _cut_off(text: str, start: int, end: int) -> bool:
    """A paragraph the page cut off mid-sentence: it stops on a word no sentence ends with
    ("… by supplying the rebels with"), on a comma or a dash, or inside a quotation it opened
    ("… called it “a new")."""
    words = text[start:end].split()
    if words and (words[-1].lower() in ends_mid_sentence() or words[-1][-1] in ",–—-("):
        return True
    return any(not q.closed for q in find_quotes(text, start, end))


def _to_statement(
    text: str,
    item: Found,
    paragraphs: list[tuple[int, int]],
    published: date | None,
    span: Span | None = None,
) -> Statement:
    sentence = text[item.start : item.end]
    pstart, pend = paragraphs[item.paragraph]
    cue = "; ".join(item.cues)
    result = classify_statement(sentence, item.content, cue, span)
    return Statement(
        speaker=item.speaker.actor,
        start=item.start,
        end=item.end,
        sentence=sentence,
        content=item.content,
        cue=cue,
        direct=item.direct,
        anonymous=item.speaker.anonymous,
        said_on=resolve_said_on(sentence, text[pstart:pend], published, cue=cue),
        red_line=result.red_line,
        red_line_about=result.red_line_about,
        kind=result.kind,
        confidence=0.8 if item.direct else 0.6,
    )
