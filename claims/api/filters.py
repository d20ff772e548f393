"""Query filters of the list endpoints (django-filter); a value that does not parse is a 400."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from claims.models import Actor, ActorAlias, Claim, ClaimRelation, Mention, ReviewStatus
from sources.models import Article, Outlet

_BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


class IdFilter(filters.NumberFilter):
    """A row id: a whole number from 1 (a decimal or text value is refused)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.ChoiceFilter):
    """``true`` or ``false``; anything else is refused rather than ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", _BOOLEAN_CHOICES)
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


def full_text_query(value: str) -> SearchQuery:
    """A web-search style query (quoted phrases, OR, -word) in the English configuration."""
    return SearchQuery(value, config="english", search_type="websearch")


class StrictFilterSet(filters.FilterSet):
    """Refuses a typed filter given with an empty value (``?updated_since=``) instead of
    ignoring it: an empty string is not a date, a number or one of the choices."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if isinstance(declared, filters.CharFilter) or self.data.get(name, None) != "":
                continue
            if name not in self.form.errors:
                self.form.add_error(name, "Give a value, or leave the parameter out.")
            valid = False
        return valid


class ClaimFilter(StrictFilterSet):
    red_line = StrictBooleanFilter(help_text="Only red-line claims (true) or only others (false).")
    speaker = filters.ModelChoiceFilter(
        queryset=Actor.objects.all(), help_text="Claims by this actor (id)."
    )
    outlet = filters.ModelChoiceFilter(
        queryset=Outlet.objects.all(),
        method="filter_outlet",
        help_text="Claims reported by this outlet (id).",
    )
    kind = filters.ChoiceFilter(choices=Claim.Kind.choices)
    said_after = filters.DateFilter(
        field_name="said_on", lookup_expr="gte", help_text="Said on or after (YYYY-MM-DD)."
    )
    said_before = filters.DateFilter(
        field_name="said_on", lookup_expr="lte", help_text="Said on or before (YYYY-MM-DD)."
    )
    review_status = filters.ChoiceFilter(choices=ReviewStatus.choices)
    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed at or after this time (ISO 8601), for incremental sync.",
    )
    q = filters.CharFilter(
        method="filter_text",
        max_length=500,
        help_text="Full-text search over the claim text (web-search syntax).",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_outlet(
        self, qs: QuerySet[Claim], name: str, value: Outlet | None
    ) -> QuerySet[Claim]:
        if value is None:
            return qs
        reported = Mention.objects.filter(claim=OuterRef("pk"), article__outlet=value).exclude(
            status=ReviewStatus.REJECTED
        )
        return qs.filter(Exists(reported))

    def filter_text(self, qs: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        if not value.strip():
            return qs
        # The claims trigger (migration 0003) fills search_vector on every write; matching the
        # column itself, not an expression over it, lets PostgreSQL use the GIN index.
        return qs.filter(search_vector=full_text_query(value))


class ActorFilter(StrictFilterSet):
    kind = filters.ChoiceFilter(choices=Actor.Kind.choices)
    name = filters.CharFilter(
        method="filter_name", max_length=300, help_text="Name or alias contains this."
    )
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_name(self, qs: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        if not value.strip():
            return qs
        aliased = ActorAlias.objects.filter(actor=OuterRef("pk"), alias__icontains=value)
        return qs.filter(Q(name__icontains=value) | Exists(aliased))


class ArticleFilter(StrictFilterSet):
    outlet = filters.ModelChoiceFilter(queryset=Outlet.objects.all())
    status = filters.ChoiceFilter(choices=Article.Status.choices)
    published_after = filters.DateFilter(field_name="published", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published", lookup_expr="lte")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Article
        fields: list[str] = []


class MentionFilter(StrictFilterSet):
    claim = IdFilter(field_name="claim_id")
    article = IdFilter(field_name="article_id")
    status = filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = Mention
        fields: list[str] = []


class RelationFilter(StrictFilterSet):
    claim = IdFilter(method="filter_claim", help_text="Relations of this claim, either side.")
    type = filters.ChoiceFilter(choices=ClaimRelation.Type.choices)
    status = filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = ClaimRelation
        fields: list[str] = []

    def filter_claim(
        self, qs: QuerySet[ClaimRelation], name: str, value: int | None
    ) -> QuerySet[ClaimRelation]:
        if value is None:
            return qs
        return qs.filter(Q(source_id=value) | Q(target_id=value))


class OutletFilter(StrictFilterSet):
    domain = filters.CharFilter(field_name="domain", max_length=253)

    class Meta:
        model = Outlet
        fields: list[str] = []
