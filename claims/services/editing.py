"""Editor actions on claims, mentions, relations and actors: attributed, audited and undoable.

Every action takes the acting user, runs in one transaction with the rows it changes locked
(``select_for_update``), writes django-simple-history records carrying that user and a change
reason, and records one audit entry (Django's admin ``LogEntry``; its ``change_message`` holds the
JSON needed to undo it). ``undo_edit(user, edit_id)`` reverses any of them.

Editor decisions stick: a mention or relation reviewed here gets ``status`` confirmed/rejected,
rows added here get ``origin="editor"``, and corrected claim fields are added to
``Claim.locked_fields`` — the pipeline leaves all of those alone on a re-run.

The web UI and the REST API both call these functions; they raise ``EditPermissionDenied`` for
users outside the "editors" group and ``EditorError`` for requests that cannot be carried out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from claims.errors import EditorError, EditPermissionDenied
from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    ClaimRelation,
    DatePrecision,
    Mention,
    Origin,
    ReviewStatus,
)
from claims.services.claim_stats import refresh_claims
from claims.services.contradictions import refresh_contradiction_counts
from claims.text import normalize_name
from sources.models import Article

EDITORS_GROUP = "editors"
ANALYSTS_GROUP = "analysts"
# Marks the audit entries written here among other admin log entries.
EDIT_MARKER = "redline_edit"
# Claim fields an editor may correct; a corrected field is locked against pipeline re-runs.
CORRECTABLE_FIELDS = (
    "speaker",
    "text",
    "said_on",
    "said_on_precision",
    "kind",
    "red_line",
    "red_line_about",
)

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Edit:
    """What an editor action did: ``id`` is the audit entry to pass to ``undo_edit``."""

    id: int
    action: str
    summary: str
    target: models.Model


@dataclass(frozen=True)
class EditEntry:
    """One audit entry as read back for a history list or an undo button."""

    id: int
    action: str
    summary: str
    user: str
    at: Any
    undone: bool
    undoes: int | None
    claim_ids: tuple[int, ...]
    actor_ids: tuple[int, ...]


def can_edit(user: Any) -> bool:
    """Whether ``user`` may change data: an active superuser or a member of "editors"."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(user.groups.filter(name=EDITORS_GROUP).exists())


def require_editor(user: Any) -> None:
    """Raise ``EditPermissionDenied`` unless ``user`` may edit."""
    if not can_edit(user):
        raise EditPermissionDenied("Only editors can change claims, links and actors.")


# ---------------------------------------------------------------------------------------------
# Reviewing suggestions


def set_mention_status(user: Any, mention_id: int, status: str) -> Edit:
    """Confirm or reject a mention (claim ↔ source sentence) or put it back to suggested."""
    require_editor(user)
    _check_status(status)
    with transaction.atomic():
        mention = _locked(Mention, mention_id, "mention")
        before = _review_state(mention)
        mention.status = status
        mention.reviewed_by = user
        mention.reviewed_at = timezone.now()
        verb = _STATUS_VERBS[status]
        summary = f"{verb} mention {mention.pk} of claim {mention.claim_id}"
        entry = _open_entry(user, mention, "set_mention_status", summary)
        _save(mention, user, entry)
        refresh_claim_counters([mention.claim_id])
        _close_entry(
            entry,
            {"mention": mention.pk, "before": before, "after": status},
            claims=[mention.claim_id],
        )
    return Edit(entry.pk, "set_mention_status", summary, mention)


def confirm_mention(user: Any, mention_id: int) -> Edit:
    """Confirm that a mention's sentence reports its claim."""
    return set_mention_status(user, mention_id, ReviewStatus.CONFIRMED)


def reject_mention(user: Any, mention_id: int) -> Edit:
    """Reject a mention: its sentence does not report the claim (it stops counting)."""
    return set_mention_status(user, mention_id, ReviewStatus.REJECTED)


