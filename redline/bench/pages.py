"""In-process timings of the pages and API lists: Django's test client, no server, read-only.

Each scenario is requested ``requests`` times (after two warm-up requests) with URLs drawn
from the loaded data; the wall time of each request and the time of its SQL statements are
recorded. Nothing is written: API requests are authenticated in memory (an unsaved user), and
the sample is read with plain queries. This separates the database part of a page from the
Python part and from a load test's queueing (``manage.py bench --only web``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from rest_framework.test import APIClient

from claims.models import Claim
from redline.bench.web import SEARCH_TERMS

Url = Callable[[random.Random], str]


@dataclass
class Timing:
    """Milliseconds per request of one scenario: wall time and SQL time, and statements."""

    name: str
    wall: list[float]
    sql: list[float]
    statements: int

    @staticmethod
    def percentile(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def scenarios(seed: int = 1) -> list[tuple[str, bool, Url]]:
    """(name, is_api, url) for the load test's scenarios and the other list pages."""
    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM claims_claim")
        top = cursor.fetchone()[0] or 1
        cursor.execute(
            "SELECT a.id FROM claims_actor a WHERE a.merged_into_id IS NULL AND EXISTS"
            " (SELECT 1 FROM claims_claim c WHERE c.speaker_id = a.id) ORDER BY a.id"
        )
        speakers = [row[0] for row in cursor.fetchall()] or [0]
        cursor.execute("SELECT id FROM sources_outlet ORDER BY id")
        outlets = [row[0] for row in cursor.fetchall()] or [0]
    picked = rng.sample(speakers, min(200, len(speakers)))
    ids = [rng.randint(1, top) for _ in range(1000)]
    claims = sorted(Claim.objects.filter(pk__in=ids).values_list("pk", flat=True)) or [1]
    kinds = Claim.Kind.values

    def term(r: random.Random) -> str:
        return r.choice(SEARCH_TERMS).replace(" ", "+")

    return [
        (
            "API list ?red_line&speaker",
            True,
            lambda r: f"/api/v1/claims?red_line=true&speaker={r.choice(picked)}",
        ),
        (
            "API list ?kind&said_after",
            True,
            lambda r: (
                f"/api/v1/claims?kind={r.choice(kinds)}&said_after=202{r.randint(0, 5)}-01-01"
            ),
        ),
        ("API detail", True, lambda r: f"/api/v1/claims/{r.choice(claims)}"),
        ("API search ?q=", True, lambda r: f"/api/v1/claims?q={term(r)}"),
        ("dashboard /", False, lambda r: "/"),
        ("dashboard /?scope=all&page=3", False, lambda r: "/?scope=all&page=3"),
        ("dashboard search /?q=", False, lambda r: f"/?q={term(r)}"),
        ("dashboard search /?q=&scope=all", False, lambda r: f"/?q={term(r)}&scope=all"),
        ("dashboard ?review=confirmed", False, lambda r: "/?review=confirmed"),
        ("dashboard ?outlet=", False, lambda r: f"/?outlet={r.choice(outlets)}"),
        ("claim page", False, lambda r: f"/claims/{r.choice(claims)}/"),
        ("actor page", False, lambda r: f"/actors/{r.choice(picked)}/"),
        ("timeline", False, lambda r: "/timeline/"),
        ("actor list", False, lambda r: "/actors/"),
        ("article list", False, lambda r: "/articles/"),
        ("outlet list", False, lambda r: "/outlets/"),
        ("outlet page", False, lambda r: f"/outlets/{r.choice(outlets)}/"),
    ]


def measure(requests: int, only: str = "", seed: int = 7) -> list[Timing]:
    """Time each scenario (whose name contains ``only``) ``requests`` times."""
    web, api = Client(), APIClient()
    api.force_authenticate(user=get_user_model()(pk=2**31 - 1, username="bench-pages"))
    timings = []
    with override_settings(
        REDLINE_PUBLIC_READ=True, REDLINE_API_THROTTLE_RATES={"read": None, "write": None}
    ):
        for name, is_api, url in scenarios():
            if only not in name:
                continue
            rng = random.Random(seed)
            client = api if is_api else web
            for _ in range(2):
                client.get(url(rng))
            wall, sql, statements = [], [], 0
            for _ in range(requests):
                path = url(rng)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    wall.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status_code}")
                sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
                statements = len(queries.captured_queries)
            timings.append(Timing(name, wall, sql, statements))
    return timings
