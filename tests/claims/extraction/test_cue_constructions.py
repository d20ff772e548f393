"""Less common cue constructions and speaker forms, each on short texts written for the rule,
with texts that must not give a statement (no speaker, title, caption, no speech)."""

from __future__ import annotations

import pytest

from tests.claims.extraction.support import only, run

# --- phrasal cues -------------------------------------------------------------------------------


def test_made_clear_with_the_particle_hung_on_the_object(nlp):
    text = (
        "Defence Minister Oskar Lind spoke in parliament on Tuesday.\n"
        "At the rally he made clear the only red line his government would defend."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Oskar Lind"
    assert st.cue.startswith("made clear")
    assert st.red_line


def test_pointed_that_without_out_is_a_cue(nlp):
    text = "Mayor Petra Voss pointed that the bridge had never been inspected."
    st = only(run(text, nlp))
    assert st.speaker.name == "Petra Voss"
    assert "never been inspected" in st.content


def test_a_noun_particle_as_object_with_what_was_said(nlp):
    text = "Senator Ruth Amari voiced her concerns about the new fishing quotas."
    st = only(run(text, nlp))
    assert st.speaker.name == "Ruth Amari"
    assert st.cue.startswith("voiced")


def test_traded_accusations_gives_both_sides(nlp):
    text = "Norland and Estovia have traded accusations over the sinking of a ferry."
    speakers = {s.speaker.name for s in run(text, nlp)}
    assert speakers == {"Norland", "Estovia"}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Mayor Ines Corra played down the risk of flooding.", "played down"),
        ("Mayor Ines Corra quipped that the bridge was older than the city.", "quipped"),
        ("Mayor Ines Corra rebutted the charge that the tolls were illegal.", "rebutted"),
        ("Mayor Ines Corra weighed in on the debate over the tolls.", "weighed in"),
        ("Mayor Ines Corra faulted the contractor for the delays.", "faulted"),
    ],
)
def test_less_common_speech_verbs(nlp, text, cue):
    st = only(run(text, nlp))
    assert st.speaker.name == "Ines Corra"
    assert st.cue == cue


def test_a_cue_in_a_how_clause_is_a_manner_not_a_statement(nlp):
    text = "Her advice seemed out of touch with how commuters usually complain to the agency."
    assert run(text, nlp) == []


def test_a_cue_in_a_bare_time_clause_does_not_own_the_quotation(nlp):
    text = "When the senator complained, Mayor Ines Corra said: “No, the vote stands.”"
    assert only(run(text, nlp)).speaker.name == "Ines Corra"


def test_a_time_clause_with_its_own_content_is_a_statement_too(nlp):
    text = (
        "Senator Ada Lenz spoke first.\nWhen Lenz replied that she had only quoted the law, "
        "Mayor Ines Corra said: “No, the vote stands.”"
    )
    assert {s.speaker.name for s in run(text, nlp)} == {"Ada Lenz", "Ines Corra"}


@pytest.mark.parametrize(
    "text",
    [
        "Children played down by the river all afternoon.",
        "The crate weighed in at forty kilos.",
        "The object was found on the beach by a fisherman.",
        "Mayor Ines Corra objected to the plan.",
    ],
)
def test_those_verbs_and_words_without_speech(nlp, text):
    assert run(text, nlp) == []


@pytest.mark.parametrize(
    "text",
    [
        "The council made clear progress on the budget this year.",
        "She pointed at the map on the wall.",
        "The company voiced no concerns.",
        "Traders issued a statement.",
    ],
)
def test_phrasal_verbs_without_speech_are_not_statements(nlp, text):
    assert run(text, nlp) == []


# --- subjects the parser misplaces ------------------------------------------------------------


