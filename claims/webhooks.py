"""Webhooks: signed POSTs to subscribers when a claim or an actor they follow gets news.

Trigger: ``post_save`` signals on Mention, ClaimRelation and Claim (connected in
``claims/api/models.py``) call ``notify_new_mention`` / ``notify_new_relation`` /
``notify_new_claim``; nothing else has to call them. They are public and idempotent (one
delivery per subscription and event), so code that writes with ``bulk_create`` or
``update()`` — which send no signals — can call them itself without risking duplicates.

Each delivery is a ``WebhookDelivery`` row sent by the Celery task ``claims.deliver_webhook``
after the transaction commits, retried with exponential back-off
(REDLINE_WEBHOOK_BACKOFF_SECONDS, doubling, at most REDLINE_WEBHOOK_MAX_ATTEMPTS attempts).

Signature: ``X-Redline-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`` with
``X-Redline-Timestamp`` (Unix seconds); receivers check it with ``verify_signature`` (or the
same three lines) and refuse stale timestamps. Targets follow the public-address rule of URL
ingestion (``sources.fetch``), checked when subscribing and again before every attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import time
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.api.models import Subscription, WebhookDelivery
from claims.models import Claim, ClaimRelation, Mention, ReviewStatus
from claims.records import claim_record, mention_record, with_record_relations
from sources.errors import FetchError
from sources.fetch import IPAddress, check_address, default_address_policy, resolve_host

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Redline-Signature"
TIMESTAMP_HEADER = "X-Redline-Timestamp"
EVENT_HEADER = "X-Redline-Event"
DELIVERY_HEADER = "X-Redline-Delivery"


# --- Signing ---------------------------------------------------------------------------------


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value for one body sent at ``timestamp``."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_signature(
    secret: str,
    timestamp: str,
    body: bytes,
    signature: str,
    *,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """A receiver's check: the signature matches and the timestamp is recent."""
    if not timestamp.isdigit():
        return False
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, int(timestamp), body), signature)


# --- Target addresses ------------------------------------------------------------------------


def check_target_url(url: str) -> list[IPAddress]:
    """The checked addresses of a webhook target; FetchError when it is not a public one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("a webhook target must be an http(s) URL with a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"invalid port in {url}") from exc
    try:
        addresses = [ipaddress.ip_address(parts.hostname)]
    except ValueError:
        addresses = [
            ipaddress.ip_address(a.split("%")[0]) for a in resolve_host(parts.hostname, port)
        ]
    if not addresses:
        raise FetchError(f"cannot resolve host {parts.hostname!r}")
    for address in addresses:
        check_address(address, port, default_address_policy)
    return addresses


# --- Events ----------------------------------------------------------------------------------


def notify_new_mention(mention: Mention) -> list[int]:
    """Queue deliveries for subscribers of the mention's claim (event ``claim.mention``)."""
    if mention.status == ReviewStatus.REJECTED:
        return []
    subscriptions = _subscriptions(Subscription.Event.CLAIM_MENTION, claim_ids=[mention.claim_id])
    if not subscriptions:
        return []
    claim = _record_claim(mention.claim_id)
    data = {"claim": claim_record(claim), "mention": mention_record(mention)}
    return _queue(subscriptions, f"mention:{mention.pk}", data)


def notify_new_relation(relation: ClaimRelation) -> list[int]:
    """Queue deliveries for subscribers of either claim of a new contradiction."""
    if relation.type != ClaimRelation.Type.CONTRADICTS or relation.status == ReviewStatus.REJECTED:
        return []
    subscriptions = _subscriptions(
        Subscription.Event.CLAIM_CONTRADICTION,
        claim_ids=[relation.source_id, relation.target_id],
    )
    if not subscriptions:
        return []
    claims = {
        c.pk: c
        for c in with_record_relations(
            Claim.objects.filter(pk__in=[relation.source_id, relation.target_id])
        )
    }
    queued: list[int] = []
    for subscription in subscriptions:
        own, other = relation.source_id, relation.target_id
        if subscription.claim_id == other:
            own, other = other, own
        data = {
            "relation": {
                "id": relation.pk,
                "type": relation.type,
                "score": round(relation.score, 4),
                "status": relation.status,
                "evidence": relation.evidence,
            },
            "claim": claim_record(claims[own]),
            "contradicting_claim": claim_record(claims[other]),
        }
        queued += _queue([subscription], f"relation:{relation.pk}", data)
    return queued


