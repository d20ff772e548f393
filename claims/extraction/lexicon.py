"""Word lists the extraction rules read: speech cues, roles, institutions, anonymous sources.

Everything here is general English news vocabulary, kept as data so the rules in
``attribution.py`` and ``actors.py`` never hard-code words. Verb cues are listed as base forms and
expanded to their inflections by :func:`inflections`, because the pipeline runs without the
lemmatizer (it costs ~15% of the parse time and we only need the lemma of a few verbs).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report speech ("X said", "X warned that …", "…, X added."). Base forms.
SPEECH_VERBS: frozenset[str] = _words(
    """
    say tell warn stress note add explain claim allege accuse deny reject announce confirm
    declare demand urge insist threaten agree describe call state report reiterate emphasize
    emphasise reply respond retort acknowledge argue suggest clarify indicate complain condemn
    denounce blame admit assert write tweet post predict promise vow pledge caution underline
    underscore comment remark observe recall mention answer maintain contend dismiss slam
    criticize criticise request justify announce reaffirm tout hail vow proclaim charge
    disclose reveal concede testify brief lament question counter dispute rebuff refute
    affirm assure inform advise highlight signal estimate forecast quote cite imply
    apologize apologise repeat concede accuse warn recount boast quip joke scoff decry deplore
    bemoan plead characterize characterise dub term confess exclaim reassure downplay fault
    rebut hint speculate opine shout yell
    """
)

# Verbs that are a cue only with a particle or preposition ("pointed out", "lashed out at").
PHRASAL_CUES: dict[str, frozenset[str]] = {
    "point": frozenset({"out", "to"}),
    "lash": frozenset({"out"}),
    "hit": frozenset({"out", "back"}),
    "speak": frozenset({"of", "about", "out"}),
    "make": frozenset({"clear"}),
    "go": frozenset({"on"}),
    "rule": frozenset({"out"}),
    "trade": frozenset({"accusations", "blame", "barbs", "charges"}),
    "express": frozenset({"concern", "concerns", "regret", "hope", "confidence", "support"}),
    "voice": frozenset({"concern", "concerns", "support", "opposition"}),
    "issue": frozenset({"statement", "warning", "statements", "warnings"}),
    "play": frozenset({"down"}),
    "brush": frozenset({"off", "aside"}),
    "shrug": frozenset({"off"}),
    "chime": frozenset({"in"}),
    "weigh": frozenset({"in"}),
}

# Phrasal cues that are also a cue without their particle when a that-clause follows
# ("pointed that …", a non-native form of "pointed out that …").
CLAUSE_PHRASAL_CUES: frozenset[str] = frozenset({"point"})

# Cue verbs that report speech only with a clause or a quotation ("argued that …"); with an
# object or a preposition alone they report a quarrel or a meeting ("argued about the plan",
# "briefed the committee").
CLAUSE_ONLY_CUES: frozenset[str] = frozenset({"argue", "brief"})

# Cue verbs that dispute what someone else said: their object is the other's speech ("denied
# reports alleging …": the reports allege).
DISPUTING_VERBS: frozenset[str] = frozenset(
    {"deny", "reject", "dismiss", "refute", "dispute", "rebuff", "counter", "question"}
)

# Verbs whose passive subject is the speaker ("X was quoted as saying").
PASSIVE_SPEAKER_VERBS: frozenset[str] = frozenset({"quote", "cite"})

# A cue governed by one of these is not speech ("declined to comment", "refused to say").
BLOCKING_GOVERNORS: frozenset[str] = frozenset(
    {"decline", "refuse", "fail", "ask", "want", "expect", "hope", "try", "plan", "intend"}
)

# Nouns that report what someone alleged, with the author after "by" and a that-clause
# ("claims by the rebels that …").
ALLEGATION_NOUNS: frozenset[str] = _words(
    """
    claim claims allegation allegations accusation accusations assertion assertions charge
    charges suggestion suggestions warning warnings threat threats
    """
)

# Nouns that carry a statement with a possessive speaker ("in Peskov's words, “…”").
SPEECH_NOUNS: frozenset[str] = frozenset({"words", "statement", "remarks", "comments"})

# Irregular inflections of the verbs above; regular ones are generated.
IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "make": ("make", "makes", "made", "making"),
    "hit": ("hit", "hits", "hitting"),
    "go": ("go", "goes", "went", "gone", "going"),
    "forecast": ("forecast", "forecasts", "forecasted", "forecasting"),
    "quip": ("quip", "quips", "quipped", "quipping"),
    "dub": ("dub", "dubs", "dubbed", "dubbing"),
    "rebut": ("rebut", "rebuts", "rebutted", "rebutting"),
}

# Heads of descriptions that name a speaker by role ("the Kremlin spokesman").
ROLE_NOUNS: frozenset[str] = _words(
    """
    spokesman spokeswoman spokesperson secretary minister president premier chancellor
    ambassador envoy diplomat official leader chief head director general commander adviser
    advisor aide governor mayor senator lawmaker congressman congresswoman representative
    chairman chairwoman chair king queen prince emperor pope prosecutor judge lawyer attorney
    analyst expert source officer deputy counsellor counselor negotiator candidate
    vice-president ceo founder executive economist professor researcher manager counsel
    ruler
    """
)

# Role words that are interchangeable when resolving a description to a named person.
ROLE_SYNONYMS: dict[str, str] = {
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "press secretary": "spokesman",
    "premier": "prime minister",
    "head of state": "president",
    "ruler": "president",
    "advisor": "adviser",
    "aide": "adviser",
    "counselor": "counsellor",
}

# Heads of descriptions that name an institution ("the foreign ministry", "the government").
INSTITUTION_NOUNS: frozenset[str] = _words(
    """
    ministry government administration military army navy office department agency council
    committee parliament presidency embassy cabinet command commission court party alliance
    bloc company firm regime authority police service union bank corporation movement
    guard group organization organisation watchdog mission team force forces ministry agency
    """
)

# Heads of plural or anonymous speakers ("officials", "sources", "people familiar with…").
GROUP_NOUNS: frozenset[str] = _words(
    """
    officials sources people analysts experts authorities diplomats leaders lawmakers critics
    residents witnesses observers investigators activists protesters officers commanders
    veterans ministers governments representatives spokesmen aides advisers insiders person
    nations countries allies partners states members employees workers staffers
    """
)

# Documents that speak for their authors ("the lawsuit says", "the report said").
DOCUMENT_NOUNS: frozenset[str] = _words(
    """
    lawsuit suit complaint report study statement letter document indictment filing survey
    investigation apology speech remarks message tweet
    """
)

# Nationality words that stand for their state ("the Russians blamed …" → Russia).
DEMONYMS: dict[str, str] = {
    "russians": "Russia",
    "ukrainians": "Ukraine",
    "americans": "United States",
    "chinese": "China",
    "israelis": "Israel",
    "iranians": "Iran",
    "palestinians": "Palestinians",
    "british": "United Kingdom",
    "germans": "Germany",
    "french": "France",
    "turks": "Turkey",
    "indians": "India",
    "pakistanis": "Pakistan",
    "japanese": "Japan",
    "syrians": "Syria",
    "belarusians": "Belarus",
    "poles": "Poland",
    "serbs": "Serbia",
    "armenians": "Armenia",
    "azerbaijanis": "Azerbaijan",
    "venezuelans": "Venezuela",
    "filipinos": "Philippines",
}

# Determiners or modifiers that make a source anonymous ("a Kremlin source", "two people").
ANONYMOUS_MARKERS: frozenset[str] = frozenset(
    {"a", "an", "one", "two", "three", "several", "some", "unnamed", "anonymous", "senior"}
)

# Institutions spoken of by place or building (metonymy): actors of their own.
INSTITUTION_NAMES: dict[str, str] = {
    "kremlin": "organization",
    "white house": "organization",
    "pentagon": "organization",
    "downing street": "organization",
    "elysee": "organization",
    "élysée": "organization",
    "state department": "organization",
    "foreign ministry": "organization",
    "defence ministry": "organization",
    "defense ministry": "organization",
    "kremlin press service": "organization",
}

# Pronouns that may stand for a speaker, with the kind of antecedent they need.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
NONPERSON_PRONOUNS: frozenset[str] = frozenset({"it", "they", "them"})

# Verbs that relay someone else's statement ("…, Peskov said, Interfax reports."): when such a
# cue governs another cue, the inner speaker is the one that counts.
RELAY_VERBS: frozenset[str] = frozenset({"report", "cite", "quote"})

# spaCy entity labels mapped to actor kinds.
ENTITY_KINDS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "country",
    "NORP": "group",
}

# Leading words that are titles, not names ("President Vladimir Putin").
TITLE_WORDS: frozenset[str] = _words(
    """
    mr mrs ms dr sir president prime minister foreign defence defense secretary spokesman
    spokeswoman spokesperson general gen. lt. col. colonel admiral senator sen. rep.
    ambassador chancellor king queen prince pope chief deputy vice leader commander press
    mayor governor
    """
)

# Lines that are captions or credits rather than article prose.
CAPTION_STARTS: tuple[str, ...] = (
    "image",
    "photo",
    "picture",
    "file photo",
    "video",
    "watch",
    "read more",
    "related",
    "(photo",
    "(image",
    "credit",
    "source:",
)


def inflections(verb: str) -> tuple[str, ...]:
    """The forms of a regular English verb: base, -s, -ed, -ing (with the usual spelling rules)."""
    if verb in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[verb]
    if verb.endswith("e"):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        past, ing = verb[:-1] + "ied", verb + "ing"
    elif verb in {"admit", "commit", "regret"}:
        past, ing = verb + "ted", verb + "ting"
    else:
        past, ing = verb + "ed", verb + "ing"
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    return (verb, third, past, ing)


def _form_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for verb in SPEECH_VERBS | PHRASAL_CUES.keys():
        for form in inflections(verb):
            table.setdefault(form, verb)
    return table


# Inflected form → base verb, for every cue verb.
VERB_FORMS: dict[str, str] = _form_table()
