"""Word lists the date resolver uses: months, weekdays, speech words and clause breaks."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

# Words that report speech (lower-case forms as they appear in text). Nouns such as "statement"
# anchor "in a statement released Friday"; "according" anchors "according to X on Monday".
SPEECH_WORDS: frozenset[str] = _words(
    """
    said says say saying told tells telling warned warns warning stated states stating
    stressed stresses stressing noted notes noting added adds adding explained explains
    claimed claims claiming alleged alleges alleging accused accuses accusing denied denies
    denying rejected rejects rejecting announced announces announcing confirmed confirms
    declared declares demanded demands demanding called calls urged urges urging insisted
    insists threatened threatens agreed described describes responded responds replied replies
    clarified reiterated reiterates pointed acknowledged acknowledges emphasized emphasised
    emphasizes argued argues countered counters retorted wrote writes tweeted posted reported
    reports complained complains condemned condemns blamed blames blaming charged admitted
    suggested indicated vowed vows pledged promised assured asserted asserts remarked observed
    commented signaled signalled reaffirmed repeated repeats cautioned objected dismissed
    slammed lashed denounced denounces criticized criticised criticizes spoke speaking briefed
    according voiced expressed justified ruled insisting announcement statement statements
    interview interviews briefing briefings conference speech remarks address addressed
    message tweet post
    """
)

# Nouns that anchor a time only when it is right beside them ("a statement released Friday").
SPEECH_NOUNS: frozenset[str] = _words(
    """
    announcement statement statements interview interviews briefing briefings conference speech
    remarks address message tweet post
    """
)

# Perfect-tense speech verbs that report fresh news ("has announced") rather than a standing
# position ("has argued", "has long denied"): the perfect of these keeps the publication date.
NEWS_PERFECT_VERBS: frozenset[str] = _words(
    """
    announced confirmed declared decided approved ordered requested reiterated reaffirmed
    repeated unveiled signed
    """
)

# Adverbs that make the time of speech vague when they modify the speech verb.
VAGUE_ADVERBS: frozenset[str] = _words(
    """
    earlier previously recently repeatedly already long often frequently once consistently
    always formerly
    """
)

# Tokens that open a new clause: a time word on the far side of one is not about the speech.
CLAUSE_BREAKS: frozenset[str] = _words(
    """
    that ; : because if whether after before since until when while though although unless
    “ ” " « » — –
    """
)

PREPOSITIONS: frozenset[str] = _words(
    """
    in at during to with on before from via through for by
    """
)

PERFECT_AUXILIARIES: frozenset[str] = frozenset({"has", "have", "had", "'ve", "’ve"})

# Auxiliaries and modals: one inside the gap between a time word and a speech verb means the
# time word sits in another clause ("said NATO troops would leave on Monday").
AUXILIARIES: frozenset[str] = _words(
    """
    would will could can may might should must shall did does do is are was were has have had
    be been being
    """
)
