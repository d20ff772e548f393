"""Creating and revoking API tokens (the token page and the admin call these)."""

from __future__ import annotations

from typing import Any

from claims.api.models import ApiToken
from claims.services.editing import can_edit


class TokenScopeError(ValueError):
    """The user may not hold a token of this scope (editor scope for a non-editor)."""


def create_token(user: Any, scope: str, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and its key, which is never shown again."""
    if scope not in ApiToken.Scope.values:
        raise TokenScopeError(f"Unknown scope {scope!r}.")
    if scope == ApiToken.Scope.EDITOR and not can_edit(user):
        raise TokenScopeError("Only editors can have editor tokens.")
    token = ApiToken(user=user, scope=scope, name=name[:100])
    key = token.set_new_key()
    token.save()
    return token, key


def revoke_token(user: Any, token_id: int) -> bool:
    """Delete one of the user's own tokens; False when there is no such token."""
    deleted, _ = ApiToken.objects.filter(user_id=user.pk, pk=token_id).delete()
    return bool(deleted)
