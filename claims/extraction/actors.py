"""Who a statement's speaker is, within one article.

Rules, in the order they apply:

- **Names**: a person's canonical name is the fullest form the article uses ("Peskov" →
  "Dmitry Peskov"); leading titles are stripped into the role ("Kremlin spokesman Dmitry Peskov"
  → "Dmitry Peskov", role "Kremlin spokesman"). A surname spelt slightly differently ("Pesko",
  "Pesokv") is folded into the known name when its Jaro-Winkler similarity (rapidfuzz, ×100)
  reaches ``fuzzy_threshold`` (the service passes ``REDLINE_ACTOR_FUZZY_THRESHOLD``) and the two
  start with the same letter.
- **Descriptions**: "the Kremlin spokesman", "Putin's spokesman", "the press secretary of the
  President" resolve to the person the article names with that role; a description that no named
  person fits stays a description. An indefinite or plural description ("a Kremlin source",
  "officials", "two people familiar with the matter") is an anonymous source, named by the
  description itself.
- **Pronouns**: "he"/"she" resolve to the last speaker named earlier in the paragraph, else the
  last person named outside quotations earlier in the paragraph, else the same in the previous
  paragraph; "it"/"they" to the last organisation, state or group that spoke in the paragraph or
  the one before. An unresolved pronoun gives no statement.
- **Metonymy**: "the Kremlin", "Moscow", "Washington", "the White House" are actors of their own
  (an organisation or a country), never resolved to a person; only a sentence that names the
  person ("Peskov told reporters") attributes the statement to that person.
- **Kinds**: spaCy's PERSON → person, ORG → organization, GPE → country (capitals spoken of as
  governments included), NORP → group; plural descriptions → group; institution nouns
  ("ministry", "government") → organization.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler
from spacy.tokens import Doc, Span, Token

from claims.extraction import lexicon
from claims.extraction.quotes import Quote, inside
from claims.extraction.types import ActorKind, ActorRef

DEFAULT_FUZZY_THRESHOLD = 85.0


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: the actor and whether the text keeps the source anonymous."""

    actor: ActorRef
    anonymous: bool = False


@dataclass(slots=True)
class _Person:
    name: str
    forms: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _PersonMention:
    offset: int
    paragraph: int
    name: str
    is_subject: bool


def clean_name(text: str) -> str:
    """A name as a key: possessive and punctuation trimmed, spaces normalised."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = " ".join(text.split())
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(" ,;:()[]\"“”‘’'")


def phrase(tokens: list[Token]) -> str:
    """Tokens joined as the text spells them (no space before "’s"), words only at the edges."""
    text = "".join(t.text_with_ws for t in sorted(tokens, key=lambda t: t.i))
    return clean_name(text.lstrip("•-–—*· "))


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def normalise_role(role: str) -> str:
    """A role's head word with synonyms folded ("press secretary" → "spokesman")."""
    role = role.lower()
    for phrase, canonical in lexicon.ROLE_SYNONYMS.items():
        if " " in phrase and phrase in role:
            return canonical
    words = [w.strip(",.'’") for w in role.split()]
    for word in reversed(words):
        if word in lexicon.ROLE_NOUNS or word in lexicon.ROLE_SYNONYMS:
            return lexicon.ROLE_SYNONYMS.get(word, word)
    return words[-1] if words else ""


