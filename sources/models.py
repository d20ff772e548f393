"""Outlets, feeds and articles: what was read, from where, and how far its processing got."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Outlet(models.Model):
    """A publisher (a news site, an agency); domain is its web address without www."""

    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=253, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="outlet_unique_name"),
            models.UniqueConstraint(
                fields=["domain"], condition=~Q(domain=""), name="outlet_unique_domain"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Feed(models.Model):
    """An RSS/Atom feed polled on a schedule, with conditional GET and back-off after errors."""

    url = models.URLField(max_length=2000, unique=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=500, blank=True, default="")
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True, default="")
    last_modified = models.CharField(max_length=100, blank=True, default="")
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    poll_interval_seconds = models.PositiveIntegerField(default=900)
    error_count = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title or self.url


class Article(models.Model):
    """One ingested page: its raw input (kept so all derived data can be rebuilt) and cleaned text.

    Character offsets stored on mentions index into ``text``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        PROCESSING = "processing", "processing"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    class DatePrecision(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"
        YEAR = "year", "year"
        UNKNOWN = "unknown", "unknown"

    url = models.URLField(max_length=2000, null=True, blank=True)
    source_file = models.CharField(max_length=500, null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    fingerprint = models.BigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=1000, blank=True, default="")
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    author = models.CharField(max_length=500, blank=True, default="")
    published = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True, default="")
    raw = models.TextField(blank=True, default="")
    raw_format = models.CharField(max_length=20, blank=True, default="")
    language = models.CharField(max_length=16, blank=True, default="")
    boilerplate = models.JSONField(default=list, blank=True)
    copy_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    error = models.TextField(blank=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content"),
            models.UniqueConstraint(
                fields=["url"], condition=Q(url__isnull=False), name="article_unique_url"
            ),
        ]
        indexes = [
            models.Index(fields=["outlet", "-published"], name="article_outlet_pub"),
            models.Index(fields=["-published", "-id"], name="article_pub_id"),
            # The article list's order (newest ingested first).
            models.Index(fields=["-created_at", "-id"], name="article_created_id"),
            models.Index(fields=["fingerprint"], name="article_fingerprint"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"article {self.pk}"
