"""API views: thin viewsets over the records, the filters and the editing services."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from claims.api import filters, serializers
from claims.api.conditional import conditional_response, latest
from claims.api.ingest import ingest_batch, result_rows
from claims.api.models import Subscription, WebhookDelivery
from claims.api.permissions import EditorScope
from claims.models import Actor, Claim, ClaimRelation, Mention
from claims.records import claim_mentions, claim_relations, with_record_relations
from claims.selectors import text_matches
from claims.services import editing
from sources.models import Article, Outlet

NOT_MODIFIED = OpenApiResponse(description="Not modified: the client's copy (ETag) is current.")


class ApiViewSet(viewsets.GenericViewSet):
    """Shared set-up: keyset pagination, django-filter, and editor scope for writes."""

    filter_backends = [DjangoFilterBackend]
    # Any path segment reaches the view, so a malformed id is a JSON 404, not an HTML page.
    lookup_value_regex = "[^/]+"
    keyset_ordering: tuple[str, ...] = ("id",)
    editor_actions: frozenset[str] = frozenset()

    def get_permissions(self) -> list[Any]:
        permissions = list(super().get_permissions())
        if self.action in self.editor_actions:
            permissions.append(EditorScope())
        return permissions

    def retrieve_conditional(self, instance: Any, last_modified: datetime | None) -> Response:
        """The detail body with ETag / Last-Modified, or a 304."""
        data = self.get_serializer(instance).data
        return conditional_response(self.request, data, last_modified)

    def respond(self, serializer_class: type[BaseSerializer], instance: Any) -> Response:
        """Serialise an object with the given serializer (after an editor action)."""
        return Response(serializer_class(instance, context=self.get_serializer_context()).data)

    def validated(self, serializer_class: type[BaseSerializer]) -> dict[str, Any]:
        """The request body validated by ``serializer_class`` (a 400 otherwise)."""
        body = serializer_class(data=self.request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        return dict(body.validated_data)


@extend_schema_view(
    list=extend_schema(summary="Claims, in the record shape, filtered", tags=["claims"]),
    retrieve=extend_schema(
        summary="One claim record (design.md shape)",
        tags=["claims"],
        responses={200: serializers.ClaimRecordSerializer, 304: NOT_MODIFIED},
    ),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Claims; lists are ordered by (updated_at, id) so ``updated_since`` syncs never miss one."""

    serializer_class = serializers.ClaimRecordSerializer
    filterset_class = filters.ClaimFilter
    keyset_ordering = ("updated_at", "id")
    editor_actions = frozenset({"partial_update", "merge"})

    def get_queryset(self) -> QuerySet[Claim]:
        claims = Claim.objects.all()
        if self.action == "list":
            claims = claims.filter(merged_into__isnull=True)
        return with_record_relations(claims)

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        filtered = super().filter_queryset(queryset)  # validates every parameter, q included
        words = self.request.query_params.get("q", "").strip()
        if self.action != "list" or not words or self.paginator is None:
            return filtered
        # A list's text search is left to the paginator, which looks for the page's matches in
        # the next rows of the list's own order first (see ``text_matches``).
        others = self.request.query_params.copy()
        others.pop("q")
        self.paginator.fetch = partial(text_matches, q=words)  # type: ignore[attr-defined]
        return self.filterset_class(others, queryset=queryset, request=self.request).qs

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        return self.retrieve_conditional(claim, claim_last_modified(claim))

    @extend_schema(
        summary="Correct a claim's fields (editor)",
        tags=["claims"],
        request=serializers.ClaimCorrectionSerializer,
        responses={200: serializers.ClaimRecordSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        changes = self.validated(serializers.ClaimCorrectionSerializer)
        editing.correct_claim(request.user, claim.pk, **changes)
        return self.respond(serializers.ClaimRecordSerializer, self._fresh(claim.pk))

    @extend_schema(
        summary="Merge another claim into this one (editor)",
        tags=["claims"],
        request=serializers.MergeSerializer,
        responses={200: serializers.ClaimRecordSerializer},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        other = self.validated(serializers.MergeSerializer)["other"]
        editing.merge_claims(request.user, claim.pk, other)
        return self.respond(serializers.ClaimRecordSerializer, self._fresh(claim.pk))

    def _fresh(self, claim_id: int) -> Claim:
        return with_record_relations(Claim.objects.filter(pk=claim_id)).get()


def claim_last_modified(claim: Claim) -> datetime | None:
    """The latest change to a claim or to what its record shows (from prefetched rows)."""
    moments: list[datetime | None] = [claim.updated_at]
    if claim.speaker is not None:
        moments.append(claim.speaker.updated_at)
    for mention in claim_mentions(claim):
        moments += [mention.created_at, mention.reviewed_at, mention.article.updated_at]
    for relation in claim_relations(claim):
        moments += [relation.created_at, relation.reviewed_at]
    return latest(*moments)


@extend_schema_view(
    list=extend_schema(summary="Actors (speakers)", tags=["actors"]),
    retrieve=extend_schema(
        summary="One actor",
        tags=["actors"],
        responses={200: serializers.ActorSerializer, 304: NOT_MODIFIED},
    ),
)
class ActorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter
    keyset_ordering = ("updated_at", "id")
    editor_actions = frozenset({"merge"})

    def get_queryset(self) -> QuerySet[Actor]:
        actors = Actor.objects.prefetch_related("aliases")
        if self.action == "list":
            actors = actors.filter(merged_into__isnull=True)
        return actors

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = self.get_object()
        return self.retrieve_conditional(actor, actor.updated_at)

    @extend_schema(
        summary="Merge another actor into this one; its names become aliases (editor)",
        tags=["actors"],
        request=serializers.MergeSerializer,
        responses={200: serializers.ActorSerializer},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        actor = self.get_object()
        other = self.validated(serializers.MergeSerializer)["other"]
        editing.merge_actors(request.user, actor.pk, other)
        return self.respond(serializers.ActorSerializer, self.get_queryset().get(pk=actor.pk))


@extend_schema_view(
    list=extend_schema(summary="Articles and their processing status", tags=["articles"]),
    retrieve=extend_schema(
        summary="One article with its cleaned text (the status URL of an ingested article)",
        tags=["articles"],
        responses={200: serializers.ArticleDetailSerializer, 304: NOT_MODIFIED},
    ),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    filterset_class = filters.ArticleFilter
    keyset_ordering = ("updated_at", "id")
    editor_actions = frozenset({"create"})

    def get_queryset(self) -> QuerySet[Article]:
        articles = Article.objects.select_related("outlet")
        if self.action == "list":
            articles = articles.defer("text", "raw")
        return articles

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "retrieve":
            return serializers.ArticleDetailSerializer
        return serializers.ArticleSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        article = self.get_object()
        return self.retrieve_conditional(article, article.updated_at)

    @extend_schema(
        summary="Ingest articles: URLs, or text/HTML with metadata (editor; batch)",
        tags=["articles"],
        request=serializers.ArticleBatchSerializer,
        responses={202: serializers.IngestResponseSerializer},
    )
    def create(self, request: Request) -> Response:
        items = self.validated(serializers.ArticleBatchSerializer)["articles"]
        results = ingest_batch([dict(item) for item in items])
        rows = result_rows(results, lambda pk: serializers.article_status_url(request, pk))
        return Response({"articles": rows}, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    list=extend_schema(summary="Mentions: claim ↔ source sentence links", tags=["mentions"]),
    retrieve=extend_schema(
        summary="One mention",
        tags=["mentions"],
        responses={200: serializers.MentionSerializer, 304: NOT_MODIFIED},
    ),
)
class MentionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    queryset = Mention.objects.all()
    serializer_class = serializers.MentionSerializer
    filterset_class = filters.MentionFilter
    editor_actions = frozenset({"review"})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        mention = self.get_object()
        return self.retrieve_conditional(mention, latest(mention.created_at, mention.reviewed_at))

    @extend_schema(
        summary="Confirm, reject or reset a suggested mention (editor)",
        tags=["mentions"],
        request=serializers.ReviewSerializer,
        responses={200: serializers.MentionSerializer},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        mention = self.get_object()
        new_status = self.validated(serializers.ReviewSerializer)["status"]
        editing.set_mention_status(request.user, mention.pk, new_status)
        return self.respond(serializers.MentionSerializer, Mention.objects.get(pk=mention.pk))


@extend_schema_view(
    list=extend_schema(summary="Claim ↔ claim relations", tags=["relations"]),
    retrieve=extend_schema(
        summary="One relation",
        tags=["relations"],
        responses={200: serializers.RelationSerializer, 304: NOT_MODIFIED},
    ),
)
class RelationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    queryset = ClaimRelation.objects.all()
    serializer_class = serializers.RelationSerializer
    filterset_class = filters.RelationFilter
    editor_actions = frozenset({"create", "review"})

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        relation = self.get_object()
        return self.retrieve_conditional(
            relation, latest(relation.created_at, relation.reviewed_at)
        )

    @extend_schema(
        summary="Add a relation the pipeline missed (editor)",
        tags=["relations"],
        request=serializers.RelationCreateSerializer,
        responses={201: serializers.RelationSerializer},
    )
    def create(self, request: Request) -> Response:
        body = self.validated(serializers.RelationCreateSerializer)
        edit = editing.add_relation(
            request.user, body["source"], body["target"], body["type"], evidence=body["evidence"]
        )
        data = serializers.RelationSerializer(
            edit.target, context=self.get_serializer_context()
        ).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Confirm, reject or reset a suggested relation (editor)",
        tags=["relations"],
        request=serializers.ReviewSerializer,
        responses={200: serializers.RelationSerializer},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        relation = self.get_object()
        new_status = self.validated(serializers.ReviewSerializer)["status"]
        editing.set_relation_status(request.user, relation.pk, new_status)
        return self.respond(
            serializers.RelationSerializer, ClaimRelation.objects.get(pk=relation.pk)
        )


@extend_schema_view(
    list=extend_schema(summary="Outlets", tags=["outlets"]),
    retrieve=extend_schema(
        summary="One outlet",
        tags=["outlets"],
        responses={200: serializers.OutletSerializer, 304: NOT_MODIFIED},
    ),
)
class OutletViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    queryset = Outlet.objects.all()
    serializer_class = serializers.OutletSerializer
    filterset_class = filters.OutletFilter

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        outlet = self.get_object()
        return self.retrieve_conditional(outlet, outlet.created_at)


@extend_schema_view(
    list=extend_schema(summary="Your webhook subscriptions", tags=["subscriptions"]),
    retrieve=extend_schema(summary="One of your subscriptions", tags=["subscriptions"]),
    create=extend_schema(
        summary="Subscribe a URL to a claim's news or an actor's red lines", tags=["subscriptions"]
    ),
    partial_update=extend_schema(summary="Change or pause a subscription", tags=["subscriptions"]),
    destroy=extend_schema(summary="Delete a subscription", tags=["subscriptions"]),
)
class SubscriptionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ApiViewSet,
):
    """Webhook subscriptions of the requesting user (any scope: they write no shared data)."""

    serializer_class = serializers.SubscriptionSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Subscription]:
        return Subscription.objects.filter(owner_id=self.request.user.pk)

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.save(owner=self.request.user)

    @extend_schema(
        summary="Recent deliveries of a subscription",
        tags=["subscriptions"],
        responses={200: serializers.DeliverySerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        subscription = self.get_object()
        rows = WebhookDelivery.objects.filter(subscription=subscription).order_by("-id")[:100]
        return Response(serializers.DeliverySerializer(rows, many=True).data)