class ArticleActors:
    """The people, organisations and states one article names, and how to resolve a speaker."""

    def __init__(
        self,
        doc: Doc,
        quotes: list[Quote],
        paragraph_of: dict[int, int],
        fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
    ) -> None:
        self.doc = doc
        # doc.ents builds new spans on every access: read them once.
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        self.quotes = quotes
        self.paragraph_of = paragraph_of
        self.fuzzy_threshold = fuzzy_threshold
        self.persons: dict[str, _Person] = {}
        self.others: dict[str, ActorRef] = {}
        self.mentions: list[_PersonMention] = []
        self.speakers: list[tuple[int, int, Speaker]] = []
        self.acronyms = _acronyms(doc)
        self.labels = _label_votes(doc)
        # "the Russian corporation Rosatom" makes "the corporation" mean Rosatom later on.
        self.described: dict[str, Speaker] = {}
        self._collect_persons()

    # --- building the article's person list ---------------------------------------------

    def _collect_persons(self) -> None:
        found: list[tuple[Span, str, str]] = []
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            name, title = self._split_title(ent)
            if not name or not any(ch.isupper() for ch in name):
                continue
            role = " ".join(p for p in (self._role_before(ent), title) if p)
            role = role or self._role_in_apposition(ent)
            found.append((ent, name, role))
        covered = {t.i for ent, _n, _r in found for t in ent}
        found.extend(self._titled_names(covered))
        # Fullest forms first, so shorter ones fold into them.
        for _ent, name, _role in sorted(found, key=lambda f: -len(f[1].split())):
            canonical = self._match_person(name) or name
            person = self.persons.setdefault(canonical, _Person(canonical))
            person.forms.add(name)
        for ent, name, role in found:
            canonical = self._match_person(name) or name
            person = self.persons[canonical]
            if role and role not in person.roles:
                person.roles.append(role)
            self.mentions.append(
                _PersonMention(
                    ent.start_char,
                    self.paragraph_of.get(ent.start, -1),
                    canonical,
                    ent.root.dep_ in ("nsubj", "nsubjpass")
                    and not inside(self.quotes, ent.start_char),
                )
            )

    def _titled_names(self, covered: set[int]) -> list[tuple[Span, str, str]]:
        """Names the tagger missed but a title marks as a person: "Chancellor Olaf Scholz",
        "Foreign Minister Solvik" (the tagger may call them ORG or GPE, or nothing)."""
        found: list[tuple[Span, str, str]] = []
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not (tok.is_title and tok.lower_.strip(".") in lexicon.TITLE_WORDS):
                i += 1
                continue
            start = i
            while i < len(doc) and doc[i].is_title and _is_title_word(doc[i]):
                i += 1
            end = i
            while end < len(doc) and end - i < 4 and _name_word(doc[end]):
                end += 1
            if (
                end > i
                and not covered.intersection(range(i, end))
                and not self._is_named_thing(doc[i:end])
            ):
                title = clean_name(doc[start:i].text)
                found.append((doc[i:end], clean_name(doc[i:end].text), title))
            i = max(end, start + 1)
        return found

    def _is_named_thing(self, span: Span) -> bool:
        """A title word before an institution or place, not a person ("General Staff")."""
        words = {t.lower_ for t in span}
        if words & (lexicon.INSTITUTION_NOUNS | lexicon.GROUP_NOUNS | _COMMON_NOUNS):
            return True
        name = clean_name(span.text)
        if self.labels.get(name) in ("GPE", "NORP") and name.lower() in _DEMONYM_STATES:
            return True
        return name.lower() in lexicon.INSTITUTION_NAMES or name.lower() in _DEMONYM_STATES

    def _split_title(self, ent: Span) -> tuple[str, str]:
        words = clean_name(ent.text).split()
        title: list[str] = []
        while len(words) > 1 and words[0].lower().strip(".") in lexicon.TITLE_WORDS:
            title.append(words.pop(0))
        return " ".join(words), " ".join(title)

    def _role_before(self, ent: Span) -> str:
        """Title words in front of a name ("Kremlin spokesman", "Putin's spokesman")."""
        i = ent.start - 1
        words: list[str] = []
        while i >= 0:
            tok = self.doc[i]
            if tok.is_space:
                i -= 1
                continue
            if (
                tok.dep_ in ("compound", "amod", "poss", "case", "nmod")
                and tok.head.i >= i
                and (tok.head.i < ent.end)
            ):
                words.insert(0, tok.text_with_ws)
                i -= 1
                continue
            break
        role = clean_name("".join(words).lstrip("•-–—*· "))
        return role if any(normalise_role(role) == r for r in self._role_heads(role)) else ""

    @staticmethod
    def _role_heads(role: str) -> list[str]:
        words = [w.lower().strip(",.'’") for w in role.split()]
        return [lexicon.ROLE_SYNONYMS.get(w, w) for w in words if w in lexicon.ROLE_NOUNS]

    def _role_in_apposition(self, ent: Span) -> str:
        """ "Dmitry Peskov, the Kremlin spokesman," → "Kremlin spokesman"."""
        for child in ent.root.children:
            if child.dep_ == "appos" and child.lower_ in lexicon.ROLE_NOUNS:
                words = [t.text for t in child.subtree if t.dep_ not in ("det", "punct")]
                return " ".join(words)
        head = ent.root.head
        if ent.root.dep_ == "appos" and head.lower_ in lexicon.ROLE_NOUNS:
            return " ".join(
                t.text for t in head.subtree if t.i < ent.start and t.dep_ not in ("det", "punct")
            )
        return self._role_before_comma(ent)

    def _role_before_comma(self, ent: Span) -> str:
        """ "the President of Azerbaijan, Ilham Aliyev": a parser may hang the name on the
        country (apposition) or on the title (conjunct); the role runs up to the comma."""
        if ent.root.dep_ not in ("appos", "conj") or ent.start == 0:
            return ""
        if self.doc[ent.start - 1].text != ",":
            return ""
        noun = ent.root.head
        for _ in range(3):
            if noun.lower_ in lexicon.ROLE_NOUNS and noun.i < ent.start:
                break
            if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
                return ""
            noun = noun.head.head
        else:
            return ""
        start = min([t.i for t in noun.lefts if t.dep_ in ("compound", "amod")] + [noun.i])
        words = [t.text for t in self.doc[start : ent.start - 1] if not t.is_punct]
        if any(t.dep_ == "cc" for t in self.doc[noun.i : ent.start]):
            return ""
        return " ".join(words)

    def _match_person(self, name: str, *, first_names: bool = True) -> str | None:
        """The known person a name refers to: same words, same surname, or a close spelling."""
        if name in self.persons:
            return name
        words = name.split()
        last = words[-1].lower()
        best: tuple[float, str] | None = None
        for canonical in self.persons:
            cwords = canonical.split()
            if len(cwords) < len(words):
                continue
            if [w.lower() for w in cwords[-len(words) :]] == [w.lower() for w in words]:
                return canonical
            clast = cwords[-1].lower()
            if len(last) >= 4 and clast[:1] == last[:1]:
                score = JaroWinkler.normalized_similarity(last, clast) * 100
                if score >= self.fuzzy_threshold and (best is None or score > best[0]):
                    best = (score, canonical)
        if best is None and first_names and len(words) == 1:
            # A lone first name ("Vladimir") or a surname written first ("Mr Koo" for
            # "Koo Byoungsam"): the one full name that starts with it.
            starting = [c for c in self.persons if c.split()[0].lower() == last and " " in c]
            if len(starting) == 1:
                return starting[0]
        return best[1] if best else None

    # --- resolving a speaker --------------------------------------------------------------

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker a subject (or "according to" object) names, or None if it names none."""
        lower = head.lower_
        if lower in _RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            antecedent = self._antecedent(head.head.head)
            return self.resolve(antecedent) if antecedent is not None else None
        if lower in ("latter", "former") and any(c.lower_ == "the" for c in head.children):
            return self._former_or_latter(head)
        whole = _partitive_whole(head)
        if whole is not None:
            # "one of the officials said", "two of them said": the group the part belongs to.
            speaker = self.resolve(whole)
            if speaker is None or speaker.actor.kind == "person":
                return speaker
            return Speaker(speaker.actor, True)
        if head.pos_ == "PRON" or lower in lexicon.PERSON_PRONOUNS | lexicon.NONPERSON_PRONOUNS:
            return self._resolve_pronoun(head)
        ent = self._entity_of(head)
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP") and head.i == ent.root.i:
            person = self._appositive_person(head)
            if person is not None:
                return person
        if ent is not None and not _only_role_words(ent):
            return self._from_entity(ent, head)
        if _looks_like_name(head):
            return self._from_proper_noun(head)
        known = self._known_surname(head)
        if known is not None:
            return known
        return self._from_description(head)

    def _known_surname(self, head: Token) -> Speaker | None:
        """A capitalised word the tagger took for a common noun ("Sarles says …") that is the
        surname of a person the article names."""
        lower = head.lower_
        if (
            not head.text[:1].isupper()
            or head.pos_ != "NOUN"
            or lower in _DESCRIPTION_WORDS
            or lower.rstrip("s") in _DESCRIPTION_WORDS
        ):
            return None
        for canonical in self.persons:
            if " " in canonical and canonical.split()[-1].lower() == lower:
                return Speaker(self._person_ref(canonical))
        return None

    def _antecedent(self, noun: Token) -> Token | None:
        """What a relative clause is about. A parser may hang it on the time phrase after the
        speaker ("the Kremlin on Monday, which confirmed …"): then the name before that phrase."""
        if noun.ent_type_ not in ("DATE", "TIME"):
            return noun
        i = noun.i
        while i >= noun.sent.start and (
            self.doc[i].ent_type_ in ("DATE", "TIME")
            or self.doc[i].dep_ in ("prep", "punct", "det")
            or self.doc[i].is_space
        ):
            i -= 1
        if i < noun.sent.start:
            return None
        ent = self._entity_of(self.doc[i])
        return ent.root if ent is not None else None

    def _appositive_person(self, head: Token) -> Speaker | None:
        """An organisation with the person who speaks for it in apposition ("the intelligence
        directorate, Andriy Usov, denied …"): the sentence names the person, who is the speaker."""
        for child in head.children:
            ent = self._entity_of(child) if child.dep_ == "appos" else None
            if ent is not None and ent.label_ == "PERSON":
                return self._from_entity(ent, ent.root)
        return None

    def _entity_of(self, head: Token) -> Span | None:
        if head.ent_type_ in lexicon.ENTITY_KINDS:
            for ent in self.ents:
                if ent.start <= head.i < ent.end:
                    return ent
        return None

    def _from_entity(self, ent: Span, head: Token) -> Speaker | None:
        if ent.label_ != "PERSON" and head.i == ent.root.i:
            # The tagger may call a person an ORG or GPE in one sentence: the article decides.
            name, _title = self._split_title(ent)
            if self.labels.get(name) == "PERSON" or (
                ent.label_ in ("ORG", "GPE")
                and self._match_person(name, first_names=False) is not None
            ):
                canonical = self._match_person(name) or name
                return Speaker(self._person_ref(canonical))
        if ent.label_ == "PERSON":
            name, _title = self._split_title(ent)
            canonical = self._match_person(name) or name
            return Speaker(self._person_ref(canonical))
        if ent.label_ == "NORP":
            # "Russian officials": the nationality modifies a group noun.
            if head.i != ent.root.i or head.lower_ in lexicon.GROUP_NOUNS:
                return self._from_description(head)
            state = lexicon.DEMONYMS.get(_strip_article(clean_name(ent.text)).lower())
            if state:
                return Speaker(self._other(state, "country"))
            return Speaker(self._other(_strip_article(clean_name(ent.text)), "group"))
        if head.i != ent.root.i and head.lower_ in lexicon.ROLE_NOUNS | lexicon.GROUP_NOUNS:
            return self._from_description(head)
        name = _strip_article(clean_name(ent.text))
        name = self.acronyms.get(name, name)
        kind = lexicon.INSTITUTION_NAMES.get(name.lower()) or lexicon.ENTITY_KINDS[ent.label_]
        owners = [c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start]
        if owners and kind == "organization":
            # "Russia's Defence Ministry": the owner belongs to the name.
            name = phrase([*owners[0].subtree, *ent])
        elif kind == "organization" and (owner := self._capitalised_owner(ent)) is not None:
            name = phrase([*owner, self.doc[ent.start - 1], *ent])
        return Speaker(self._other(name, kind))

    def _capitalised_owner(self, ent: Span) -> Span | None:
        """The proper name before an organisation's name with a possessive the parser took
        for a name word ("CHINA'S Coast Guard" in a capitalised lead), or None."""
        if ent.start < 2 or self.doc[ent.start - 1].lower_ not in ("'s", "’s"):
            return None
        start = ent.start - 1
        while (
            start > 0
            and ent.start - 1 - start < 3
            and self.doc[start - 1].pos_ == "PROPN"
            and self.doc[start - 1].text[:1].isupper()
        ):
            start -= 1
        return self.doc[start : ent.start - 1] if start < ent.start - 1 else None

    def _from_proper_noun(self, head: Token) -> Speaker | None:
        words = _name_tokens(head)
        name = phrase(words)
        if len(words) == 1 and any(c.lower_ == "the" for c in head.children):
            # "the North" for "North Korea", named so elsewhere in the article.
            fuller = self._entity_starting_with(head)
            if fuller is not None:
                return fuller
        key = _strip_article(name).lower()
        if key in lexicon.INSTITUTION_NAMES:
            return Speaker(self._other(_strip_article(name), lexicon.INSTITUTION_NAMES[key]))
        if head.lower_ in lexicon.INSTITUTION_NOUNS:
            return Speaker(self._other(_strip_article(name), "organization"))
        # "Mayor Ines Corra" is the Ines Corra the article names (titles are no part of names).
        untitled = _without_titles(name)
        canonical = self._match_person(name) or (
            self._match_person(untitled) if untitled != name and " " in untitled else None
        )
        if canonical:
            return Speaker(self._person_ref(canonical))
        label = self.labels.get(_strip_article(name))
        if label in lexicon.ENTITY_KINDS and label != "PERSON":
            return Speaker(self._other(_strip_article(name), lexicon.ENTITY_KINDS[label]))
        bare = _without_titles(name, roles=True)
        if len(bare.split()) < 2:
            bare = name  # "General Staff" is no "Staff"
        if len(bare.split()) <= 3 and bare[:1].isupper():
            # A name the tagger missed, with its title words left out ("General Counsel X Y").
            self.persons.setdefault(bare, _Person(bare, {bare}))
            return Speaker(self._person_ref(bare))
        return None

    def _from_description(self, head: Token) -> Speaker | None:
        lower = head.lower_
        left = _left_phrase(head)
        modifiers = [t for t in left if t.dep_ not in ("det", "punct", "predet") or _joins_word(t)]
        right = [t for t in head.subtree if t.i > head.i]
        determiners = {t.lower_ for t in left if t.dep_ in ("det", "nummod", "amod", "predet")}
        indefinite = bool(determiners & lexicon.ANONYMOUS_MARKERS)
        # The article stays in the name of a description, as the text writes it ("the port
        # authority"): the description is not a name.
        article = [t for t in left[:1] if t.dep_ == "det" and t.lower_ in _ARTICLES]
        short = phrase([*modifiers, head])
        full = phrase([*article, *modifiers, head, *right]) if len(right) <= 8 else short
        written = phrase([*article, *modifiers, head, *_short_complement(head)])
        named = self._named_inside(head)
        if named is not None:
            return named
        if lower in lexicon.ROLE_NOUNS or lower in lexicon.ROLE_SYNONYMS:
            if lower != "source":
                person = self._person_with_role(head, strict=indefinite)
                if person is None and not indefinite:
                    person = self._unnamed_aide(head)
                if person:
                    return Speaker(self._person_ref(person))
                key = _strip_article(short).lower()
                if key in lexicon.INSTITUTION_NAMES:
                    return Speaker(self._other(short, lexicon.INSTITUTION_NAMES[key]))
            anonymous = indefinite or lower == "source"
            return Speaker(self._other(full, "person"), anonymous)
        if (
            lower in lexicon.GROUP_NOUNS
            or lower.rstrip("s") in lexicon.GROUP_NOUNS
            or (
                head.tag_ == "NNS"
                and _singular(lower)
                in lexicon.INSTITUTION_NOUNS | lexicon.DOCUMENT_NOUNS | lexicon.ROLE_NOUNS
            )
        ):
            # "officials", "shipping companies": a group of unnamed speakers.
            return Speaker(self._other(_strip_article(full), "group"), True)
        if lower in lexicon.INSTITUTION_NOUNS or lower in lexicon.DOCUMENT_NOUNS:
            key = _strip_article(short).lower()
            if key in lexicon.INSTITUTION_NAMES:
                return Speaker(self._other(short, lexicon.INSTITUTION_NAMES[key]))
            definite = "the" in determiners | {t.lower_ for t in left}
            if modifiers and definite and lower in lexicon.INSTITUTION_NOUNS:
                # "the safety office" → the "International Atomic Safety Office" named earlier.
                named = self._organisation_named([*modifiers, head], head)
                if named is not None:
                    return named
            if modifiers == [] and definite:
                earlier = self._last_organisation(head)
                if earlier is not None:
                    return earlier
            owned = self._owned_by_pronoun(head, written)
            if owned is not None:
                return owned
            return Speaker(self._other(written, "organization"))
        key = _strip_article(short).lower()
        if key in lexicon.INSTITUTION_NAMES:
            return Speaker(self._other(_strip_article(short), lexicon.INSTITUTION_NAMES[key]))
        return None

    def _entity_starting_with(self, head: Token) -> Speaker | None:
        for ent in self.ents:
            if (
                ent.label_ in ("GPE", "ORG")
                and not ent.start <= head.i < ent.end
                and len(ent) > 1
                and ent[0].text == head.text
            ):
                return self._from_entity(ent, ent.root)
        return None

    def _named_inside(self, head: Token) -> Speaker | None:
        """A description that carries its name: "the Russian corporation Rosatom" (apposition),
        "the Reuters report" (a document's author), "the head of the agency, Jane Roe,"."""
        if head.lower_ in lexicon.ROLE_NOUNS:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ != "of":
                    continue
                for obj in prep.children:
                    for appos in obj.children:
                        ent = self._entity_of(appos)
                        if appos.dep_ == "appos" and ent is not None and ent.label_ == "PERSON":
                            return self._from_entity(ent, ent.root)
        for child in head.children:
            ent = self._entity_of(child)
            if (
                ent is None
                and child.dep_ == "appos"
                and child.pos_ == "PROPN"
                and head.lower_ in lexicon.INSTITUTION_NOUNS
                and child.text[:1].isupper()
            ):
                # "the state nuclear agency Rosatom", the name not tagged as an entity.
                named = Speaker(self._other(phrase(_name_tokens(child)), "organization"))
                self.described[head.lower_] = named
                return named
            if ent is None or ent.label_ not in ("PERSON", "ORG"):
                continue
            if child.dep_ == "appos" or (
                child.dep_ in ("compound", "poss") and head.lower_ in lexicon.DOCUMENT_NOUNS
            ):
                speaker = self._from_entity(ent, ent.root)
                if speaker is not None and child.dep_ == "appos":
                    self.described[head.lower_] = speaker
                return speaker
        if head.lower_ in lexicon.DOCUMENT_NOUNS:
            return self._document_author(head)
        return None

    def _document_author(self, head: Token) -> Speaker | None:
        """ "an investigation by the newsroom X reported …", "Sarles' apology suggested …": a
        document or speech noun speaks for its author, after "by" or as its owner."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                authors = [c for c in child.children if c.dep_ == "pobj"]
                if authors:
                    return self.resolve(authors[0])
            owner = child.dep_ == "poss" or (
                # "Sarles’ apology": a parser may read the possessive as a modifier.
                child.dep_ == "nmod" and any(g.dep_ == "case" for g in child.children)
            )
            if owner and child.pos_ in ("PROPN", "NOUN", "PRON"):
                if child.lower_ in ("its", "their"):
                    continue
                return self.resolve(child)
        return None

    def _person_with_role(self, head: Token, strict: bool = False) -> str | None:
        """The named person whose role matches a description ("Putin's spokesman"); ``strict``
        (an indefinite description) also needs a qualifier of the description in the role."""
        words = [t for t in head.subtree if t.i <= head.i] or [head]
        wanted = normalise_role(phrase(words))
        # A role named by a phrase that runs past its head ("the head of state"): the phrase's
        # words are the role, not qualifiers of it.
        whole = phrase(list(head.subtree)).lower()
        titled = next((p for p in _PHRASE_ROLES if p in whole.split(",")[0]), None)
        if titled is not None:
            wanted = lexicon.ROLE_SYNONYMS[titled]
        owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        qualifiers = {
            t.lower_
            for t in head.subtree
            if t.i != head.i
            and t.i not in owners
            and t.pos_ in ("PROPN", "ADJ", "NOUN")
            and t.lower_ not in lexicon.ROLE_NOUNS | {"press", "former", "top", "senior"}
            and not (titled and t.lower_ in titled.split())
        }
        owner = {
            clean_name(phrase(list(c.subtree))).lower()
            for c in head.children
            if c.dep_ == "poss" and c.pos_ == "PROPN"
        }
        candidates = [
            p
            for p in self.persons.values()
            if any(normalise_role(r) == wanted and _owners_agree(owner, r) for r in p.roles)
        ]
        if not candidates:
            return None

        def overlap(person: _Person) -> int:
            text = " ".join(person.roles).lower()
            words = [w.strip(",.'’") for w in text.split()]
            return sum(1 for q in qualifiers if q in text or any(_same_stem(q, w) for w in words))

        best = max(candidates, key=overlap)
        if (
            (strict or qualifiers)
            and overlap(best) == 0
            and not (not strict and len(candidates) == 1 and self._bare_title(best, head, owners))
        ):
            # "the Azerbaijani president" is not the article's Russian president.
            return None
        return best.name

    @staticmethod
    def _bare_title(person: _Person, head: Token, owners: set[int]) -> bool:
        """The person's roles are bare titles ("Minister Ana Ruiz") and the description adds
        only common words to its own ("the water minister"): nothing in either disagrees. A
        capitalised qualifier ("the Azerbaijani president") names a country or body, which a
        bare title cannot confirm."""
        proper = any(
            t.text[:1].isupper()
            for t in head.subtree
            if t.i < head.i and t.i not in owners and t.dep_ not in ("det", "punct")
        )
        bare = all(
            all(w.lower().strip(".") in lexicon.TITLE_WORDS for w in role.split())
            for role in person.roles
        )
        return bare and not proper

    def _owned_by_pronoun(self, head: Token, written: str) -> Speaker | None:
        """ "Its foreign ministry said": the institution of the state or organisation "its"
        stands for (the one that last spoke in the paragraph or the one before), named with it
        ("Halvik's foreign ministry"), so that it is the body other articles name in full."""
        pronouns = [c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
        if len(pronouns) != 1 or not written.lower().startswith(pronouns[0].lower_ + " "):
            return None
        owner = self._last_body_speaking(pronouns[0])
        if owner is None or owner.anonymous or owner.actor.kind not in ("country", "organization"):
            return None
        rest = written.split(" ", 1)[1]
        return Speaker(self._other(f"{owner.actor.name}'s {rest}", "organization"))

    def _last_body_speaking(self, head: Token) -> Speaker | None:
        """The last speaker other than a person before ``head``, in its paragraph or the one
        before: what "it" or "its" there stands for."""
        paragraph = self.paragraph_of.get(head.i, -1)
        for par in (paragraph, paragraph - 1):
            spoken = [
                s
                for start, p, s in self.speakers
                if p == par and start < head.idx and s.actor.kind != "person"
            ]
            if spoken:
                return spoken[-1]
        return None

    def _unnamed_aide(self, head: Token) -> str | None:
        """A person described by a role of another named person ("Putin's spokesman") that no
        named person's role fits: the one other person the article names as the subject of a
        clause and gives no role ("… Putin's spokesman said. … Dmitry Peskov pointed out …").
        None when the owner is no person of the article, or two such people are named."""
        owners = [
            clean_name(phrase(list(c.subtree)))
            for c in head.children
            if c.dep_ == "poss" and c.pos_ == "PROPN"
        ]
        owner = self._match_person(_without_titles(owners[0])) if len(owners) == 1 else None
        if owner is None:
            return None
        speaking = {m.name for m in self.mentions if m.is_subject}
        fits = [
            p.name
            for p in self.persons.values()
            if p.name != owner and not p.roles and p.name in speaking
        ]
        return fits[0] if len(fits) == 1 else None

    def _resolve_pronoun(self, head: Token) -> Speaker | None:
        lower = head.lower_
        paragraph = self.paragraph_of.get(head.i, -1)
        offset = head.idx
        if lower in lexicon.PERSON_PRONOUNS:
            for par in (paragraph, paragraph - 1):
                spoken = [
                    s
                    for start, p, s in self.speakers
                    if p == par and start < offset and s.actor.kind == "person"
                ]
                if spoken:
                    return spoken[-1]
                named = [m for m in self.mentions if m.paragraph == par and m.offset < offset]
                outside = [m for m in named if not inside(self.quotes, m.offset)]
                subjects = [m for m in outside if m.is_subject]
                if subjects:
                    return Speaker(self._person_ref(subjects[-1].name))
            earlier = [s for start, _p, s in self.speakers if start < offset]
            for speaker in reversed(earlier):
                if speaker.actor.kind == "person":
                    return speaker
            named = [m for m in self.mentions if m.offset < offset and m.is_subject]
            if named:
                return Speaker(self._person_ref(named[-1].name))
            # No one has spoken or acted yet: the person last named in the paragraph ("… the
            # message from President X. “…,” he said").
            here = [
                m
                for m in self.mentions
                if m.paragraph == paragraph
                and m.offset < offset
                and not inside(self.quotes, m.offset)
            ]
            return Speaker(self._person_ref(here[-1].name)) if here else None
        if lower in lexicon.NONPERSON_PRONOUNS:
            for par in (paragraph, paragraph - 1):
                spoken = [
                    s
                    for start, p, s in self.speakers
                    if p == par and start < offset and s.actor.kind != "person"
                ]
                if spoken:
                    return spoken[-1]
            if lower == "they":
                return self._group_named_before(head)
        return None

    def _former_or_latter(self, head: Token) -> Speaker | None:
        """ "X met Y. The latter said …": the last person named before (the former: the one
        named before that), in the paragraph or the one before, outside quotations."""
        paragraph = self.paragraph_of.get(head.i, -1)
        names: list[str] = []
        for mention in sorted(self.mentions, key=lambda m: m.offset):
            if (
                mention.offset < head.idx
                and paragraph - 1 <= mention.paragraph <= paragraph
                and not inside(self.quotes, mention.offset)
            ):
                if mention.name in names:
                    names.remove(mention.name)
                names.append(mention.name)
        wanted = 1 if head.lower_ == "latter" else 2
        if len(names) < wanted:
            return None
        return Speaker(self._person_ref(names[-wanted]))

    def _group_named_before(self, head: Token) -> Speaker | None:
        """ "… the arguments made by senior officials. They told reporters …": with no speaker
        to stand for, "they" is the last group of people named in its paragraph or the one
        before (outside quotations)."""
        paragraph = self.paragraph_of.get(head.i, -1)
        for tok in reversed(self.doc[: head.i]):
            where = self.paragraph_of.get(tok.i)
            if where is None:
                continue
            if where < paragraph - 1:
                break
            if (
                tok.tag_ == "NNS"
                and tok.lower_ in lexicon.GROUP_NOUNS
                and not inside(self.quotes, tok.idx)
            ):
                found = self._from_description(tok)
                return Speaker(found.actor, True) if found is not None else None
        return None

    def _organisation_named(self, words: list[Token], head: Token) -> Speaker | None:
        """The organisation whose name holds every word of a description, the nearest one
        named before it (else the first after), or None."""
        wanted = {t.lower_ for t in words if t.is_alpha}
        before: list[Span] = []
        after: list[Span] = []
        for ent in self.ents:
            if ent.label_ != "ORG" or ent.start <= head.i < ent.end:
                continue
            names = {t.lower_ for t in ent if t.is_alpha}
            if wanted < names:
                (before if ent.end <= head.i else after).append(ent)
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is None:
            return None
        return self._from_entity(chosen, chosen.root)

    def _last_organisation(self, head: Token) -> Speaker | None:
        """ "the company said": the organisation the article described so, else the one that last
        spoke with that word in its name, else the one named with it, else the one that last
        spoke, else the last one named."""
        if head.lower_ in self.described:
            return self.described[head.lower_]
        spoken = [s for start, _p, s in self.speakers if start < head.idx]
        for speaker in reversed(spoken):
            if (
                speaker.actor.kind == "organization"
                and not speaker.anonymous
                and head.lower_ in speaker.actor.name.lower().split()
            ):
                return speaker
        if head.lower_ not in lexicon.INSTITUTION_NOUNS:
            # "the lawsuit", "the report" speak for themselves, not for the last organisation.
            return None
        holding = self._organisation_named([head], head)
        if holding is not None:
            return holding
        for speaker in reversed(spoken):
            if speaker.actor.kind == "organization" and not speaker.anonymous:
                return speaker
        named = [
            e
            for e in self.ents
            if e.label_ == "ORG" and e.end <= head.i and self.doc[max(e.start - 1, 0)].text != "("
        ]
        if named:
            return Speaker(self._other(_strip_article(clean_name(named[-1].text)), "organization"))
        return None

    def note_speaker(self, head: Token, speaker: Speaker) -> None:
        """Remember a resolved speaker so later pronouns can refer to it."""
        self.speakers.append((head.idx, self.paragraph_of.get(head.i, -1), speaker))

    # --- actor references -------------------------------------------------------------------

    def _person_ref(self, name: str) -> ActorRef:
        person = self.persons.get(name) or _Person(name, {name})
        return ActorRef(
            name=person.name,
            kind="person",
            role=person.roles[0] if person.roles else "",
            surface_forms=tuple(sorted(person.forms)),
        )

    def _other(self, name: str, kind: str) -> ActorRef:
        # "The lawsuit", "the lawsuit" and "a lawsuit" are one actor, named as first written.
        key = _strip_article(name).lower()
        if key.startswith(("a ", "an ")):
            key = key.split(" ", 1)[1]
        if key not in self.others:
            self.others[key] = ActorRef(name=name, kind=_kind(kind), surface_forms=(name,))
        return self.others[key]


_COMMON_NOUNS = (
    lexicon.ROLE_NOUNS
    | lexicon.INSTITUTION_NOUNS
    | lexicon.GROUP_NOUNS
    | lexicon.DOCUMENT_NOUNS
    | frozenset(lexicon.ROLE_SYNONYMS)
)


_ARTICLES = frozenset({"the", "a", "an"})
# Role phrases whose head comes first ("head of state"): matched on the whole description.
_PHRASE_ROLES = tuple(p for p in lexicon.ROLE_SYNONYMS if " of " in p)
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_DESCRIPTION_WORDS = (
    lexicon.ROLE_NOUNS | lexicon.GROUP_NOUNS | lexicon.INSTITUTION_NOUNS | lexicon.DOCUMENT_NOUNS
)
# Heads that name part of a group ("one of the officials", "some of them").
_PART_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "some", "several", "many", "most", "none", "both"}
    | {"each", "all", "either", "neither", "another"}
)


def _partitive_whole(head: Token) -> Token | None:
    """The group of "one of the officials", "two of them": the object of "of", or None."""
    if head.lower_ not in _PART_WORDS:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _singular(word: str) -> str:
    """ "companies" → "company", "firms" → "firm" (regular plurals only)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_POSSESSOR = re.compile(r"([^\s,]+)\s?['’]s\b")


def _same_stem(a: str, b: str) -> bool:
    """A country and its adjective ("Azerbaijan"/"Azerbaijani", "Russia"/"Russian"): one
    stem of five letters or more, the shorter word at most a letter short of it."""
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if common is None:
        common = min(len(a), len(b))
    return common >= max(5, min(len(a), len(b)) - 1)


def _owners_agree(owner: set[str], role: str) -> bool:
    """A description's owner ("Sundra's water minister") fits a role with no owner or the same
    one, not another's ("Kethar's minister of water")."""
    owners = {m.lower() for m in _POSSESSOR.findall(role)}
    return not owner or not owners or bool(owner & owners)


def _joins_word(token: Token) -> bool:
    """A hyphen inside a word ("Marsk-installed", "Secretary-General")."""
    return (
        token.text in ("-", "–")
        and not token.whitespace_
        and token.i > 0
        and not token.doc[token.i - 1].whitespace_
    )


def _left_phrase(head: Token) -> list[Token]:
    """The words of a description before its head, as one run: a comma or a gap in the parse
    ends it ("In July, X settled a class action lawsuit" → "a class action")."""
    inside = {t.i for t in head.subtree}
    start = head.i
    while start - 1 in inside and head.doc[start - 1].text not in (",", ";", "(", ")"):
        start -= 1
    return list(head.doc[start : head.i])


def _short_complement(head: Token) -> list[Token]:
    """A short prepositional phrase naming a description more closely ("the administration in
    the town of X"); nothing if it is long or holds a clause or a comma."""
    preps = [c for c in head.children if c.dep_ == "prep" and c.i == head.i + 1]
    if not preps:
        return []
    words = list(preps[0].subtree)
    if len(words) > 6 or any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in words):
        return []
    return words


