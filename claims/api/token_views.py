"""The user's API token page: list, create (the key is shown once) and revoke tokens."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from claims.api.models import ApiToken
from claims.api.tokens import TokenScopeError, create_token, revoke_token
from claims.services.editing import can_edit


class NewTokenForm(forms.Form):
    name = forms.CharField(max_length=100, required=False, help_text="What the token is for.")
    scope = forms.ChoiceField(choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)


@login_required
@require_http_methods(["GET", "POST"])
def token_page(request: HttpRequest) -> HttpResponse:
    """GET: the user's tokens; POST: create one and show its key once."""
    new_key = None
    form = NewTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = create_token(
                request.user, form.cleaned_data["scope"], form.cleaned_data["name"]
            )
            form = NewTokenForm()
        except TokenScopeError as exc:
            form.add_error("scope", str(exc))
    tokens = ApiToken.objects.filter(user_id=int(request.user.pk or 0))
    context = {
        "tokens": tokens,
        "form": form,
        "new_key": new_key,
        "may_edit": can_edit(request.user),
    }
    response = render(request, "api/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def revoke_token_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """Delete one of the user's tokens."""
    revoke_token(request.user, token_id)
    return redirect("api:tokens")
