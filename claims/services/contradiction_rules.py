"""Pure rules that say whether two statements dispute each other, and why (no database).

Similarity does not separate contradiction from agreement, so every rule needs a polarity cue:
a denial against the allegation it answers, a negation that flips a predicate the other side
asserts, numbers that disagree about the same thing, blame for one event put on different
parties, a red line said to be crossed against one said not to exist, and opposing framings
(a build-up against "merely repositioning", "routine" against "provocative"). ``judge`` scores
the strongest rule by how related the two statements are, and its evidence names the rule and
the words that set it off; a small bonus for how closely the two are tied (one story, close dates,
shared names, a reply to the other) ranks the pairs that pass, so the best-founded ones win a
claim's few places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from claims.services.similarity import STOPWORDS, stem

# Entries kept per memoised rule function. A suggestion run meets a few hundred candidate sides;
# 2,048 keep a few articles' worth. Every entry holds a side's text (or the Side) and its words,
# so 8,192 in each of the eleven caches grew a worker by ~80 MB over its first thousands of
# articles (measured with redline/bench).
_CACHED = 2048


def _ordered(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _set(text: str) -> frozenset[str]:
    return frozenset(_ordered(text))


# Words that dismiss what someone else said. "merely" and "only" play down rather than deny,
# so they count only together with a framing rule (see FRAMINGS).
DENIAL_CUES = _set(
    """deny denies denied denying denial denials reject rejects rejected rejecting dismiss
    dismisses dismissed dismissing refute refutes refuted rebut rebuts rebutted
    false falsely falsehood baseless groundless
    unfounded nonsense lie lies lying fake fabricated fabrication fabrications hysteria
    hysterical propaganda disinformation misinformation absurd ridiculous untrue illogical
    slander slanderous defamatory misrepresentation misrepresentations myth rumours rumors
    speculation countered"""
)
# Words that deny only as the verb of attribution: "disputed waters" disputes nothing.
DENIAL_VERBS = DENIAL_CUES | _set("dispute disputes disputed contest contests contested")
# Phrases of denial that are made of ordinary words.
DENIAL_PHRASES = (
    "no truth",
    "not true",
    "no basis",
    "no evidence",
    "nothing to do with",
    "had no role",
    "has no role",
    "no involvement",
    "not involved",
    "disagree with",
    "wrong place",
    "not responsible",
    "categorically",
)
ACCUSATION_CUES = _set(
    """accuse accuses accused accusing accusation accusations allege alleges alleged
    allegedly allegation allegations blame blames blamed blaming responsible responsibility
    culprit guilty faulted"""
)
NEGATIONS = _set(
    """not no never none nobody nothing neither nor cannot can't won't isn't aren't wasn't
    weren't don't doesn't didn't hasn't haven't hadn't n't"""
)
# "not only", "no longer" and the like do not deny what follows.
_NOT_A_DENIAL = frozenset({"only", "just", "merely", "longer", "doubt", "less", "later"})

# Different words for the same event or quantity, so that "hurt" meets "injured" and "shelled"
# meets "fired on". Keys and members are stems (see ``similarity.stem``).
_CONCEPTS: dict[str, tuple[str, ...]] = {
    "injure": ("hurt", "injure", "injuri", "injury", "wound", "wounde", "casual"),
    "kill": ("kill", "killed", "killin", "dead", "death", "deaths", "die", "died", "dying"),
    "reduce": (
        "cut",
        "cuts",
        "reduce",
        "reduci",
        "reduct",
        "lower",
        "lowere",
        "decrea",
        "drop",
        "droppe",
        "fall",
        "fallen",
        "fell",
        "declin",
        "shrink",
        "shrank",
    ),
    "increase": (
        "rise",
        "rose",
        "risen",
        "rising",
        "increa",
        "grow",
        "grew",
        "growin",
        "soar",
        "soared",
        "surge",
        "surged",
        "spike",
        "jump",
        "jumped",
        "double",
        "triple",
        "treble",
    ),
    "intrude": (
        "enter",
        "entere",
        "enteri",
        "cross",
        "crosse",
        "crossi",
        "intrud",
        "intrus",
        "incurs",
        "violat",
        "invade",
        "invaded",
        "invasi",
        "transg",
    ),
    "attack": (
        "attack",
        "strike",
        "struck",
        "strikes",
        "hit",
        "fire",
        "fired",
        "firing",
        "shell",
        "shelle",
        "bomb",
        "bombed",
        "bombin",
        "missil",
        "drone",
        "drones",
    ),
    "destroy": (
        "blow",
        "blew",
        "blown",
        "blowin",
        "destro",
        "sabota",
        "detona",
        "explos",
        "explod",
        "breach",
    ),
    "collide": ("ram", "rammed", "rammin", "collis", "collid"),
    "contaminate": ("contam", "pollut", "toxic", "toxin"),
    "carry": ("carry", "carrie", "ship", "shipme", "consig", "transp", "deliver", "forwar"),
}
_CONCEPT_OF = {stem(m): concept for concept, members in _CONCEPTS.items() for m in members}


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in text.split())


# Pairs of framings that cannot both describe one thing.
FRAMINGS: tuple[tuple[str, frozenset[str], str, frozenset[str]], ...] = (
    (
        "a build-up",
        _stems("buildup build-up building massing massed concentration reinforcing amassing"),
        "a withdrawal or repositioning",
        _stems("withdrawal withdrawing withdrew repositioning pulling pullback retreat drawdown"),
    ),
    (
        "a rise",
        _stems("increase increased rise rose risen rising surge spike tripled doubled"),
        "normal levels",
        _stems("normal unchanged stable"),
    ),
    (
        "hostile intent",
        _stems(
            "provocation provocative provoke intimidate illegal illegally unlawful aggression "
            "aggressive harassing harassment invaded invasion violated violation threatening "
            "dangerous"
        ),
        "a routine or lawful act",
        _stems(
            "routine lawful lawfully legal legitimate humanitarian peaceful defensive permitted "
            "safely stability"
        ),
    ),
    (
        "something artificial",
        _stems("artificial synthetic"),
        "something natural",
        _stems("natural"),
    ),
)

_CLAUSE_BREAK = re.compile(r"[.;:!?,()\[\]“”\"—–]+|\s-\s|\b(?:but|while|whereas|although)\b")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(
    r"(?<![\w.:])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w:]|\.\d)\s*(%|percent\b|per cent\b)?"
)
_NUMBER_WORDS = {
    word: float(value)
    for value, word in enumerate(
        _ordered(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0, "dozen": 12.0}
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "hundred": 1e2}
_HEDGES = frozenset({"more", "over", "almost", "nearly", "about", "around", "up", "least", "some"})
_UNIT_SKIP = STOPWORDS | frozenset(_MULTIPLIERS) | _HEDGES | {"than", "per", "cent", "percent"}


@dataclass(frozen=True, slots=True)
class Side:
    """What the rules need to know about one statement.

    ``text`` is everything known about it (content and sentences); ``content`` is what the
    speaker said, when known apart from the sentence (it keeps the speaker's name out of the
    parties a statement blames); ``cues`` are the verbs that attributed it ("denied");
    ``names`` are parties the caller knows it names beyond what ``parties`` finds (a known
    actor's name opening a sentence: "Marsk artillery fired"); ``speaker_words`` are the words
    of the speaker's name (``name_words``), so that a reply naming the speaker is seen as one;
    ``speaker_parties`` are the parties its name, aliases and role name (``speaker_parties``:
    "Ukrainian President" is Ukraine's), so that blame put on the speaker's side is seen as such;
    ``speaker_role`` are the keys of the speaker's role (``role_keys``), so that "the president
    of Azerbaijan" is seen to name the Azerbaijani President.
    """

    speaker_id: int | None
    text: str
    kind: str
    red_line: bool
    article_ids: frozenset[int]
    content: str = ""
    cues: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    speaker_words: frozenset[str] = frozenset()
    speaker_parties: frozenset[str] = frozenset()
    speaker_role: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Verdict:
    """A contradiction score in 0-1, the rule that fired, and the evidence an editor reads.

    ``base`` is the score before the ranking bonus (thresholds apply to it, so the bonus orders
    suggestions without letting more of them through).
    """

    score: float
    evidence: str
    rule: str = ""
    base: float = 0.0


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's finding: its strength in 0-1 and what set it off."""

    rule: str
    strength: float
    evidence: str


@lru_cache(maxsize=_CACHED)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold().replace("’", "'") for w in _WORD.findall(text))


def words(text: str) -> list[str]:
    """Lower-cased word tokens with curly apostrophes made straight."""
    return list(_words(text))


def concept(word: str) -> str:
    """The stem of a word, or the shared name of its concept ("hurt" and "injured": injure);
    a plural meets its singular ("claims" and "claim")."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    s = stem(word)
    return _CONCEPT_OF.get(s, s)


def _content(ws: Iterable[str]) -> set[str]:
    return {concept(w) for w in ws if w not in STOPWORDS and w not in NEGATIONS and len(w) > 2}


@lru_cache(maxsize=_CACHED)
def topic_words(text: str) -> frozenset[str]:
    """Content concepts of a text: no stop words, no negations, synonyms folded."""
    return frozenset(_content(words(text)))


@lru_cache(maxsize=_CACHED)
def clauses(text: str) -> tuple[list[str], ...]:
    """The text cut at punctuation and contrastive conjunctions, each piece as word tokens."""
    return tuple(ws for piece in _CLAUSE_BREAK.split(text) if (ws := words(piece)))


def _negation_at(ws: list[str]) -> int | None:
    for i, w in enumerate(ws):
        if (w in NEGATIONS or w.endswith("n't")) and (
            i + 1 >= len(ws) or ws[i + 1] not in (_NOT_A_DENIAL)
        ):
            return i
    return None


@lru_cache(maxsize=_CACHED)
def negated_scopes(text: str) -> tuple[frozenset[str], ...]:
    """For each clause with a negation, the content concepts from the negation onwards."""
    scopes = []
    for ws in clauses(text):
        at = _negation_at(ws)
        if at is not None:
            scope = frozenset(_content(ws[at + 1 :]))
            if scope:
                scopes.append(scope)
    return tuple(scopes)


@lru_cache(maxsize=_CACHED)
def affirmed_words(text: str) -> frozenset[str]:
    """Content concepts of the clauses that carry no negation."""
    found: set[str] = set()
    for ws in clauses(text):
        if _negation_at(ws) is None:
            found |= _content(ws)
    return frozenset(found)


@lru_cache(maxsize=_CACHED)
def is_negated(text: str) -> bool:
    """Whether some clause of the text is negated."""
    return any(_negation_at(ws) is not None for ws in clauses(text))


@lru_cache(maxsize=_CACHED)
def denial_cues(side: Side) -> tuple[str, ...]:
    """The words that make the statement a denial or dismissal (empty when it is none).

    The cue verb ("denied"), or dismissive words in the text when the statement is not itself an
    accusation (an accuser may speak of "fake accounts spreading lies").
    """
    found = {w for cue in side.cues for w in words(cue)} & DENIAL_VERBS
    lowered = side.text.casefold().replace("’", "'")
    accuses = side.kind == "accusation" or bool(
        {w for cue in side.cues for w in words(cue)} & ACCUSATION_CUES
    )
    if not accuses:
        found |= set(words(lowered)) & DENIAL_CUES
        found |= {p for p in DENIAL_PHRASES if p in lowered}
    if not found and side.kind == "denial":
        found = {"(kind: denial)"}
    return tuple(sorted(found))


@lru_cache(maxsize=_CACHED)
def allegation_cues(side: Side) -> tuple[str, ...]:
    """The words that make the statement an accusation (empty when it is none)."""
    found = sorted(set(words(side.text)) & ACCUSATION_CUES)
    if not found and side.kind == "accusation":
        found = ["(kind: accusation)"]
    return tuple(found)


def _said(side: Side) -> str:
    return side.content or side.text


_CAPITALISED = re.compile(r"\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;“\"‘(]\s*)$")
# A capitalised word opening a sentence names someone only when it reads as a people's name.
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i)$")
_NOT_NAMES = _set(
    """all every some many most any each both monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october
    november december"""
)


# Capitals and seats of government stand for their countries in news ("Moscow denied", "the
# Kyiv regime"); keys as ``parties`` makes them.
_SEATS = {
    "mosc": "russ", "krem": "russ", "kyiv": "ukra", "kiev": "ukra", "beij": "chin",
    "mani": "phil", "fili": "phil", "taip": "taiw", "pyon": "nort", "tehr": "iran",
    "anka": "turk", "baku": "azer", "yere": "arme", "pris": "koso", "belg": "serb",
    "delh": "indi", "isla": "paki", "mins": "bela", "tbil": "geor", "berl": "germ",
    "toky": "japa", "riya": "saud", "dama": "syri", "cara": "vene", "hava": "cuba",
    "wars": "pola", "viln": "lith", "riga": "latv", "tall": "esto", "hano": "viet",
    "kabu": "afgh", "bagh": "iraq", "cair": "egyp", "chis": "mold", "buda": "hung",
}  # fmt: skip


def _party_spans(text: str) -> list[tuple[int, str]]:
    """Where each party is named in the text, and its key."""
    found = []
    for match in _CAPITALISED.finditer(text):
        word = match.group(1).casefold().replace("’", "'").removesuffix("'s")
        if word in STOPWORDS or word in NEGATIONS or word in _NOT_NAMES or len(word) < 3:
            continue
        opens = _SENTENCE_START.search(text[: match.start()]) is not None
        if opens and not _DEMONYM.search(word):
            continue
        found.append((match.start(), _SEATS.get(word[:4], word[:4])))
    return found


@lru_cache(maxsize=_CACHED)
def parties(text: str) -> frozenset[str]:
    """Names in the text (capitalised words), demonyms and capitals folded to the country.

    "Russian" and "Russia", "Chinese" and "China" meet on their first four letters; "Moscow"
    and "the Kremlin" are Russia's.
    """
    return frozenset(key for _, key in _party_spans(text))


def accused(side: Side) -> str:
    """The party a statement names first, which is whom its blame falls on ("accused Marland
    of ...", "Dorvan artillery shelled ..."); empty when it names none."""
    said = _said(side)
    found = _party_spans(said)
    for match in _CAPITALISED.finditer(said):
        key = match.group(1).casefold()[:4]
        if key in side.names:
            found.append((match.start(), _SEATS.get(key, key)))
    return min(found)[1] if found else ""


# Titles in a role ("Defence Minister") name no party.
_TITLES = _set(
    """president minister prime spokesman spokesperson spokeswoman secretary general chief head
    deputy director ambassador foreign defence defense affairs office press senior official
    adviser advisor chairman commander"""
)


def _key(word: str) -> str:
    key = word.casefold()[:4]
    return _SEATS.get(key, key)


def role_keys(role: str) -> frozenset[str]:
    """The role's words as four-letter keys, demonyms and capitals folded ("Azerbaijani
    President": azer, pres)."""
    return frozenset(_key(w) for w in words(role) if w not in STOPWORDS and len(w) > 2)


def speaker_parties(name: str, role: str = "", aliases: Iterable[str] = ()) -> frozenset[str]:
    """Parties a speaker stands for: the names in its name, aliases and role, titles aside."""
    found = set()
    for text in (name, role, *aliases):
        for match in _CAPITALISED.finditer(text):
            word = match.group(1).casefold().replace("’", "'").removesuffix("'s")
            if word in STOPWORDS or word in _TITLES or word in _NOT_NAMES or len(word) < 3:
                continue
            found.add(_SEATS.get(word[:4], word[:4]))
    return frozenset(found)


def opening_names(text: str, known: frozenset[str]) -> frozenset[str]:
    """Known names (as ``parties`` keys them) that open a sentence of the text."""
    found = set()
    for match in _CAPITALISED.finditer(text):
        key = match.group(1).casefold()[:4]
        if key in known and _SENTENCE_START.search(text[: match.start()]) is not None:
            found.add(key)
    return frozenset(found)


@lru_cache(maxsize=_CACHED)
def numbers(text: str) -> dict[str, float]:
    """Counts and percentages keyed by the noun after them ("3 sailors", "three sailors")."""
    found: dict[str, float] = {}
    lowered = text.casefold().replace("’", "'")
    ws = words(lowered)
    values: list[tuple[int, float, bool]] = []  # word index, value, is a percentage
    digit_at = {m.start(): m for m in _NUMBER.finditer(lowered)}
    for index, match in enumerate(_WORD.finditer(lowered)):
        word = match.group(0)
        m = digit_at.get(match.start())
        if m is not None:
            try:
                value = float(m.group(1).replace(",", ""))
            except ValueError:
                value = None
            if value is not None and not (1900 <= value <= 2100 and not m.group(2)):
                values.append((index, value, bool(m.group(2))))
        elif word in _NUMBER_WORDS:
            values.append((index, _NUMBER_WORDS[word], False))
    for at, value, percent in values:
        tail = ws[at + 1 : at + 5]
        for word in tail:
            if word in _MULTIPLIERS:
                value *= _MULTIPLIERS[word]
                continue
            if word in ("percent", "%") or percent:
                found.setdefault("%", value)
                break
            if word in _UNIT_SKIP or word in _NUMBER_WORDS or not word.isalpha():
                continue
            found.setdefault(stem(word), value)
            break
    return found


def _overlap_words(a: Side, b: Side) -> frozenset[str]:
    return topic_words(a.text) & topic_words(b.text)


def _either_way(
    rule: Callable[[Side, Side], Finding | None],
) -> Callable[[Side, Side], Finding | None]:
    def both(a: Side, b: Side) -> Finding | None:
        return rule(a, b) or rule(b, a)

    return both


# Content words a dismissal may have beside its cues and still say nothing of its own topic
# ("this hysteria is whipped up", "denied all allegations").
_GENERIC_WORDS = 2
_CUE_CONCEPTS = frozenset(concept(w) for w in DENIAL_CUES | ACCUSATION_CUES)


def about_denier(denier: Side, other: Side) -> frozenset[str]:
    """The parties the denier's speaker stands for that the other side, in one of the denier's
    articles, says something about while not standing for them itself ("Russian troops massed",
    answered by the Kremlin): what is said there is said about the denier."""
    if not denier.article_ids & other.article_ids:
        return frozenset()
    return (denier.speaker_parties & parties(_said(other))) - other.speaker_parties


def _is_generic(denier: Side) -> bool:
    """Whether a dismissal names no topic of its own beyond its cues ("all lies")."""
    own = topic_words(_said(denier)) - _CUE_CONCEPTS
    names = parties(_said(denier))
    return len({w for w in own if w[:4] not in names}) <= _GENERIC_WORDS


def answers_about(denier: Side, other: Side) -> frozenset[str]:
    """What a denial answers about its own side in the other statement: the parties (see
    ``about_denier``) when the denial is generic or shares a topic word with it; empty when it
    does not, or the other side is itself a denial."""
    if not denial_cues(denier) or denial_cues(other):
        return frozenset()
    about = about_denier(denier, other)
    if not about:
        return frozenset()
    # A shared name ("Moscow") is who it is about, not what: a topic word must be more.
    names = parties(_said(denier)) | parties(_said(other)) | about
    topic = {w for w in _overlap_words(denier, other) if _key(w) not in names}
    return about if topic or _is_generic(denier) or _subject_of(other, about) else frozenset()


# Words before a clause's subject ("that the Marlish crew ..."), and how far into it it may be.
_LEADING = frozenset({"that", "the", "a", "an", "its", "their"})
_SUBJECT_WORDS = 2


def _subject_of(side: Side, about: frozenset[str]) -> bool:
    """Whether what the side said opens with one of these parties as its subject ("the Marlish
    crew chose not to"), not one named in passing ("drills with Marland")."""
    ws = [w for w in words(_said(side))[:6] if w not in _LEADING]
    return any(_key(w) in about for w in ws[:_SUBJECT_WORDS])


@_either_way
def denial_against_allegation(denier: Side, other: Side) -> Finding | None:
    """One side denies or dismisses; the other accuses, asserts something on the same topic, or
    says something about the denier's side in the denier's article (a generic dismissal like
    "this is hysteria" answers what is said there about its side)."""
    cues = denial_cues(denier)
    if not cues or denial_cues(other):
        return None
    shared = sorted(_overlap_words(denier, other))
    alleged = allegation_cues(other)
    strength = 0.6
    if not alleged and other.kind in {"assertion", "warning", "announcement"}:
        answered = answers_about(denier, other)
        if answered:
            alleged = (f"(about {', '.join(sorted(answered))})",)
        elif len(shared) >= 3:
            alleged, strength = (f"(kind: {other.kind})",), 0.5
    if not alleged:
        return None
    about = f"; shared: {', '.join(shared[:6])}" if shared else ""
    return Finding(
        "denial",
        strength,
        f"denial ({', '.join(cues[:3])}) against an allegation ({', '.join(alleged[:3])}){about}",
    )


@_either_way
def negation_flip(negated: Side, other: Side) -> Finding | None:
    """One side negates a predicate the other side affirms ("did not enter" / "flew into")."""
    affirmed = affirmed_words(_said(other)) or affirmed_words(other.text)
    other_negated = set().union(*negated_scopes(other.text)) if is_negated(other.text) else set()
    for scope in negated_scopes(_said(negated)):
        flipped = (scope & affirmed) - other_negated
        names = parties(_said(negated)) | parties(_said(other))
        # A shared name alone ("German") is a topic, not a predicate that is flipped.
        predicates = {w for w in flipped if w[:4] not in names}
        if len(predicates) >= 2 or (
            predicates and len(flipped) >= 2 and len(_overlap_words(negated, other)) >= 3
        ):
            return Finding(
                "negation",
                0.6,
                f"negation flips what the other affirms: {', '.join(sorted(flipped)[:6])}",
            )
    return None


def numbers_disagree(a: Side, b: Side) -> Finding | None:
    """Numbers about the same noun that differ by a fifth or more, in what the two said (the
    sentences around it count sources too: "two people familiar with the matter")."""
    na, nb = numbers(_said(a)), numbers(_said(b))
    for key in sorted(na.keys() & nb.keys()):
        low, high = sorted((na[key], nb[key]))
        if high > 0 and (high - low) / high >= 0.2:
            return Finding(
                "numbers", 0.65, f"numbers disagree on {key!r}: {na[key]:g} vs {nb[key]:g}"
            )
    return None


# Events that put blame on whoever a statement says did them.
_HARMS = frozenset({"injure", "kill", "intrude", "attack", "destroy", "collide", "contaminate"})


def _blames(side: Side) -> bool:
    """An accusation, or a statement that a named party did harm ("Chinese soldiers tried to
    transgress the line")."""
    cue_words = {w for cue in side.cues for w in words(cue)}
    if side.kind == "accusation" or (cue_words | set(words(side.text))) & ACCUSATION_CUES:
        return True
    said = _said(side)
    return bool(topic_words(said) & _HARMS) and bool(parties(said) | side.names)


def blame_shift(a: Side, b: Side) -> Finding | None:
    """Both blame someone, and they name different parties: for the same kind of event, or in
    one story without a shared event word ("all responsibility lies with Kyiv"). Two speakers
    who each blame the other's side dispute each other whatever else they name."""
    if not (_blames(a) and _blames(b)) or denial_cues(a) or denial_cues(b):
        return None  # a denial is the denial rule's business
    pa, pb = parties(_said(a)) | a.names, parties(_said(b)) | b.names
    only_a, only_b = pa - pb, pb - pa
    blamed_a, blamed_b = accused(a), accused(b)
    if blamed_a and blamed_b and blamed_a != blamed_b:
        if blamed_a in b.speaker_parties and blamed_b in a.speaker_parties:
            return Finding("blame", 0.6, f"each blames the other's side: {blamed_a} vs {blamed_b}")
        if blamed_a in b.speaker_parties or blamed_b in a.speaker_parties:
            # One blames the other's speaker, who blames someone else: blame sent back.
            only_a, only_b = frozenset({blamed_a}), frozenset({blamed_b})
    if not only_a or not only_b:
        return None
    against = f"{', '.join(sorted(only_a))} vs {', '.join(sorted(only_b))}"
    event = sorted(topic_words(_said(a)) & topic_words(_said(b)) & set(_CONCEPTS))
    if not event:
        return Finding("blame", 0.5, f"blame on different parties: {against}")
    same = f"blame for the same event ({', '.join(event)}) on different parties"
    return Finding("blame", 0.55, f"{same}: {against}")


_NO_RED_LINE = re.compile(
    r"\b(?:no|not|never|nor|without)\W+(?:\w+\W+){0,4}?red[- ]lines?\b"
    r"|\bred[- ]lines?\W+(?:was|were|is|are|has|have|had)\W*(?:not|never|n't)\b",
    re.IGNORECASE,
)


def denies_red_line(text: str) -> bool:
    """Whether the text says there is no red line, or that it was not crossed."""
    return _NO_RED_LINE.search(text.replace("’", "'")) is not None


def red_line_polarity(a: Side, b: Side) -> Finding | None:
    """Both speak of a red line; one says it holds or was crossed, the other that there is none."""
    if not (a.red_line and b.red_line):
        return None
    if denies_red_line(_said(a)) != denies_red_line(_said(b)):
        return Finding(
            "red line", 0.65, "one says a red line holds or was crossed, the other that it was not"
        )
    return None


@lru_cache(maxsize=_CACHED)
def _framing_stems(text: str) -> frozenset[str]:
    """Stems of the words not under a negation ("no artificial ingredients" frames nothing as
    artificial)."""
    found = set()
    for ws in clauses(text):
        at = _negation_at(ws)
        found |= {stem(w) for w in (ws if at is None else ws[:at])}
    return frozenset(found)


def opposing_framings(a: Side, b: Side) -> Finding | None:
    """One describes a thing as X, the other as its opposite (a build-up vs a withdrawal)."""
    sa, sb = _framing_stems(a.text), _framing_stems(b.text)
    for left_name, left, right_name, right in FRAMINGS:
        for one, two in ((sa, sb), (sb, sa)):
            hit_left, hit_right = one & left, two & right
            if hit_left and hit_right and not (two & left) and not (one & right):
                return Finding(
                    "framing",
                    0.55,
                    f"{left_name} ({', '.join(sorted(hit_left))}) against {right_name} "
                    f"({', '.join(sorted(hit_right))})",
                )
    return None


RULES: tuple[Callable[[Side, Side], Finding | None], ...] = (
    denial_against_allegation,
    negation_flip,
    numbers_disagree,
    blame_shift,
    red_line_polarity,
    opposing_framings,
)
# Rules that stand for the same speaker too: a speaker's own figures can disagree.
SAME_SPEAKER_RULES = frozenset({"numbers"})


def name_words(name: str) -> frozenset[str]:
    """The words of a speaker's name that a reply would use ("the lawsuit", "Tiffany")."""
    return frozenset(w for w in words(name) if w not in STOPWORDS and len(w) > 3)


def _names_role(role: frozenset[str], text: str) -> bool:
    """Whether the text names the role: all its keys, or all but one of three or more."""
    if len(role) < 2:
        return False
    found = len(role & {_key(w) for w in words(text)})
    return found >= (len(role) if len(role) == 2 else len(role) - 1)


def addresses(a: Side, b: Side) -> bool:
    """Whether one side's content names the other side's speaker, by name or role (a reply)."""
    return (
        bool(a.speaker_words & set(words(_said(b))))
        or bool(b.speaker_words & set(words(_said(a))))
        or _names_role(a.speaker_role, _said(b))
        or _names_role(b.speaker_role, _said(a))
    )


def addresses_side(a: Side, b: Side) -> bool:
    """Whether one side's content names the party the other side's speaker stands for ("Chinese
    disinformation" against China's coast guard): weaker than naming the speaker."""
    return bool(a.speaker_parties & parties(_said(b))) or bool(
        b.speaker_parties & parties(_said(a))
    )


def shared_names(a: Side, b: Side) -> float:
    """0-1: the share of the fewer names (parties, places) that both statements name."""
    pa, pb = parties(_said(a)) | a.names, parties(_said(b)) | b.names
    if not pa or not pb:
        return 0.0
    return len(pa & pb) / min(len(pa), len(pb))


def lexical_relatedness(a: Side, b: Side) -> float:
    """0-1: how much of the smaller statement's content the other shares."""
    wa, wb = topic_words(a.text), topic_words(b.text)
    if not wa or not wb:
        return 0.0
    shared = len(wa & wb)
    if shared < 2:
        return 0.0
    return min(1.0, shared / min(len(wa), len(wb)) * 1.5)


def findings(a: Side, b: Side) -> list[Finding]:
    """Every rule that fires on the pair, strongest first."""
    same_speaker = a.speaker_id is not None and a.speaker_id == b.speaker_id
    found = [f for rule in RULES if (f := rule(a, b)) is not None]
    if same_speaker:
        found = [f for f in found if f.rule in SAME_SPEAKER_RULES]
    return sorted(found, key=lambda f: -f.strength)


# The most the ranking bonus adds: enough to order pairs of one rule, not to outweigh a rule.
RANK_BONUS = 0.1


def judge(
    a: Side, b: Side, related: float | None = None, closeness: float | None = None
) -> Verdict | None:
    """Score a pair of statements; None when no rule fires or they are not on one topic.

    ``related`` (0-1) is how closely the two are on one topic, from whatever the caller knows
    (the same article, sentence vectors); lexical overlap is used when it is higher.
    ``closeness`` (0-1) is how closely they are tied to one event (one story, close dates); the
    ranking bonus weighs it with shared names and a reply to the other speaker.
    """
    topic = max(related or 0.0, lexical_relatedness(a, b))
    if a.article_ids & b.article_ids:
        # One article mostly tells one story: its statements are related a priori.
        topic = min(1.0, topic + 0.3)
    other_speaker = a.speaker_id != b.speaker_id
    reply = 0.0
    if other_speaker and (addresses(a, b) or answers_about(a, b) or answers_about(b, a)):
        # "The lawsuit is based on false information": a statement about the other speaker; a
        # denial of what the other said about the denier's side is a reply too.
        reply = 1.0
    elif other_speaker and addresses_side(a, b):
        reply = 0.5
    topic = min(1.0, topic + 0.3 * reply)
    if topic < 0.3:
        return None
    found = findings(a, b)
    if not found:
        return None
    best = found[0]
    base = min(1.0, best.strength * (0.55 + 0.45 * topic) + 0.05 * (len(found) - 1))
    if closeness is None:
        closeness = 1.0 if a.article_ids & b.article_ids else topic
    names = shared_names(a, b)
    tie = 0.6 * closeness + 0.2 * names + 0.2 * reply
    evidence = "; ".join(f"{f.rule}: {f.evidence}" for f in found)
    evidence += f" (closeness {closeness:.2f}, shared names {names:.2f}, reply {reply:g})"
    score = min(1.0, base + RANK_BONUS * tie)
    return Verdict(round(score, 4), evidence, best.rule, round(base, 4))
