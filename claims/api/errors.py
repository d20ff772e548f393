"""One JSON error shape for every API failure: ``{"detail", "code", "errors"}``.

Domain errors of the services are mapped here, so views just call services: an editor action
the user may not do is a 403, one that cannot be done as asked is a 400.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from claims.errors import EditorError, EditPermissionDenied


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler with domain errors mapped and the body normalised to the error shape."""
    if isinstance(exc, EditPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, EditorError):
        exc = exceptions.ValidationError({"detail": str(exc)}, code="not_applicable")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    response.data = error_body(exc)
    return response


def error_body(exc: exceptions.APIException) -> dict[str, Any]:
    """The error shape of one API exception; field errors flattened to dotted paths."""
    if isinstance(exc, exceptions.ValidationError):
        errors: dict[str, list[str]] = {}
        _flatten(exc.detail, "", errors)
        field_codes: dict[str, list[str]] = {}
        _flatten(exc.get_codes(), "", field_codes)
        general = errors.pop("detail", None) or errors.pop("non_field_errors", None)
        code = (field_codes.get("detail") or field_codes.get("non_field_errors") or ["invalid"])[0]
        message = " ".join(general) if general else _summary(errors)
        body: dict[str, Any] = {"detail": message, "code": code}
        if errors:
            body["errors"] = errors
        return body
    detail = exc.detail
    text = str(detail) if not isinstance(detail, dict | list) else _summary(_flat(detail))
    codes = exc.get_codes()
    return {"detail": text, "code": codes if isinstance(codes, str) else str(exc.default_code)}


def _flat(detail: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    _flatten(detail, "", out)
    return out


def _flatten(detail: Any, prefix: str, out: dict[str, list[str]]) -> None:
    if isinstance(detail, dict):
        for key, value in detail.items():
            # A nested object's own errors belong to its path ("articles.0"), not a sub-key.
            if key == "non_field_errors" and prefix:
                _flatten(value, prefix, out)
            else:
                _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            out.setdefault(prefix or "detail", []).extend(str(item) for item in detail)
        else:
            for index, item in enumerate(detail):
                if item:
                    _flatten(item, f"{prefix}.{index}" if prefix else str(index), out)
    else:
        out.setdefault(prefix or "detail", []).append(str(detail))


def _summary(errors: dict[str, list[str]]) -> str:
    if not errors:
        return "Invalid input."
    parts = [f"{field}: {' '.join(messages)}" for field, messages in sorted(errors.items())]
    return "Invalid input. " + "; ".join(parts)


HTTP_ERRORS = {
    status.HTTP_400_BAD_REQUEST: "Bad input: malformed JSON, wrong types, unknown filter values, "
    "a body over the size limit, or a forged or stale cursor.",
    status.HTTP_401_UNAUTHORIZED: "No credentials, or an unknown token.",
    status.HTTP_403_FORBIDDEN: "Authenticated, but not allowed (an editor action without the "
    "editor scope, or a CSRF failure with session authentication).",
    status.HTTP_404_NOT_FOUND: "No such object.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "This method is not offered here.",
    status.HTTP_406_NOT_ACCEPTABLE: "The Accept header asks for a type this endpoint cannot give.",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "The request body's content type is not accepted.",
    status.HTTP_429_TOO_MANY_REQUESTS: "Throttled; the Retry-After header says when to retry.",
}
