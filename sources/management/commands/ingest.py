"""manage.py ingest PATH_OR_URL... [--wait]: files, folders, URLs and feeds into the database."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sources.services.ingest import expand_inputs, ingest_one, wait_for_extraction
from sources.services.outcomes import IngestReport


class Command(BaseCommand):
    help = "Ingest files (.txt .html .json .jsonl RSS/Atom), folders (recursively) and URLs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument(
            "--wait", action="store_true", help="return once extraction of every article ended"
        )
        parser.add_argument(
            "--timeout", type=float, default=600.0, help="seconds --wait waits at most"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        units = expand_inputs(options["inputs"])
        report = IngestReport()
        bar = tqdm(total=len(units), unit="input", disable=not sys.stderr.isatty(), file=sys.stderr)
        with bar:
            for unit in units:
                part = ingest_one(unit)
                report.extend(part)
                for failure in part.failures:
                    bar.write(f"failed: {failure.input}: {failure.reason}", file=self.stdout)
                bar.update(1)
        unfinished: list[int] = []
        if options["wait"] and report.article_ids:
            unfinished = wait_for_extraction(report.article_ids, timeout=options["timeout"])
        self.stdout.write(report.summary())
        if unfinished:
            raise CommandError(
                f"extraction not finished after {options['timeout']:g}s "
                f"for {len(unfinished)} article(s)"
            )
        if report.outcomes and report.failed == len(report.outcomes):
            raise CommandError("nothing could be ingested")
        if not report.outcomes:
            raise CommandError("no input found")
