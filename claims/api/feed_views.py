"""The Atom feed endpoint: the claims filter of the API, served as Atom 1.0."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers
from rest_framework.authentication import SessionAuthentication
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.authentication import ApiTokenAuthentication, QueryTokenAuthentication
from claims.api.filters import ClaimFilter
from claims.feeds import ClaimsAtomFeed
from claims.models import Claim


class AtomRenderer(renderers.BaseRenderer):
    """Only for content negotiation: the feed renders itself."""

    media_type = "application/atom+xml"
    format = "atom"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        return b""


class ClaimsFeedView(GenericAPIView):
    """New claims matching the filters, newest first, as an Atom feed."""

    authentication_classes = [
        ApiTokenAuthentication,
        QueryTokenAuthentication,
        SessionAuthentication,
    ]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    pagination_class = None

    def get_queryset(self) -> Any:
        return Claim.objects.filter(merged_into__isnull=True)

    def get_renderers(self) -> list[renderers.BaseRenderer]:
        return [AtomRenderer(), renderers.JSONRenderer()]

    @extend_schema(
        summary="Atom feed of the claims a filter selects (e.g. ?speaker=3&red_line=true)",
        tags=["feeds"],
        operation_id="claims_feed_atom",
        filters=True,
        parameters=[
            OpenApiParameter("format", exclude=True),
            OpenApiParameter(
                "token",
                OpenApiTypes.STR,
                description="An API token, for feed readers that cannot send headers.",
            ),
        ],
        responses={(200, "application/atom+xml"): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> HttpResponse:
        claims = self.filter_queryset(self.get_queryset())
        query = request.GET.copy()
        query.pop("token", None)
        return ClaimsAtomFeed(claims, query.urlencode())(request._request)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response):
            response.accepted_renderer = renderers.JSONRenderer()
            response.accepted_media_type = "application/json"
        return response
