"""Who may do what: any authenticated user reads; editor actions need the editor scope."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from claims.api.models import ApiToken
from claims.services.editing import can_edit


def has_editor_scope(request: Request) -> bool:
    """An editor token (or a session) of a user the editing services let edit."""
    token = request.auth
    if isinstance(token, ApiToken) and token.scope != ApiToken.Scope.EDITOR:
        return False
    return can_edit(request.user)


class EditorScope(BasePermission):
    """Editor actions: a token with scope "editor" of a user in the "editors" group."""

    message = (
        "This action needs the editor scope: an editor token of a user in the 'editors' group."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated) and has_editor_scope(request)
