"""Production settings: `check --deploy` is clean, and secrets come only from the environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from redline.security import production_secret_key

PROJECT = Path(__file__).resolve().parents[2]
DEV_KEY = "django-insecure-redline-local-development-key-change-me"


def _production_env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDLINE_", "CELERY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="redline.settings_production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="redline.example.org",
    )
    env.update(overrides)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    done = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_headers_and_cookies() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.DEBUG, "
        "'csp.middleware.CSPMiddleware' in s.MIDDLEWARE)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    hsts, redirect, session_secure, csrf_secure, frames, referrer, debug, csp = done.stdout.split()
    assert int(hsts) >= 365 * 24 * 3600
    assert (redirect, session_secure, csrf_secure, debug, csp) == (
        "True",
        "True",
        "True",
        "False",
        "True",
    )
    assert (frames, referrer) == ("DENY", "same-origin")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": DEV_KEY}, "development key"),
        ({"DJANGO_SECRET_KEY": ""}, "must be set"),
        ({"DJANGO_SECRET_KEY": "short-but-real"}, "too short"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG"),
    ],
)
def test_production_refuses_to_start_without_real_secrets(
    overrides: dict[str, str], message: str
) -> None:
    done = _manage("check", env=_production_env(**overrides))
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert message in done.stderr


def test_secret_key_rules() -> None:
    good = secrets.token_urlsafe(64)
    assert production_secret_key(good) == good
    for bad in ("", DEV_KEY, "x" * 80, "django-insecure-" + good):
        with pytest.raises(ImproperlyConfigured):
            production_secret_key(bad)
