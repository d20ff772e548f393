"""Editor actions: each changes what it should, is attributed, undoable, refused to readers."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from claims.errors import EditorError, EditPermissionDenied
from claims.models import Actor, ActorAlias, Claim, ClaimRelation, Mention
from claims.services import editing
from tests.claims.curation_data import Graph, make_analyst, make_editor, make_graph, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def graph() -> Graph:
    return make_graph()


@pytest.fixture
def editor() -> User:
    return make_editor()


def _latest_history_user(row: object) -> str | None:
    record = row.history.order_by("-history_id").first()  # type: ignore[attr-defined]
    return record.history_user.username if record.history_user else None


def test_confirm_mention_records_who_and_undo_restores(graph: Graph, editor: User) -> None:
    edit = editing.confirm_mention(editor, graph.m_a1.pk)

    graph.m_a1.refresh_from_db()
    assert graph.m_a1.status == "confirmed"
    assert graph.m_a1.reviewed_by == editor
    assert _latest_history_user(graph.m_a1) == "eddie"
    [entry] = editing.list_edits(claim_id=graph.a.pk)
    assert (entry.id, entry.user, entry.undone) == (edit.id, "eddie", False)

    editing.undo_edit(editor, edit.id)
    graph.m_a1.refresh_from_db()
    assert graph.m_a1.status == "suggested"
    assert graph.m_a1.reviewed_by is None
    assert [e.undone for e in editing.list_edits(claim_id=graph.a.pk)] == [False, True]


def test_reject_mention_stops_it_counting(graph: Graph, editor: User) -> None:
    assert Claim.objects.get(pk=graph.a.pk).outlet_count == 2
    edit = editing.reject_mention(editor, graph.m_a2.pk)
    claim = Claim.objects.get(pk=graph.a.pk)
    assert (claim.mention_count, claim.outlet_count) == (1, 1)
    editing.undo_edit(editor, edit.id)
    assert Claim.objects.get(pk=graph.a.pk).outlet_count == 2


def test_relation_review_and_undo(graph: Graph, editor: User) -> None:
    assert Claim.objects.get(pk=graph.a.pk).contradiction_count == 1
    edit = editing.reject_relation(editor, graph.rel.pk)
    assert ClaimRelation.objects.get(pk=graph.rel.pk).status == "rejected"
    assert Claim.objects.get(pk=graph.a.pk).contradiction_count == 0
    editing.undo_edit(editor, edit.id)
    assert ClaimRelation.objects.get(pk=graph.rel.pk).status == "suggested"
    assert Claim.objects.get(pk=graph.a.pk).contradiction_count == 1
    confirmed = editing.confirm_relation(editor, graph.rel.pk)
    assert confirmed.target.status == "confirmed"  # type: ignore[attr-defined]


def test_add_mention_to_existing_claim_takes_exact_text(graph: Graph, editor: User) -> None:
    text = graph.art3.text
    start = text.index("Pesko")
    edit = editing.add_mention(editor, graph.art3.pk, start - 1, len(text), claim_id=graph.a.pk)

    mention = Mention.objects.get(pk=edit.target.pk)
    assert mention.sentence == text[mention.start : mention.end]
    assert mention.start == start  # the leading space was trimmed
    assert (mention.origin, mention.status, mention.claim_id) == ("editor", "confirmed", graph.a.pk)
    assert Claim.objects.get(pk=graph.a.pk).outlet_count == 3

    editing.undo_edit(editor, edit.id)
    assert not Mention.objects.filter(pk=mention.pk).exists()
    assert Claim.objects.get(pk=graph.a.pk).outlet_count == 2


def test_add_mention_with_new_claim_and_undo_removes_it(graph: Graph, editor: User) -> None:
    edit = editing.add_mention(
        editor,
        graph.art1.pk,
        0,
        len("Troops gather."),
        speaker_name="Jens Stoltenberg",
        red_line=True,
        kind="warning",
    )
    claim = Claim.objects.get(mentions=edit.target.pk)
    assert claim.speaker is not None and claim.speaker.name == "Jens Stoltenberg"
    assert (claim.text, claim.said_on, claim.red_line) == (
        "Troops gather.",
        date(2022, 1, 17),
        True,
    )
    assert "speaker" in claim.locked_fields

    editing.undo_edit(editor, edit.id)
    assert not Claim.objects.filter(pk=claim.pk).exists()


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (0, 10_000), (14, 15)])
def test_add_mention_refuses_bad_offsets(graph: Graph, editor: User, start: int, end: int) -> None:
    with pytest.raises(EditorError):
        editing.add_mention(editor, graph.art1.pk, start, end, claim_id=graph.a.pk)


def test_add_relation_and_refuse_duplicate(graph: Graph, editor: User) -> None:
    edit = editing.add_relation(editor, graph.dup.pk, graph.b.pk, "contradicts", evidence="why")
    relation = ClaimRelation.objects.get(pk=edit.target.pk)
    assert (relation.origin, relation.status) == ("editor", "confirmed")
    assert Claim.objects.get(pk=graph.dup.pk).contradiction_count == 1
    with pytest.raises(EditorError, match="already linked"):
        editing.add_relation(editor, graph.b.pk, graph.dup.pk, "contradicts")
    with pytest.raises(EditorError):
        editing.add_relation(editor, graph.b.pk, graph.b.pk, "supports")
    editing.undo_edit(editor, edit.id)
    assert not ClaimRelation.objects.filter(pk=relation.pk).exists()
    assert Claim.objects.get(pk=graph.dup.pk).contradiction_count == 0


def test_merge_claims_moves_mentions_and_relations_then_undo(graph: Graph, editor: User) -> None:
    edit = editing.merge_claims(editor, graph.dup.pk, graph.a.pk)

    loser = Claim.objects.get(pk=graph.a.pk)
    winner = Claim.objects.get(pk=graph.dup.pk)
    assert loser.merged_into_id == winner.pk
    assert set(winner.mentions.values_list("pk", flat=True)) == {
        graph.m_dup.pk,
        graph.m_a1.pk,
        graph.m_a2.pk,
    }
    assert ClaimRelation.objects.get(pk=graph.rel.pk).target_id == winner.pk
    assert (winner.mention_count, winner.outlet_count, winner.contradiction_count) == (3, 3, 1)
    assert (loser.mention_count, loser.contradiction_count) == (0, 0)

    editing.undo_edit(editor, edit.id)
    loser.refresh_from_db()
    assert loser.merged_into_id is None
    assert set(loser.mentions.values_list("pk", flat=True)) == {graph.m_a1.pk, graph.m_a2.pk}
    assert ClaimRelation.objects.get(pk=graph.rel.pk).target_id == loser.pk
    assert Claim.objects.get(pk=graph.dup.pk).mention_count == 1


def test_merge_claims_keeps_links_the_winner_already_has(graph: Graph, editor: User) -> None:
    editing.add_relation(editor, graph.b.pk, graph.dup.pk, "contradicts")
    editing.merge_claims(editor, graph.dup.pk, graph.a.pk)
    # b→a would duplicate b→dup: it stays on the merged claim instead of breaking the unique pair.
    assert ClaimRelation.objects.get(pk=graph.rel.pk).target_id == graph.a.pk
    with pytest.raises(EditorError, match="already merged"):
        editing.merge_claims(editor, graph.b.pk, graph.a.pk)
    with pytest.raises(EditorError):
        editing.merge_claims(editor, graph.a.pk, graph.a.pk)


def test_merge_actors_keeps_names_as_aliases_and_undo(graph: Graph, editor: User) -> None:
    ActorAlias.objects.create(actor=graph.pesko, alias="Pesokv")
    edit = editing.merge_actors(editor, graph.peskov.pk, graph.pesko.pk)

    assert Actor.objects.get(pk=graph.pesko.pk).merged_into_id == graph.peskov.pk
    assert Claim.objects.get(pk=graph.dup.pk).speaker_id == graph.peskov.pk
    aliases = set(ActorAlias.objects.filter(actor=graph.peskov).values_list("alias", flat=True))
    assert aliases == {"Pesko", "Pesokv"}
    assert _latest_history_user(Claim.objects.get(pk=graph.dup.pk)) == "eddie"

    editing.undo_edit(editor, edit.id)
    assert Actor.objects.get(pk=graph.pesko.pk).merged_into_id is None
    assert Claim.objects.get(pk=graph.dup.pk).speaker_id == graph.pesko.pk
    assert set(ActorAlias.objects.filter(actor=graph.pesko).values_list("alias", flat=True)) == {
        "Pesokv"
    }
    assert not ActorAlias.objects.filter(actor=graph.peskov).exists()
    with pytest.raises(EditorError, match="already undone"):
        editing.undo_edit(editor, edit.id)


def test_correct_claim_locks_fields_and_undo_unlocks(graph: Graph, editor: User) -> None:
    edit = editing.correct_claim(
        editor,
        graph.dup.pk,
        speaker=graph.peskov.pk,
        said_on="2022-01-15",
        said_on_precision="month",
        red_line=False,
        red_line_about="border",
    )
    claim = Claim.objects.get(pk=graph.dup.pk)
    assert (claim.speaker_id, claim.said_on, claim.said_on_precision) == (
        graph.peskov.pk,
        date(2022, 1, 15),
        "month",
    )
    assert (claim.red_line, claim.red_line_about) == (False, "border")
    assert set(claim.locked_fields) == {
        "speaker",
        "said_on",
        "said_on_precision",
        "red_line",
        "red_line_about",
    }

    editing.undo_edit(editor, edit.id)
    claim.refresh_from_db()
    assert (claim.speaker_id, claim.said_on, claim.red_line) == (
        graph.pesko.pk,
        date(2022, 1, 17),
        True,
    )
    assert claim.locked_fields == []


def test_correct_claim_refuses_bad_values(graph: Graph, editor: User) -> None:
    with pytest.raises(EditorError, match="cannot be corrected"):
        editing.correct_claim(editor, graph.a.pk, mention_count=3)
    with pytest.raises(EditorError, match="Unknown kind"):
        editing.correct_claim(editor, graph.a.pk, kind="rumour")
    with pytest.raises(EditorError, match="Not a date"):
        editing.correct_claim(editor, graph.a.pk, said_on="16 Jan")
    with pytest.raises(EditorError, match="nothing changed"):
        editing.correct_claim(editor, graph.a.pk, kind="warning")


def test_undo_refuses_when_changed_again(graph: Graph, editor: User) -> None:
    first = editing.confirm_mention(editor, graph.m_a1.pk)
    editing.reject_mention(editor, graph.m_a1.pk)
    with pytest.raises(EditorError, match="reviewed again"):
        editing.undo_edit(editor, first.id)


@pytest.mark.parametrize("who", ["analyst", "nobody", "anonymous", "inactive"])
def test_readers_cannot_edit(graph: Graph, who: str) -> None:
    from django.contrib.auth.models import AnonymousUser

    user: User | AnonymousUser
    if who == "analyst":
        user = make_analyst()
    elif who == "nobody":
        user = make_user("nobody", None)
    elif who == "inactive":
        user = make_editor("gone")
        user.is_active = False
        user.save()
    else:
        user = AnonymousUser()
    actions = [
        lambda: editing.confirm_mention(user, graph.m_a1.pk),
        lambda: editing.reject_relation(user, graph.rel.pk),
        lambda: editing.add_mention(user, graph.art1.pk, 0, 5, claim_id=graph.a.pk),
        lambda: editing.add_relation(user, graph.a.pk, graph.dup.pk, "same"),
        lambda: editing.merge_claims(user, graph.a.pk, graph.dup.pk),
        lambda: editing.merge_actors(user, graph.peskov.pk, graph.pesko.pk),
        lambda: editing.correct_claim(user, graph.a.pk, kind="denial"),
        lambda: editing.undo_edit(user, 1),
    ]
    for action in actions:
        with pytest.raises(EditPermissionDenied):
            action()
    assert Mention.objects.get(pk=graph.m_a1.pk).status == "suggested"
    assert Actor.objects.get(pk=graph.pesko.pk).merged_into_id is None


def test_superuser_may_edit(graph: Graph) -> None:
    admin = User.objects.create_superuser("root", password="pw")
    assert editing.can_edit(admin)
    editing.confirm_mention(admin, graph.m_b.pk)
    assert Mention.objects.get(pk=graph.m_b.pk).status == "confirmed"