def set_relation_status(user: Any, relation_id: int, status: str) -> Edit:
    """Confirm or reject a claim ↔ claim relation or put it back to suggested."""
    require_editor(user)
    _check_status(status)
    with transaction.atomic():
        relation = _locked(ClaimRelation, relation_id, "relation")
        before = _review_state(relation)
        relation.status = status
        relation.reviewed_by = user
        relation.reviewed_at = timezone.now()
        summary = (
            f"{_STATUS_VERBS[status]} relation: claim {relation.source_id} "
            f"{relation.type} claim {relation.target_id}"
        )
        entry = _open_entry(user, relation, "set_relation_status", summary)
        _save(relation, user, entry)
        refresh_claim_counters([relation.source_id, relation.target_id])
        _close_entry(
            entry,
            {"relation": relation.pk, "before": before, "after": status},
            claims=[relation.source_id, relation.target_id],
        )
    return Edit(entry.pk, "set_relation_status", summary, relation)


def confirm_relation(user: Any, relation_id: int) -> Edit:
    """Confirm a suggested relation (e.g. that two claims contradict each other)."""
    return set_relation_status(user, relation_id, ReviewStatus.CONFIRMED)


def reject_relation(user: Any, relation_id: int) -> Edit:
    """Reject a suggested relation."""
    return set_relation_status(user, relation_id, ReviewStatus.REJECTED)


# ---------------------------------------------------------------------------------------------
# Adding what the pipeline missed


def add_mention(
    user: Any,
    article_id: int,
    start: int,
    end: int,
    *,
    claim_id: int | None = None,
    speaker_id: int | None = None,
    speaker_name: str = "",
    text: str = "",
    said_on: date | None = None,
    said_on_precision: str = "",
    kind: str = Claim.Kind.ASSERTION,
    red_line: bool = False,
    red_line_about: str = "",
    cue: str = "",
) -> Edit:
    """Link the text ``article.text[start:end]`` to a claim, or to a new claim by a speaker.

    The stored sentence is exactly that slice (surrounding spaces trimmed, offsets adjusted).
    Without ``claim_id`` a new claim is created, spoken by ``speaker_id`` or by the actor named
    ``speaker_name`` (found by name or alias, created when unknown); its text defaults to the
    selected sentence and its date to the article's publication day.
    """
    require_editor(user)
    with transaction.atomic():
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise EditorError(f"Article {article_id} does not exist.")
        start, end = _trimmed_span(article.text, start, end)
        sentence = article.text[start:end]
        created_claim: Claim | None = None
        if claim_id is not None:
            claim = _locked(Claim, claim_id, "claim")
            if claim.merged_into_id:
                raise EditorError(
                    f"Claim {claim.pk} was merged into claim {claim.merged_into_id}; "
                    "attach the sentence to that one."
                )
        else:
            speaker = _speaker(speaker_id, speaker_name)
            _check_choice(kind, Claim.Kind.values, "kind")
            precision = said_on_precision or (
                DatePrecision.DAY if (said_on or article.published) else DatePrecision.UNKNOWN
            )
            _check_choice(precision, DatePrecision.values, "date precision")
            claim = Claim(
                speaker=speaker,
                text=(text.strip() or sentence),
                normalized_text=normalize_name(text.strip() or sentence),
                said_on=said_on or article.published,
                said_on_precision=precision,
                kind=kind,
                red_line=red_line,
                red_line_about=red_line_about.strip(),
                review_status=ReviewStatus.CONFIRMED,
                locked_fields=list(CORRECTABLE_FIELDS),
            )
            created_claim = claim
        if (
            claim.pk
            and Mention.objects.filter(claim=claim, article=article, start=start, end=end).exists()
        ):
            raise EditorError("This sentence is already linked to that claim.")
        summary = f"added a mention of claim {claim.pk or '(new)'} in article {article.pk}"
        entry = _open_entry(user, article, "add_mention", summary)
        if created_claim is not None:
            _save(created_claim, user, entry)
            summary = f"added claim {claim.pk} with a mention in article {article.pk}"
        mention = Mention(
            claim=claim,
            article=article,
            sentence=sentence,
            start=start,
            end=end,
            content=sentence if created_claim is None else claim.text,
            cue=cue[:100],
            speaker_text=claim.speaker.name if claim.speaker else "",
            confidence=1.0,
            origin=Origin.EDITOR,
            status=ReviewStatus.CONFIRMED,
            reviewed_by=user,
            reviewed_at=timezone.now(),
        )
        _save(mention, user, entry)
        refresh_claim_counters([claim.pk])
        _close_entry(
            entry,
            {
                "mention": mention.pk,
                "claim": claim.pk,
                "created_claim": created_claim is not None,
            },
            claims=[claim.pk],
            summary=summary,
        )
    return Edit(entry.pk, "add_mention", summary, mention)


