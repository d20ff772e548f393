"""Django database backend: plain PostgreSQL, with the embedded server started lazily."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base

from redline.embedded_db.server import ensure_running


class DatabaseWrapper(base.DatabaseWrapper):
    """Starts the embedded server the first time a connection is needed, then connects to it."""

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params["host"] = ensure_running(
            Path(settings.EMBEDDED_DIR),
            keep_running=settings.EMBEDDED_DB_KEEP_RUNNING,
            # Test runs connect to the maintenance database first and create their own.
            database=self.settings_dict["NAME"] or "postgres",
        )
        return params
