"""OpenAPI generation: every operation documents the error responses it can give."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import status

from claims.api.errors import HTTP_ERRORS
from claims.api.serializers import ErrorSerializer

# Errors any authenticated API operation can answer with.
_ALWAYS = (
    status.HTTP_400_BAD_REQUEST,
    status.HTTP_401_UNAUTHORIZED,
    status.HTTP_403_FORBIDDEN,
    status.HTTP_406_NOT_ACCEPTABLE,
    status.HTTP_429_TOO_MANY_REQUESTS,
)


class RedlineAutoSchema(AutoSchema):
    """drf-spectacular's schema plus the JSON error body for 400/401/403/404/406/415/429."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if not self.path.startswith("/api/v1/"):
            return responses
        codes = list(_ALWAYS)
        if "{" in self.path:
            codes.append(status.HTTP_404_NOT_FOUND)
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
        for code in codes:
            key = str(code)
            if key in responses:
                continue
            responses[key] = self._get_response_for_code(
                ErrorSerializer, key, ["application/json"], direction
            )
            responses[key]["description"] = HTTP_ERRORS[code]
        if "429" in responses:
            responses["429"]["headers"] = {
                "Retry-After": {
                    "schema": {"type": "integer"},
                    "description": "Seconds to wait before retrying.",
                }
            }
        return responses


class QueryTokenScheme(OpenApiAuthenticationExtension):
    """``?token=`` for feed readers, documented apart from the header token."""

    target_class = "claims.api.authentication.QueryTokenAuthentication"
    name = "queryToken"
    priority = 1

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "apiKey", "in": "query", "name": "token"}
