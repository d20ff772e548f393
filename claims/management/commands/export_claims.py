"""``manage.py export_claims [--format jsonl|csv|claimreview] [--red-line]``: claims to stdout."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.exporters import EXPORTERS, export_chunks


class Command(BaseCommand):
    help = "Write every claim record to stdout (JSONL, CSV or schema.org ClaimReview JSON-LD)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=sorted(EXPORTERS), default="jsonl")
        parser.add_argument("--red-line", action="store_true", help="only red-line claims")

    def handle(self, *args: Any, **options: Any) -> None:
        for chunk in export_chunks(options["format"], red_line=options["red_line"]):
            self.stdout.write(chunk, ending="")
