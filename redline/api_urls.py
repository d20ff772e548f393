"""URLs of the REST API (mounted at /api/): v1 resources, exports, feeds, schema and docs."""

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from claims.api import views
from claims.api.exports import export_view
from claims.api.feed_views import ClaimsFeedView
from claims.api.token_views import revoke_token_view, token_page

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("mentions", views.MentionViewSet, basename="mention")
router.register("relations", views.RelationViewSet, basename="relation")
router.register("outlets", views.OutletViewSet, basename="outlet")
router.register("subscriptions", views.SubscriptionViewSet, basename="subscription")

v1: list[URLPattern | URLResolver] = [
    path(
        "claims/export.jsonl",
        export_view("jsonl", "All claims a filter selects, as JSON lines (streamed)"),
        name="claims-export-jsonl",
    ),
    path(
        "claims/export.csv",
        export_view("csv", "The same as CSV, one row per mention with its source (streamed)"),
        name="claims-export-csv",
    ),
    path(
        "claims/export.jsonld",
        export_view("claimreview", "The same as schema.org ClaimReview JSON-LD (streamed)"),
        name="claims-export-claimreview",
    ),
    path("claims/feed.atom", ClaimsFeedView.as_view(), name="claims-feed"),
    *router.urls,
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", token_page, name="tokens"),
    path("tokens/<int:token_id>/revoke/", revoke_token_view, name="revoke-token"),
]