def add_relation(
    user: Any,
    source_id: int,
    target_id: int,
    relation_type: str,
    *,
    evidence: str = "",
) -> Edit:
    """Link two claims (contradicts / supports / same) as an editor-confirmed relation."""
    require_editor(user)
    _check_choice(relation_type, ClaimRelation.Type.values, "relation type")
    if source_id == target_id:
        raise EditorError("A claim cannot be related to itself.")
    with transaction.atomic():
        source, target = _locked_pair(Claim, source_id, target_id, "claim")
        for claim in (source, target):
            if claim.merged_into_id:
                raise EditorError(f"Claim {claim.pk} was merged into claim {claim.merged_into_id}.")
        existing = ClaimRelation.objects.filter(
            Q(source=source, target=target) | Q(source=target, target=source),
            type=relation_type,
        ).first()
        if existing is not None:
            raise EditorError(
                f"Claims {source.pk} and {target.pk} are already linked as {relation_type} "
                f"(status {existing.status}); confirm or reject that link instead."
            )
        relation = ClaimRelation(
            source=source,
            target=target,
            type=relation_type,
            score=1.0,
            evidence=evidence.strip(),
            origin=Origin.EDITOR,
            status=ReviewStatus.CONFIRMED,
            reviewed_by=user,
            reviewed_at=timezone.now(),
        )
        summary = f"linked claim {source.pk} {relation_type} claim {target.pk}"
        entry = _open_entry(user, source, "add_relation", summary)
        _save(relation, user, entry)
        refresh_claim_counters([source.pk, target.pk])
        _close_entry(entry, {"relation": relation.pk}, claims=[source.pk, target.pk])
    return Edit(entry.pk, "add_relation", summary, relation)


# ---------------------------------------------------------------------------------------------
# Merging duplicates


def merge_claims(user: Any, winner_id: int, loser_id: int) -> Edit:
    """Merge claim ``loser_id`` into ``winner_id``: mentions move, relations are re-pointed.

    A mention or relation the winner already has (same span, same pair) stays on the loser;
    the loser is kept, marked ``merged_into`` the winner, so links to it still resolve.
    """
    require_editor(user)
    if winner_id == loser_id:
        raise EditorError("A claim cannot be merged into itself.")
    with transaction.atomic():
        winner, loser = _locked_pair(Claim, winner_id, loser_id, "claim")
        if loser.merged_into_id:
            raise EditorError(f"Claim {loser.pk} is already merged into {loser.merged_into_id}.")
        if winner.merged_into_id:
            raise EditorError(
                f"Claim {winner.pk} was merged into claim {winner.merged_into_id}; "
                "merge into that one."
            )
        summary = f"merged claim {loser.pk} into claim {winner.pk}"
        loser_status = loser.review_status
        entry = _open_entry(user, loser, "merge_claims", summary)
        taken = set(Mention.objects.filter(claim=winner).values_list("article_id", "start", "end"))
        moved_mentions = []
        for mention in Mention.objects.select_for_update().filter(claim=loser).order_by("pk"):
            if (mention.article_id, mention.start, mention.end) in taken:
                continue
            mention.claim = winner
            _save(mention, user, entry)
            moved_mentions.append(mention.pk)
        moved_relations = _repoint_relations(user, entry, winner, loser)
        repointed_claims = []
        for earlier in Claim.objects.select_for_update().filter(merged_into=loser):
            earlier.merged_into = winner
            _save(earlier, user, entry)
            repointed_claims.append(earlier.pk)
        loser.merged_into = winner
        loser.review_status = ReviewStatus.CONFIRMED
        _save(loser, user, entry)
        refresh_claim_counters([winner.pk, loser.pk])
        _close_entry(
            entry,
            {
                "winner": winner.pk,
                "loser": loser.pk,
                "loser_review_status": loser_status,
                "mentions": moved_mentions,
                "relations": moved_relations,
                "merged_claims": repointed_claims,
            },
            claims=[winner.pk, loser.pk],
        )
    return Edit(entry.pk, "merge_claims", summary, winner)


