"""Web hardening: the Content-Security-Policy and the answers given during an outage.

The policy is served by django-csp's middleware (settings import it, so this module imports no
models); login throttling is django-axes (redline/auth_backends.py); a 500 caused
by the database or Redis being unreachable becomes a 503 with ``Retry-After`` and no traceback.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape

logger = logging.getLogger(__name__)

# Scripts and styles only from our own static files: an injected <script> or onclick= is inert.
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

RETRY_AFTER_SECONDS = 30

DEVELOPMENT_KEY_MARKERS = ("django-insecure", "change-me", "development")


def production_secret_key(value: str) -> str:
    """The secret key when it is fit for production; ImproperlyConfigured otherwise."""
    if not value:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
    if any(marker in value.lower() for marker in DEVELOPMENT_KEY_MARKERS):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is the development key; set a real one.")
    if len(value) < 50 or len(set(value)) < 5:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is too short or too simple (50+ chars).")
    return value


def _transient_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean a backing service (PostgreSQL, Redis, the broker) is unreachable."""
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        errors += [RedisConnectionError, RedisTimeoutError]
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    try:
        from kombu.exceptions import OperationalError as KombuOperationalError

        errors.append(KombuOperationalError)
    except ImportError:  # pragma: no cover - kombu comes with celery
        pass
    return tuple(errors)


TRANSIENT_ERRORS = _transient_errors()

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} — redline</title></head>
<body><main><h1>{title}</h1><p>{message}</p></main></body></html>
"""


def _answer(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        code = "service_unavailable" if status == 503 else "server_error"
        # The API's error shape (claims/api/errors.py).
        response: HttpResponse = JsonResponse({"detail": message, "code": code}, status=status)
    else:
        response = HttpResponse(
            _PAGE.format(title=escape(title), message=escape(message)), status=status
        )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 when a backing service is down, else a plain 500; never a traceback."""
    exc = sys.exc_info()[1]
    if isinstance(exc, TRANSIENT_ERRORS):
        logger.warning("backing service unavailable: %s: %s", type(exc).__name__, exc)
        return _answer(
            request,
            503,
            "Temporarily unavailable",
            "The database or the task queue cannot be reached right now. "
            "Nothing was lost; please try again in a moment.",
        )
    return _answer(request, 500, "Server error", "Something went wrong on our side.")
