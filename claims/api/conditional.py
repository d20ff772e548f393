"""Conditional GET for detail views: a strong ETag over the body, Last-Modified from the rows."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.request import Request
from rest_framework.response import Response


def body_etag(data: Any) -> str:
    """A strong ETag: the SHA-256 of the canonical JSON of the body."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'


def latest(*moments: datetime | None) -> datetime | None:
    """The latest of some timestamps, ignoring missing ones."""
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def conditional_response(request: Request, data: Any, last_modified: datetime | None) -> Response:
    """200 with ETag and Last-Modified, or an empty 304 when the client's copy is current."""
    etag = body_etag(data)
    timestamp = int(last_modified.timestamp()) if last_modified is not None else None
    headers = {"ETag": etag}
    if timestamp is not None:
        headers["Last-Modified"] = http_date(timestamp)
    answer = get_conditional_response(request._request, etag=etag, last_modified=timestamp)
    if answer is not None and answer.status_code == 304:
        return Response(None, status=304, headers=headers)
    return Response(data, headers=headers)
