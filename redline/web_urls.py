"""URLs of the browser UI (dashboard, claim, actor, article and outlet pages)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
