"""Contradiction suggestions: each rule, agreement left alone, bounds, editors' decisions kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.test import override_settings

from claims.extraction.types import ArticleExtraction
from claims.models import Claim, ClaimRelation, Origin
from claims.services.contradiction_rules import (
    Side,
    denial_cues,
    findings,
    judge,
    name_words,
    numbers,
    opening_names,
)
from claims.services.storing import store_extraction
from tests.claims.conftest import statement_in

pytestmark = pytest.mark.django_db

DISPUTE = (
    "Tension grew in the valley. Envoy Rita Moss accused Marland of massing tanks along the "
    "river border. Marland's foreign ministry denied massing tanks, calling the claim baseless "
    "propaganda. Farmers kept working."
)
ACCUSE = "Envoy Rita Moss accused Marland of massing tanks along the river border."
DENY = "Marland's foreign ministry denied massing tanks, calling the claim baseless propaganda."
COUNT_A = "Officials in Tarn said 12,000 refugees crossed the river bridge last week."
COUNT_B = "A charity said only 3,000 refugees crossed the river bridge last week."


def _side(
    text: str,
    speaker: int,
    kind: str = "assertion",
    article: int = 1,
    *,
    cue: str = "said",
    red_line: bool = False,
) -> Side:
    return Side(speaker, text, kind, red_line, frozenset({article}), text, frozenset({cue}))


def _rule(a: Side, b: Side) -> str:
    verdict = judge(a, b)
    return verdict.rule if verdict is not None else ""


def test_denial_against_the_accusation_it_answers():
    verdict = judge(_side(ACCUSE, 1, "accusation"), _side(DENY, 2, "denial", cue="denied"))
    assert verdict is not None and verdict.rule == "denial"
    assert "denied" in verdict.evidence and "tank" in verdict.evidence
    # The same speaker does not deny himself, and two denials do not dispute each other.
    assert judge(_side(ACCUSE, 1, "accusation"), _side(DENY, 1, "denial")) is None
    other_denial = "The defence ministry rejected reports of tanks massing at the river border."
    assert judge(_side(DENY, 2, "denial"), _side(other_denial, 3, "denial")) is None


def test_an_accuser_quoting_lies_is_no_denial():
    accuser = _side(
        "Officials said thousands of fake accounts run from Brenn spread lies about the vote.",
        1,
        "accusation",
        cue="accused",
    )
    assert denial_cues(accuser) == ()


def test_negation_flips_a_predicate_the_other_affirms():
    flew = _side("The pilots flew five kilometres into Norland airspace over the lake.", 1)
    stayed = _side("Our aircraft did not enter Norland airspace over the lake at any time.", 2)
    verdict = judge(flew, stayed)
    assert verdict is not None and "negation" in verdict.evidence
    assert "airspa" in verdict.evidence
    # Synonyms meet: "hurt" and "injured".
    hurt = _side("The union said four dockers were injured in the crane collapse.", 1)
    fine = _side("The port operator said no dockers were hurt in the crane collapse.", 2)
    verdict = judge(hurt, fine)
    assert verdict is not None and "negation" in verdict.evidence


def test_numbers_that_disagree_about_the_same_noun():
    assert numbers("about 12,000 refugees and three sailors") == {"refuge": 12000, "sailor": 3}
    verdict = judge(_side(COUNT_A, 1, article=1), _side(COUNT_B, 2, article=2))
    assert verdict is not None and verdict.rule == "numbers" and "refuge" in verdict.evidence
    # Written-out numbers count, and one speaker's own figures may disagree.
    five = _side("The ministry said five fishermen drowned off the cape on Friday.", 1, article=1)
    two = _side("The ministry said two fishermen drowned off the cape on Friday.", 1, article=2)
    assert _rule(five, two) == "numbers"


def test_blame_for_one_event_on_different_parties():
    one = _side("Dorvan artillery shelled the grain terminal at dawn.", 1, "accusation")
    two = _side("It was Kessian forces who fired on the grain terminal.", 2, "accusation")
    verdict = judge(one, two)
    assert verdict is not None and verdict.rule == "blame"
    assert "dorv" in verdict.evidence and "kess" in verdict.evidence
    # Demonyms fold into their country: the same party blamed twice is agreement.
    same = _side("Gunners from Dorvania fired on the grain terminal at dawn.", 2, "accusation")
    assert judge(one, same) is None
    # A known country's name opening a sentence is a party too ("Brell artillery ...").
    opening = "Brell artillery shelled the grain terminal at dawn."
    assert opening_names(opening, frozenset({"brel"})) == {"brel"}
    known = Side(
        1, opening, "accusation", False, frozenset({1}), opening, names=frozenset({"brel"})
    )
    assert _rule(known, two) == "blame"


def test_red_line_crossed_against_no_red_line():
    crossed = _side("The general said the dam attack crossed a red line.", 1, red_line=True)
    held = _side("The minister said there is no red line at the dam.", 2, red_line=True)
    assert _rule(crossed, held) == "red line"
    # A negation elsewhere in the sentence does not deny the red line.
    firm = _side(
        "The general said the dam is a red line and the army would not accept an attack on it.",
        3,
        red_line=True,
    )
    assert _rule(firm, held) == "red line"
    assert judge(crossed, firm) is None


def test_build_up_against_merely_repositioning():
    build = _side("Scouts reported a build-up of troops near the pass.", 1, "accusation", 1)
    move = _side("The army said it was merely repositioning troops near the pass.", 2, article=2)
    verdict = judge(build, move)
    assert verdict is not None and verdict.rule == "framing" and "reposi" in verdict.evidence
    routine = _side("The navy called the patrol near the reef routine and lawful.", 1)
    hostile = _side("The coast guard called the patrol near the reef a provocation.", 2)
    assert _rule(routine, hostile) == "framing"


def test_agreeing_statements_on_one_topic_are_not_contradictions():
    twin = _side(COUNT_A.replace("Officials in Tarn", "Aid workers in Tarn"), 2)
    assert judge(_side(COUNT_A, 1), twin) is None
    a = _side("The mayor said the bridge over the river will reopen in May.", 1)
    b = _side("The transport office said the river bridge will reopen in May after repairs.", 2)
    assert judge(a, b) is None
    no_a = _side("The port operator said no dockers were hurt in the crane collapse.", 1)
    no_b = _side("Police said no dockers were injured when the crane collapsed.", 2)
    assert judge(no_a, no_b) is None
    blame_a = _side("Dorvan artillery shelled the grain terminal at dawn.", 1, "accusation")
    blame_b = _side("The mayor said Dorvan guns fired on the grain terminal.", 2, "accusation")
    assert judge(blame_a, blame_b) is None


def test_unrelated_statements_are_not_compared():
    deny = _side("The ministry denied that the river border was closed.", 1, "denial", 1)
    other = _side("Farmers accused the bank of raising loan rates sharply.", 2, "accusation", 2)
    assert judge(deny, other) is None


def _store_dispute(make_article):
    article = make_article(DISPUTE)
    extraction = ArticleExtraction(
        [
            statement_in(DISPUTE, ACCUSE, "Rita Moss", kind="accusation"),
            statement_in(DISPUTE, DENY, "Marland", actor_kind="country", kind="denial"),
        ]
    )
    store_extraction(article, extraction)
    return article, extraction


def test_denial_against_accusation_is_suggested(make_article):
    _store_dispute(make_article)
    relation = ClaimRelation.objects.get()
    assert relation.type == "contradicts"
    assert (relation.origin, relation.status) == ("pipeline", "suggested")
    assert 0 < relation.score <= 1
    assert relation.evidence
    speakers = set(
        Claim.objects.filter(pk__in=[relation.source_id, relation.target_id]).values_list(
            "speaker__name", flat=True
        )
    )
    assert speakers == {"Rita Moss", "Marland"}
    assert set(Claim.objects.values_list("contradiction_count", flat=True)) == {1}


def test_disagreeing_numbers_across_articles(make_article):
    one = make_article("Report. " + COUNT_A, published=date(2022, 4, 4))
    two = make_article("Update. " + COUNT_B, published=date(2022, 4, 5))
    store_extraction(one, ArticleExtraction([statement_in(one.text, COUNT_A, "Tarn")]))
    store_extraction(two, ArticleExtraction([statement_in(two.text, COUNT_B, "Aid Now")]))
    relation = ClaimRelation.objects.get()
    assert "numbers disagree" in relation.evidence


@override_settings(REDLINE_MAX_CONTRADICTIONS_PER_CLAIM=2)
def test_bounded_per_claim(make_article):
    denials = [
        f"Spokesman {name} denied massing tanks along the river border, calling it propaganda."
        for name in ("Al Bex", "Cy Dun", "Ed Fay", "Gus Hal")
    ]
    text = ACCUSE + " " + " ".join(denials)
    article = make_article(text)
    statements = [statement_in(text, ACCUSE, "Rita Moss")]
    statements += [statement_in(text, d, d.split()[1] + " " + d.split()[2]) for d in denials]
    store_extraction(article, ArticleExtraction(statements))
    accusation = Claim.objects.get(speaker__name="Rita Moss")
    assert accusation.contradiction_count == 2
    assert ClaimRelation.objects.count() == 2


def test_editor_decisions_survive_a_rerun(make_article):
    article, extraction = _store_dispute(make_article)
    relation = ClaimRelation.objects.get()
    relation.status = "rejected"
    relation.save()
    store_extraction(article, extraction)
    assert list(ClaimRelation.objects.values_list("pk", "status")) == [(relation.pk, "rejected")]

    relation.status = "confirmed"
    relation.score = 0.99
    relation.save()
    store_extraction(article, extraction)
    kept = ClaimRelation.objects.get()
    assert (kept.pk, kept.status, kept.score) == (relation.pk, "confirmed", 0.99)

    editor = ClaimRelation.objects.create(
        source=relation.target, target=relation.source, type="supports", origin=Origin.EDITOR
    )
    store_extraction(article, extraction)
    assert ClaimRelation.objects.filter(pk=editor.pk).exists()


def test_blame_in_one_story_without_a_shared_event_word():
    one = _side("Dorvan sappers blew up the Stell dam from inside.", 1, "accusation")
    two = _side("All responsibility lies with the Kessian government.", 2, "accusation")
    verdict = judge(one, two)
    assert verdict is not None and verdict.rule == "blame"
    assert "same event" not in verdict.evidence


def test_a_named_party_doing_harm_is_blame_even_without_an_accusing_word():
    one = _side("Dorvan troops illegally crossed the border to block a patrol.", 1, "accusation")
    two = _side("Kessian soldiers tried to cross the border and were stopped.", 2, "assertion")
    assert _rule(one, two) == "blame"


def test_numbers_of_the_sources_are_not_numbers_of_the_claim():
    a = Side(
        1,
        "per the AP. Three people familiar with the talks said so.",
        "assertion",
        False,
        frozenset({1}),
        "the talks stalled",
    )
    b = Side(
        2,
        "Two people familiar with the talks said it.",
        "assertion",
        False,
        frozenset({1}),
        "the talks went on",
    )
    assert all(f.rule != "numbers" for f in findings(a, b))


def test_a_reply_naming_the_other_speaker_is_on_its_topic():
    accuse = _side("Lake Foods knowingly sold tainted flour for profit.", 1, "accusation", 1)
    reply = _side("The lawsuit rests on false information.", 2, "denial", 2, cue="said")
    unnamed = judge(accuse, reply)
    named = judge(accuse, replace(reply, speaker_words=frozenset()), None)
    accuser = replace(accuse, speaker_words=name_words("the lawsuit"))
    addressed = judge(accuser, reply)
    assert addressed is not None
    assert (unnamed.score if unnamed else 0.0) < addressed.score
    assert named == unnamed


@override_settings(REDLINE_MAX_CONTRADICTIONS_PER_CLAIM=1)
def test_a_stronger_suggestion_takes_the_place_of_a_weaker_unreviewed_one(make_article):
    article, extraction = _store_dispute(make_article)
    found = ClaimRelation.objects.get()
    accusation = Claim.objects.get(speaker__name="Rita Moss")
    found.delete()
    weak = ClaimRelation.objects.create(
        source=accusation,
        target=Claim.objects.create(text="an unrelated claim"),
        type="contradicts",
        score=0.01,
    )
    store_extraction(article, extraction)
    assert not ClaimRelation.objects.filter(pk=weak.pk).exists()
    assert ClaimRelation.objects.get().evidence.startswith("denial")

    # A reviewed relation keeps its place, however weak.
    ClaimRelation.objects.all().delete()
    reviewed = ClaimRelation.objects.create(
        source=accusation,
        target=Claim.objects.create(text="another claim"),
        type="contradicts",
        score=0.01,
        status="confirmed",
    )
    store_extraction(article, extraction)
    assert list(ClaimRelation.objects.values_list("pk", flat=True)) == [reviewed.pk]


# A generic dismissal by one side's spokesman, and what others say about that side.
MASSING = "Envoy Rita Moss said a large concentration of Marlish tanks stood near the river."
HYSTERIA = "This panic is nothing but hysteria."


def test_a_generic_dismissal_answers_what_its_article_says_about_its_side():
    said = _side(MASSING, 1)
    dismissal = replace(_side(HYSTERIA, 2), speaker_parties=frozenset({"marl"}))
    verdict = judge(said, dismissal, 0.0)
    assert verdict is not None and verdict.rule == "denial"
    assert "(about marl)" in verdict.evidence
    assert verdict.base >= 0.47  # the denial rule's threshold in contradictions.py


def test_a_dismissal_is_not_set_against_everything_in_its_article():
    dismissal = replace(_side(HYSTERIA, 2), speaker_parties=frozenset({"marl"}))
    # The statement names another side, not the dismisser's.
    other_side = _side("Envoy Rita Moss said Tarnish tanks stood near the river.", 1)
    assert judge(other_side, dismissal, 0.0) is None
    # The dismisser's own side speaking of itself.
    own = replace(_side(MASSING, 3), speaker_parties=frozenset({"marl"}))
    assert judge(own, dismissal, 0.0) is None
    # Another article: what it says is not known to be what the dismissal answers.
    elsewhere = _side(MASSING, 1, article=2)
    assert judge(elsewhere, dismissal, 0.0) is None
    # A dismissal with a topic of its own answers only what shares a word with it.
    specific = replace(
        _side("Reports of a hospital strike in Oster are fake propaganda.", 2),
        speaker_parties=frozenset({"marl"}),
    )
    exports = _side("Envoy Rita Moss said Marlish grain exports doubled this year.", 1)
    assert judge(exports, specific, 0.0) is None
    # Sharing only the denier's name is no shared topic: joint drills with it are no allegation.
    drills = _side("Envoy Rita Moss announced joint drills with Marland for May.", 1)
    plans = replace(
        _side("Marland denies any attack plans and accuses Tarn of provocations.", 2, "denial"),
        speaker_parties=frozenset({"marl"}),
    )
    assert judge(drills, plans, 0.0) is None
    # Nor is a name in passing ("waters claimed by Marland") answered by a denial of its own topic.
    waters = _side("Radar data showed both boats in the waters claimed by Marland.", 1)
    account = replace(
        _side("Marland rejected the account of the tank crew.", 2, "denial", cue="rejected"),
        speaker_parties=frozenset({"marl"}),
    )
    assert judge(waters, account, 0.0) is None
    # Two denials do not answer each other.
    denial = replace(_side(HYSTERIA, 3, "denial"), speaker_parties=frozenset({"tarn"}))
    assert judge(replace(_side(MASSING, 1, "denial"), text=MASSING + " Lies."), denial) is None


def test_a_specific_denial_answers_a_statement_about_its_side_on_its_topic():
    said = _side(MASSING, 1)
    denial = replace(
        _side("We are accused of massing tanks near the river by people from far away.", 2),
        kind="denial",
        speaker_parties=frozenset({"marl"}),
    )
    verdict = judge(said, denial, 0.0)
    assert verdict is not None and verdict.rule == "denial"
    # A statement whose subject is the denier's side, sharing no other word, is answered too.
    crew = _side("The Marlish crew had every chance to turn away.", 1)
    blunt = "Tarn's patrol boat caused the collision in the night, not ours."
    verdict = judge(crew, replace(denial, text=blunt, content=blunt), 0.0)
    assert verdict is not None and "(about marl)" in verdict.evidence
    # The same denial does not answer a statement naming that side only in passing.
    drills = _side("Envoy Rita Moss announced joint drills with Marland for May.", 1)
    assert judge(drills, replace(denial, text=blunt, content=blunt), 0.0) is None
