"""A statement's red-line flag, what the red line concerns, and its kind.

The red line is looked for in what the speaker said (the content; the sentence when there is
none): "red line(s)", a quoted “red line”, "a line that must not be crossed", "crossed the line",
"drew the line at", and the rejection "there are no red lines" — not "the Red Line" of a metro
or a film, nor a red line on a map. What it concerns comes from the parse: the subject of
"X would cross a red line" / "X is our red line", or the object of "red line on X".

The kind is decided by the cue first (denied → denial, accused → accusation, urged → demand,
warned → warning, announced → announcement) and otherwise by the content's wording, in the
order denial, warning, demand, accusation, announcement; anything else is an assertion.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claims.extraction import lexicon_classify as lex
from claims.extraction.nlp import get_nlp
from claims.extraction.types import ClaimKind, Classification

_MAX_ABOUT_TOKENS = 12
_LEADING_WORDS = frozenset({"any", "the", "a", "an", "this", "that", "these", "those", "all"})
_OPEN_OR_CLOSE_QUOTE = re.compile(r"[\"“”«»]|(?<!\w)[‘’']|[‘’'](?!\w)(?<!s[’'])")
_QUOTE_CHARS = "\"“”‘’'«»"


def classify_statement(sentence: str, content: str, cue: str) -> Classification:
    """Red-line flag, what the red line concerns ("" when none) and the kind of one statement."""
    said = content.strip() or sentence
    line = find_red_line(said)
    if line is None and cue:
        line = find_red_line(cue)
    red_line = line is not None
    about = red_line_about(said, line) if line is not None else ""
    return Classification(red_line, about, statement_kind(sentence, said, cue, red_line))


def find_red_line(text: str) -> re.Match[str] | None:
    """The first phrase in ``text`` that speaks of a red line (a limit), or None."""
    for match in lex.RED_LINE.finditer(text):
        if not _is_decoy(text, match):
            return match
    for pattern in (lex.LINE_NOT_CROSSED, lex.CROSSED_THE_LINE, lex.DRAW_THE_LINE):
        found = pattern.search(text)
        if found is not None:
            return found
    return None


def _is_decoy(text: str, match: re.Match[str]) -> bool:
    """True for a transit line, a title or a coloured line rather than a limit."""
    window = text[max(0, match.start() - 40) : match.end() + 40]
    if lex.COLOURED_LINE.search(window):
        return True
    quoted = match.start() > 0 and text[match.start() - 1] in _QUOTE_CHARS
    proper = match.group("red")[0].isupper() and match.group("line")[0].isupper()
    if proper and not quoted and not _is_title_case(text):
        return True
    return bool(proper and lex.PROPER_NAME_CONTEXT.search(window))


def _is_title_case(text: str) -> bool:
    """True for a headline-style text where every longer word is capitalised."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def red_line_about(text: str, match: re.Match[str]) -> str:
    """What the red line in ``text`` concerns, in a few words ("" when the parse says nothing)."""
    doc = get_nlp()(text)
    line = _token_at(doc, match.start("line"))
    if line is None:
        return ""
    for child in line.children:
        if child.dep_ == "prep" and child.lower_ in lex.ABOUT_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    verb = line
    while verb.head.i != verb.i and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return ""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
    # "X would cross a red line", "X has brought us to the red line": X is what it concerns.
    if subjects and line not in subjects[0].subtree and subjects[0].pos_ != "PRON":
        return _phrase(subjects[0])
    if verb.lemma_ in {"be", "constitute", "mean"}:
        attributes = [c for c in verb.children if c.dep_ in {"attr", "acomp"}]
        if subjects and line in subjects[0].subtree and attributes:
            return _phrase(attributes[0])
    if verb.lemma_ == "draw":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"at", "on"}:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return _phrase(objects[0])
    return ""


def _token_at(doc: Doc, offset: int) -> Token | None:
    for token in doc:
        if token.idx <= offset < token.idx + len(token.text):
            return token
    return None


def _phrase(head: Token) -> str:
    """The subtree of ``head`` as text, without leading determiners, quotes or a long tail."""
    tokens: list[Token] = []
    for token in head.subtree:
        if token.text == "," and tokens:
            break  # an apposition or relative clause follows: the phrase has ended
        tokens.append(token)
    words = [t for t in tokens if not (t.is_quote and t.dep_ != "case")]
    while words and words[0].lower_ in _LEADING_WORDS:
        words = words[1:]
    words = words[:_MAX_ABOUT_TOKENS]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return ""
    text = head.doc[words[0].i : words[-1].i + 1].text
    text = _OPEN_OR_CLOSE_QUOTE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def statement_kind(sentence: str, content: str, cue: str, red_line: bool) -> ClaimKind:
    """The statement's kind from its cue, then from what was said."""
    from_cue = _kind_from_cue(sentence, cue)
    if from_cue is not None and from_cue != "announcement":
        return from_cue
    if red_line:
        if lex.NO_RED_LINES.search(content) or lex.DISMISSED_RED_LINES.search(content):
            return "assertion"
        if lex.CROSSED_THE_LINE.search(content) and lex.ACCUSATION_CONTENT.search(content):
            return "accusation"
        return "warning"
    if from_cue is not None:
        return from_cue
    if lex.DENIAL_CONTENT.search(content):
        return "denial"
    if lex.WARNING_CONTENT.search(content):
        return "warning"
    if lex.DEMAND_CONTENT.search(content):
        return "demand"
    if lex.ACCUSATION_CONTENT.search(content):
        return "accusation"
    if lex.ANNOUNCEMENT_CONTENT.search(content):
        return "announcement"
    return "assertion"


def _kind_from_cue(sentence: str, cue: str) -> ClaimKind | None:
    if not cue:
        return None
    if lex.CUE_DENIAL.search(cue):
        return "denial"
    if lex.CUE_REJECTION.search(cue):
        # Rejecting an accusation is a denial; rejecting a proposal is a decision made known.
        after = (
            sentence[sentence.lower().find(cue.lower()) :]
            if cue.lower() in sentence.lower()
            else ""
        )
        return "denial" if lex.ALLEGATION_WORDS.search(after[:120]) else "announcement"
    if lex.CUE_ACCUSATION.search(cue):
        return "accusation"
    if lex.CUE_DEMAND.search(cue):
        return "demand"
    if lex.CUE_WARNING.search(cue):
        return "warning"
    if lex.CUE_ANNOUNCEMENT.search(cue):
        return "announcement"
    return None
