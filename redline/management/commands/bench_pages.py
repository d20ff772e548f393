"""manage.py bench_pages: in-process timings of the pages and API lists (read-only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from redline.bench.pages import Timing, measure


class Command(BaseCommand):
    help = (
        "Request each page and API list N times through Django's test client against the "
        "DATABASE_URL database (writes nothing) and print wall and SQL milliseconds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, default=40)
        parser.add_argument("--only", default="", help="scenarios whose name contains this")

    def handle(self, *args: Any, **options: Any) -> None:
        p = Timing.percentile
        self.stdout.write(
            f"{'scenario':34} {'p50':>7} {'p95':>7} {'max':>7} {'SQL p50':>8} {'SQL p95':>8} "
            f"{'statements':>10}   (ms, {options['requests']} requests each)"
        )
        for t in measure(options["requests"], options["only"]):
            self.stdout.write(
                f"{t.name:34} {p(t.wall, 50):7.1f} {p(t.wall, 95):7.1f} {max(t.wall):7.1f} "
                f"{p(t.sql, 50):8.1f} {p(t.sql, 95):8.1f} {t.statements:10d}"
            )
