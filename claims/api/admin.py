"""Admin for API tokens (the key is shown once, when the token is created) and webhooks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from claims.api.models import ApiToken, Subscription, WebhookDelivery
from claims.services.editing import can_edit


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "scope"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        user = cleaned.get("user")
        if (
            cleaned.get("scope") == ApiToken.Scope.EDITOR
            and user is not None
            and not can_edit(user)
        ):
            raise forms.ValidationError(
                "Only editors (the 'editors' group) can have editor tokens."
            )
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ["key_prefix", "user", "name", "scope", "created_at", "last_used_at"]
    list_filter = ["scope"]
    search_fields = ["user__username", "name", "key_prefix"]
    raw_id_fields = ["user"]
    fields = ["user", "name", "scope", "key_prefix", "created_at", "last_used_at"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        key = None if change else obj.set_new_key()
        super().save_model(request, obj, form, change)
        if key is not None:
            messages.warning(request, f"The new token's key, shown only now: {key}")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "event", "claim", "actor", "target_url", "active"]
    list_filter = ["event", "active"]
    search_fields = ["target_url", "owner__username"]
    raw_id_fields = ["owner", "claim", "actor"]
    readonly_fields = ["secret", "created_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "subscription", "event_key", "status", "attempts", "last_status_code"]
    list_filter = ["status"]
    raw_id_fields = ["subscription"]
    readonly_fields = ["payload", "created_at", "delivered_at"]
