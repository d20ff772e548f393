"""Keyset (cursor) pagination on a stable, unique order, with signed cursors.

A cursor carries the sort key of the last row sent, the query it belongs to and when it was
issued, signed with the project's secret: a forged cursor, one reused with other filters, or
one older than REDLINE_API_CURSOR_MAX_AGE is refused with a 400. Rows changed after a page was
read move to the end of an ascending ``updated_at`` order, so a client paging through an
``updated_since`` sync never misses one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Model, Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

CURSOR_SALT = "redline.api.cursor"


class KeysetPagination(BasePagination):
    """Forward-only pages ordered by ``view.keyset_ordering`` (ascending; the last key unique)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    # How a view reads the first ``n`` rows of the ordered page query (default: a LIMIT).
    fetch: Callable[[Any, int], list[Any]] | None = None

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        fields: Sequence[str] = getattr(view, "keyset_ordering", ("id",))
        self.request = request
        self.fields = fields
        page_size = self._page_size(request)
        position = self._position(request, fields)
        rows_qs = queryset.order_by(*fields)
        if position is not None:
            rows_qs = rows_qs.filter(_after(fields, position))
        rows = self.fetch(rows_qs, page_size + 1) if self.fetch else list(rows_qs[: page_size + 1])
        self.next_position = _key(rows[page_size - 1], fields) if len(rows) > page_size else None
        return rows[:page_size]

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_next_link(self) -> str | None:
        if self.next_position is None:
            return None
        token = signing.dumps(
            {"p": self.next_position, "q": _fingerprint(self.request)}, salt=CURSOR_SALT
        )
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, token)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page, or null on the last one.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The opaque cursor from a previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page (1 to {settings.REDLINE_API_MAX_PAGE_SIZE}).",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": settings.REDLINE_API_MAX_PAGE_SIZE,
                },
            },
        ]

    def _page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return int(settings.REDLINE_API_PAGE_SIZE)
        limit = int(settings.REDLINE_API_MAX_PAGE_SIZE)
        if not raw.isdigit() or not 1 <= int(raw) <= limit:
            raise ValidationError(
                {self.page_size_query_param: [f"Must be a whole number from 1 to {limit}."]},
                code="invalid",
            )
        return int(raw)

    def _position(self, request: Request, fields: Sequence[str]) -> list[Any] | None:
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            return None
        try:
            payload = signing.loads(
                token, salt=CURSOR_SALT, max_age=settings.REDLINE_API_CURSOR_MAX_AGE
            )
        except signing.SignatureExpired as exc:
            message = "This cursor has expired; start again from the first page."
            raise _cursor_error(message) from exc
        except signing.BadSignature as exc:
            raise _cursor_error("This cursor is not one the API issued.") from exc
        if not isinstance(payload, dict) or payload.get("q") != _fingerprint(request):
            raise _cursor_error("This cursor belongs to another query (other filters).")
        position = payload.get("p")
        if not isinstance(position, list) or len(position) != len(fields):
            raise _cursor_error("This cursor is not one the API issued.")
        return [_decode_value(value) for value in position]


def _cursor_error(message: str) -> ValidationError:
    return ValidationError({"cursor": [message]}, code="invalid_cursor")


def _fingerprint(request: Request) -> str:
    """Path and filters of a request, without cursor and page size."""
    params = sorted(
        (key, value)
        for key, values in request.query_params.lists()
        if key not in ("cursor", "page_size")
        for value in values
    )
    return hashlib.sha256(repr((request.path, params)).encode()).hexdigest()[:16]


def _key(row: Model, fields: Sequence[str]) -> list[Any]:
    values = []
    for field in fields:
        value = getattr(row, field)
        values.append({"dt": value.isoformat()} if isinstance(value, datetime) else value)
    return values


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "dt" in value:
        return datetime.fromisoformat(value["dt"])
    return value


def _after(fields: Sequence[str], values: Sequence[Any]) -> Q:
    """Rows strictly after ``values`` in the ascending order of ``fields``."""
    first, rest = fields[0], fields[1:]
    condition = Q(**{f"{first}__gt": values[0]})
    if rest:
        condition |= Q(**{first: values[0]}) & _after(rest, values[1:])
    return condition
