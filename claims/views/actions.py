"""Editor actions as POST endpoints: thin wrappers around claims.services.editing.

Each works as a plain form post (redirect back with a message) and, when sent by htmx, returns
the updated fragment. The last edit of the session is kept so every page can offer "Undo".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from claims import selectors
from claims.errors import EditorError, EditPermissionDenied
from claims.models import Actor, ActorAlias, ClaimRelation, Mention
from claims.services import editing
from claims.text import normalize_name
from claims.views.access import is_htmx
from claims.views.forms import (
    AddMentionForm,
    AddRelationForm,
    CorrectClaimForm,
    MergeForm,
    ReviewForm,
)
from claims.views.pages import mention_rows

Action = Callable[..., HttpResponse]


def editor_action(view: Action) -> Action:
    """POST only, signed in; refusals become a 403 page, bad requests a message and a redirect."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except EditPermissionDenied as exc:
            return render(request, "403.html", {"reason": str(exc)}, status=403)
        except EditorError as exc:
            if is_htmx(request):
                return render(request, "includes/error.html", {"error": str(exc)}, status=422)
            messages.error(request, str(exc))
            return _back(request)

    return wrapper


def _back(request: HttpRequest, default: str = "/") -> HttpResponse:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or default
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = default
    return redirect(target)


def _done(request: HttpRequest, edit: editing.Edit, default: str = "/") -> HttpResponse:
    request.session["last_edit"] = {"id": edit.id, "summary": edit.summary}
    messages.success(request, f"Done: {edit.summary}.")
    return _back(request, default)


def _remember(request: HttpRequest, edit: editing.Edit) -> None:
    request.session["last_edit"] = {"id": edit.id, "summary": edit.summary}


def _bad_form(form: Any) -> EditorError:
    errors = "; ".join(
        f"{field}: {' '.join(msgs)}" if field != "__all__" else " ".join(msgs)
        for field, msgs in form.errors.items()
    )
    return EditorError(errors or "The form is incomplete.")


@editor_action
def review_mention(request: HttpRequest, mention_id: int) -> HttpResponse:
    """Confirm, reject or reopen a mention."""
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise _bad_form(form)
    edit = editing.set_mention_status(request.user, mention_id, form.cleaned_data["status"])
    if is_htmx(request):
        _remember(request, edit)
        mention = Mention.objects.select_related("article", "article__outlet", "claim").get(
            pk=mention_id
        )
        row = mention_rows([mention], mention.claim.first_mention_id)[0]
        return render(
            request,
            "claims/_mention.html",
            {"row": row, "last_edit": request.session["last_edit"], "oob": True},
        )
    return _done(request, edit)


@editor_action
def review_relation(request: HttpRequest, relation_id: int) -> HttpResponse:
    """Confirm, reject or reopen a claim ↔ claim relation."""
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise _bad_form(form)
    edit = editing.set_relation_status(request.user, relation_id, form.cleaned_data["status"])
    if is_htmx(request):
        _remember(request, edit)
        relation = ClaimRelation.objects.select_related(
            "source", "source__speaker", "target", "target__speaker", "reviewed_by"
        ).get(pk=relation_id)
        seen_from = int(request.POST.get("from") or relation.source_id)
        outgoing = relation.source_id == seen_from
        item = selectors.RelatedClaim(
            relation, relation.target if outgoing else relation.source, outgoing
        )
        return render(
            request,
            "claims/_relation.html",
            {"item": item, "last_edit": request.session["last_edit"], "oob": True},
        )
    return _done(request, edit)


@editor_action
def correct_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Correct a claim's speaker, text, date, precision, kind or red-line fields."""
    form = CorrectClaimForm(request.POST)
    if not form.is_valid():
        raise _bad_form(form)
    data = dict(form.cleaned_data)
    speaker = data.pop("speaker", "").strip()
    changes = {k: v for k, v in data.items()}
    if speaker:
        changes["speaker"] = speaker
    edit = editing.correct_claim(request.user, claim_id, **changes)
    return _done(request, edit, reverse("claims:claim", args=[claim_id]))


@editor_action
def merge_claim(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Merge another claim (by number) into this one."""
    form = MergeForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["other"].strip().isdigit():
        raise EditorError("Give the number of the claim to merge into this one.")
    edit = editing.merge_claims(request.user, claim_id, int(form.cleaned_data["other"]))
    return _done(request, edit, reverse("claims:claim", args=[claim_id]))


@editor_action
def add_relation(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Link this claim to another one (contradicts / supports / same)."""
    form = AddRelationForm(request.POST)
    if not form.is_valid():
        raise _bad_form(form)
    data = form.cleaned_data
    source, target = (claim_id, data["other"])
    if data["direction"] == "in":
        source, target = target, source
    edit = editing.add_relation(
        request.user, source, target, data["type"], evidence=data["evidence"]
    )
    return _done(request, edit, reverse("claims:claim", args=[claim_id]))


@editor_action
def add_mention(request: HttpRequest, article_id: int) -> HttpResponse:
    """Attach a selected span of an article to a claim, or to a new claim by a speaker."""
    form = AddMentionForm(request.POST)
    if not form.is_valid():
        raise _bad_form(form)
    data = form.cleaned_data
    edit = editing.add_mention(
        request.user,
        article_id,
        data["start"],
        data["end"],
        claim_id=data["claim"],
        speaker_name=data["speaker"] or "",
        text=data["text"] or "",
        kind=data["kind"],
        red_line=data["red_line"],
        red_line_about=data["red_line_about"] or "",
    )
    return _done(request, edit, reverse("claims:article", args=[article_id]))


@editor_action
def merge_actor(request: HttpRequest, actor_id: int) -> HttpResponse:
    """Merge another actor (by number, name or alias) into this one."""
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise _bad_form(form)
    other = _actor_by_reference(form.cleaned_data["other"])
    edit = editing.merge_actors(request.user, actor_id, other)
    return _done(request, edit, reverse("claims:actor", args=[actor_id]))


@editor_action
def undo(request: HttpRequest, edit_id: int) -> HttpResponse:
    """Undo an earlier edit."""
    edit = editing.undo_edit(request.user, edit_id)
    last = request.session.get("last_edit")
    if last and last.get("id") == edit_id:
        del request.session["last_edit"]
    messages.success(request, f"Done: {edit.summary}.")
    return _back(request)


def _actor_by_reference(reference: str) -> int:
    reference = reference.strip()
    if reference.isdigit():
        return int(reference)
    norm = normalize_name(reference)
    actor = Actor.objects.filter(normalized_name=norm).first()
    if actor is None:
        alias = ActorAlias.objects.filter(normalized=norm).first()
        if alias is not None:
            return alias.actor_id
        raise EditorError(f"No actor is called {reference!r}.")
    return actor.pk
