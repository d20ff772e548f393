"""Request parsers that refuse oversize bodies with a 400 instead of reading them whole."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def max_body_bytes() -> int:
    """The largest request body the API reads (REDLINE_API_MAX_BODY_BYTES)."""
    # getattr: DRF imports this module while Django sets up, before mypy's settings view.
    return int(getattr(settings, "REDLINE_API_MAX_BODY_BYTES", 20 * 1024 * 1024))


class LimitedJSONParser(parsers.JSONParser):
    """JSON with a size limit checked on the bytes actually read, whatever Content-Length says."""

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = max_body_bytes()
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and str(declared).isdigit() and int(declared) > limit:
            raise ParseError(f"The request body is larger than the limit of {limit} bytes.")
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise ParseError(f"The request body is larger than the limit of {limit} bytes.")
        if not data:
            raise ParseError("The request body is empty; a JSON object was expected.")
        return super().parse(io.BytesIO(data), media_type, parser_context)
