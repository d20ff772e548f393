"""manage.py generate_data --claims N: wipe a benchmark database and COPY synthetic data into it."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redline.bench import loader


class Command(BaseCommand):
    help = (
        "Create (if needed) and migrate the DATABASE_URL database, which must be a benchmark "
        "database (its name contains 'bench'), wipe it and bulk-load N synthetic claims."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--search-vector",
            choices=loader.STRATEGIES,
            default="trigger",
            help="fill Claim.search_vector by the trigger during COPY, or one UPDATE after",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            name = loader.require_bench_database()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        prepare_database()
        report = loader.load(
            options["claims"], seed=options["seed"], strategy=options["search_vector"]
        )
        rows = ", ".join(f"{n} {table}" for table, n in report.rows.items())
        phases = ", ".join(f"{phase} {s:.1f}s" for phase, s in report.seconds.items())
        self.stdout.write(f"{name}: {rows}")
        self.stdout.write(f"loaded in {report.total_seconds:.1f}s ({phases})")


def prepare_database() -> None:
    """Create the benchmark database when missing and bring its schema up to date."""
    loader.ensure_database()
    call_command("migrate", verbosity=0, interactive=False)
