"""Finding attributed statements in a parsed article: cues, speakers and spans.

A cue is a speech verb from ``lexicon`` outside any quotation ("said", "warned", "pointed out"),
"according to X", or a possessive speech noun next to a quotation ("in X's words, “…”"). Its
speaker is the verb's subject (followed up conjoined, participial and relative clauses: "X
dismissed the report, saying …"), each conjoined subject giving its own statement. A cue needs
content: a clause, an object, a quotation, or the "…, X said." shape. The span runs from the
start of the sentence where the quotation or reported clause begins to the end of the sentence
holding the cue, and on through a quotation that resumes after the cue in the same paragraph. A
paragraph that opens a quotation with no cue of its own, right after a paragraph with a direct
statement, continues that statement's speaker (cue "continued").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claims.extraction import lexicon
from claims.extraction.actors import ArticleActors, Speaker
from claims.extraction.quotes import OPENERS, SINGLE, Quote

_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "dative", "oprd", "attr", "advcl"})
_CONTENT_PREPS = frozenset({"for", "on", "against", "about", "of", "that", "to", "as", "in"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "relcl", "pcomp", "dobj", "pobj", "prep"})
_BLOCKING_FORMS = frozenset(f for v in lexicon.BLOCKING_GOVERNORS for f in lexicon.inflections(v))
_MIN_QUOTE_WORDS = 4
_Cue = tuple[Token, str, list[tuple[Token, Speaker]]]


@dataclass(slots=True)
class Sentence:
    """A sentence of the article with its trimmed character bounds and paragraph number."""

    index: int
    start: int
    end: int
    paragraph: int
    span: Span


@dataclass(slots=True)
class Found:
    """One statement before dates and classification: who, the cue, the span, the content."""

    speaker: Speaker
    start: int
    end: int
    cues: list[str]
    content: str
    direct: bool
    paragraph: int
    quotes: list[Quote] = field(default_factory=list)


def cue_of(token: Token) -> str | None:
    """The cue a token starts ("said", "pointed out", "according to"), or None."""
    lower = token.lower_
    if lower == "according":
        if any(c.lower_ == "to" for c in token.children):
            return "according to"
        return None
    base = lexicon.VERB_FORMS.get(lower)
    if base is None or token.pos_ not in ("VERB", "AUX"):
        return None
    if token.tag_ in ("NN", "NNS", "NNP", "JJ"):
        return None
    particles = lexicon.PHRASAL_CUES.get(base)
    children = list(token.children)
    if particles is not None and base not in lexicon.SPEECH_VERBS:
        return _phrasal_cue(token, base, particles, children)
    if base == "call" and not any(
        c.dep_ in ("prep", "oprd", "ccomp", "xcomp") or c.lower_ in ("for", "on") for c in children
    ):
        return None
    if base == "call":
        # "called on both sides to …", "called for talks": the particle makes it a demand.
        for child in children:
            if child.lower_ in ("on", "for", "upon") and child.i == token.i + 1:
                return f"{token.text} {child.text}"
    if base == "add" and any(c.dep_ == "prep" and c.lower_ == "to" for c in children):
        return None
    return token.text


_TIME_MARKS = frozenset({"when", "after", "before", "while", "once", "until", "since", "as"})


def _bare_time_clause(token: Token) -> bool:
    """ "When the senator objected, the mayor said: “No.”": a cue in a time clause with nothing
    of its own said does not own the quotation of the main clause."""
    return (
        token.dep_ == "advcl"
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS for c in token.children)
        and not any(c.dep_ in _CONTENT_DEPS or c.dep_ == "prep" for c in token.children)
    )


_MODALS = frozenset({"would", "could", "might", "may", "should", "will", "can", "must", "shall"})
_BACKGROUND_PREPS = frozenset({"despite", "after", "before", "since", "without", "while"})


def _background_gerund(token: Token) -> bool:
    """ "Despite pledging the opposite, NATO …": a speech verb in a prepositional aside, with
    no clause of what was said, is background to the sentence, not a statement."""
    return (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and token.head.lower_ in _BACKGROUND_PREPS
        and not any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
    )


def _phrasal_cue(
    token: Token, base: str, particles: frozenset[str], children: list[Token]
) -> str | None:
    """ "pointed out", "made clear", "voiced his concerns about": the verb with its particle.

    The particle is a child of the verb or, when the parser hangs it elsewhere ("made clear the
    one red line": "clear" on the noun), the word right after the verb. A noun particle may be
    the verb's object ("voiced his concerns about …", "traded accusations over …") when
    something hangs on it that says what was said. "pointed that …" (no particle) is a cue with
    its that-clause.
    """
    for child in children:
        if child.dep_ in ("prt", "prep", "acomp", "ccomp", "oprd") and child.lower_ in particles:
            return f"{token.text} {child.text}"
        if (
            child.dep_ == "dobj"
            and child.lower_ in particles
            and child.pos_ == "NOUN"
            and any(g.dep_ in ("prep", "acl", "ccomp", "relcl") for g in child.children)
        ):
            return f"{token.text} {child.text}"
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if (
        after is not None
        and after.lower_ in particles
        and after.pos_ in ("ADJ", "ADV", "ADP", "PART")
        and after.dep_ != "amod"
        and after.head.i >= token.i
    ):
        return f"{token.text} {after.text}"
    if base in lexicon.CLAUSE_PHRASAL_CUES and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in children
    ):
        return token.text
    return None


def _has_content(token: Token, quoted: bool) -> bool:
    if quoted and not _bare_time_clause(token):
        return True
    if _background_gerund(token):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in token.children):
        return False  # "they would have said …", "he may announce …": not said (yet)
    if any(c.dep_ == "advmod" and c.lower_ == "how" for c in token.children):
        return False  # "… out of touch with how people complain to the agency": a manner
    if lexicon.VERB_FORMS.get(token.lower_) in lexicon.CLAUSE_ONLY_CUES and not any(
        c.dep_ in ("ccomp", "xcomp") for c in token.children
    ):
        # "argued about the matter", "briefed the committee": no claim without a clause.
        return token.dep_ == "parataxis" or _inverted_after_clause(token)
    for child in token.children:
        if child.dep_ in _CONTENT_DEPS:
            return True
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS:
            return True
        if child.dep_ == "prt":
            return True
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return True  # "…, as Zelenskyy added, …": the main clause is what was said
    if _inverted_after_clause(token):
        return True  # "Talks failed, stated the minister.": the clause before is what was said
    if token.dep_ == "relcl" and _extracted_subject(token):
        return True  # "a move that analysts warned would fail": the relative clause is said
    if token.dep_ == "relcl" and token.head.lower_ in lexicon.ALLEGATION_NOUNS:
        return True  # "…, a claim the agency rejected": the claim is what it rejected
    return token.dep_ in ("parataxis", "ccomp") and token.head.i != token.i


def _inverted_after_clause(verb: Token) -> bool:
    """ "…, stated the minister." ending a sentence: the subject follows the verb, a comma
    precedes it, and words come before the comma."""
    doc = verb.doc
    if verb.i - 1 <= verb.sent.start or doc[verb.i - 1].text != ",":
        return False
    return any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children)


_RELATIVES = frozenset({"that", "which"})


def _extracted_subject(verb: Token) -> bool:
    """A relative clause whose relative pronoun is the subject of what the verb reports ("a
    move that analysts have warned would test …"): the verb has the pronoun and a subject of its
    own, and nothing else it could report."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVES]
    if not subjects or any(c.dep_ in _CONTENT_DEPS for c in verb.children):
        return False
    return any(
        c.lower_ in _RELATIVES and c.dep_ in ("nsubj", "mark") and c.i < subjects[0].i
        for c in verb.children
    )


def _noun_speaks(verb: Token) -> bool:
    """ "denied reports alleging that …", "amid claims saying …": a participle on a noun that
    is no one's object, or the object of a verb disputing it, has the noun as its speaker. The
    object of any other verb ("X issued a statement saying …") speaks for that verb's subject."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.pos_ != "NOUN":
        return False
    if noun.dep_ != "dobj":
        return noun.dep_ in ("pobj", "nsubj", "nsubjpass", "ROOT")
    return lexicon.VERB_FORMS.get(noun.head.lower_) in lexicon.DISPUTING_VERBS


def _quoted_as_saying(verb: Token) -> Token | None:
    """ "media cited unnamed sources as saying …", "quoted an aide as saying …": the object of
    the citing verb is the speaker of "saying"."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.i == prep.i:
        return None
    citing = prep.head
    if lexicon.VERB_FORMS.get(citing.lower_) not in lexicon.PASSIVE_SPEAKER_VERBS:
        return None
    objects = [c for c in citing.children if c.dep_ == "dobj"]
    return objects[0] if objects else None


def _subjects(token: Token) -> list[Token]:
    """The speaker heads of a cue verb, climbing to the clause that has a subject."""
    current = token
    for _ in range(4):
        subj = [
            c
            for c in current.children
            if c.dep_ == "nsubj"
            or (c.dep_ == "nsubjpass" and lexicon.VERB_FORMS.get(current.lower_) == "quote")
        ]
        if not subj:
            agents = [c for c in current.children if c.dep_ == "agent"]
            subj = [g for a in agents for g in a.children if g.dep_ == "pobj"]
        if len(subj) > 1:
            # "The governments of A and B each blamed …": a floating quantifier is no speaker.
            subj = [t for t in subj if t.lower_ not in _FLOATING] or subj
        if subj:
            # Two subjects (a parse of "X, who …, – Y said"): the one next to the verb.
            before = [t for t in subj if t.i < current.i]
            chosen = before[-1] if len(subj) > 1 and before else subj[0]
            return _with_conjuncts(_after_dash(chosen, current))
        if current.i == token.i:
            found = (
                _inverted_subject(current)
                or _subject_of_as_clause(current)
                or _subject_before_aside(current)
            )
            if found is not None:
                return _with_conjuncts(found)
        if current.dep_ not in _CLIMB_DEPS or current.head.i == current.i:
            return []
        if current.dep_ == "relcl":
            return _with_conjuncts(current.head)
        quoted = _quoted_as_saying(current)
        if quoted is not None:
            return _with_conjuncts(quoted)
        if _noun_speaks(current):
            return _with_conjuncts(current.head)
        if current.dep_ == "xcomp":
            # Object control: "prompted Medvedev to accuse …" → Medvedev.
            objects = [c for c in current.head.children if c.dep_ == "dobj"]
            if objects:
                return _with_conjuncts(objects[0])
        current = current.head
        if current.lower_ in _BLOCKING_FORMS:
            return []
    return []


_QUOTE_ENDS = frozenset({"”", '"', "’", "'"})


def _ends_right_before(head: Token, verb: Token) -> bool:
    """Whether nothing but punctuation and auxiliaries lies between ``head``'s phrase and
    ``verb``."""
    last = max(t.i for t in head.subtree)
    between = head.doc[last + 1 : verb.i]
    return all(
        t.is_punct or t.is_space or (t.dep_ == "aux" and t.head.i == verb.i) for t in between
    )


def _subject_of_as_clause(verb: Token) -> Token | None:
    """ "…, as Dmitry Peskov, a Kremlin spokesman, said: …": a parser may read "as X" as a
    prepositional phrase and leave the verb after it without a subject; X is the speaker."""
    for tok in verb.doc[verb.sent.start : verb.i]:
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ == "as"
            and tok.head.i < tok.i
            and tok.pos_ in ("PROPN", "NOUN")
            and _ends_right_before(tok, verb)
        ):
            return tok
    return None


def _subject_before_aside(verb: Token) -> Token | None:
    """ "X, asked about the incident, said …": a parser may make X the subject of the aside
    and leave the verb after it without one. X is the speaker when a comma follows it and one
    ends the aside right before the verb."""
    doc = verb.doc
    previous = verb.i - 1
    while previous > verb.sent.start and doc[previous].dep_ == "aux":
        previous -= 1
    if doc[previous].text != ",":
        return None
    for clause in verb.lefts:
        if clause.dep_ not in ("ccomp", "advcl"):
            continue
        for subj in clause.children:
            if (
                subj.dep_ in ("nsubj", "nsubjpass")
                and subj.i < clause.i
                and subj.i + 1 < len(doc)
                and doc[subj.i + 1].text == ","
                and subj.pos_ in ("PROPN", "NOUN")
            ):
                return subj
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """ "“…,” countered Aliyev.": after a quotation the speaker may follow the verb, and a
    parser may take it for the object; it is the speaker when it ends the clause."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is None or not (
        before.text in _QUOTE_ENDS
        or (before.text == "," and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children))
    ):
        return None
    for child in verb.rights:
        if child.dep_ not in ("dobj", "attr", "npadvmod", "oprd", "dative"):
            continue
        words = list(child.subtree)
        after = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
        if (
            child.pos_ in ("PROPN", "NOUN")
            and words[0].i == verb.i + 1
            and (after is None or after.is_punct or after.is_space)
        ):
            return child
        return None
    return None


def _after_dash(subject: Token, verb: Token) -> Token:
    """ "There is a man, X, who … – Vucic said": the parser hangs the speaker after the dash
    on the quoted clause's noun as an apposition; the speaker is the one next to the verb."""
    for child in subject.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and child.i < verb.i
            and verb.i - child.i <= 2
            and any(t.text in _DASHES for t in child.doc[subject.i : child.i])
        ):
            return child
    return subject


