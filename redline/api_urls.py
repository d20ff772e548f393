"""URLs of the REST API (mounted at /api/): v1 resources, exports, feeds, schema and docs."""

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from claims.api import views

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("mentions", views.MentionViewSet, basename="mention")
router.register("relations", views.RelationViewSet, basename="relation")
router.register("outlets", views.OutletViewSet, basename="outlet")

v1: list[URLPattern | URLResolver] = [
    *router.urls,
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
