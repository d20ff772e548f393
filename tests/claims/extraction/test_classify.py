"""Red-line flag, what it concerns, and the statement kind."""

from __future__ import annotations

import pytest

from claims.extraction.classify import classify_statement, find_red_line
from claims.extraction.types import Classification


def classify(sentence: str, cue: str = "said", content: str = "") -> Classification:
    return classify_statement(sentence, content, cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said any deployment of missiles on the island would cross a red line.",
        "“This is a red line for us,” the envoy said.",
        "The president said the annexation was a “red line”.",
        "The general said the strikes had crossed the red lines drawn by Tehran.",
        "The chancellor said supplying the jets was a line he did not want to cross.",
        "The premier said the port was a line that must not be crossed.",
        "The spokesman said Seoul had crossed the line with the drills.",
        "The foreign minister said his country had drawn the line at foreign bases.",
        "The rebel commander said there are no red lines any more.",
        "The analyst said the army was approaching the reddest of red lines.",
        "The envoy said the militia had stepped over the line at the border post.",
        "“If you draw a line, decide before what you do when someone steps over it,” he said.",
        "The admiral said they drew the line and would never let the fleet cross it.",
    ],
)
def test_red_line_statements(sentence: str) -> None:
    assert classify(sentence).red_line is True


@pytest.mark.parametrize(
    "sentence",
    [
        # A transit line, a film, a coloured line, another "line" and no line at all.
        "Riders on the Red Line faced delays of an hour, the transit agency said.",
        "The director said the Red Line premiere would take place in June.",
        "The forecaster said the thin red line on the map marks the storm's path.",
        "The officer said troops crossed the Line of Control at night.",
        "The minister said the talks had been constructive.",
        "The party said its red-brick headquarters would be sold.",
        "The mayor said the council drew a line under the affair and crossed to the next item.",
        "The general said the army drew a line of trenches and crossed the river at dawn.",
    ],
)
def test_not_red_line_statements(sentence: str) -> None:
    result = classify(sentence)
    assert result.red_line is False
    assert result.red_line_about == ""


def test_red_line_is_looked_for_in_what_the_speaker_said() -> None:
    # The sentence reports two speakers; only the first one's words speak of a red line.
    sentence = (
        "The ministry warned that new bases would cross a red line, and the neighbour said "
        "it would hold joint drills."
    )
    assert classify(sentence, "said", "it would hold joint drills").red_line is False
    assert classify(sentence, "warned", "new bases would cross a red line").red_line is True


@pytest.mark.parametrize(
    ("sentence", "about"),
    [
        (
            "The minister said any deployment of missiles on the island would cross a red line.",
            "deployment of missiles on the island",
        ),
        ("The envoy said there were red lines regarding the northern border.", "northern border"),
        ("The senator said the sale of the drones was our red line.", "sale of the drones"),
        ("“The red line is the capital,” the general said.", "capital"),
    ],
)
def test_red_line_about_comes_from_the_syntax(sentence: str, about: str) -> None:
    result = classify(sentence)
    assert result.red_line is True
    assert result.red_line_about == about


def test_find_red_line_returns_the_phrase() -> None:
    match = find_red_line("He spoke of “red lines” twice.")
    assert match is not None
    assert match.group(0) == "red lines"
    assert find_red_line("The Red Line trains were late again, riders said.") is None


@pytest.mark.parametrize(
    ("sentence", "cue", "kind"),
    [
        # warning: a threat or a consequence
        ("The ministry warned that the convoy would be stopped.", "warned", "warning"),
        ("The army said it would take countermeasures if the drills went on.", "said", "warning"),
        ("The minister said that sending jets would cross a red line.", "said", "warning"),
        # accusation: blame on another party
        ("The mayor accused the rebels of shelling the market.", "accused", "accusation"),
        ("The governor said the blast was sabotage by the separatists.", "said", "accusation"),
        # denial: rejects an allegation
        ("The embassy denied that its staff had been involved.", "denied", "denial"),
        ("The ministry rejected the accusations as politically motivated.", "rejected", "denial"),
        ("The company said the report was fake and baseless.", "said", "denial"),
        # demand: calls for an action or a guarantee
        ("The envoy urged both sides to return to the table.", "urged", "demand"),
        ("The premier said the neighbours must withdraw their tanks.", "said", "demand"),
        # announcement: a decision or plan made known
        ("The ministry announced new naval exercises for March.", "announced", "announcement"),
        ("The council said it will hold a referendum in the autumn.", "said", "announcement"),
        ("The government rejected the peace plan on Sunday.", "rejected", "announcement"),
        # assertion: any other claim
        ("The minister said the harvest had been good this year.", "said", "assertion"),
        ("The president said there are no red lines in this war.", "said", "assertion"),
    ],
)
def test_kinds(sentence: str, cue: str, kind: str) -> None:
    assert classify(sentence, cue).kind == kind


def test_red_line_about_ends_on_a_sentence_without_a_verb() -> None:
    # The parse's root is a noun here; walking up the heads must stop at the root.
    result = classify_statement(
        "A red line for the alliance.", "A red line for the alliance.", "said"
    )
    assert result.red_line is True
