"""Bulk-load generated data with COPY (psycopg) into an empty benchmark database.

Plain indexes of the big tables are dropped before the load and built once after it (one sort
per index instead of millions of inserts into each); foreign-key triggers are skipped with
``session_replication_role = replica`` (the generator writes consistent ids).
``Claim.search_vector`` is filled either by the claims trigger firing during COPY (``trigger``)
or by one UPDATE after the load with the trigger off (``update``); ``compare_search_vector``
measures both. ``Claim.sources_vector`` (the claim's sentences, kept by mention triggers that
replica mode skips) is filled by one UPDATE after the COPY, and the table compacted again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import psycopg
from django.conf import settings
from psycopg import sql

from redline.bench import generator as gen

BIG_TABLES = ("claims_claim", "claims_mention", "claims_claimrelation", "sources_article")
APP_TABLES = (
    "claims_articlelead",
    "claims_claimrelation",
    "claims_mention",
    "claims_claim",
    "claims_actoralias",
    "claims_actor",
    "sources_article",
    "sources_feed",
    "sources_outlet",
)
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english', coalesce(text, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(red_line_about, '')), 'B')"
)
# The same fill as migration claims/0007 (the sentences of non-rejected mentions).
SOURCES_VECTOR_FILL = """
UPDATE claims_claim c
   SET sources_vector = s.vector
  FROM (SELECT claim_id, to_tsvector('english', string_agg(sentence, ' ' ORDER BY id)) AS vector
          FROM claims_mention
         WHERE status <> 'rejected'
         GROUP BY claim_id) s
 WHERE c.id = s.claim_id
