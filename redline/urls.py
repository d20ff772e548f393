"""Top-level URL configuration: admin, the web UI and the REST API."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("redline.api_urls")),
    path("", include("redline.web_urls")),
]

# A database or Redis outage answers 503 with Retry-After; never a traceback page.
handler500 = "redline.security.server_error"
