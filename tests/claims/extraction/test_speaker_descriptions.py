"""Descriptions of a speaker that one article resolves to the person or body it names elsewhere
(short texts written for each rule, no database)."""

from __future__ import annotations

from tests.claims.extraction.support import speakers


def test_an_aide_of_a_named_person_is_the_one_other_person_named(nlp):
    text = (
        "Chancellor Brandt's spokesman said on Monday that the talks would resume in March.\n\n"
        "Speaking to reporters, Tomas Weller added that no date had been fixed yet."
    )
    assert speakers(text, nlp) == ["Tomas Weller", "Tomas Weller"]


def test_an_aide_stays_a_description_when_two_people_could_be_meant(nlp):
    text = (
        "Chancellor Brandt's spokesman said on Monday that the talks would resume in March.\n\n"
        "Tomas Weller said no date had been fixed yet. Lena Ostrova said the delay was normal."
    )
    assert speakers(text, nlp)[0] == "Chancellor Brandt's spokesman"


def test_an_aide_of_an_institution_is_not_a_person_named_elsewhere(nlp):
    text = (
        "The ministry's spokesman said on Monday that the talks would resume in March.\n\n"
        "Tomas Weller said no date had been fixed yet."
    )
    assert speakers(text, nlp)[0] != "Tomas Weller"


def test_a_description_meets_the_one_person_with_that_bare_title(nlp):
    text = (
        "Norland's fisheries minister warned on Monday that quotas would be cut by a third.\n\n"
        "“There is no other way,” Minister Ana Ruiz told parliament."
    )
    assert speakers(text, nlp) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_capitalised_qualifier_is_not_confirmed_by_a_bare_title(nlp):
    text = (
        "The Valdorian president said on Monday that the border would stay closed.\n\n"
        "President Ana Ruiz said the border would open next week."
    )
    assert speakers(text, nlp)[0] != "Ana Ruiz"


def test_its_ministry_is_the_ministry_of_the_body_that_spoke_before(nlp):
    text = (
        "Norland denied that its ship had entered the bay.\n\n"
        "Its foreign ministry said on Tuesday that the ship had stayed in international waters."
    )
    assert speakers(text, nlp) == ["Norland", "Norland's foreign ministry"]


def test_its_ministry_with_no_body_before_stays_as_written(nlp):
    text = "Its foreign ministry said on Tuesday that the ship had stayed in international waters."
    assert speakers(text, nlp) == ["Its foreign ministry"]


def test_a_capitalised_possessive_stays_in_an_organisations_name(nlp):
    text = (
        "NORLAND’S Coast Guard yesterday turned back two fishing boats and accused their crews "
        "of entering a closed zone."
    )
    assert speakers(text, nlp) == ["NORLAND’S Coast Guard"]


def test_the_head_of_state_is_the_president_the_article_names(nlp):
    text = (
        "Valdorian President Ana Ruiz said on Monday that the border would stay closed.\n\n"
        "“We will not reopen it under pressure,” the head of state added."
    )
    assert speakers(text, nlp) == ["Ana Ruiz", "Ana Ruiz"]


def test_the_head_of_an_agency_is_no_head_of_state(nlp):
    text = (
        "Valdorian President Ana Ruiz said on Monday that the border would stay closed.\n\n"
        "The head of the customs agency said inspections would continue."
    )
    assert speakers(text, nlp)[1] != "Ana Ruiz"
