"""Who may read and who may edit in the browser UI."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from claims.services.editing import can_edit

View = Callable[..., HttpResponse]


def reader_required(view: View) -> View:
    """Signed-in users may read; anonymous users only when REDLINE_PUBLIC_READ is on."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(settings, "REDLINE_PUBLIC_READ", False) or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return wrapper


def user_can_edit(request: HttpRequest) -> bool:
    """Whether the request's user is an editor (templates show edit forms only then)."""
    return can_edit(request.user)


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: ``can_edit`` and the last undoable edit of this session."""
    return {
        "can_edit": user_can_edit(request) if request.user.is_authenticated else False,
        "last_edit": request.session.get("last_edit") if hasattr(request, "session") else None,
    }


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (django-htmx's middleware sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))
