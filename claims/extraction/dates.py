"""When a statement was made: a time expression about the speech, resolved against publication.

Only expressions that modify a speech word count ("said on Monday", "on Tuesday alleged",
"told reporters Saturday", "in an interview aired on Sunday"); dates inside quotes, inside the
reported clause ("said that the attack on Monday…") or on other events are ignored. Without one
in the sentence, the paragraph's other sentences are tried; then the publication date itself
(day precision). Vague times ("said earlier", "has repeatedly said", "has long argued") give an
unknown date, and so does a relative expression when the publication date is unknown.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from claims.extraction.lexicon_dates import (
    AUXILIARIES,
    CLAUSE_BREAKS,
    MONTHS,
    NEWS_PERFECT_VERBS,
    NUMBER_WORDS,
    PERFECT_AUXILIARIES,
    PREPOSITIONS,
    SPEECH_NOUNS,
    SPEECH_WORDS,
    VAGUE_ADVERBS,
    WEEKDAYS,
)
from claims.extraction.types import UNKNOWN_DATE, SaidOn

Resolver = Callable[[re.Match[str], date | None], SaidOn]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUMBER = r"(?P<count>\d+|" + "|".join(NUMBER_WORDS) + r")"

# How many words may separate a time expression from the speech word it modifies.
_MAX_GAP_BEFORE = 10
_MAX_GAP_AFTER = 3
_MAX_GAP_AFTER_PREPOSITION = 12

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])")
_PERFECT_SPEECH = re.compile(
    r"\b(?P<aux>has|have|had|[’']ve)\s+(?:(?P<adverb>\w+ly|now|just|long|already|also|again"
    r"|since|once|not|never)\s+)?(?P<verb>\w+ed|said|told|spoken|written|made|been)\b",
    re.IGNORECASE,
)
_STANCE_AFTER_BEEN = re.compile(
    r"\s+(?:\w+ly\s+)?(?:vocal|critical|adamant|clear|outspoken|reluctant|insistent|saying"
    r"|warning|arguing|claiming|calling|urging|demanding|pushing|pressing|requesting|asking)\b",
    re.IGNORECASE,
)
_PRESENT_SPEECH = re.compile(
    r"\b(?:says|tells|claims|denies|accuses|alleges|insists|warns|argues|maintains|calls"
    r"|is\s+(?:\w+ly\s+|again\s+|now\s+)?(?:saying|demanding|denying|warning|claiming|calling"
    r"|accusing|urging|insisting|apologizing|apologising))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Expression:
    """A time expression found in the (quote-masked) text, with what it resolves to."""

    start: int
    end: int
    said_on: SaidOn
    vague: bool = False


def resolve_said_on(
    sentence: str, paragraph: str, published: date | None, *, cue: str = ""
) -> SaidOn:
    """The date the statement in ``sentence`` was made, at the precision the text supports.

    ``cue``, when given, is the statement's cue ("said", "told reporters"): in a sentence that
    reports two speakers only the time words attached to that cue count.
    """
    found = _speech_time(sentence, published, cue)
    if found is not None:
        return found
    if _has_perfect_speech_only(sentence):
        return UNKNOWN_DATE
    if not _PRESENT_SPEECH.search(mask_quotes(sentence)):
        for other in _other_sentences(paragraph, sentence):
            found = _speech_time(other, published, "")
            if found is not None and found.value is not None:
                return found
    if published is None:
        return UNKNOWN_DATE
    return SaidOn(published, "day")


def _speech_time(text: str, published: date | None, cue: str) -> SaidOn | None:
    """The time expression attached to a speech word in ``text``, if any, resolved."""
    masked = mask_quotes(text)
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(masked)]
    speech = [i for i, (_, _, word) in enumerate(tokens) if _is_speech_token(tokens, i, word)]
    cue_words = _TOKEN.findall(cue.lower())
    if cue_words:
        # Prefer the cue's own occurrence; fall back on every speech word if it is not found.
        at_cue = [i for i, (_, _, word) in enumerate(tokens) if word.lower() == cue_words[0]]
        speech = at_cue or speech
    if not speech:
        return None
    best: tuple[int, _Expression] | None = None
    for expression in _expressions(masked, published):
        first, last = _token_range(tokens, expression.start, expression.end)
        if first is None or last is None:
            continue
        gap = _attachment_gap(tokens, first, last, speech, strict=expression.vague)
        if gap is not None and (best is None or gap < best[0]):
            best = (gap, expression)
    return best[1].said_on if best else None


def _is_speech_token(tokens: list[tuple[int, int, str]], index: int, word: str) -> bool:
    lower = word.lower()
    if lower not in SPEECH_WORDS:
        return False
    if lower == "according":
        return index + 1 < len(tokens) and tokens[index + 1][2].lower() == "to"
    return True


def _token_range(
    tokens: list[tuple[int, int, str]], start: int, end: int
) -> tuple[int | None, int | None]:
    inside = [i for i, (s, e, _) in enumerate(tokens) if s >= start and e <= end]
    if not inside:
        return None, None
    return inside[0], inside[-1]


def _attachment_gap(
    tokens: list[tuple[int, int, str]],
    first: int,
    last: int,
    speech: list[int],
    strict: bool,
) -> int | None:
    """Words between the expression and the nearest speech word it modifies, or None."""
    best: int | None = None
    for verb in speech:
        if first <= verb <= last:
            continue
        verb_word = tokens[verb][2].lower()
        weak = verb_word in SPEECH_NOUNS
        if verb > last:
            if verb_word == "according":
                # "…on July 18, according to Reuters": the date belongs to the content.
                continue
            between = [word for _, _, word in tokens[last + 1 : verb]]
            limit = 1 if strict else _MAX_GAP_AFTER if weak else _MAX_GAP_BEFORE
            if strict:
                between = [w for w in between if w.lower() not in PERFECT_AUXILIARIES]
            elif _ends_content_before_speaker(tokens, first, between):
                continue
        else:
            between = [word for _, _, word in tokens[verb + 1 : first]]
            limit = 1 if strict else _MAX_GAP_AFTER
            if not strict and not weak and any(w.lower() in PREPOSITIONS for w in between[:3]):
                # "told congressional staff in private briefings Sunday"
                limit = _MAX_GAP_AFTER_PREPOSITION
        if verb > last:
            # An auxiliary right before the speech verb is its own ("on Monday had said").
            while between and between[-1].lower() in AUXILIARIES | VAGUE_ADVERBS:
                between = between[:-1]
        if any(word.lower() in CLAUSE_BREAKS or word.lower() in AUXILIARIES for word in between):
            continue
        if _modifies_noun(tokens, first):
            continue
        words = [w for w in between if w not in {",", "."}]
        if "." in between or len(words) > limit:
            continue
        if best is None or len(words) < best:
            best = len(words)
    return best


_CLAUSE_OPENERS = frozenset({",", "(", "-", "and", "but", "as", "so", "then", "yet"})


def _modifies_noun(tokens: list[tuple[int, int, str]], first: int) -> bool:
    """True for "the vote of (last) April 23": a date that qualifies a noun, not a verb."""
    index = first - 1
    if index >= 0 and tokens[index][2].lower() == "last":
        index -= 1
    return index >= 0 and tokens[index][2].lower() == "of"


def _ends_content_before_speaker(
    tokens: list[tuple[int, int, str]], first: int, between: list[str]
) -> bool:
    """True for "…expires on July 18, he said": a time that closes the content, then a comma.

    A time that opens the sentence or a comma-set phrase ("On Sunday, he said", "China, on
    Tuesday, alleged") or leads into "which/who" is about the speech.
    """
    if not between or between[0] != ",":
        return False
    if len(between) > 1 and between[1].lower() in {"which", "who"}:
        return False
    if first == 0:
        return False
    previous = tokens[first - 1][2].lower()
    return previous not in CLAUSE_BREAKS and previous not in _CLAUSE_OPENERS


def _has_perfect_speech_only(sentence: str) -> bool:
    """True when the speech is reported in a perfect tense that marks a standing position."""
    masked = mask_quotes(sentence)
    verbs = [
        m
        for m in _PERFECT_SPEECH.finditer(masked)
        if m.group("verb").lower() in SPEECH_WORDS
        or (m.group("verb").lower() == "been" and _STANCE_AFTER_BEEN.match(masked, m.end()))
    ]
    if not verbs:
        return False
    for match in verbs:
        adverb = (match.group("adverb") or "").lower()
        if adverb in {"now", "just"}:
            return False
        if match.group("aux").lower() == "had":
            continue
        if match.group("verb").lower() in NEWS_PERFECT_VERBS and adverb not in VAGUE_ADVERBS:
            return False
    perfect_spans = [(m.start(), m.end()) for m in verbs]
    for m in _TOKEN.finditer(masked):
        word = m.group(0).lower()
        if word not in SPEECH_WORDS or word in SPEECH_NOUNS or word.endswith("ing"):
            continue
        if not any(s <= m.start() < e for s, e in perfect_spans):
            return False
    return True


def _other_sentences(paragraph: str, sentence: str) -> list[str]:
    """The paragraph's sentences other than ``sentence``, nearest before it first."""
    if not paragraph or paragraph.strip() == sentence.strip():
        return []
    position = paragraph.find(sentence)
    if position < 0:
        return []
    before = [s for s in _SENTENCE_END.split(paragraph[:position]) if s.strip()]
    after = [s for s in _SENTENCE_END.split(paragraph[position + len(sentence) :]) if s.strip()]
    return list(reversed(before)) + after


def mask_quotes(text: str) -> str:
    """``text`` with the inside of quotations blanked (same length), so quoted dates are ignored."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\n":
                chars[i] = " "

    for opening, closing in (("“", "”"), ("«", "»")):
        for m in re.finditer(
            re.escape(opening) + r"[^" + closing + r"]*(?:" + closing + "|$)", text
        ):
            blank(m.start() + 1, max(m.start() + 1, m.end() - 1))
    for m in re.finditer(r'"[^"]*(?:"|$)', text):
        blank(m.start() + 1, max(m.start() + 1, m.end() - 1))
    for m in re.finditer(r"(?:(?<=\s)|^)[‘'](?=\w)(.{1,200}?)(?<=[\w.,!?])[’'](?!\w)", text):
        blank(m.start() + 1, m.end() - 1)
    return "".join(chars)


def _expressions(text: str, published: date | None) -> list[_Expression]:
    """Every time expression in ``text``, longest first where two overlap."""
    found: list[_Expression] = []
    for pattern, resolver, vague in _PATTERNS:
        for match in pattern.finditer(text):
            found.append(_Expression(match.start(), match.end(), resolver(match, published), vague))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[_Expression] = []
    for expression in found:
        if kept and expression.start < kept[-1].end:
            continue
        kept.append(expression)
    return kept


# --- resolvers --------------------------------------------------------------------------------


def _day(value: date | None) -> SaidOn:
    return SaidOn(value, "day") if value is not None else UNKNOWN_DATE


def _weekday(match: re.Match[str], published: date | None) -> SaidOn:
    if published is None:
        return UNKNOWN_DATE
    target = WEEKDAYS[match.group("weekday").lower()]
    back = (published.weekday() - target) % 7
    if back == 0 and match.group(0).lower().startswith("last"):
        back = 7
    return _day(published - timedelta(days=back))


def _month_day(match: re.Match[str], published: date | None) -> SaidOn:
    month = MONTHS[match.group("month").lower().rstrip(".")]
    day = int(match.group("day"))
    year_text = match.group("year")
    if year_text:
        return _day(_safe_date(int(year_text), month, day))
    if published is None:
        return UNKNOWN_DATE
    candidate = _safe_date(published.year, month, day)
    if candidate is not None and candidate > published:
        candidate = _safe_date(published.year - 1, month, day)
    return _day(candidate)


def _month(match: re.Match[str], published: date | None) -> SaidOn:
    month = MONTHS[match.group("month").lower().rstrip(".")]
    year_text = match.group("year")
    if year_text:
        return SaidOn(date(int(year_text), month, 1), "month")
    if published is None:
        return UNKNOWN_DATE
    year = published.year if month <= published.month else published.year - 1
    return SaidOn(date(year, month, 1), "month")


def _year(match: re.Match[str], published: date | None) -> SaidOn:
    year = int(match.group("year"))
    if published is not None and year > published.year:
        return UNKNOWN_DATE
    return SaidOn(date(year, 1, 1), "year")


def _days_back(days: int) -> Resolver:
    def resolve(match: re.Match[str], published: date | None) -> SaidOn:
        return _day(published - timedelta(days=days)) if published else UNKNOWN_DATE

    return resolve


def _count_back(unit_days: int) -> Resolver:
    def resolve(match: re.Match[str], published: date | None) -> SaidOn:
        if published is None:
            return UNKNOWN_DATE
        count_text = match.group("count").lower()
        count = NUMBER_WORDS.get(count_text) or int(count_text)
        return _day(published - timedelta(days=count * unit_days))

    return resolve


def _this_week(match: re.Match[str], published: date | None) -> SaidOn:
    if published is None:
        return UNKNOWN_DATE
    monday = published - timedelta(days=published.weekday())
    return _month_span(monday, published)


def _last_week(match: re.Match[str], published: date | None) -> SaidOn:
    if published is None:
        return UNKNOWN_DATE
    monday = published - timedelta(days=published.weekday() + 7)
    return _month_span(monday, monday + timedelta(days=6))


def _month_span(first: date, last: date) -> SaidOn:
    """Month precision when the span lies in one month; year precision across a month's end."""
    if (first.year, first.month) == (last.year, last.month):
        return SaidOn(date(first.year, first.month, 1), "month")
    if first.year == last.year:
        return SaidOn(date(first.year, 1, 1), "year")
    return UNKNOWN_DATE


def _this_month(match: re.Match[str], published: date | None) -> SaidOn:
    return SaidOn(published.replace(day=1), "month") if published else UNKNOWN_DATE


def _last_month(match: re.Match[str], published: date | None) -> SaidOn:
    if published is None:
        return UNKNOWN_DATE
    previous = published.replace(day=1) - timedelta(days=1)
    return SaidOn(previous.replace(day=1), "month")


def _this_year(match: re.Match[str], published: date | None) -> SaidOn:
    return SaidOn(date(published.year, 1, 1), "year") if published else UNKNOWN_DATE


def _last_year(match: re.Match[str], published: date | None) -> SaidOn:
    return SaidOn(date(published.year - 1, 1, 1), "year") if published else UNKNOWN_DATE


def _vague(match: re.Match[str], published: date | None) -> SaidOn:
    return UNKNOWN_DATE


def _safe_date(year: int, month: int, day: int) -> date | None:
    if 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b" + pattern + r"\b", re.IGNORECASE)


_PATTERNS: list[tuple[re.Pattern[str], Resolver, bool]] = [
    (
        _compile(
            r"(?:(?:on|late|early|earlier|last|this\s+past|past)\s+(?:on\s+)?)?"
            + _WEEKDAY
            + r"(?!['’]s)"
            + _PART_OF_DAY
        ),
        _weekday,
        False,
    ),
    (
        _compile(r"(?:on\s+)?" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?"),
        _month_day,
        False,
    ),
    (
        _compile(r"(?:on\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?"),
        _month_day,
        False,
    ),
    (
        _compile(
            r"(?:earlier\s+|later\s+)?(?:in|during)\s+(?:early\s+|mid-?\s*|late\s+)?"
            + _MONTH
            + r"(?:,?\s+"
            + _YEAR
            + r")?"
        ),
        _month,
        False,
    ),
    (_compile(r"(?:in|during)\s+" + _YEAR), _year, False),
    (
        _compile(r"(?:in|during)\s+(?:a|an|the|his|her|their|its)\s+" + _YEAR + r"(?:['’]s)?"),
        _year,
        False,
    ),
    (
        _compile(r"(?:earlier\s+|later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))"),
        _days_back(0),
        False,
    ),
    (
        _compile(r"yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night"),
        _days_back(1),
        False,
    ),
    (_compile(_NUMBER + r"\s+days?\s+ago"), _count_back(1), False),
    (_compile(_NUMBER + r"\s+weeks?\s+ago"), _count_back(7), False),
    (_compile(r"(?:earlier\s+|later\s+)?this\s+week"), _this_week, False),
    (_compile(r"last\s+week"), _last_week, False),
    (_compile(r"(?:earlier\s+|later\s+)?this\s+month"), _this_month, False),
    (_compile(r"last\s+month"), _last_month, False),
    (_compile(r"(?:earlier\s+|later\s+)?this\s+year"), _this_year, False),
    (_compile(r"last\s+year"), _last_year, False),
    (
        _compile(
            r"(?:"
            + "|".join(sorted(VAGUE_ADVERBS))
            + r")(?!\s+again)|in\s+the\s+past|at\s+the\s+time"
        ),
        _vague,
        True,
    ),
]
