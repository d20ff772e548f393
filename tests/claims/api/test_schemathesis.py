"""Schemathesis over the live OpenAPI schema: every operation, writes included (editor token).

No 5xx, no status, header, content type or body the schema does not document. The number of
examples is bounded (SCHEMATHESIS_MAX_EXAMPLES) and the seed fixed, so CI time stays predictable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

from claims.api.models import ApiToken
from tests.claims.api.conftest import graph_of, make_token

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
ST = Path(sys.executable).with_name("st")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_live_schema_holds_for_generated_requests(live_server: Any, tmp_path: Path) -> None:
    editor = User.objects.create_user("fuzzing-editor", password="fuzzing-pass-123")
    editor.groups.add(Group.objects.get_or_create(name="editors")[0])
    key = make_token(editor, ApiToken.Scope.EDITOR)
    graph_of(4)
    report = tmp_path / "report.json"
    command = [
        str(ST),
        "run",
        f"{live_server.url}/api/schema/",
        "--url",
        live_server.url,
        "--header",
        f"Authorization: Token {key}",
        "--checks",
        "all",
        # Schema-valid bodies can still break business rules the schema cannot state (a
        # webhook host that does not resolve, merging a claim into itself): those are 400s.
        "--exclude-checks",
        "positive_data_acceptance",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        "20261123",
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--suppress-health-check",
        "all",
        "--request-timeout",
        "30",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    # The live server runs in this process: keep fetches and webhooks to public hosts short,
    # and the request rates unthrottled.
    with override_settings(
        REDLINE_API_THROTTLE_RATES={"read": None, "write": None},
        REDLINE_FETCH_CONNECT_TIMEOUT=0.5,
        REDLINE_FETCH_READ_TIMEOUT=0.5,
        REDLINE_FETCH_TOTAL_TIMEOUT=1.0,
        REDLINE_WEBHOOK_TIMEOUT=0.5,
    ):
        run = subprocess.run(
            command, capture_output=True, text=True, timeout=1500, cwd=tmp_path, check=False
        )
    (Path(os.environ.get("SCHEMATHESIS_LOG_DIR", tmp_path)) / "schemathesis.txt").write_text(
        run.stdout + run.stderr
    )
    print(run.stdout[-6000:])
    if report.exists():
        print(json.dumps(json.loads(report.read_text()).get("summary", {}), indent=1)[:3000])
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-3000:]
