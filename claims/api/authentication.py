"""Token authentication against ``ApiToken`` (hashed keys, a scope per token)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from claims.api.models import ApiToken, hash_token_key

# A token's last use is written at most this often, not on every request.
_TOUCH_INTERVAL = timedelta(minutes=5)


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``; ``request.auth`` is the ``ApiToken`` (and its scope)."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token_key(key)).first()
        if token is None:
            raise AuthenticationFailed("Invalid token.")
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > _TOUCH_INTERVAL:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token


class QueryTokenAuthentication(ApiTokenAuthentication):
    """``?token=<key>`` for feed readers that cannot send headers (Atom feeds only)."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        key = request.query_params.get("token")
        if not key:
            return None
        return self.authenticate_credentials(key)