_DASHES = frozenset({"-", "–", "—", "--"})
# Quotations shorter than this are fragments of the reported clause when it contains them.
_SHORT_QUOTE_WORDS = 8


_FLOATING = frozenset({"each", "both", "all"})
# Plural heads naming one body per state or party ("the governments of A and B").
_PLURAL_BODIES = frozenset(
    {"governments", "leaders", "presidents", "ministers", "ministries", "delegations"}
    | {"militaries", "spokesmen", "armies"}
)


def _with_conjuncts(head: Token) -> list[Token]:
    owners = _owners_of_plural(head)
    if owners:
        return owners
    heads = [head]
    for tok in head.conjuncts:
        if tok.i > head.i and tok.pos_ in ("PROPN", "NOUN", "PRON"):
            heads.append(tok)
    return heads


def _owners_of_plural(head: Token) -> list[Token]:
    """ "the governments of A and B each blamed …": the states named, one speaker each."""
    if head.tag_ != "NNS" or head.lower_ not in _PLURAL_BODIES:
        return []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and obj.conjuncts:
                    return [obj, *(t for t in obj.conjuncts if t.pos_ == "PROPN")]
    return []


def speaker_heads(token: Token, cue: str) -> list[Token]:
    """The tokens naming the speaker(s) of a cue."""
    if cue == "according to":
        to = next(c for c in token.children if c.lower_ == "to")
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return _with_conjuncts(objs[0]) if objs else []
    if any(c.dep_ == "neg" for c in token.children):
        return []
    return _subjects(token)


