"""Per-user request rates (429 with Retry-After), read from settings at each request."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import UserRateThrottle


class SettingsRateThrottle(UserRateThrottle):
    """A user-rate throttle whose rate is ``REDLINE_API_THROTTLE_RATES[scope]``."""

    def get_rate(self) -> str | None:
        # getattr: DRF imports this module while Django sets up, before mypy's settings view.
        rates: dict[str, str | None] = getattr(settings, "REDLINE_API_THROTTLE_RATES", {})
        return rates.get(self.scope or "")


class ReadRateThrottle(SettingsRateThrottle):
    """Every request counts against the read rate."""

    scope = "read"


class WriteRateThrottle(SettingsRateThrottle):
    """Writes (POST, PATCH, PUT, DELETE) also count against the lower write rate."""

    scope = "write"

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)
