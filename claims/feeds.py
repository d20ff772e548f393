"""Atom feeds of claims: any claims filter of the API as a feed (e.g. one actor's red lines).

The feed lists the newest claims the filter selects, by when redline first stored them, so a
feed reader sees each new statement once. It is served by ``ClaimsFeedView`` in the API, which
authenticates (a token in the header or, for feed readers, ``?token=``) and validates filters.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from claims.models import Claim
from claims.records import format_said_on


def claim_link(claim_id: int) -> str:
    """The claim's page in the web UI, or its API record when the UI is not mounted."""
    try:
        return reverse("claim", args=[claim_id])
    except NoReverseMatch:
        return reverse("api:claim-detail", args=[claim_id])


class ClaimsAtomFeed(Feed):
    """An Atom 1.0 feed over a queryset of claims chosen by the caller."""

    feed_type = Atom1Feed
    title = "redline: claims"
    subtitle = "New statements matching a redline claims filter."
    description_template = None

    def __init__(self, claims: QuerySet[Claim], query: str) -> None:
        super().__init__()
        self.claims = claims
        self.query = query

    def link(self) -> str:
        return reverse("api:claim-list") + (f"?{self.query}" if self.query else "")

    def feed_guid(self) -> str:
        return self.link()

    def items(self) -> list[Claim]:
        limit = int(getattr(settings, "REDLINE_FEED_ITEMS", 50))
        return list(self.claims.select_related("speaker").order_by("-created_at", "-id")[:limit])

    def item_title(self, item: Claim) -> str:
        speaker = item.speaker.name if item.speaker is not None else "Unattributed"
        marker = " [red line]" if item.red_line else ""
        return f"{speaker}{marker}: {item.text[:140]}"

    def item_description(self, item: Claim) -> str:
        said = format_said_on(item) or "date unknown"
        about = f" Red line about: {item.red_line_about}." if item.red_line_about else ""
        # Atom readers treat the summary as HTML: escape the ingested text first.
        return escape(
            f"{item.text} (said {said}; {item.kind}; reported by {item.outlet_count} outlet(s))."
            f"{about}"
        )

    def item_link(self, item: Claim) -> str:
        return claim_link(item.pk)

    def item_guid(self, item: Claim) -> str:
        return f"redline:claim:{item.pk}"

    def item_guid_is_permalink(self, item: Claim) -> bool:
        return False

    def item_pubdate(self, item: Claim) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Claim) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Claim) -> str | None:
        return item.speaker.name if item.speaker is not None else None

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        return None