class Attributor:
    """Runs the cue rules over one parsed article."""

    def __init__(
        self,
        doc: Doc,
        sentences: list[Sentence],
        quotes_by_paragraph: dict[int, list[Quote]],
        actors: ArticleActors,
        skip_paragraphs: set[int],
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.sentences = sentences
        self.quotes_by_paragraph = quotes_by_paragraph
        self.actors = actors
        self.skip = skip_paragraphs
        self.sentence_of: dict[int, Sentence] = {}
        for sent in sentences:
            for tok in sent.span:
                self.sentence_of[tok.i] = sent

    def run(self) -> list[Found]:
        """All statements of the article, in text order."""
        found: list[Found] = []
        for sent in self.sentences:
            if sent.paragraph in self.skip:
                continue
            found.extend(self._in_sentence(sent, found))
        found = self._merge(found)
        found.extend(self._continuations(found))
        found.sort(key=lambda f: (f.start, f.end))
        return found

    def _quotes(self, sent: Sentence) -> list[Quote]:
        return self.quotes_by_paragraph.get(sent.paragraph, [])

    def _in_quote(self, sent: Sentence, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self._quotes(sent))

    def _cues(self, sent: Sentence) -> list[tuple[Token, str, list[Token]]]:
        """Cue tokens of a sentence outside quotations, with their speaker heads."""
        cues: list[tuple[Token, str, list[Token]]] = []
        for token in sent.span:
            if self._in_quote(sent, token.idx):
                continue
            cue = cue_of(token)
            if cue is None:
                cue = self._speech_noun_cue(token, sent)
                heads = [c for c in token.children if c.dep_ == "poss"]
                if cue is None:
                    heads = _allegation_authors(token)
                    if not heads:
                        continue
                    cue = token.text
            else:
                heads = speaker_heads(token, cue)
            heads = [h for h in heads if not self._in_quote(sent, h.idx)]
            if heads:
                cues.append((token, cue, heads))
        return cues

    def _in_sentence(self, sent: Sentence, earlier: list[Found]) -> list[Found]:
        resolved: list[tuple[Token, str, list[tuple[Token, Speaker]]]] = []
        noted = len(self.actors.speakers)
        for token, cue, heads in self._cues(sent):
            attached = self._attached_quotes(sent, token)
            if (
                cue != "according to"
                and token.pos_ != "NOUN"  # a noun cue's content was checked when found
                and not _has_content(token, bool(attached))
            ):
                continue
            speakers = [(h, sp) for h in heads if (sp := self.actors.resolve(h)) is not None]
            if speakers:
                resolved.append((token, cue, speakers))
                # A pronoun later in the sentence may stand for this speaker ("X accused Y of
                # harassing vessels it said were …"); dropped cues are forgotten below.
                for head, speaker in speakers:
                    self.actors.note_speaker(head, speaker)
        del self.actors.speakers[noted:]
        results: list[Found] = []
        for token, cue, speakers in _drop_nested(resolved):
            attached = self._attached_quotes(sent, token)
            for head, speaker in speakers:
                self.actors.note_speaker(head, speaker)
                results.append(self._statement(sent, token, cue, speaker, attached))
        return results

    def _speech_noun_cue(self, token: Token, sent: Sentence) -> str | None:
        if token.lower_ not in lexicon.SPEECH_NOUNS:
            return None
        if not any(c.dep_ == "poss" for c in token.children):
            return None
        if not self._attached_quotes(sent, token):
            return None
        return token.text

    def _attached_quotes(self, sent: Sentence, cue: Token) -> list[Quote]:
        """Substantial quotations overlapping the cue's sentence (scare quotes left out)."""
        result = []
        for q in self._quotes(sent):
            if q.end <= sent.start or q.start >= sent.end:
                continue
            inner = q.inner(self.text)
            if len(inner.split()) >= _MIN_QUOTE_WORDS or inner.rstrip()[-1:] in ".!?,":
                result.append(q)
        return result

    def _sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < max(sent.end, sent.start + 1):
                return sent
        return None

    def _statement(
        self, sent: Sentence, cue: Token, cue_text: str, speaker: Speaker, quotes: list[Quote]
    ) -> Found:
        start, end = sent.start, sent.end
        for q in quotes:
            if q.start < start:
                first = self._sentence_at(q.start)
                if first is not None and first.paragraph == sent.paragraph:
                    start = min(start, first.start)
            if q.end > end:
                last = self._sentence_at(q.end - 1)
                if last is not None and last.paragraph == sent.paragraph:
                    end = max(end, last.end)
        quotes = list(quotes)
        if quotes and (
            all(q.end <= cue.idx for q in quotes) or self._attribution_after(quotes[-1], end)
        ):
            end, extra = self._split_quote_tail(sent, end)
            quotes.extend(extra)
        quoted = " ".join(q.inner(self.text) for q in quotes)
        content = quoted or _reported_content(cue)
        earlier = None if quotes else self._reported_before(sent, cue)
        if earlier is not None:
            start = earlier.start
            content = f"{self.text[earlier.start : earlier.end]} {content}"
        if quoted and len(quoted.split()) < _SHORT_QUOTE_WORDS:
            # A few quoted words inside reported speech ("said the Serin suffered only “scratched
            # paint”") are not the statement: the reported clause around them is.
            reported = _reported_content(cue)
            if quoted.strip(" ,.") in reported and len(reported.split()) > len(quoted.split()):
                content = reported
            elif all(q.end <= cue.idx for q in quotes):
                # "objected to the term “Zangezur corridor,” saying it runs counter to …": a
                # few quoted words before a cue with a reported clause of its own are a topic.
                content = _clause_after(cue) or content
        return Found(
            speaker=speaker,
            start=start,
            end=end,
            cues=[cue_text],
            content=content,
            direct=bool(quotes),
            paragraph=sent.paragraph,
            quotes=quotes,
        )

    def _reported_before(self, sent: Sentence, cue: Token) -> Sentence | None:
        """ "There are no limits. This idea has failed, stated the minister.": a reported clause
        ending in an inverted cue that opens on "this/that/these" goes back to the sentence it
        points to, the one before in the paragraph, when that one has no cue of its own."""
        first = next((t for t in sent.span if not t.is_space and not t.is_punct), None)
        if (
            first is None
            or first.lower_ not in ("this", "that", "these", "those")
            or not _inverted_after_clause(cue)
            or sent.index == 0
        ):
            return None
        previous = self.sentences[sent.index - 1]
        if previous.paragraph != sent.paragraph or previous.paragraph in self.skip:
            return None
        if self._cues(previous) or self._quotes_in(previous):
            return None
        return previous

    def _quotes_in(self, sent: Sentence) -> bool:
        return any(q.start < sent.end and q.end > sent.start for q in self._quotes(sent))

    def _words_outside(self, quote: Quote, paragraph: int) -> bool:
        """Whether paragraph ``paragraph`` has words outside its quotations."""
        start, end = self.sentences_bounds(paragraph)
        inside = self.quotes_by_paragraph.get(paragraph, [])
        return any(
            ch.isalpha() and not any(q.start <= i < q.end for q in inside)
            for i, ch in enumerate(self.text[start:end], start)
        )

    def sentences_bounds(self, paragraph: int) -> tuple[int, int]:
        """The first and last character of a paragraph's sentences."""
        sents = [s for s in self.sentences if s.paragraph == paragraph]
        return sents[0].start, sents[-1].end

    def _attribution_after(self, quote: Quote, end: int) -> bool:
        """ "He defended it: “X,” said the minister.": words follow the closed quotation in its
        sentence, so a quotation opening the next sentence goes on with it."""
        return (
            quote.closed
            and quote.end < end
            and any(c.isalpha() for c in self.text[quote.end : end])
        )

    def _split_quote_tail(self, sent: Sentence, end: int) -> tuple[int, list[Quote]]:
        """ "“X,” Peskov said. “Y.”": the quotation resumes after the cue's sentence."""
        extra: list[Quote] = []
        following = [s for s in self.sentences if s.paragraph == sent.paragraph and s.start >= end]
        for nxt in following:
            if self.text[nxt.start] not in OPENERS:
                break
            if any(cue_of(t) for t in nxt.span if not self._in_quote(nxt, t.idx)):
                break
            quote = next((q for q in self._quotes(nxt) if q.start == nxt.start), None)
            if quote is None:
                break
            extra.append(quote)
            last = self._sentence_at(quote.end - 1) or nxt
            end = max(nxt.end, last.end)
            break
        return end, extra

    def _merge(self, found: list[Found]) -> list[Found]:
        """One statement per speaker and span: same speaker, overlapping spans → one."""
        merged: list[Found] = []
        for item in sorted(found, key=lambda f: (f.start, f.end)):
            for other in merged:
                if (
                    other.speaker.actor.name == item.speaker.actor.name
                    and item.start < other.end
                    and other.start < item.end
                ):
                    other.start = min(other.start, item.start)
                    other.end = max(other.end, item.end)
                    for cue in item.cues:
                        if cue not in other.cues:
                            other.cues.append(cue)
                    other.direct = other.direct or item.direct
                    if item.direct and not other.quotes:
                        other.content = item.content
                    other.quotes.extend(item.quotes)
                    break
            else:
                merged.append(item)
        return merged

    def _continuations(self, found: list[Found]) -> list[Found]:
        """Quotations that go on in a new paragraph with no cue of their own."""
        by_paragraph: dict[int, list[Found]] = {}
        for item in found:
            by_paragraph.setdefault(item.paragraph, []).append(item)
        covered = {(f.start, f.end) for f in found}
        result: list[Found] = []
        paragraphs = sorted({s.paragraph for s in self.sentences})
        for par in paragraphs:
            if par in by_paragraph or par in self.skip:
                continue
            previous = by_paragraph.get(par - 1)
            if not previous:
                continue
            sents = [s for s in self.sentences if s.paragraph == par]
            if not sents or self.text[sents[0].start] not in (*OPENERS, SINGLE):
                continue
            if any(self._cues(s) for s in sents):
                continue
            quote = next((q for q in self.quotes_by_paragraph.get(par, [])), None)
            if quote is None or quote.start != sents[0].start:
                continue
            if not previous[-1].direct and self._words_outside(quote, par):
                # After reported speech only a paragraph that is all quotation goes on with it:
                # "“…,” shouted a dock worker." names a speaker with a verb we do not know.
                continue
            last = self._sentence_at(quote.end - 1) or sents[-1]
            end = last.end if last.paragraph == par else sents[-1].end
            if (sents[0].start, end) in covered:
                continue
            item = Found(
                speaker=previous[-1].speaker,
                start=sents[0].start,
                end=end,
                cues=["continued"],
                content=quote.inner(self.text),
                direct=True,
                paragraph=par,
                quotes=[quote],
            )
            by_paragraph[par] = [item]
            result.append(item)
        return result


def _drop_nested(cues: list[_Cue]) -> list[_Cue]:
    """Keep the outer cue of a reported clause ("Peskov said Putin agrees …" is Peskov's), except
    that a relay ("…, Interfax reports", "according to RIA" on a cue with its own speaker) gives
    way to the cue it relays, and a trailing "…, X said" keeps the cues before it."""
    tokens = {tok.i: cue for tok, cue, _speakers in cues}
    dropped: set[int] = set()
    for tok, cue, _speakers in cues:
        nearest = True
        for ancestor in tok.ancestors:
            if ancestor.i not in tokens:
                continue
            if nearest and cue == "according to":
                dropped.add(tok.i)
            elif nearest and lexicon.VERB_FORMS.get(ancestor.lower_) in lexicon.RELAY_VERBS:
                dropped.add(ancestor.i)
            elif (
                tok.i > ancestor.i
                and tokens[ancestor.i] != "according to"
                and _inside_reported_clause(tok, ancestor)
            ):
                # Also through a cue in between ("X stated that Y confirmed … and called …").
                dropped.add(tok.i)
            else:
                nearest = False
                continue
            break
    return [c for c in cues if c[0].i not in dropped]


def _inside_reported_clause(token: Token, ancestor: Token) -> bool:
    """Whether ``token`` sits in what ``ancestor`` reports ("Peskov said Putin agrees …"), not in
    a coordinate clause ("…, and Warsaw said") or a relative one ("…, which Berlin denied")."""
    current = token
    reported = False
    while current.i != ancestor.i and current.head.i != current.i:
        if current.dep_ == "relcl":
            return False
        if current.dep_ in ("ccomp", "xcomp"):
            reported = True
        current = current.head
    return reported


def _allegation_authors(noun: Token) -> list[Token]:
    """ "denied claims made by the movement that it had attacked …", "accusations by X that
    …": an allegation noun with its author after "by" and a that-clause saying what was
    alleged gives the author as a speaker (an empty list otherwise)."""
    if noun.pos_ != "NOUN" or noun.lower_ not in lexicon.ALLEGATION_NOUNS:
        return []
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    authors = [
        obj
        for holder in holders
        for prep in holder.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ == "by"
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    if not authors or _allegation_clause(noun) is None:
        return []
    return _with_conjuncts(authors[0])


def _allegation_clause(noun: Token) -> Token | None:
    """The that-clause of an allegation noun, hung on the noun or on its "made by" participle."""
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ in ("acl", "ccomp", "relcl") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
            ):
                return clause
    return None


def _reported_content(cue: Token) -> str:
    """The reported clause: the cue's clausal complement, or what follows the cue.

    For "according to X" it is the sentence without that phrase, before or after it.
    """
    if cue.lower_ == "according":
        return _around_according(cue)
    clause = _allegation_clause(cue) if cue.pos_ == "NOUN" else None
    if clause is not None:
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
        return cue.doc[words[0].i : words[-1].i + 1].text
    particles = lexicon.PHRASAL_CUES.get(lexicon.VERB_FORMS.get(cue.lower_, ""), frozenset())
    after = cue.doc[cue.i + 1] if cue.i + 1 < cue.sent.end else None
    if (
        after is not None
        and after.lower_ in particles
        and after.pos_ == "ADJ"
        and after.dep_ != "amod"
    ):
        # "made clear the one red line he would not let anyone cross": all that follows.
        return cue.doc[after.i + 1 : cue.sent.end].text.strip(" ,.")
    if _inverted_after_clause(cue):
        return cue.doc[cue.sent.start : cue.i - 1].text.strip(" ,")
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp"):
            words = list(child.subtree)
            last = words[-1].i
            for conj in cue.children:
                if _reported_conjunct(conj, child):
                    last = max(last, max(t.i for t in conj.subtree))
            return cue.doc[words[0].i : last + 1].text
    sent = cue.sent
    if cue.i + 1 < sent.end:
        return cue.doc[cue.i + 1 : sent.end].text.strip(" ,.")
    return sent.text


def _clause_after(cue: Token) -> str | None:
    """The cue's clausal complement when it follows the cue and has a subject and a few words
    (``_MIN_CLAUSE_WORDS``), else None."""
    for child in cue.children:
        if child.dep_ != "ccomp" or child.i < cue.i:
            continue
        words = list(child.subtree)
        if words[0].i <= cue.i or len(words) < _MIN_CLAUSE_WORDS:
            return None
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children):
            return None
        last = words[-1].i
        for conj in cue.children:
            if _reported_conjunct(conj, child):
                last = max(last, max(t.i for t in conj.subtree))
        return cue.doc[words[0].i : last + 1].text
    return None


_MIN_CLAUSE_WORDS = 4


def _reported_conjunct(conj: Token, clause: Token) -> bool:
    """ "X said that A, and when …, B": a clause joined to the cue verb after its reported
    clause, with a subject of its own and no cue, goes on with what was said."""
    return (
        conj.dep_ == "conj"
        and conj.i > clause.i
        and conj.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
        and cue_of(conj) is None
        and not any(cue_of(t) for t in conj.subtree)
    )


def _around_according(cue: Token) -> str:
    """The sentence around an "according to X" phrase: "Levels were normal, according to X."."""
    sent = cue.sent
    last = cue.i
    for to in cue.children:
        if to.lower_ == "to":
            last = max(last, max(t.i for t in to.subtree))
    before = cue.doc[sent.start : cue.i].text.strip(" ,;:–—-")
    after = cue.doc[last + 1 : sent.end].text.strip(" ,.;:–—-")
    content = " ".join(part for part in (before, after) if part)
    return content.strip(" ,.") or sent.text