def merge_actors(user: Any, winner_id: int, loser_id: int) -> Edit:
    """Merge actor ``loser_id`` into ``winner_id``: claims re-pointed, names kept as aliases.

    The loser's aliases move to the winner and the loser's own name becomes an alias of the
    winner, so later pipeline runs resolve either name to the winner.
    """
    require_editor(user)
    if winner_id == loser_id:
        raise EditorError("An actor cannot be merged into itself.")
    with transaction.atomic():
        winner, loser = _locked_pair(Actor, winner_id, loser_id, "actor")
        if loser.merged_into_id:
            raise EditorError(f"Actor {loser.pk} is already merged into {loser.merged_into_id}.")
        if winner.merged_into_id:
            raise EditorError(
                f"Actor {winner.pk} was merged into actor {winner.merged_into_id}; "
                "merge into that one."
            )
        summary = f"merged actor {loser.name!r} into {winner.name!r}"
        entry = _open_entry(user, loser, "merge_actors", summary)
        claim_ids = []
        for claim in Claim.objects.select_for_update().filter(speaker=loser).order_by("pk"):
            claim.speaker = winner
            _save(claim, user, entry)
            claim_ids.append(claim.pk)
        alias_ids = list(
            ActorAlias.objects.select_for_update()
            .filter(actor=loser)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        ActorAlias.objects.filter(pk__in=alias_ids).update(actor=winner)
        created_alias = None
        loser_norm = normalize_name(loser.name)
        if (
            loser_norm != winner.normalized_name
            and not ActorAlias.objects.filter(normalized=loser_norm).exists()
        ):
            created_alias = ActorAlias.objects.create(
                actor=winner, alias=loser.name, origin=Origin.EDITOR
            ).pk
        members = []
        for member in Actor.objects.select_for_update().filter(affiliation=loser):
            member.affiliation = winner
            _save(member, user, entry)
            members.append(member.pk)
        merged = []
        for earlier in Actor.objects.select_for_update().filter(merged_into=loser):
            earlier.merged_into = winner
            _save(earlier, user, entry)
            merged.append(earlier.pk)
        loser.merged_into = winner
        _save(loser, user, entry)
        _close_entry(
            entry,
            {
                "winner": winner.pk,
                "loser": loser.pk,
                "claims": claim_ids,
                "aliases": alias_ids,
                "created_alias": created_alias,
                "members": members,
                "merged_actors": merged,
            },
            claims=claim_ids,
            actors=[winner.pk, loser.pk],
        )
    return Edit(entry.pk, "merge_actors", summary, winner)


# ---------------------------------------------------------------------------------------------
# Corrections


def correct_claim(user: Any, claim_id: int, **changes: Any) -> Edit:
    """Correct a claim's fields (speaker, text, said_on, said_on_precision, kind, red_line,
    red_line_about); each corrected field is added to ``locked_fields``.

    ``speaker`` takes an Actor, an actor id or a name (found by name/alias or created).
    """
    require_editor(user)
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise EditorError(f"These fields cannot be corrected: {', '.join(sorted(unknown))}.")
    if not changes:
        raise EditorError("Nothing to correct.")
    with transaction.atomic():
        claim = _locked(Claim, claim_id, "claim")
        before: dict[str, Any] = {}
        changed: list[str] = []
        for field, value in changes.items():
            value = _clean_correction(field, value)
            current = claim.speaker_id if field == "speaker" else getattr(claim, field)
            new = value.pk if field == "speaker" and value is not None else value
            if current == new:
                continue
            before[field] = _jsonable(current)
            if field == "speaker":
                claim.speaker = value
            else:
                setattr(claim, field, value)
            if field == "text":
                claim.normalized_text = normalize_name(value)
            changed.append(field)
        if not changed:
            raise EditorError("These values are already the claim's own; nothing changed.")
        before_locked = list(claim.locked_fields or [])
        claim.locked_fields = sorted(set(before_locked) | set(changed))
        summary = f"corrected {', '.join(changed)} of claim {claim.pk}"
        entry = _open_entry(user, claim, "correct_claim", summary)
        _save(claim, user, entry)
        _close_entry(
            entry,
            {
                "claim": claim.pk,
                "before": before,
                "after": {f: _jsonable(_field_value(claim, f)) for f in changed},
                "locked_before": before_locked,
            },
            claims=[claim.pk],
            actors=[a for a in (before.get("speaker"), claim.speaker_id) if a],
        )
    return Edit(entry.pk, "correct_claim", summary, claim)


# ---------------------------------------------------------------------------------------------
# Undo and the audit trail


def undo_edit(user: Any, edit_id: int) -> Edit:
    """Reverse an earlier editor action (recorded as a new, attributed edit)."""
    require_editor(user)
    with transaction.atomic():
        log = LogEntry.objects.select_for_update().filter(pk=edit_id).first()
        data = _payload(log)
        if log is None or data is None:
            raise EditorError(f"There is no edit {edit_id} to undo.")
        if data.get("undone_by"):
            raise EditorError(f"Edit {edit_id} was already undone (edit {data['undone_by']}).")
        action = data["action"]
        if action == "undo":
            raise EditorError("An undo cannot itself be undone; redo the action instead.")
        summary = f"undid: {data['summary']}"
        entry = _open_entry(user, log, "undo", summary)
        target = _UNDO[action](user, entry, data["undo"])
        _close_entry(
            entry,
            {"undoes": log.pk},
            claims=[int(c[1:]) for c in data.get("claims", [])],
            actors=[int(a[1:]) for a in data.get("actors", [])],
            undoes=log.pk,
        )
        data["undone_by"] = entry.pk
        log.change_message = json.dumps(data)
        log.save(update_fields=["change_message"])
    return Edit(entry.pk, "undo", summary, target)


def list_edits(
    *, claim_id: int | None = None, actor_id: int | None = None, limit: int = 50
) -> list[EditEntry]:
    """The latest editor actions, newest first; optionally only those touching one claim/actor."""
    logs = LogEntry.objects.filter(change_message__contains=f'"{EDIT_MARKER}"').select_related(
        "user"
    )
    if claim_id is not None:
        logs = logs.filter(change_message__contains=f'"c{claim_id}"')
    if actor_id is not None:
        logs = logs.filter(change_message__contains=f'"a{actor_id}"')
    entries = []
    for log in logs.order_by("-action_time", "-pk")[:limit]:
        data = _payload(log)
        if data is None:
            continue
        entries.append(
            EditEntry(
                id=log.pk,
                action=data["action"],
                summary=data["summary"],
                user=log.user.get_username(),
                at=log.action_time,
                undone=bool(data.get("undone_by")),
                undoes=data.get("undoes"),
                claim_ids=tuple(int(c[1:]) for c in data.get("claims", [])),
                actor_ids=tuple(int(a[1:]) for a in data.get("actors", [])),
            )
        )
    return entries


def refresh_claim_counters(claim_ids: Iterable[int]) -> None:
    """Recompute mention/outlet/contradiction counts and the first appearance of claims.

    Uses the storage services' rules (rejected links do not count; a syndicated copy adds no
    outlet), so editor changes and pipeline runs agree on the numbers.
    """
    ids = set(claim_ids)
    alive = refresh_claims(ids)
    refresh_contradiction_counts(alive)


# ---------------------------------------------------------------------------------------------
# Undo handlers: each reverses one action from its recorded payload.


def _undo_mention_status(user: Any, entry: LogEntry, undo: dict[str, Any]) -> models.Model:
    mention = _locked(Mention, undo["mention"], "mention")
    if mention.status != undo["after"]:
        raise EditorError("The mention was reviewed again since; undo that change first.")
    _restore_review_state(mention, undo["before"])
    _save(mention, user, entry)
    refresh_claim_counters([mention.claim_id])
    return mention


def _undo_relation_status(user: Any, entry: LogEntry, undo: dict[str, Any]) -> models.Model:
    relation = _locked(ClaimRelation, undo["relation"], "relation")
    if relation.status != undo["after"]:
        raise EditorError("The relation was reviewed again since; undo that change first.")
    _restore_review_state(relation, undo["before"])
    _save(relation, user, entry)
    refresh_claim_counters([relation.source_id, relation.target_id])
    return relation


def _undo_add_mention(user: Any, entry: LogEntry, undo: dict[str, Any]) -> models.Model:
    mention = _locked(Mention, undo["mention"], "mention")
    claim = _locked(Claim, mention.claim_id, "claim")
    _delete(mention, user, entry)
    if undo["created_claim"] and not claim.mentions.exists():
        if (
            claim.merged_claims.exists()
            or claim.relations_out.exists()
            or claim.relations_in.exists()
        ):
            raise EditorError(
                f"Claim {claim.pk} has gained links since it was added; remove them first."
            )
        _delete(claim, user, entry)
        return claim
    refresh_claim_counters([claim.pk])
    return claim


def _undo_add_relation(user: Any, entry: LogEntry, undo: dict[str, Any]) -> models.Model:
    relation = _locked(ClaimRelation, undo["relation"], "relation")
    pair = [relation.source_id, relation.target_id]
    _delete(relation, user, entry)
    refresh_claim_counters(pair)
    return relation


def _undo_merge_claims(user: Any, entry: LogEntry, undo: dict[str, Any]) -> models.Model:
    winner, loser = _locked_pair(Claim, undo["winner"], undo["loser"], "claim")
    if loser.merged_into_id != winner.pk:
        raise EditorError(f"Claim {loser.pk} is no longer merged into claim {winner.pk}.")
    for mention in Mention.objects.select_for_update().filter(
        pk__in=undo["mentions"], claim=winner
    ):
        mention.claim = loser
        _save(mention, user, entry)
    for relation_id, end in undo["relations"]:
        relation = ClaimRelation.objects.select_for_update().filter(pk=relation_id).first()
        if relation is None:
            continue
        setattr(relation, end, loser)
        _save(relation, user, entry)
    for earlier in Claim.objects.select_for_update().filter(
        pk__in=undo["merged_claims"], merged_into=winner
    ):
        earlier.merged_into = loser
        _save(earlier, user, entry)
    loser.merged_into = None
    loser.review_status = undo["loser_review_status"]
    _save(loser, user, entry)
    refresh_claim_counters([winner.pk, loser.pk])
    return loser


def _undo_merge_actors(user: Any, entry: LogEntry, undo: dict[str, Any]) -> models.Model:
    winner, loser = _locked_pair(Actor, undo["winner"], undo["loser"], "actor")
    if loser.merged_into_id != winner.pk:
        raise EditorError(f"Actor {loser.name!r} is no longer merged into {winner.name!r}.")
    for claim in Claim.objects.select_for_update().filter(pk__in=undo["claims"], speaker=winner):
        claim.speaker = loser
        _save(claim, user, entry)
    ActorAlias.objects.filter(pk__in=undo["aliases"], actor=winner).update(actor=loser)
    if undo["created_alias"]:
        ActorAlias.objects.filter(pk=undo["created_alias"], actor=winner).delete()
    for member in Actor.objects.select_for_update().filter(
        pk__in=undo["members"], affiliation=winner
    ):
        member.affiliation = loser
        _save(member, user, entry)
    for earlier in Actor.objects.select_for_update().filter(
        pk__in=undo["merged_actors"], merged_into=winner
    ):
        earlier.merged_into = loser
        _save(earlier, user, entry)
    loser.merged_into = None
    _save(loser, user, entry)
    return loser


def _undo_correct_claim(user: Any, entry: LogEntry, undo: dict[str, Any]) -> models.Model:
    claim = _locked(Claim, undo["claim"], "claim")
    for field, after in undo["after"].items():
        if _jsonable(_field_value(claim, field)) != after:
            raise EditorError(f"The claim's {field} was changed again since; undo that first.")
    for field, value in undo["before"].items():
        if field == "speaker":
            claim.speaker_id = value
        elif field == "said_on":
            claim.said_on = date.fromisoformat(value) if value else None
        else:
            setattr(claim, field, value)
        if field == "text":
            claim.normalized_text = normalize_name(value)
    claim.locked_fields = undo["locked_before"]
    _save(claim, user, entry)
    return claim


_UNDO = {
    "set_mention_status": _undo_mention_status,
    "set_relation_status": _undo_relation_status,
    "add_mention": _undo_add_mention,
    "add_relation": _undo_add_relation,
    "merge_claims": _undo_merge_claims,
    "merge_actors": _undo_merge_actors,
    "correct_claim": _undo_correct_claim,
}


# ---------------------------------------------------------------------------------------------
# Helpers

_STATUS_VERBS: dict[str, str] = {
    ReviewStatus.CONFIRMED: "confirmed",
    ReviewStatus.REJECTED: "rejected",
    ReviewStatus.SUGGESTED: "reopened",
}


def _check_status(status: str) -> None:
    _check_choice(status, ReviewStatus.values, "review status")


def _check_choice(value: str, allowed: Iterable[str], what: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise EditorError(f"Unknown {what} {value!r}; expected one of {', '.join(allowed)}.")


def _locked(model: type[M], pk: int, what: str) -> M:
    row = model._default_manager.select_for_update().filter(pk=pk).first()
    if row is None:
        raise EditorError(f"The {what} {pk} does not exist.")
    return row


def _locked_pair(model: type[M], first: int, second: int, what: str) -> tuple[M, M]:
    # Lock in id order so two editors merging the same pair cannot deadlock.
    rows = {
        row.pk: row
        for row in model._default_manager.select_for_update()
        .filter(pk__in=[first, second])
        .order_by("pk")
    }
    for pk in (first, second):
        if pk not in rows:
            raise EditorError(f"The {what} {pk} does not exist.")
    return rows[first], rows[second]


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    if not (0 <= start < end <= len(text)):
        raise EditorError(
            f"The selection {start}–{end} is outside the article text (0–{len(text)})."
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise EditorError("The selection holds no text.")
    return start, end


def _speaker(speaker_id: int | None, speaker_name: str) -> Actor:
    if speaker_id is not None:
        actor = Actor.objects.filter(pk=speaker_id).first()
        if actor is None:
            raise EditorError(f"The actor {speaker_id} does not exist.")
        return _final_actor(actor)
    if not speaker_name.strip():
        raise EditorError("A new claim needs a speaker.")
    return _actor_named(speaker_name)


def _actor_named(name: str) -> Actor:
    norm = normalize_name(name)
    actor = Actor.objects.filter(normalized_name=norm).first()
    if actor is None:
        alias = ActorAlias.objects.select_related("actor").filter(normalized=norm).first()
        actor = alias.actor if alias else None
    if actor is None:
        actor = Actor.objects.create(name=" ".join(name.split()))
    return _final_actor(actor)


def _final_actor(actor: Actor) -> Actor:
    seen = {actor.pk}
    while actor.merged_into_id and actor.merged_into_id not in seen:
        seen.add(actor.merged_into_id)
        actor = Actor.objects.get(pk=actor.merged_into_id)
    return actor


def _clean_correction(field: str, value: Any) -> Any:
    if field == "speaker":
        if value is None or isinstance(value, Actor):
            return _final_actor(value) if value is not None else None
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return _speaker(int(value), "")
        return _speaker(None, str(value))
    if field == "said_on":
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise EditorError(f"Not a date: {value!r} (use YYYY-MM-DD).") from exc
    if field == "said_on_precision":
        _check_choice(value, DatePrecision.values, "date precision")
    if field == "kind":
        _check_choice(value, Claim.Kind.values, "kind")
    if field == "red_line" and not isinstance(value, bool):
        raise EditorError("The red-line flag must be true or false.")
    if field in ("text", "red_line_about"):
        value = str(value).strip()
        if field == "text" and not value:
            raise EditorError("A claim's text cannot be empty.")
    return value


def _field_value(claim: Claim, field: str) -> Any:
    return claim.speaker_id if field == "speaker" else getattr(claim, field)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _review_state(row: Mention | ClaimRelation) -> dict[str, Any]:
    return {
        "status": row.status,
        "reviewed_by": row.reviewed_by_id,
        "reviewed_at": row.reviewed_at.isoformat() if row.reviewed_at else None,
    }


def _restore_review_state(row: Mention | ClaimRelation, state: dict[str, Any]) -> None:
    from datetime import datetime

    row.status = state["status"]
    row.reviewed_by_id = state["reviewed_by"]
    row.reviewed_at = datetime.fromisoformat(state["reviewed_at"]) if state["reviewed_at"] else None


def _repoint_relations(user: Any, entry: LogEntry, winner: Claim, loser: Claim) -> list[list[Any]]:
    moved: list[list[Any]] = []
    existing = {
        (r.source_id, r.target_id, r.type)
        for r in ClaimRelation.objects.filter(Q(source=winner) | Q(target=winner))
    }
    relations = ClaimRelation.objects.select_for_update().filter(Q(source=loser) | Q(target=loser))
    for relation in relations.order_by("pk"):
        end = "source" if relation.source_id == loser.pk else "target"
        other = relation.target_id if end == "source" else relation.source_id
        pair = (winner.pk, other) if end == "source" else (other, winner.pk)
        if other == winner.pk or (*pair, relation.type) in existing:
            continue  # would relate the winner to itself or duplicate a link it has
        setattr(relation, end, winner)
        _save(relation, user, entry)
        existing.add((*pair, relation.type))
        moved.append([relation.pk, end])
    return moved


def _save(row: models.Model, user: Any, entry: LogEntry) -> None:
    row._history_user = user  # type: ignore[attr-defined]
    row._change_reason = f"edit {entry.pk}: {entry.object_repr}"[:100]  # type: ignore[attr-defined]
    row.save()


def _delete(row: models.Model, user: Any, entry: LogEntry) -> None:
    row._history_user = user  # type: ignore[attr-defined]
    row._change_reason = f"edit {entry.pk}: {entry.object_repr}"[:100]  # type: ignore[attr-defined]
    row.delete()


def _open_entry(user: Any, target: models.Model, action: str, summary: str) -> LogEntry:
    return LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=str(target.pk),
        object_repr=summary[:200],
        action_flag=CHANGE,
        change_message=json.dumps({EDIT_MARKER: True, "action": action, "summary": summary}),
    )


def _close_entry(
    entry: LogEntry,
    undo: dict[str, Any],
    *,
    claims: Iterable[int] = (),
    actors: Iterable[int] = (),
    summary: str | None = None,
    undoes: int | None = None,
) -> None:
    data = json.loads(entry.change_message)
    if summary is not None:
        data["summary"] = summary
        entry.object_repr = summary[:200]
    data["undo"] = undo
    # "c12"/"a3" tokens let list_edits find the entries touching one claim or actor.
    data["claims"] = sorted({f"c{c}" for c in claims if c})
    data["actors"] = sorted({f"a{a}" for a in actors if a})
    if undoes is not None:
        data["undoes"] = undoes
    entry.change_message = json.dumps(data)
    entry.save(update_fields=["change_message", "object_repr"])


def _payload(log: LogEntry | None) -> dict[str, Any] | None:
    if log is None:
        return None
    try:
        data = json.loads(log.change_message)
    except ValueError:
        return None
    if not isinstance(data, dict) or not data.get(EDIT_MARKER):
        return None
    return data
