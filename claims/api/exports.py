"""Streamed exports of the claims a filter selects, with the exporters of ``export_claims``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import StreamingHttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from claims.api.filters import ClaimFilter
from claims.exporters import CONTENT_TYPES, EXPORTERS, iter_records
from claims.records import exportable_claims

FILE_NAMES = {"jsonl": "claims.jsonl", "csv": "claims.csv", "claimreview": "claims.jsonld"}


class _StreamRenderer(renderers.BaseRenderer):
    """Only for content negotiation: the body is a stream the view makes itself."""

    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Any = None,
    ) -> bytes:
        return b""


class JSONLinesRenderer(_StreamRenderer):
    media_type = "application/x-ndjson"
    format = "jsonl"


class CSVRenderer(_StreamRenderer):
    media_type = "text/csv"
    format = "csv"


class JSONLDRenderer(_StreamRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


_RENDERERS: dict[str, type[renderers.BaseRenderer]] = {
    "jsonl": JSONLinesRenderer,
    "csv": CSVRenderer,
    "claimreview": JSONLDRenderer,
}


class ClaimExportView(GenericAPIView):
    """Every claim the filters select (merged ones left out), streamed in one format."""

    export_format = "jsonl"
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    pagination_class = None

    def get_queryset(self) -> Any:
        return exportable_claims()

    def get_renderers(self) -> list[renderers.BaseRenderer]:
        return [_RENDERERS[self.export_format](), renderers.JSONRenderer()]

    def get(self, request: Request) -> StreamingHttpResponse:
        claims = self.filter_queryset(self.get_queryset())
        chunks = EXPORTERS[self.export_format](iter_records(claims))
        if self.export_format == "claimreview":
            chunks = _json_array_even_when_empty(chunks)
        response = StreamingHttpResponse(
            (chunk.encode() for chunk in chunks), content_type=CONTENT_TYPES[self.export_format]
        )
        response["Content-Disposition"] = f'attachment; filename="{FILE_NAMES[self.export_format]}"'
        return response

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response):
            # Errors are JSON whatever format the export itself has.
            response.accepted_renderer = renderers.JSONRenderer()
            response.accepted_media_type = "application/json"
        return response


def _json_array_even_when_empty(chunks: Iterator[str]) -> Iterator[str]:
    """The ClaimReview stream, or ``[]`` when no claim matched: the body stays valid JSON."""
    empty = True
    for chunk in chunks:
        empty = False
        yield chunk
    if empty:
        yield "[]\n"


_RESPONSE_SCHEMAS: dict[str, Any] = {
    "jsonl": OpenApiTypes.STR,
    "csv": OpenApiTypes.STR,
    "claimreview": {
        "type": "array",
        "items": {"type": "object", "additionalProperties": True},
        "description": "schema.org ClaimReview objects (JSON-LD).",
    },
}


def export_view(fmt: str, summary: str) -> Any:
    """The view function of one export format, with its schema."""
    media_type = _RENDERERS[fmt].media_type
    documented = extend_schema(
        summary=summary,
        tags=["exports"],
        operation_id=f"claims_export_{fmt}",
        filters=True,
        parameters=[OpenApiParameter("format", exclude=True)],
        responses={(200, media_type): _RESPONSE_SCHEMAS[fmt]},
    )

    # A function per format: the schema annotation is stored on the function object.
    def get(self: ClaimExportView, request: Request) -> StreamingHttpResponse:
        return ClaimExportView.get(self, request)

    view_class: type[ClaimExportView] = type(
        f"ClaimExport{fmt.title()}View",
        (ClaimExportView,),
        {"export_format": fmt, "get": documented(get)},
    )
    return view_class.as_view()