"""
STRATEGIES = ("trigger", "update")
TRIGGER = "claims_claim_search_vector_update"


@dataclass
class LoadReport:
    """What was loaded and how long each phase took (seconds)."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add_time(self, phase: str, seconds: float) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def conninfo(dbname: str | None = None) -> str:
    """A libpq connection string for the Django default database (or ``dbname`` on its server)."""
    db = settings.DATABASES["default"]
    parts = {
        "dbname": dbname or db["NAME"],
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def ensure_database() -> bool:
    """Create the configured database when it does not exist; True when it was created."""
    name = str(settings.DATABASES["default"]["NAME"])
    with psycopg.connect(conninfo("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def require_bench_database() -> str:
    """The configured database's name; refuses any database whose name lacks "bench"."""
    name = str(settings.DATABASES["default"]["NAME"])
    if "bench" not in name:
        raise RuntimeError(
            f"Refusing to load into {name!r}: the benchmark wipes its database; "
            "point DATABASE_URL at a database whose name contains 'bench'."
        )
    return name


def _timed(report: LoadReport, phase: str, work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = work()
    report.add_time(phase, time.perf_counter() - started)
    return result


def copy_rows(
    conn: psycopg.Connection, table: str, columns: Sequence[str], rows: Sequence[gen.Row]
) -> None:
    """COPY ``rows`` into ``table``."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with conn.cursor() as cur, cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _plain_indexes(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """(name, definition) of indexes on the big tables that no constraint owns."""
    rows = conn.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
        (list(BIG_TABLES),),
    ).fetchall()
    return [(name, definition) for name, definition in rows]


def load(claims: int, *, seed: int = 7, strategy: str = "trigger") -> LoadReport:
    """Wipe the benchmark database's app tables and COPY ``claims`` claims and all around them."""
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {STRATEGIES}")
    require_bench_database()
    report = LoadReport()
    data = gen.DataGenerator(claims, seed=seed)
    with psycopg.connect(conninfo(), autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        tables = sql.SQL(", ").join(map(sql.Identifier, APP_TABLES))
        _timed(
            report,
            "truncate",
            lambda: conn.execute(
                sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(tables)  # type: ignore[arg-type]
            ),
        )
        indexes = _plain_indexes(conn)
        for name, _ in indexes:
            conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        conn.execute("SET session_replication_role = replica")
        if strategy == "trigger":
            # Replica mode skips foreign-key triggers; ALWAYS keeps the search-vector one firing.
            conn.execute(f"ALTER TABLE claims_claim ENABLE ALWAYS TRIGGER {TRIGGER}")
        outlets = _timed(report, "generate", data.outlet_rows)
        actors, aliases = _timed(report, "generate", data.actor_rows)
        with conn.transaction():
            copy_rows(conn, "sources_outlet", gen.OUTLET_COLUMNS, outlets)
            copy_rows(conn, "claims_actor", gen.ACTOR_COLUMNS, actors)
            copy_rows(conn, "claims_actoralias", gen.ALIAS_COLUMNS, aliases)
        counts = {"outlets": len(outlets), "actors": len(actors), "aliases": len(aliases)}
        windows = iter(data.windows())
        while True:
            window = _timed(report, "generate", lambda: next(windows, None))
            if window is None:
                break
            _timed(report, "copy", partial(_copy_window, conn, window, strategy))
            for key in ("claims", "articles", "mentions", "relations"):
                counts[key] = counts.get(key, 0) + len(getattr(window, key))
        if strategy == "update":
            _timed(
                report,
                "search_vector update",
                lambda: conn.execute(
                    f"UPDATE claims_claim SET search_vector = {SEARCH_VECTOR_SQL}"  # type: ignore[arg-type]
                ),
            )
        # Replica mode still on and the search-vector trigger back to ordinary: neither trigger
        # fires on the fill; VACUUM FULL drops the row versions the fill left behind.
        conn.execute(f"ALTER TABLE claims_claim ENABLE TRIGGER {TRIGGER}")
        conn.execute("SET work_mem = '256MB'")
        _timed(report, "sources_vector", partial(conn.execute, SOURCES_VECTOR_FILL))
        _timed(report, "sources_vector", partial(conn.execute, "VACUUM FULL claims_claim"))
        conn.execute("RESET work_mem")
        conn.execute("SET session_replication_role = origin")
        for _, definition in indexes:
            _timed(report, "indexes", partial(conn.execute, definition))
        _timed(report, "sequences", lambda: _reset_sequences(conn))
        _timed(report, "vacuum analyze", lambda: conn.execute("VACUUM ANALYZE"))
    report.rows = counts
    return report


def _copy_window(conn: psycopg.Connection, window: gen.Window, strategy: str) -> None:
    with conn.transaction():
        copy_rows(conn, "sources_article", gen.ARTICLE_COLUMNS, window.articles)
        copy_rows(conn, "claims_claim", gen.CLAIM_COLUMNS, window.claims)
        copy_rows(conn, "claims_mention", gen.MENTION_COLUMNS, window.mentions)
        copy_rows(conn, "claims_claimrelation", gen.RELATION_COLUMNS, window.relations)


def _reset_sequences(conn: psycopg.Connection) -> None:
    for table in APP_TABLES:
        conn.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({t}, 'id'), "
                "coalesce((SELECT max(id) FROM {i}), 0) + 1, false)"
            ).format(t=sql.Literal(table), i=sql.Identifier(table))
        )


def compare_search_vector(rows: int, seed: int = 11) -> dict[str, float]:
    """Seconds to fill search_vector for ``rows`` generated claims: the trigger during COPY
    against COPY without it plus one UPDATE (temporary tables; the real ones are untouched)."""
    data = gen.DataGenerator(rows, seed=seed)
    data.outlet_rows()
    data.actor_rows()
    claim_rows = [row for window in data.windows() for row in window.claims]
    results: dict[str, float] = {}
    with psycopg.connect(conninfo(), autocommit=True) as conn:
        for strategy in STRATEGIES:
            table = f"bench_sv_{strategy}"
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(table)))
            conn.execute(
                sql.SQL(
                    "CREATE TEMP TABLE {} (LIKE claims_claim INCLUDING DEFAULTS) "
                    "WITH (autovacuum_enabled = false)"
                ).format(sql.Identifier(table))
            )
            if strategy == "trigger":
                conn.execute(
                    sql.SQL(
                        "CREATE TRIGGER sv BEFORE INSERT OR UPDATE ON {} FOR EACH ROW "
                        "EXECUTE FUNCTION claims_claim_search_vector()"
                    ).format(sql.Identifier(table))
                )
            started = time.perf_counter()
            with conn.transaction():
                copy_rows(conn, table, gen.CLAIM_COLUMNS, claim_rows)
                if strategy == "update":
                    conn.execute(
                        sql.SQL(f"UPDATE {{}} SET search_vector = {SEARCH_VECTOR_SQL}").format(
                            sql.Identifier(table)
                        )
                    )
            results[strategy] = time.perf_counter() - started
            conn.execute(sql.SQL("DROP TABLE {}").format(sql.Identifier(table)))
    return results
