"""manage.py retry_failed [ID...]: put failed articles back in the extraction queue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sources.services.retry import retry_failed


class Command(BaseCommand):
    help = "Re-enqueue the extraction of failed articles (all, or the ids given)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = retry_failed(options["ids"] or None)
        self.stdout.write(f"re-enqueued: {len(ids)}")
