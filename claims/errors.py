"""Domain errors raised by the claims services; views and the API turn them into responses."""

from __future__ import annotations


class EditorError(Exception):
    """An editor action that cannot be done as asked (bad offsets, self-merge, nothing to undo)."""


class EditPermissionDenied(EditorError):
    """The acting user may read but not edit (not in the "editors" group, not a superuser)."""
