"""The embedded PostgreSQL server starts, is reused, and stops cleanly."""

from __future__ import annotations

from pathlib import Path

import psycopg

from redline.embedded_db import server


def test_embedded_server_starts_creates_database_and_stops(tmp_path: Path) -> None:
    socket_dir = server.ensure_running(tmp_path, keep_running=True, database="redline_probe")
    try:
        with psycopg.connect(host=socket_dir, user="postgres", dbname="redline_probe") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        assert server.is_running(tmp_path)
    finally:
        assert server.stop(tmp_path) is True
    assert not server.is_running(tmp_path)
    assert server.stop(tmp_path) is False
