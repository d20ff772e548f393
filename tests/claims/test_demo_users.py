"""manage.py demo_users: one editor, one analyst, known passwords, safe to run twice."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command

from claims.services.editing import can_edit

pytestmark = pytest.mark.django_db


def test_demo_users_are_created_once_and_can_log_in() -> None:
    for _ in range(2):
        out = StringIO()
        call_command("demo_users", stdout=out)
    assert User.objects.filter(username__in=["editor", "analyst"]).count() == 2
    assert "redline-editor-demo" in out.getvalue()
    editor = authenticate(username="editor", password="redline-editor-demo")
    analyst = authenticate(username="analyst", password="redline-analyst-demo")
    assert editor is not None and can_edit(editor)
    assert analyst is not None and not can_edit(analyst)