_DEMONYM_STATES = frozenset(s.lower() for s in lexicon.DEMONYMS.values())


def _name_tokens(head: Token) -> list[Token]:
    """The head of a name with its compound words ("Searidge", not the appositive's words)."""
    words = [head]
    for child in head.children:
        if child.dep_ in ("compound", "flat"):
            words.extend(_name_tokens(child))
    return words


def _without_titles(name: str, *, roles: bool = False) -> str:
    """A name without the title words before it ("Mayor Ines Corra" → "Ines Corra"); with
    ``roles``, role nouns go too ("General Counsel Ines Corra" → "Ines Corra")."""
    words = name.split()
    while len(words) > 1 and (
        words[0].lower().strip(".") in lexicon.TITLE_WORDS
        or (roles and words[0].lower() in lexicon.ROLE_NOUNS)
    ):
        words.pop(0)
    return " ".join(words)


def _is_title_word(token: Token) -> bool:
    lower = token.lower_.strip(".")
    return lower in lexicon.TITLE_WORDS or lower in lexicon.ROLE_NOUNS


def _name_word(token: Token) -> bool:
    """A capitalised proper-noun word that can be part of a person's name."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.isalpha()
        and not token.is_upper
        and not _is_title_word(token)
    )


def _looks_like_name(head: Token) -> bool:
    """A proper noun, or a capitalised word the tagger took for a noun ("Zelenskyy stated")."""
    if head.lower_ in _COMMON_NOUNS:
        return False
    if head.pos_ == "PROPN":
        return True
    return head.pos_ == "NOUN" and head.is_title and head.i != head.sent.start


def _only_role_words(ent: Span) -> bool:
    words = [t.lower_ for t in ent if t.dep_ != "det"]
    return bool(words) and all(w in lexicon.ROLE_NOUNS or w in lexicon.TITLE_WORDS for w in words)


def _label_votes(doc: Doc) -> dict[str, str]:
    """The entity label each name gets most often in the article."""
    votes: dict[str, dict[str, int]] = {}
    for ent in doc.ents:
        if ent.label_ in lexicon.ENTITY_KINDS:
            name = _strip_article(clean_name(ent.text))
            counts = votes.setdefault(name, {})
            counts[ent.label_] = counts.get(ent.label_, 0) + 1
    return {name: max(counts, key=lambda k: counts[k]) for name, counts in votes.items()}


def _acronyms(doc: Doc) -> dict[str, str]:
    """ "the International Atomic Energy Agency (IAEA)": the long name → the acronym the article
    goes on to use."""
    found: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.end + 2 >= len(doc):
            continue
        opening, short, closing = doc[ent.end], doc[ent.end + 1], doc[ent.end + 2]
        if opening.text == "(" and closing.text == ")" and short.is_upper and len(short) >= 2:
            found[_strip_article(clean_name(ent.text))] = short.text
    return found


def _kind(kind: str) -> ActorKind:
    if kind == "person":
        return "person"
    if kind == "country":
        return "country"
    if kind == "group":
        return "group"
    return "organization"
