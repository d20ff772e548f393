"""Serializers of the API: explicit fields, so the OpenAPI schema types every one.

The claim record itself is built by ``claims.records.claim_record`` (the shape of design.md, the
same for exports); ``ClaimRecordSerializer`` only declares that shape for the schema.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from claims.api.models import Subscription, WebhookDelivery
from claims.models import Actor, Claim, ClaimRelation, DatePrecision, Mention, ReviewStatus
from claims.records import claim_record
from claims.webhooks import check_target_url
from sources.errors import FetchError
from sources.models import Article, Outlet

# --- The claim record (design.md) ------------------------------------------------------------


class SpeakerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Actor.Kind.choices)


class RecordArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_null=True)
    outlet = serializers.CharField(allow_null=True)
    published = serializers.DateField(allow_null=True)
    file = serializers.CharField(allow_null=True, help_text="Base name of the ingested file.")


class RecordMentionSerializer(serializers.Serializer):
    article = RecordArticleSerializer()
    sentence = serializers.CharField()
    start = serializers.IntegerField(min_value=0)
    end = serializers.IntegerField(min_value=0)
    status = serializers.ChoiceField(choices=ReviewStatus.choices)


class RecordRelationSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ClaimRelation.Type.choices)
    claim = serializers.IntegerField(help_text="The other claim's id.")
    score = serializers.FloatField()
    status = serializers.ChoiceField(choices=ReviewStatus.choices)


class ClaimRecordSerializer(serializers.Serializer):
    """One claim in the record shape of design.md (the same as an export line)."""

    id = serializers.IntegerField()
    text = serializers.CharField()
    speaker = SpeakerRefSerializer(allow_null=True)
    said_on = serializers.CharField(
        allow_null=True, help_text="YYYY-MM-DD, YYYY-MM or YYYY, by said_on_precision."
    )
    said_on_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    red_line = serializers.BooleanField()
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    red_line_about = serializers.CharField(allow_null=True)
    mentions = RecordMentionSerializer(many=True)
    relations = RecordRelationSerializer(many=True)

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        return claim_record(instance)


# --- Other resources -------------------------------------------------------------------------


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name", "domain", "created_at"]
        read_only_fields = fields


class ActorSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Actor
        fields = [
            "id",
            "name",
            "kind",
            "role",
            "affiliation",
            "merged_into",
            "aliases",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_aliases(self, actor: Actor) -> list[str]:
        return [alias.alias for alias in actor.aliases.all()]


class ArticleSerializer(serializers.ModelSerializer):
    outlet = serializers.SerializerMethodField()
    file = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "file",
            "title",
            "outlet",
            "author",
            "published",
            "language",
            "status",
            "error",
            "copy_of",
            "created_at",
            "updated_at",
            "processed_at",
            "status_url",
        ]
        read_only_fields = fields

    def get_outlet(self, article: Article) -> str | None:
        return article.outlet.name if article.outlet is not None else None

    def get_file(self, article: Article) -> str | None:
        return os.path.basename(article.source_file) if article.source_file else None

    def get_status_url(self, article: Article) -> str:
        return article_status_url(self.context.get("request"), article.pk)


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text"]
        read_only_fields = fields


def article_status_url(request: Any, article_id: int) -> str:
    """The absolute URL where a client follows one article's processing."""
    path = reverse("api:article-detail", args=[article_id])
    return request.build_absolute_uri(path) if request is not None else path


class MentionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mention
        fields = [
            "id",
            "claim",
            "article",
            "sentence",
            "start",
            "end",
            "cue",
            "direct",
            "confidence",
            "origin",
            "status",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = fields


class RelationSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimRelation
        fields = [
            "id",
            "source",
            "target",
            "type",
            "score",
            "evidence",
            "origin",
            "status",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = fields


# --- Write bodies ----------------------------------------------------------------------------


class ReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReviewStatus.choices)


class RelationCreateSerializer(serializers.Serializer):
    # Declared fields leave the class attributes, so these names do not shadow Field's.
    source = serializers.IntegerField(min_value=1)  # type: ignore[assignment]
    target = serializers.IntegerField(min_value=1)
    type = serializers.ChoiceField(choices=ClaimRelation.Type.choices)
    evidence = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)


