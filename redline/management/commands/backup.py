"""``manage.py backup PATH``: dump the database to PATH (pg_dump custom format)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redline.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Back the whole database up to PATH with pg_dump -Fc (restore with `manage.py restore`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="file to write, e.g. redline.dump")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            client = backup_database(path, options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(f"backed up to {path} ({size} bytes, pg_dump {client.major})")
