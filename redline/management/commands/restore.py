"""``manage.py restore PATH``: put a backup made by ``manage.py backup`` back in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redline.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Restore the database from PATH with pg_restore --clean --if-exists, in one transaction: "
        "tables in the backup are replaced by its contents."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a file written by `manage.py backup`")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            client = restore_database(path, options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored from {path} (pg_restore {client.major})")
