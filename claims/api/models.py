"""Models the API owns: per-user API tokens with a scope, webhook subscriptions and deliveries.

They belong to the ``claims`` app (imported at the end of ``claims/models.py``) and refer to
claims and actors by string so this module never imports ``claims.models``.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_save


def hash_token_key(key: str) -> str:
    """The stored form of an API token key (only its SHA-256 is kept)."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_webhook_secret() -> str:
    """A fresh random secret to sign one subscription's webhook bodies with."""
    return secrets.token_hex(32)


class ApiToken(models.Model):
    """A user's API token; only a hash of the key is stored, the key is shown once."""

    class Scope(models.TextChoices):
        READ = "read", "read"
        EDITOR = "editor", "editor"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True, default="")
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    key_prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.scope}) {self.name}".strip()

    def set_new_key(self) -> str:
        """Give the token a new random key and return it (the caller shows it once)."""
        key = secrets.token_hex(20)
        self.key_prefix = key[:8]
        self.key_hash = hash_token_key(key)
        return key


class Subscription(models.Model):
    """A webhook: POST to ``target_url`` when the subscribed claim or actor gets news."""

    class Event(models.TextChoices):
        CLAIM_MENTION = "claim.mention", "a claim gets a new mention"
        CLAIM_CONTRADICTION = "claim.contradiction", "a claim gets a new contradiction"
        ACTOR_RED_LINE = "actor.red_line", "an actor gets a new red-line claim"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    event = models.CharField(max_length=24, choices=Event.choices)
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    actor = models.ForeignKey(
        "claims.Actor",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    target_url = models.URLField(max_length=2000)
    secret = models.CharField(max_length=64, default=new_webhook_secret)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        event__in=["claim.mention", "claim.contradiction"],
                        claim__isnull=False,
                        actor__isnull=True,
                    )
                    | Q(event="actor.red_line", actor__isnull=False, claim__isnull=True)
                ),
                name="subscription_target_matches_event",
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "event"], name="subscription_claim_event"),
            models.Index(fields=["actor", "event"], name="subscription_actor_event"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.target_url}"


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one subscription; retried with back-off on failure."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        DELIVERED = "delivered", "delivered"
        FAILED = "failed", "failed"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    # Identifies the event ("mention:12"), so notifying twice sends once.
    event_key = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event_key"], name="delivery_unique_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_key} → subscription {self.subscription_id} ({self.status})"


# --- Webhook triggers ------------------------------------------------------------------------
# Connected here because this module is always imported with the models; the handlers import
# claims.webhooks lazily since that module imports claims.models, which imports this one.


def _mention_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **_: Any) -> None:
    if created and not raw:
        from claims.webhooks import notify_new_mention

        notify_new_mention(instance)


def _relation_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **_: Any) -> None:
    if created and not raw:
        from claims.webhooks import notify_new_relation

        notify_new_relation(instance)


def _claim_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **_: Any) -> None:
    if not raw and instance.red_line:
        from claims.webhooks import notify_new_claim

        notify_new_claim(instance)


post_save.connect(_mention_saved, sender="claims.Mention", dispatch_uid="webhooks.mention")
post_save.connect(_relation_saved, sender="claims.ClaimRelation", dispatch_uid="webhooks.relation")
post_save.connect(_claim_saved, sender="claims.Claim", dispatch_uid="webhooks.claim")