def test_as_x_said_with_an_apposition(nlp):
    text = (
        "The dispute deepened on Friday as Ivan Drozd, the ministry's press officer, said: "
        "“Nobody here believes these numbers.”"
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Ivan Drozd"
    assert st.direct


def test_speaker_before_an_aside_about_being_asked(nlp):
    text = (
        "Health Minister Clara Holm, questioned by reporters outside the hospital, "
        "said the vaccine stocks were sufficient."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Clara Holm"


def test_speaker_with_a_relative_clause_before_an_aside(nlp):
    text = (
        "Hospital officials, who asked that their names be withheld, had told the radio "
        "station on Monday that the wards were full."
    )
    st = only(run(text, nlp))
    assert st.anonymous
    assert "officials" in st.speaker.name


def test_inverted_cue_after_a_reported_clause(nlp):
    text = "The grain deal will be renewed for another year, stated Trade Minister Tomas Berg."
    st = only(run(text, nlp))
    assert st.speaker.name == "Tomas Berg"
    assert "grain deal will be renewed" in st.content


def test_inverted_cue_on_a_this_clause_takes_in_the_sentence_it_points_to(nlp):
    text = (
        "The talks went on all night. There are no red lines in these waters. This idea has "
        "failed since the fleet arrived, stated Foreign Minister Tomas Berg."
    )
    st = only(run(text, nlp))
    assert st.sentence.startswith("There are no red lines")
    assert st.red_line


def test_inverted_cue_without_a_pointing_word_keeps_its_own_sentence(nlp):
    text = (
        "There are no red lines in these waters. The idea has failed since the fleet arrived, "
        "stated Foreign Minister Tomas Berg."
    )
    st = only(run(text, nlp))
    assert st.sentence.startswith("The idea has failed")


def test_inverted_cue_does_not_take_a_sentence_with_its_own_speaker(nlp):
    text = (
        "Admiral Rosa Vidal said there were no red lines. This idea has failed since the fleet "
        "arrived, stated Foreign Minister Tomas Berg."
    )
    berg = next(s for s in run(text, nlp) if s.speaker.name == "Tomas Berg")
    assert berg.sentence.startswith("This idea")


def test_relative_clause_whose_pronoun_is_the_subject_of_what_is_said(nlp):
    text = (
        "The council approved the new road tolls, a step that market analysts have warned "
        "would hurt small traders in the valley."
    )
    st = only(run(text, nlp))
    assert st.anonymous
    assert st.speaker.name == "market analysts"


def test_cited_as_saying_gives_the_cited_source(nlp):
    text = "A weekly paper quoted unnamed sources as saying the coach would step down in May."
    st = only(run(text, nlp))
    assert st.speaker.name == "unnamed sources"
    assert st.anonymous


def test_reports_alleging_speak_when_someone_denies_them(nlp):
    text = "Brask Marine rejected reports claiming it had sold patrol boats abroad."
    speakers = {s.speaker.name: s for s in run(text, nlp)}
    assert "Brask Marine" in speakers
    assert any(s.anonymous and "reports" in name for name, s in speakers.items())


def test_a_statement_issued_by_a_speaker_is_the_speakers(nlp):
    text = "Norland released a statement saying the border would stay open all winter."
    assert {s.speaker.name for s in run(text, nlp)} == {"Norland"}


def test_clause_joined_after_the_reported_one_is_part_of_what_was_said(nlp):
    text = (
        "Foreign Minister Ada Lenz said that the fishing treaty had expired, and the navy now "
        "regards the northern shoals as a red line."
    )
    st = only(run(text, nlp))
    assert "northern shoals" in st.content
    assert st.red_line


def test_clause_joined_with_its_own_cue_is_not_added(nlp):
    text = (
        "Ada Lenz said that the old promises were never binding, and Ivo Marek warned that the "
        "islands were a red line."
    )
    lenz = next(s for s in run(text, nlp) if s.speaker.name == "Ada Lenz")
    assert "red line" not in lenz.content


def test_speech_verb_in_a_prepositional_aside_is_background(nlp):
    text = "Despite promising lower fares, the airline raised its prices in May."
    assert run(text, nlp) == []


def test_speech_verb_after_a_preposition_with_a_clause_still_counts(nlp):
    text = "After saying that the port would reopen, Mayor Ines Corra left the meeting."
    st = only(run(text, nlp))
    assert st.speaker.name == "Ines Corra"


def test_allegation_by_an_author_with_a_that_clause(nlp):
    text = (
        "The coast guard dismissed claims made by the fishermen's union that its boats were rammed."
    )
    statements = run(text, nlp)
    union = [s for s in statements if "union" in s.speaker.name]
    assert len(union) == 1
    assert union[0].content.startswith("its boats were rammed")
    assert any(s.speaker.name == "The coast guard" for s in statements)


def test_accusations_by_a_named_person(nlp):
    text = (
        "Governor Lina Marsh spoke on Monday.\n"
        "The mayor rejected accusations by Governor Marsh that the city had hidden the report."
    )
    assert any(s.speaker.name == "Lina Marsh" for s in run(text, nlp))


@pytest.mark.parametrize(
    "text",
    [
        "The claims by the union were discussed at length.",
        "Threats against the embassy staff were taken seriously.",
    ],
)
def test_allegation_nouns_without_author_or_clause_are_not_statements(nlp, text):
    assert run(text, nlp) == []


def test_cue_inside_a_conjunct_of_a_reported_clause_is_not_a_second_statement(nlp):
    text = (
        "Director Ana Ruiz stated on her blog that the inspectors and the local team confirmed "
        "two hits on the roof and called for restraint."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Ana Ruiz"


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ines Corra and Governor Lina Marsh argued about the budget at the summit.",
        "Army officers briefed the committee for two hours on the border incident.",
    ],
)
def test_argue_and_brief_without_a_clause_are_not_statements(nlp, text):
    assert run(text, nlp) == []


def test_argue_and_brief_with_a_clause_are_statements(nlp):
    text = "Mayor Ines Corra argued that the budget would not cover the new bridge."
    assert only(run(text, nlp)).speaker.name == "Ines Corra"
    text = "Army officers briefed reporters that the border incident was over."
    assert only(run(text, nlp)).anonymous


# --- speakers named by part of a group, plural institutions, pronouns ---------------------------


def test_one_of_the_officials_is_an_anonymous_group(nlp):
    text = "The reservoir, one of the officials said, could overflow by June."
    st = only(run(text, nlp))
    assert st.anonymous
    assert "officials" in st.speaker.name


def test_two_of_the_people_at_the_end_of_a_sentence(nlp):
    text = (
        "Three people familiar with the talks described the meeting.\n"
        "The envoys disagreed about the border, two of the people said."
    )
    statements = run(text, nlp)
    last = statements[-1]
    assert last.anonymous
    assert "people" in last.speaker.name


def test_plural_companies_are_an_anonymous_group(nlp):
    text = "Insurance firms cautioned that premiums along the coast would double."
    st = only(run(text, nlp))
    assert st.anonymous
    assert st.speaker.name.lower() == "insurance firms"


def test_the_ruler_is_the_president_the_article_names(nlp):
    text = (
        "Norlandic President Anna Berg opened the session on Monday.\n"
        "The drills will start in May, the Norlandic ruler told state television."
    )
    statements = run(text, nlp)
    assert statements[-1].speaker.name == "Anna Berg"


def test_plural_role_nouns_are_an_anonymous_group(nlp):
    st = only(run("Several economists warned that the new tariffs would raise food prices.", nlp))
    assert st.anonymous
    assert "economists" in st.speaker.name


def test_plural_employees_are_an_anonymous_group(nlp):
    text = "Several factory workers told a local radio station the fire alarms had failed."
    st = only(run(text, nlp))
    assert st.anonymous


def test_name_after_role_words_the_tagger_missed(nlp):
    text = "“The contract was signed in good faith,” said Chief Counsel Mirta Alvu."
    st = only(run(text, nlp))
    assert st.speaker.name == "Mirta Alvu"


def test_role_words_alone_are_not_a_person(nlp):
    text = "The attacks will stop, the General Staff said."
    st = only(run(text, nlp))
    assert st.speaker.name != "Staff"


def test_surname_the_tagger_took_for_a_noun_is_the_named_person(nlp):
    text = (
        "Port director Alan Sayers apologized to the ferry passengers on Monday.\n"
        "Sayers says the ferry timetable will return to normal next week."
    )
    statements = run(text, nlp)
    assert statements and statements[-1].speaker.name == "Alan Sayers"
    assert "timetable" in statements[-1].content


def test_capitalised_common_noun_is_not_taken_for_a_surname(nlp):
    text = "Port director Alan Sayers spoke on Monday.\nTraders say prices will rise."
    assert all(s.speaker.name != "Alan Sayers" for s in run(text, nlp)[1:])


def test_pronoun_with_only_a_non_subject_mention_before_it(nlp):
    text = (
        "Reporters had waited two hours for Governor Anton Kral. "
        "“Our aim is to protect our people,” he said in a video."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Anton Kral"


def test_pronoun_later_in_the_sentence_stands_for_its_subject(nlp):
    text = (
        "Ivan Petrov spoke first.\n"
        "The coast guard accused the rival fleet of harassing boats it said were only fishing."
    )
    for st in run(text, nlp):
        assert st.speaker.name == "The coast guard" or st.speaker.name == "Ivan Petrov"


def test_governments_of_two_states_give_one_statement_each(nlp):
    text = "The governments of Norland and Estovia each blamed the other for the sinking."
    assert {s.speaker.name for s in run(text, nlp)} == {"Norland", "Estovia"}


def test_governments_of_a_region_meeting_is_not_a_statement(nlp):
    assert run("The governments of Norland and Estovia met in Vienna on Monday.", nlp) == []


def test_they_with_no_speaker_before_is_the_group_named_before(nlp):
    text = (
        "The plan was drawn up by senior harbour officials.\n"
        "They told reporters on Friday that the quay would close in June."
    )
    st = only(run(text, nlp))
    assert st.anonymous
    assert "officials" in st.speaker.name


def test_they_with_no_group_named_is_no_speaker(nlp):
    assert run("They told reporters on Friday that the quay would close in June.", nlp) == []


def test_the_latter_and_the_former(nlp):
    text = (
        "Mayor Ines Corra met Governor Lina Marsh in the capital on Monday. "
        "The latter said the bridge would be rebuilt by spring."
    )
    st = only(run(text, nlp))
    assert st.speaker.name == "Lina Marsh"
    text = (
        "Mayor Ines Corra met Governor Lina Marsh in the capital on Monday. "
        "The former said the bridge would be rebuilt by spring."
    )
    assert only(run(text, nlp)).speaker.name == "Ines Corra"


def test_a_document_speaks_for_its_author(nlp):
    text = (
        "Port director Alan Sayers spoke on Monday.\n"
        "Sayers’ apology also suggested that the ferries would stay late all week."
    )
    statements = run(text, nlp)
    assert statements[-1].speaker.name == "Alan Sayers"
    text = "A report by the Veld Institute said that the river had dropped by a fifth."
    assert "Veld Institute" in only(run(text, nlp)).speaker.name


def test_a_claim_that_someone_rejected(nlp):
    text = "The rebels said the dam had burst on its own, a claim the Water Ministry rejected."
    speakers = {s.speaker.name for s in run(text, nlp)}
    assert "Water Ministry" in speakers


@pytest.mark.parametrize(
    "text",
    [
        "If the talks had failed, the envoys would have said so in public.",
        "The minister may announce the new budget next week.",
    ],
)
def test_hypothetical_or_future_speech_is_not_a_statement(nlp, text):
    assert run(text, nlp) == []


# --- quotations ---------------------------------------------------------------------------------


def test_guillemets_are_quotation_marks(nlp):
    text = (
        "According to President Ilir Dako, the talks are over. «We will not sign anything "
        "they put in front of us», Dako said."
    )
    statements = run(text, nlp)
    assert len(statements) == 2
    said = statements[1]
    assert said.direct
    assert said.sentence.startswith("«We will not sign")


def test_quote_paragraph_after_reported_speech_continues_its_speaker(nlp):
    text = (
        "Admiral Rosa Vidal said the fleet would stay in port.\n"
        "“We have no reason to sail while the talks go on, and we will not be provoked.”"
    )
    statements = run(text, nlp)
    assert len(statements) == 2
    assert statements[1].speaker.name == "Rosa Vidal"
    assert statements[1].cue == "continued"


def test_quote_paragraph_with_an_unknown_attribution_does_not_continue_reported_speech(nlp):
    text = (
        "Admiral Rosa Vidal said the fleet would stay in port.\n"
        "“Everyone must leave the quay now,” a dock worker muttered."
    )
    assert [s.speaker.name for s in run(text, nlp)] == ["Rosa Vidal"]


def test_shouted_is_a_cue(nlp):
    text = "“Everyone must leave the quay now,” shouted Captain Ivo Marek."
    assert only(run(text, nlp)).speaker.name.endswith("Ivo Marek")


def test_quote_resumes_after_an_inverted_cue_that_follows_an_earlier_cue(nlp):
    text = (
        "She explained the vote: “Our ports stay closed until the talks resume,” "
        "said the minister. “Reopening them now is a line I will not cross.”"
    )
    statements = run("Admiral Rosa Vidal spoke on Monday.\n" + text, nlp)
    last = statements[-1]
    assert last.sentence.endswith("Reopening them now is a line I will not cross.”")
    assert last.red_line


# --- pages cut off mid-sentence ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ministry has repeatedly warned that, by arming the rebels in the north with",
        "Mayor Ines Corra said on the radio the closure amounted to “a completely new kind of",
        "Mayor Ines Corra said the closure, which is expected to last for weeks, would cost jobs,",
    ],
)
def test_a_paragraph_cut_off_mid_sentence_gives_no_statement(nlp, text):
    assert run(f"The port was quiet.\n\n{text}\n\nThe ferry left at noon.", nlp) == []


def test_a_statement_running_into_a_cut_off_paragraph_ends_with_its_last_whole_sentence(nlp):
    text = (
        "When the senator complained, Mayor Ines Corra said: “No. By arming the rebels in the "
        "north you do not become a party to the"
    )
    st = only(run(text, nlp))
    assert st.sentence.endswith("said: “No.")


def test_an_unterminated_paragraph_that_is_not_cut_stays(nlp):
    text = "The bottler Brask Drinks calls the claims in the new lawsuit 'false'"
    assert only(run(text, nlp)).speaker.name == "Brask Drinks"


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gathered outside the ministry on Monday.",
        "Photo: the minister speaks to reporters",
        "Analysts are worried about the harbour plan.",
        "One of the ships sank near the coast.",
    ],
)
def test_not_statements(nlp, text):
    assert run(text, nlp) == []


def test_title_with_a_cue_is_not_a_statement(nlp):
    title = "Minister made clear the red line will hold"
    text = f"{title}\nThe border crossing was quiet on Monday."
    assert run(text, nlp, title=title) == []