def notify_new_claim(claim: Claim) -> list[int]:
    """Queue deliveries for subscribers of the speaker when a claim is (or becomes) a red line."""
    if not claim.red_line or claim.speaker_id is None or claim.merged_into_id is not None:
        return []
    subscriptions = _subscriptions(Subscription.Event.ACTOR_RED_LINE, actor_ids=[claim.speaker_id])
    if not subscriptions:
        return []
    data = {"claim": claim_record(_record_claim(claim.pk))}
    return _queue(subscriptions, f"claim:{claim.pk}", data)


def _subscriptions(
    event: str, *, claim_ids: list[int] | None = None, actor_ids: list[int] | None = None
) -> list[Subscription]:
    rows = Subscription.objects.filter(event=event, active=True)
    if claim_ids is not None:
        rows = rows.filter(claim_id__in=claim_ids)
    if actor_ids is not None:
        rows = rows.filter(actor_id__in=actor_ids)
    return list(rows.order_by("id"))


def _record_claim(claim_id: int) -> Claim:
    return with_record_relations(Claim.objects.filter(pk=claim_id)).get()


def _queue(subscriptions: list[Subscription], event_key: str, data: dict[str, Any]) -> list[int]:
    queued: list[int] = []
    for subscription in subscriptions:
        payload = {
            "event": subscription.event,
            "subscription": subscription.pk,
            "occurred_at": timezone.now().isoformat(),
            "data": data,
        }
        delivery, created = WebhookDelivery.objects.get_or_create(
            subscription=subscription, event_key=event_key, defaults={"payload": payload}
        )
        if created:
            queued.append(delivery.pk)
            transaction.on_commit(partial(deliver_webhook.delay, delivery.pk))
    return queued


# --- Delivery --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """What one delivery attempt did; ``retry_in`` is set when another attempt is due."""

    delivered: bool
    status_code: int | None
    error: str
    retry_in: float | None


def backoff_seconds(attempts: int) -> float:
    """The wait before the next attempt after ``attempts`` failed ones (doubling)."""
    return float(settings.REDLINE_WEBHOOK_BACKOFF_SECONDS) * 2 ** max(attempts - 1, 0)


def attempt_delivery(delivery_id: int) -> Attempt:
    """POST one delivery once and record the outcome on its row."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
            return Attempt(delivered=False, status_code=None, error="not pending", retry_in=None)
        delivery.attempts += 1
        status_code, error, permanent = _post(delivery)
        delivered = status_code is not None and 200 <= status_code < 300
        delivery.last_status_code = status_code
        delivery.last_error = error
        retry_in = None
        if delivered:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = timezone.now()
        elif permanent or delivery.attempts >= settings.REDLINE_WEBHOOK_MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
        else:
            retry_in = backoff_seconds(delivery.attempts)
        delivery.save()
    return Attempt(delivered, status_code, error, retry_in)


def _post(delivery: WebhookDelivery) -> tuple[int | None, str, bool]:
    """(HTTP status or None, error text, whether retrying is pointless)."""
    subscription = delivery.subscription
    if not subscription.active:
        return None, "the subscription is inactive", True
    try:
        addresses = check_target_url(subscription.target_url)
    except FetchError as exc:
        return None, exc.reason, True
    body = json.dumps({"delivery": delivery.pk, **delivery.payload}, ensure_ascii=False).encode()
    timestamp = int(time.time())
    parts = urlsplit(subscription.target_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    pinned = addresses[0]
    host = f"[{pinned}]" if pinned.version == 6 else str(pinned)
    # Connect to the checked address; Host and SNI keep the name (no DNS rebinding).
    url = urlunsplit((parts.scheme, f"{host}:{port}", parts.path or "/", parts.query, ""))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": settings.REDLINE_USER_AGENT,
        "Host": parts.netloc.rsplit("@", 1)[-1],
        EVENT_HEADER: subscription.event,
        DELIVERY_HEADER: str(delivery.pk),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(subscription.secret, timestamp, body),
    }
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    try:
        with httpx.Client(
            timeout=settings.REDLINE_WEBHOOK_TIMEOUT, follow_redirects=False, trust_env=False
        ) as client:
            response = client.post(url, content=body, headers=headers, extensions=extensions)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:2000], False
    if 200 <= response.status_code < 300:
        return response.status_code, "", False
    return response.status_code, f"HTTP {response.status_code}", False


@shared_task(name="claims.deliver_webhook", bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self: Any, delivery_id: int) -> str:
    """Send one webhook delivery; schedule a retry with back-off when it fails."""
    attempt = attempt_delivery(delivery_id)
    if attempt.retry_in is not None:
        raise self.retry(countdown=attempt.retry_in)
    return "delivered" if attempt.delivered else attempt.error or "failed"
