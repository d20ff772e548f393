"""Attributed statements on short texts written for each rule (no database)."""

from __future__ import annotations

import pytest

from claims.extraction.extract import ArticleInput, extract_article, extract_articles
from claims.extraction.types import ArticleExtraction
from tests.claims.extraction.support import PUBLISHED, only, run


def test_reported_speech_with_that(nlp):
    text = "The weather was cold. Foreign Minister Anna Berg said that the border would stay shut."
    st = only(run(text, nlp))
    assert st.speaker.name == "Anna Berg"
    assert st.sentence == "Foreign Minister Anna Berg said that the border would stay shut."
    assert st.cue == "said"
    assert not st.direct
    assert "border would stay shut" in st.content


def test_trailing_cue_after_reported_clause(nlp):
    text = "Talks will resume next month, the Kremlin said."
    st = only(run(text, nlp))
    assert st.speaker.name == "Kremlin"
    assert st.speaker.kind == "organization"


def test_direct_quote_over_several_sentences_is_one_statement(nlp):
    text = (
        "Markus Hollan spoke to reporters in the capital.\n"
        "“We will not move. The line is clear. Nobody should test it,” Hollan said."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Markus Hollan"
    assert st.direct
    assert st.sentence.startswith("“We will not move.")
    assert st.sentence.endswith("Hollan said.")


def test_quote_split_around_cue_runs_to_the_end_of_the_second_part(nlp):
    text = "“The plan is dead,” Ivo Marek said. “Nobody will revive it.”"
    st = only(run(text, nlp))
    assert st.sentence == text
    assert "Nobody will revive it" in st.content


def test_quote_split_inside_one_sentence_with_straight_quotes(nlp):
    text = '"The plan is dead," Ivo Marek said, "and nobody will revive it."'
    st = only(run(text, nlp))
    assert st.sentence == text
    assert st.speaker.name == "Ivo Marek"


def test_quote_continuing_in_a_new_paragraph_keeps_the_speaker(nlp):
    text = (
        "“We have waited long enough,” Senator Lina Ortiz said.\n"
        "“The committee will vote on Friday and the result will stand.”"
    )
    statements = run(text, nlp)
    assert [s.cue for s in statements] == ["said", "continued"]
    assert statements[1].speaker.name == "Lina Ortiz"
    assert statements[1].sentence == text.split("\n")[1]


def test_according_to(nlp):
    text = "The convoy was turned back at the crossing, according to the Interior Ministry."
    st = only(run(text, nlp))
    assert st.cue == "according to"
    assert st.speaker.kind == "organization"
    assert st.content == "The convoy was turned back at the crossing"


def test_according_to_first_or_inside_leaves_the_phrase_out_of_the_content(nlp):
    first = only(run("According to the port authority, two tankers left the harbour.", nlp))
    assert first.content == "two tankers left the harbour"
    inside = only(run("The dam, according to the water agency, will hold until May.", nlp))
    assert inside.content == "The dam will hold until May"


def test_a_short_quotation_inside_reported_speech_gives_the_whole_clause(nlp):
    text = "The mayor said the bridge had suffered only “minor cracks” and would reopen."
    st = only(run(text, nlp))
    assert "bridge had suffered only" in st.content
    assert "reopen" in st.content


def test_two_speakers_in_one_sentence_give_two_statements(nlp):
    text = "Belarus and Russia agreed that the exercises would continue."
    statements = run(text, nlp)
    assert {s.speaker.name for s in statements} == {"Belarus", "Russia"}
    assert len({s.sentence for s in statements}) == 1


def test_two_cues_two_speakers_in_one_sentence(nlp):
    text = "Moscow warned that any move would be answered, and Warsaw said it would not back down."
    statements = run(text, nlp)
    assert {s.speaker.name for s in statements} == {"Moscow", "Warsaw"}
    assert all(s.speaker.kind == "country" for s in statements)


def test_pronoun_resolves_to_the_person_named_before(nlp):
    text = (
        "Prime Minister Karel Dvorak met union leaders on Monday.\n"
        "“There will be no new taxes this year,” he said."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Karel Dvorak"


def test_description_resolves_to_the_named_person_with_that_role(nlp):
    text = (
        "Kremlin spokesman Dmitry Peskov spoke on Tuesday.\n"
        "Later the Kremlin spokesman said the talks had failed."
    )
    statements = run(text, nlp)
    assert statements[-1].speaker.name == "Dmitry Peskov"
    assert statements[-1].speaker.role == "Kremlin spokesman"


def test_surname_and_misspelling_fold_into_the_full_name(nlp):
    text = (
        "Government spokesman Tomas Wieczorek gave a briefing.\n"
        "Wieczorek said the budget was ready.\n"
        "Wieczorkek added that the vote would be held in May."
    )
    statements = run(text, nlp)
    assert [s.speaker.name for s in statements] == ["Tomas Wieczorek"] * 2


def test_anonymous_source(nlp):
    text = "A senior defence official said the drills were planned months ago."
    st = only(run(text, nlp))
    assert st.anonymous
    assert "official" in st.speaker.name


def test_metonymy_is_not_resolved_to_a_person(nlp):
    text = (
        "President Olga Varga gave a speech.\n"
        "The White House said the sanctions would stay in place."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "White House"
    assert st.speaker.kind == "organization"


@pytest.mark.parametrize(
    "text",
    [
        "The army massed troops near the border on Sunday.",
        "Lukas Brenner fears that the talks will collapse.",
        "Lukas Brenner believes the vote was rigged.",
        "Reporters asked the minister whether the talks would resume.",
        "Image via the presidential press office",
        "The ministers met in Vienna to discuss the plan.",
        "Lukas Brenner's words prompted a reply from the opposition.",
    ],
)
def test_not_statements(nlp, text):
    assert run(text, nlp) == []


def test_title_repeat_is_not_a_statement(nlp):
    title = "Minister says border will stay closed"
    text = f"{title}\nThe border crossing was quiet on Monday."
    assert run(text, nlp, title=title) == []


def test_declined_to_comment_is_not_a_statement(nlp):
    assert run("The ministry declined to comment on the report.", nlp) == []


def test_relayed_statement_belongs_to_the_speaker_not_the_agency(nlp):
    text = "Troops will stay at the border, Marta Kowalska said in an interview, Interfax reports."
    st = only(run(text, nlp))
    assert st.speaker.name == "Marta Kowalska"


def test_batched_form_matches_single_form(nlp):
    texts = [
        "Talks will resume next month, the Kremlin said.",
        "Anna Berg said that the border would stay shut.",
    ]
    batched = list(extract_articles((ArticleInput(t, PUBLISHED) for t in texts), nlp, 2))
    single = [extract_article(t, PUBLISHED, nlp=nlp) for t in texts]
    assert [_key(b) for b in batched] == [_key(s) for s in single]


def _key(result: ArticleExtraction) -> list[tuple[str, int, int]]:
    return [(s.speaker.name, s.start, s.end) for s in result.statements]


def test_offsets_index_the_given_text_with_leading_whitespace(nlp):
    text = "\n\n   Ivo Marek said the plan was dead.\n\n"
    st = only(run(text, nlp))
    assert st.sentence == "Ivo Marek said the plan was dead."


def test_cue_inside_a_reported_clause_is_not_a_second_statement(nlp):
    text = "The Kremlin said that Putin agrees the deployment would cross a line."
    st = only(run(text, nlp))
    assert st.speaker.name == "Kremlin"


def test_a_state_is_not_folded_into_a_person_sharing_its_name(nlp):
    text = (
        "Foreign Minister Israel Katz spoke on Monday.\n"
        "Israel said the strike had been planned for weeks."
    )
    statements = run(text, nlp)
    assert statements[-1].speaker.name == "Israel"
    assert statements[-1].speaker.kind == "country"


def test_plural_officials_are_an_anonymous_group(nlp):
    st = only(run("Western officials said the convoy had turned back.", nlp))
    assert st.anonymous
    assert st.speaker.kind == "group"


def test_wire_dateline_does_not_become_the_speaker(nlp):
    text = "VIENNA (Reuters) - The agency said on Tuesday that inspectors had left the plant."
    st = only(run(text, nlp))
    assert st.speaker.name != "Reuters"
    assert st.sentence.startswith("The agency said")


def test_paragraph_opening_a_quote_with_its_own_cue_is_not_a_continuation(nlp):
    text = (
        "“We are ready,” Defence Minister Pavel Kral said.\n"
        "“They are not,” opposition leader Jana Novak replied."
    )
    statements = run(text, nlp)
    assert [(s.speaker.name, s.cue) for s in statements] == [
        ("Pavel Kral", "said"),
        ("Jana Novak", "replied"),
    ]


def test_as_clause_cue(nlp):
    text = "Therefore, as Minister Pavel Kral added, nobody had been warned in advance."
    st = only(run(text, nlp))
    assert st.speaker.name == "Pavel Kral"


@pytest.mark.parametrize("run_of", ['"', "“", "[", "-"])
def test_long_punctuation_runs_are_passed_over_with_offsets_intact(nlp, run_of: str) -> None:
    # Without blanking, spaCy's tokenizer spends minutes on such a run.
    text = run_of * 20_000 + "\n“We will respond,” the minister said.\n"
    statement = only(run(text, nlp))
    assert statement.sentence == "“We will respond,” the minister said."
    assert text[statement.start : statement.end] == statement.sentence
