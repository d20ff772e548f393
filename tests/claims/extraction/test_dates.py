"""The date a statement was made, from sentence, paragraph and publication date."""

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction.dates import mask_quotes, resolve_said_on
from claims.extraction.types import SaidOn

# A Thursday.
PUBLISHED = date(2023, 3, 16)


def said_on(sentence: str, paragraph: str = "", published: date | None = PUBLISHED) -> SaidOn:
    return resolve_said_on(sentence, paragraph or sentence, published)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister said on Tuesday that talks had stalled.", date(2023, 3, 14)),
        ("The ministry on Monday said the convoy had turned back.", date(2023, 3, 13)),
        ("The governor told reporters Wednesday that roads would reopen.", date(2023, 3, 15)),
        # The publication weekday itself is the publication date, not a week earlier.
        ("The mayor said on Thursday the bridge was safe.", date(2023, 3, 16)),
        ("The envoy said last Thursday that the offer stood.", date(2023, 3, 9)),
        ("On Sunday, the party leader said the vote was rigged.", date(2023, 3, 12)),
    ],
)
def test_weekday_is_the_latest_such_day_on_or_before_publication(
    sentence: str, expected: date
) -> None:
    assert said_on(sentence) == SaidOn(expected, "day")


def test_yesterday_and_today() -> None:
    assert said_on("The coach said yesterday he would stay.") == SaidOn(date(2023, 3, 15), "day")
    assert said_on("The union said today a strike was off.") == SaidOn(PUBLISHED, "day")


def test_month_and_day_without_year_is_not_after_publication() -> None:
    assert said_on("The council said on March 2 it would vote.") == SaidOn(date(2023, 3, 2), "day")
    # November 30 after a March publication is last year's.
    assert said_on("The agency announced on November 30 that it would merge.") == SaidOn(
        date(2022, 11, 30), "day"
    )


def test_full_date_needs_no_publication_date() -> None:
    sentence = "The premier had told parliament on June 4, 2019, that no troops were there."
    assert said_on(sentence, published=None) == SaidOn(date(2019, 6, 4), "day")


def test_month_gives_month_precision() -> None:
    result = said_on("The minister said in January that prices would fall.")
    assert result == SaidOn(date(2023, 1, 1), "month")
    assert result.iso() == "2023-01"
    # A month later in the year than publication is last year's month.
    assert said_on("The firm announced in October that it would close.").iso() == "2022-10"
    assert said_on("The court said earlier this month it would rule.").iso() == "2023-03"


def test_last_week_is_a_month_unless_it_crosses_a_month_end() -> None:
    assert said_on("The senator said last week the bill was dead.").iso() == "2023-03"
    # Published Wednesday 2023-03-01: last week ran 20-26 February.
    assert said_on("The senator said last week the bill was dead.", published=date(2023, 3, 1)) == (
        SaidOn(date(2023, 2, 1), "month")
    )
    # Published Wednesday 2023-03-08: last week ran 27 February - 5 March, across a month's
    # end, so only the year is certain.
    assert said_on("The senator said last week the bill was dead.", published=date(2023, 3, 8)) == (
        SaidOn(date(2023, 1, 1), "year")
    )


def test_years() -> None:
    assert said_on("The author said in 2015 that the book was finished.").iso() == "2015"
    assert said_on("The singer said last year she would retire.") == SaidOn(
        date(2022, 1, 1), "year"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The general said earlier that the front was stable.",
        "The spokesman has repeatedly said the plant is safe.",
        "The minister previously said no decision had been made.",
        "The company has long argued that the tax is unfair.",
        "The opposition has denied the charges.",
    ],
)
def test_vague_past_is_unknown(sentence: str) -> None:
    assert said_on(sentence) == SaidOn(None, "unknown")


def test_fresh_news_in_the_perfect_keeps_the_publication_date() -> None:
    assert said_on("The president has announced new elections for May.") == SaidOn(PUBLISHED, "day")


def test_no_time_expression_gives_the_publication_date() -> None:
    assert said_on("The ambassador said the talks were useful.") == SaidOn(PUBLISHED, "day")


def test_no_publication_date_gives_unknown() -> None:
    assert said_on("The ambassador said the talks were useful.", published=None) == SaidOn(
        None, "unknown"
    )
    # A relative expression cannot be resolved without the publication date either.
    assert said_on("The ambassador said on Monday that talks were useful.", published=None) == (
        SaidOn(None, "unknown")
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # Dates of other events: in the reported clause, in a quote, possessive, after "of".
        "The minister said that the blast on Monday was an accident.",
        "“We met them on Monday and nothing changed,” the minister said.",
        "The minister said Monday's blast was an accident.",
        "The deal expires on March 20, the minister said.",
        "The minister said troops would leave in February.",
        "The report, according to the agency, covers the vote of March 5.",
    ],
)
def test_dates_of_other_events_are_not_the_speech_date(sentence: str) -> None:
    assert said_on(sentence) == SaidOn(PUBLISHED, "day")


def test_cue_picks_its_own_time_in_a_sentence_with_two_speakers() -> None:
    sentence = (
        "Officials told lawmakers in a closed briefing Tuesday that the plan was ready, "
        "two people familiar with the meeting said."
    )
    told = resolve_said_on(sentence, sentence, PUBLISHED, cue="told")
    said = resolve_said_on(sentence, sentence, PUBLISHED, cue="said")
    assert told == SaidOn(date(2023, 3, 14), "day")
    assert said == SaidOn(PUBLISHED, "day")


def test_paragraph_gives_the_date_when_the_sentence_has_none() -> None:
    paragraph = (
        "The foreign minister spoke to reporters on Monday in Geneva. "
        "He said the ceasefire would hold."
    )
    assert said_on("He said the ceasefire would hold.", paragraph) == SaidOn(
        date(2023, 3, 13), "day"
    )


def test_mask_quotes_blanks_quoted_text_and_keeps_length() -> None:
    text = "He said “see you on Monday” and left."
    masked = mask_quotes(text)
    assert len(masked) == len(text)
    assert "Monday" not in masked
    assert masked.startswith("He said “") and masked.endswith("” and left.")
