"""``manage.py reprocess [--all | --failed | IDS...] [--queue]``: re-run extraction on articles."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.services.processing import reprocess_articles, reprocess_ids


class Command(BaseCommand):
    help = (
        "Re-run extraction on chosen articles. Idempotent: the pipeline's own mentions are "
        "replaced; editors' links and decisions are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="article ids")
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument(
            "--failed", action="store_true", help="articles whose extraction failed"
        )
        parser.add_argument(
            "--queue", action="store_true", help="hand the ids to the Celery task instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"] or options["failed"]:
            ids = reprocess_ids(all_articles=options["all"], failed=options["failed"])
        elif options["ids"]:
            ids = options["ids"]
        else:
            raise CommandError("give article ids, --all or --failed")
        if options["queue"]:
            from claims.tasks import reprocess

            reprocess.delay(ids)
            self.stdout.write(f"queued {len(ids)} article(s) for re-processing")
            return
        report = reprocess_articles(ids)
        self.stdout.write(
            f"reprocessed {len(ids)} article(s): {len(report.done)} done, "
            f"{len(report.failed)} failed, {len(report.skipped)} missing"
        )
        if ids and not report.done:
            raise CommandError("no article could be processed")
