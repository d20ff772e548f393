"""Speaker resolution rules on short texts written for each rule (no database)."""

from __future__ import annotations

from tests.claims.extraction.support import speakers


def test_a_title_marks_a_person_the_tagger_missed(nlp):
    text = (
        "Chancellor Ottilie Brandauer opened the debate on Tuesday.\n\n"
        "Later the Chancellor said the budget would be balanced by next year."
    )
    assert speakers(text, nlp) == ["Ottilie Brandauer"]


def test_a_dateline_with_a_date_is_not_the_speaker(nlp):
    text = "NORTH FALLOW, March 3 (WNA) — Orvania accused its neighbour of closing the pass."
    assert speakers(text, nlp) == ["Orvania"]


def test_a_description_keeps_its_article_and_hyphens(nlp):
    text = "The rebel-appointed council in the town of Dorsk said the water supply was restored."
    assert speakers(text, nlp) == ["The rebel-appointed council in the town of Dorsk"]


def test_a_short_description_resolves_to_the_organisation_named_earlier(nlp):
    text = (
        "The Northern Fisheries Safety Office published its yearly figures.\n\n"
        "The safety office said catches had fallen by a third."
    )
    assert speakers(text, nlp) == ["Northern Fisheries Safety Office"]


def test_the_head_of_an_organisation_named_in_apposition(nlp):
    text = (
        "The head of the regional election board, Tamsin Okoro, said the count would finish "
        "on Friday."
    )
    assert speakers(text, nlp) == ["Tamsin Okoro"]


def test_a_name_after_a_dash_is_the_speaker_not_the_quoted_noun(nlp):
    text = (
        "There is a man in the valley, Oskar Brinn, who wants a fight – Lentov said, adding "
        "that the police had been warned."
    )
    assert speakers(text, nlp)[0] == "Lentov"


def test_a_document_does_not_stand_for_the_last_organisation(nlp):
    text = (
        "Brightwater Mills said it would contest the case.\n\n"
        "The lawsuit says the mill dumped waste into the river for a decade."
    )
    assert speakers(text, nlp) == ["Brightwater Mills", "The lawsuit"]


def test_a_dateline_with_a_state_is_not_the_speaker(nlp):
    text = "MILLBROOK, Ore. (KTV) – Harbor Foods chief Dana Pell denied any wrongdoing by the firm."
    assert speakers(text, nlp) == ["Dana Pell"]


def test_a_relative_clause_hung_on_a_date_speaks_for_the_name_before_it(nlp):
    text = (
        "The remarks prompted a reply by the Kremlin on Monday, which confirmed that the summit "
        "would go ahead in May."
    )
    assert speakers(text, nlp) == ["Kremlin"]


def test_a_relative_clause_gives_its_antecedent_a_statement(nlp):
    text = (
        "Mayor Ines Corra, who said on Monday that the bridge would reopen in May, left for "
        "Brussels."
    )
    assert speakers(text, nlp) == ["Ines Corra"]


def test_a_speaker_after_the_verb_following_a_quotation(nlp):
    text = (
        "Lind objected to the plan.\n\n"
        "“The word ‘corridor’ does not constitute a claim to anybody’s land,” countered Halvorsen."
    )
    assert speakers(text, nlp) == ["Halvorsen"]


def test_a_person_in_apposition_to_an_organisation_is_the_speaker(nlp):
    text = (
        "At the same time, the Northern Rail Company, Andrew Collins denied any delay to the works."
    )
    assert speakers(text, nlp) == ["Andrew Collins"]


def test_a_description_with_an_owner_is_not_another_owners_official(nlp):
    text = (
        "Dalmar's energy minister warned on Monday that any cut in supply would cross a red line."
        "\n\nOrvania's minister of energy and mines, Tomas Keller, said the supply would not be "
        "cut."
    )
    assert speakers(text, nlp) == ["Dalmar's energy minister", "Tomas Keller"]


def test_a_description_does_not_reach_back_over_a_comma(nlp):
    # A page that lost its spaces: the parser hangs "In July" on the lawsuit.
    text = (
        "In July, Brightwater Millssettleda class action lawsuit that alleged its labels misled "
        "buyers."
    )
    assert not speakers(text, nlp)[0].startswith("In July")


def test_a_mayor_is_a_title_not_part_of_the_name(nlp):
    text = "“We will not pay a single euro more for the pipeline,” insisted Mayor Ines Corra."
    assert speakers(text, nlp) == ["Ines Corra"]


def test_a_national_description_meets_the_role_naming_the_country(nlp):
    text = (
        "At the summit the President of Orvania, Ilse Marquardt, spoke first.\n\n"
        "“The road is no claim on anyone's land,” said the Orvanian president."
    )
    assert speakers(text, nlp)[-1] == "Ilse Marquardt"


def test_a_role_before_a_comma_belongs_to_the_name_after_it(nlp):
    text = (
        "There was a war of words between the Prime Minister of Dalmar, Tomas Keller, and the "
        "President of Orvania, Elena Petrova.\n\n"
        "“The road is no claim on anyone's land,” said the Orvanian president."
    )
    assert speakers(text, nlp)[-1] == "Elena Petrova"
