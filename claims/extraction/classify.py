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

from spacy.tokens import Doc, Span, Token

from claims.extraction import lexicon_classify as lex
from claims.extraction.lexicon import inflections
from claims.extraction.nlp import get_nlp
from claims.extraction.types import ClaimKind, Classification

_MAX_ABOUT_TOKENS = 12
_LEADING_WORDS = frozenset({"any", "the", "a", "an", "this", "that", "these", "those", "all"})
_OPEN_OR_CLOSE_QUOTE = re.compile(r"[\"“”«»]|(?<!\w)[‘’']|[‘’'](?!\w)(?<!s[’'])")
_QUOTE_CHARS = "\"“”‘’'«»"


_HOSTILE_FORMS = frozenset(f for v in lex.HOSTILE_VERBS for f in inflections(v)) | frozenset(
    {"shot", "struck", "stole", "sank", "sunk", "lied", "misled", "fought", "hit"}
)
_PASSIVE_DECISION_FORMS = frozenset(f for v in lex.PASSIVE_DECISIONS for f in inflections(v))
_HYPOTHETICAL = frozenset({"if", "unless", "whether"})
_MODALS = frozenset({"to", "could", "might", "may", "would", "will", "should", "must", "can"})
_DECISION_FORMS = frozenset(f for v in lex.DECISION_VERBS for f in inflections(v)) | frozenset(
    {"sent", "set", "held", "begun", "began", "froze", "frozen", "withdrawn", "withdrew"}
)


def classify_statement(
    sentence: str, content: str, cue: str, span: Span | None = None
) -> Classification:
    """Red-line flag, what the red line concerns ("" when none) and the kind of one statement.

    ``span`` is the statement's sentence as the article's parse has it (its text ``sentence``):
    given, the parse is read from it instead of parsing the text again.
    """
    said = content.strip() or sentence
    region = _region(span, sentence, said)
    line = find_red_line(said)
    if line is None and cue:
        line = find_red_line(cue)
    red_line = line is not None
    about = red_line_about(said, line, region) if line is not None else ""
    return Classification(red_line, about, statement_kind(sentence, said, cue, red_line, region))


def _region(span: Span | None, sentence: str, said: str) -> Span | None:
    """The tokens of ``said`` inside the parsed sentence, or None when it is not found there."""
    if span is None or span.text != sentence:
        return None
    offset = sentence.find(said)
    if offset < 0:
        return None
    start = span.start_char + offset
    return span.doc.char_span(start, start + len(said), alignment_mode="expand")


def find_red_line(text: str) -> re.Match[str] | None:
    """The first phrase in ``text`` that speaks of a red line (a limit), or None."""
    for match in lex.RED_LINE.finditer(text):
        if not _is_decoy(text, match):
            return match
    for pattern in (
        lex.LINE_NOT_CROSSED,
        lex.CROSSED_THE_LINE,
        lex.DRAW_THE_LINE,
        lex.LINE_DRAWN_AND_CROSSED,
    ):
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


def red_line_about(text: str, match: re.Match[str], parsed: Span | None = None) -> str:
    """What the red line in ``text`` concerns, in a few words ("" when the parse says nothing).

    ``parsed`` is ``text`` already parsed (a span of the article's doc); without it the text is
    parsed here.
    """
    if parsed is not None and parsed.text == text:
        line = _token_at(parsed, parsed.start_char + match.start("line"))
    else:
        line = _token_at(get_nlp()(text), match.start("line"))
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


def _token_at(doc: Doc | Span, offset: int) -> Token | None:
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


def statement_kind(
    sentence: str, content: str, cue: str, red_line: bool, parsed: Span | None = None
) -> ClaimKind:
    """The statement's kind from its cue, then from what was said (``parsed``: its parse)."""
    from_cue = _kind_from_cue(sentence, cue)
    if from_cue is not None and from_cue != "announcement":
        return from_cue
    if red_line:
        if lex.NO_RED_LINES.search(content) and lex.CUE_REPLY.search(cue):
            return "denial"  # "X replied that there were no red lines in its waters"
        if lex.NO_RED_LINES.search(content) or lex.DISMISSED_RED_LINES.search(content):
            return "assertion"
        if lex.CROSSED_THE_LINE.search(content) and lex.ACCUSATION_CONTENT.search(content):
            return "accusation"
        return "warning"
    if from_cue is not None:
        return from_cue
    from_parse = _kind_from_parse(parsed) if parsed is not None else None
    if (
        lex.DENIAL_CONTENT.search(content)
        or lex.SHIFTED_BLAME.search(content)
        or lex.NO_HARM.search(content)
        or from_parse == "denial"
    ):
        return "denial"
    if lex.WARNING_CONTENT.search(content):
        return "warning"
    if lex.DEMAND_CONTENT.search(content):
        return "demand"
    if lex.ACCUSATION_CONTENT.search(content) or from_parse == "accusation":
        return "accusation"
    if lex.ANNOUNCEMENT_CONTENT.search(content) or from_parse == "announcement":
        return "announcement"
    return "assertion"


def _kind_from_parse(parsed: Span) -> ClaimKind | None:
    """What the verbs of the statement say: a harmful act by another party (accusation), the
    speaker's side not doing one (denial), or the speaker's own decision or plan (announcement)."""
    announced = False
    for verb in parsed:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "aux", "auxpass"):
            continue
        if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL for c in verb.children):
            continue  # "if our partners had lifted …": a condition, not an act
        subject = _subject(verb)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        negated = _negated(verb) or (subject is not None and _negative_subject(subject))
        mine = subject is not None and _first_person(subject)
        lower = verb.lower_
        if lower in _HOSTILE_FORMS and not passive and _an_act(verb):
            if negated and (mine or subject is None or subject.pos_ == "PRON"):
                return "denial"
            if subject is not None and not mine and not negated and subject.lower_ != "who":
                return "accusation"
        if (
            lower in _DECISION_FORMS
            and not negated
            and (
                mine
                or subject is None
                or (not passive and subject.pos_ in ("PRON", "PROPN"))
                or (passive and lower in _PASSIVE_DECISION_FORMS)
            )
            and _planned_or_done(verb)
        ):
            announced = True
    return "announcement" if announced else None


def _an_act(verb: Token) -> bool:
    """A finite verb that reports an act ("fired", "has attacked"), not an intention or a
    possibility ("to attack", "could strike", "attacking")."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & _MODALS:
        return False
    return (
        verb.tag_ in ("VBD", "VBZ", "VBP")
        or (verb.tag_ == "VBN" and bool(auxes & {"has", "have", "had"}))
        or (verb.tag_ == "VB" and bool(auxes & {"do", "does", "did"}))
    )


def _negative_subject(subject: Token) -> bool:
    if subject.lower_ in lex.NEGATIVE_SUBJECTS:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl"):
                return child
        if current.dep_ not in ("conj", "xcomp") or current.head.i == current.i:
            return None
        current = current.head
    return None


def _first_person(subject: Token) -> bool:
    if subject.lower_ in lex.FIRST_PERSON:
        return True
    return any(c.dep_ == "poss" and c.lower_ in lex.FIRST_PERSON for c in subject.children)


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in lex.NEGATORS:
            return True
        if child.dep_ in ("dobj", "attr") and any(
            g.dep_ == "det" and g.lower_ == "no" for g in child.children
        ):
            return True
    return False


def _planned_or_done(verb: Token) -> bool:
    """ "will/would summon", "has/had opened", "had been summoned"."""
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("will", "would", "’ll", "'ll") for a in auxes):
        return True
    return verb.tag_ == "VBN" and any(a in ("has", "have", "had") for a in auxes)


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