class MergeSerializer(serializers.Serializer):
    other = serializers.IntegerField(
        min_value=1, help_text="The id merged into this one (it is kept, marked merged)."
    )


class ClaimCorrectionSerializer(serializers.Serializer):
    """The fields an editor may correct; each one sent is locked against pipeline re-runs."""

    speaker = serializers.IntegerField(min_value=1, required=False, help_text="An actor id.")
    text = serializers.CharField(max_length=10000, required=False)
    said_on = serializers.DateField(required=False, allow_null=True)
    said_on_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices, required=False)
    red_line = serializers.BooleanField(required=False)
    red_line_about = serializers.CharField(max_length=500, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to correct.")
        return attrs


class ArticleInputSerializer(serializers.Serializer):
    """One article to ingest: a URL to fetch, or text or HTML with its metadata."""

    url = serializers.URLField(max_length=2000, required=False, allow_null=True)
    text = serializers.CharField(required=False, allow_blank=False, trim_whitespace=False)
    html = serializers.CharField(required=False, allow_blank=False, trim_whitespace=False)
    title = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    outlet = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author = serializers.CharField(max_length=500, required=False, allow_blank=True)
    published = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("text") and attrs.get("html"):
            raise serializers.ValidationError("Send either text or html, not both.")
        if not (attrs.get("url") or attrs.get("text") or attrs.get("html")):
            raise serializers.ValidationError("Send a url to fetch, or the text or html.")
        return attrs


class ArticleBatchSerializer(serializers.Serializer):
    articles = ArticleInputSerializer(many=True, allow_empty=False)

    def validate_articles(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        limit = settings.REDLINE_API_MAX_BATCH
        if len(value) > limit:
            raise serializers.ValidationError(f"At most {limit} articles per request.")
        return value


class IngestResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Position of the article in the request.")
    id = serializers.IntegerField(allow_null=True)
    outcome = serializers.ChoiceField(choices=["accepted", "duplicate", "failed"])
    status = serializers.CharField(allow_null=True, help_text="Processing status, when stored.")
    status_url = serializers.CharField(allow_null=True)
    error = serializers.CharField(allow_null=True)


class IngestResponseSerializer(serializers.Serializer):
    articles = IngestResultSerializer(many=True)


class SubscriptionSerializer(serializers.ModelSerializer):
    """A webhook subscription: a claim's news (claim.*) or an actor's red lines (actor.*)."""

    secret = serializers.CharField(
        read_only=True,
        help_text="Signs each delivery: X-Redline-Signature is sha256=HMAC-SHA256(secret, "
        '"<X-Redline-Timestamp>.<body>").',
    )
    claim = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(), required=False, allow_null=True
    )
    actor = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Subscription
        fields = ["id", "event", "claim", "actor", "target_url", "secret", "active", "created_at"]
        read_only_fields = ["id", "secret", "created_at"]

    def validate_target_url(self, value: str) -> str:
        try:
            check_target_url(value)
        except FetchError as exc:
            message = f"Not an allowed webhook target: {exc.reason}."
            raise serializers.ValidationError(message) from exc
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        current = self.instance
        event = attrs.get("event", current.event if current else None)
        claim = attrs.get("claim", current.claim if current else None)
        actor = attrs.get("actor", current.actor if current else None)
        if event == Subscription.Event.ACTOR_RED_LINE:
            if actor is None or claim is not None:
                raise serializers.ValidationError(
                    {"actor": ["An actor.red_line subscription names an actor and no claim."]}
                )
        elif claim is None or actor is not None:
            raise serializers.ValidationError(
                {"claim": [f"A {event} subscription names a claim and no actor."]}
            )
        return attrs


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event_key",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "created_at",
            "delivered_at",
            "payload",
        ]
        read_only_fields = fields


class ErrorSerializer(serializers.Serializer):
    """Every error response: what went wrong, a stable code, and field errors when any."""

    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Field errors by dotted path (e.g. articles.2.url).",
    )
