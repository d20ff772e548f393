"""`manage.py embedded_db start|stop|status`: manage the embedded PostgreSQL server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from redline.embedded_db import server


class Command(BaseCommand):
    help = "Start, stop or show the embedded PostgreSQL server (used when DATABASE_URL is unset)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["start", "stop", "status"])

    def handle(self, *args: Any, **options: Any) -> None:
        base = Path(settings.EMBEDDED_DIR)
        action = options["action"]
        if action == "stop":
            stopped = server.stop(base)
            self.stdout.write("stopped" if stopped else "not running")
        elif action == "start":
            socket_dir = server.ensure_running(
                base, keep_running=True, database=settings.DATABASES["default"]["NAME"]
            )
            self.stdout.write(f"running, socket in {socket_dir}")
        else:
            self.stdout.write("running" if server.is_running(base) else "not running")
