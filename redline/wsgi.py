"""WSGI entry point for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redline.settings")

application = get_wsgi_application()
# Views and serializers imported now, so they are frozen with the rest below.
get_resolver().url_patterns  # noqa: B018

# Django's modules, models and settings live as long as the process: frozen, the collector stops
# walking them in every full collection (the 1M profile showed list pages' p95 set by such
# collections while a page of records was serialised).
gc.collect()
gc.freeze()
