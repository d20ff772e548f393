"""Production settings: the base settings with HTTPS-only cookies, HSTS and secrets required.

Use with ``DJANGO_SETTINGS_MODULE=redline.settings_production``. Required in the environment:
``DJANGO_SECRET_KEY`` (at least 50 characters, not the development key) and
``DJANGO_ALLOWED_HOSTS``. ``manage.py check --deploy`` is clean with them (tests/security).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from redline.security import production_secret_key
from redline.settings import *  # noqa: F403
from redline.settings import env

if env.bool("DJANGO_DEBUG", default=False):
    raise ImproperlyConfigured("DJANGO_DEBUG must not be on in production.")
DEBUG = False
SECRET_KEY = production_secret_key(env.str("DJANGO_SECRET_KEY", default=""))
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the site's host names.")

# HTTPS only. Behind a proxy that terminates TLS, set REDLINE_BEHIND_TLS_PROXY so the
# X-Forwarded-Proto header it sets is trusted (and only then).
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
if env.bool("REDLINE_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
