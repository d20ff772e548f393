"""Actors, claims, mentions (claim ↔ source sentence) and claim relations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from redline.fields import VectorField
from sources.models import Article


class Origin(models.TextChoices):
    PIPELINE = "pipeline", "pipeline"
    EDITOR = "editor", "editor"


class ReviewStatus(models.TextChoices):
    SUGGESTED = "suggested", "suggested"
    CONFIRMED = "confirmed", "confirmed"
    REJECTED = "rejected", "rejected"


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"
    UNKNOWN = "unknown", "unknown"


class Actor(models.Model):
    """A speaker: a person, an organisation, a country or a group, under one canonical name."""

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANIZATION = "organization", "organization"
        COUNTRY = "country", "country"
        GROUP = "group", "group"

    name = models.CharField(max_length=300)
    normalized_name = models.CharField(max_length=300, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=300, blank=True, default="")
    affiliation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_actors"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["normalized_name"], name="actor_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        from claims.text import normalize_name

        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ActorAlias(models.Model):
    """Another name an actor goes by ("Peskov", "Putin's spokesman"); used by later runs."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, editable=False)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.PIPELINE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(fields=["normalized"], name="alias_unique_normalized"),
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args: object, **kwargs: object) -> None:
        from claims.text import normalize_name

        self.normalized = normalize_name(self.alias)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Claim(models.Model):
    """One statement by one speaker, however many articles report it."""

    class Kind(models.TextChoices):
        WARNING = "warning", "warning"
        ACCUSATION = "accusation", "accusation"
        DENIAL = "denial", "denial"
        DEMAND = "demand", "demand"
        ASSERTION = "assertion", "assertion"
        ANNOUNCEMENT = "announcement", "announcement"

    speaker = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    anonymous = models.BooleanField(default=False)
    text = models.TextField()
    normalized_text = models.TextField(blank=True, default="")
    said_on = models.DateField(null=True, blank=True)
    said_on_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    red_line = models.BooleanField(default=False)
    red_line_about = models.CharField(max_length=500, blank=True, default="")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ASSERTION)
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUGGESTED
    )
    # Fields an editor has corrected; a pipeline re-run leaves these alone.
    locked_fields = models.JSONField(default=list, blank=True)
    first_mention = models.ForeignKey(
        "Mention", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_seen = models.DateField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_claims"
    )
    # Counters kept on the row so list pages need no aggregate per claim.
    mention_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    contradiction_count = models.PositiveIntegerField(default=0)
    search_vector = SearchVectorField(null=True, editable=False)
    # The claim's source sentences (non-rejected mentions) as one vector, kept by triggers on
    # mentions (migration 0007): the dashboard finds sentence matches on the claim row itself.
    sources_vector = SearchVectorField(null=True, editable=False)
    # Unit sentence vector (MiniLM, 384 float32): the normalised mean of the mentions' contents,
    # kept by claims/services/storing.py for claim matching and contradiction topics.
    embedding = VectorField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["embedding", "sources_vector"])

    class Meta:
        ordering = ["-said_on", "-id"]
        indexes = [
            # NULLS LAST as the lists order (undated claims last), so the index gives the order.
            models.Index(F("said_on").desc(nulls_last=True), F("id").desc(), name="claim_said_id"),
            models.Index(
                F("said_on").desc(nulls_last=True),
                F("id").desc(),
                condition=Q(red_line=True),
                name="claim_redline_said",
            ),
            models.Index(
                F("speaker"),
                F("said_on").desc(nulls_last=True),
                F("id").desc(),
                name="claim_speaker_said",
            ),
            models.Index(fields=["kind", "-said_on"], name="claim_kind_said"),
            GinIndex(fields=["search_vector"], name="claim_search"),
            GinIndex(fields=["sources_vector"], name="claim_sources_search"),
            # The API lists in (updated_at, id) order; said_on and kind as trailing keys let a
            # filtered list skip non-matching rows inside the index, not by reading each row
            # (said_after on a list ordered by updated_at read 800,000 rows at 1M claims).
            models.Index(fields=["updated_at", "id", "said_on", "kind"], name="claim_updated_id"),
            # Claim matching reads a speaker's claims dated to a month or a year apart: a year
            # reaches into any window in it, so by date alone it would read a year of claims.
            models.Index(
                fields=["speaker", "said_on"],
                condition=Q(said_on_precision__in=["month", "year"]),
                name="claim_speaker_coarse_date",
            ),
            # Contradiction candidates of undated statements, newest first seen first.
            models.Index(
                F("first_seen").desc(),
                F("id").desc(),
                condition=Q(said_on__isnull=True),
                name="claim_unsaid_seen",
            ),
            # The actor page's opponents start from the actor's contradicted claims only.
            models.Index(
                fields=["speaker"],
                condition=Q(contradiction_count__gt=0),
                name="claim_speaker_contradicted",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Mention(models.Model):
    """A source link: the exact sentence of an article that reports a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="mentions")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    sentence = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    content = models.TextField(blank=True, default="")
    cue = models.CharField(max_length=100, blank=True, default="")
    direct = models.BooleanField(default=False)
    anonymous = models.BooleanField(default=False)
    speaker_text = models.CharField(max_length=300, blank=True, default="")
    confidence = models.FloatField(default=0.5)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.PIPELINE)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUGGESTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "article", "start", "end"], name="mention_unique_span"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_span_ordered"),
        ]
        indexes = [
            models.Index(fields=["article", "start"], name="mention_article_start"),
            models.Index(fields=["claim", "article"], name="mention_claim_article"),
        ]

    def __str__(self) -> str:
        return self.sentence[:80]


class ClaimRelation(models.Model):
    """A claim ↔ claim link (contradicts / supports / same), suggested or reviewed."""

    class Type(models.TextChoices):
        CONTRADICTS = "contradicts", "contradicts"
        SUPPORTS = "supports", "supports"
        SAME = "same", "same"

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_in")
    type = models.CharField(max_length=12, choices=Type.choices)
    score = models.FloatField(default=0.0)
    evidence = models.TextField(blank=True, default="")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.PIPELINE)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SUGGESTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "type"], name="relation_unique_pair"
            ),
            models.CheckConstraint(condition=~Q(source=F("target")), name="relation_not_self"),
        ]
        indexes = [
            models.Index(fields=["target", "type"], name="relation_target_type"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.type} {self.target_id}"


class ArticleLead(models.Model):
    """The unit vector of an article's title and lead: whether two articles tell one story
    (claims/services/contradictions.py). A table of its own so that no article query, joined
    or not, carries it."""

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="lead"
    )
    vector = VectorField()

    def __str__(self) -> str:
        return f"lead of article {self.article_id}"


# Models the API owns (tokens, webhook subscriptions); kept in claims/api/models.py.
from claims.api.models import *  # noqa: E402, F403
