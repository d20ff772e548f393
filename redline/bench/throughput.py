"""Extraction, pipeline, ingestion and worker-memory figures, on a scratch "work" database.

The work database (the benchmark database's name + ``_work``) is wiped between runs so that each
pipeline run starts from the same empty state; the loaded benchmark database is not touched.
Worker processes are ``python -m redline.bench.worker_run`` processes calling
``process_articles`` (the function the Celery task calls), not Celery workers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from psycopg import sql

from redline.bench import generator as gen
from redline.bench import loader


@dataclass
class NewsArticle:
    title: str
    text: str
    published: Any

    @property
    def words(self) -> int:
        return len(self.text.split())


def news_articles(count: int, seed: int = 5) -> list[NewsArticle]:
    """``count`` generated news articles (about six reported statements each)."""
    data = gen.DataGenerator(max(100, count * 2), seed=seed)
    data.outlet_rows()
    data.actor_rows()
    found: list[NewsArticle] = []
    title_at = gen.ARTICLE_COLUMNS.index("title")
    text_at = gen.ARTICLE_COLUMNS.index("text")
    published_at = gen.ARTICLE_COLUMNS.index("published")
    for window in data.windows():
        for row in window.articles:
            found.append(NewsArticle(row[title_at], row[text_at], row[published_at]))
            if len(found) == count:
                return found
    return found


def work_database_url() -> str:
    """DATABASE_URL of the scratch database beside the benchmark database."""
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}_work"


def _env(database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    # Worker processes run tasks in-process; no broker is needed or used.
    for key in ("CELERY_BROKER_URL", "REDIS_URL"):
        env.pop(key, None)
    return env


def prepare_work_database() -> str:
    """Create and migrate the work database; returns its name."""
    url = work_database_url()
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(loader.conninfo("postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        env=_env(url),
        check=True,
        cwd=settings.BASE_DIR,
    )
    return name


def wipe(name: str) -> None:
    """Empty the work database's app and history tables."""
    with psycopg.connect(loader.conninfo(name), autocommit=True) as conn:
        history = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename LIKE 'claims_historical%%'"
            ).fetchall()
        ]
        tables = sql.SQL(", ").join(map(sql.Identifier, [*loader.APP_TABLES, *history]))
        conn.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(tables))


def insert_pending(name: str, articles: list[NewsArticle], tag: str) -> list[int]:
    """Store ``articles`` as pending articles in the work database; returns their ids."""
    now = datetime.now(UTC)
    with psycopg.connect(loader.conninfo(name)) as conn:
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sources_article").fetchone()
        start = int(first[0]) if first else 1
        rows = []
        for offset, article in enumerate(articles):
            pk = start + offset
            rows.append(
                {
                    "id": pk,
                    "url": None,
                    "source_file": None,
                    "content_hash": f"{tag}-{pk}",
                    "fingerprint": None,
                    "title": article.title,
                    "author": "",
                    "published": article.published,
                    "text": article.text,
                    "raw": "",
                    "raw_format": "txt",
                    "language": "en",
                    "boilerplate": "[]",
                    "status": "pending",
                    "error": "",
                    "attempts": 0,
                    "created_at": now,
                    "updated_at": now,
                    "processed_at": None,
                    "copy_of_id": None,
                    "feed_id": None,
                    "outlet_id": None,
                }
            )
        loader.copy_rows(
            conn,
            "sources_article",
            gen.ARTICLE_COLUMNS,
            [tuple(row[c] for c in gen.ARTICLE_COLUMNS) for row in rows],
        )
        conn.execute(
            "SELECT setval(pg_get_serial_sequence('sources_article', 'id'), %s)",
            (start + len(articles),),
        )
    return [start + n for n in range(len(articles))]


def run_workers(name: str, id_groups: list[list[int]], rss_every: int = 0) -> list[dict[str, Any]]:
    """Run one worker process per id group at the same time; their JSON reports."""
    url = f"{work_database_url().rsplit('/', 1)[0]}/{name}"
    processes = []
    with tempfile.TemporaryDirectory(prefix="redline-bench-ids-") as folder:
        for number, ids in enumerate(id_groups):
            ids_file = Path(folder, f"ids-{number}.txt")
            ids_file.write_text("\n".join(map(str, ids)))
            command = [sys.executable, "-m", "redline.bench.worker_run", str(ids_file)]
            if rss_every:
                command += ["--rss-every", str(rss_every)]
            # Each worker in a session of its own, as separate containers or machines would be:
            # Linux's autogroup scheduling shares the CPU between sessions first, so workers
            # started from one session would split one session's share on a busy machine.
            processes.append(
                subprocess.Popen(
                    command,
                    env=_env(url),
                    stdout=subprocess.PIPE,
                    cwd=settings.BASE_DIR,
                    start_new_session=True,
                )
            )
        reports = []
        for process in processes:
            out, _ = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"worker exited with {process.returncode}")
            reports.append(json.loads(out.decode().strip().splitlines()[-1]))
    return reports


@dataclass
class PipelineRun:
    """One pipeline run: words/s over the whole window, failures, the cores the worker
    processes and their database backends kept busy on average over that window, and the share
    of the workers' time spent waiting for each kind of storing lock."""

    words_per_second: float
    failed: int
    worker_cores: float
    database_cores: float
    lock_wait: dict[str, float]


def pipeline_words_per_second(name: str, articles: list[NewsArticle], workers: int) -> PipelineRun:
    """Extraction with database writes over ``articles`` split across ``workers`` processes, from
    an empty work database."""
    wipe(name)
    ids = insert_pending(name, articles, f"w{workers}")
    groups = [ids[n::workers] for n in range(workers)]
    reports = run_workers(name, groups)
    window = max(r["end"] for r in reports) - min(r["start"] for r in reports)
    words = sum(a.words for a in articles)
    if not window:
        return PipelineRun(0.0, sum(r["failed"] for r in reports), 0.0, 0.0, {})
    waited: dict[str, float] = {}
    for report in reports:
        for kind, seconds in report.get("lock_wait", {}).items():
            waited[kind] = waited.get(kind, 0.0) + seconds / (window * len(reports))
    return PipelineRun(
        words / window,
        sum(r["failed"] for r in reports),
        sum(r.get("cpu", 0.0) for r in reports) / window,
        sum(r.get("db_cpu", 0.0) for r in reports) / window,
        waited,
    )


def worker_memory(name: str, count: int, seed: int = 9) -> dict[str, Any]:
    """One worker's RSS while it processes ``count`` fresh articles (sampled ten times)."""
    wipe(name)
    articles = news_articles(count, seed=seed)
    ids = insert_pending(name, articles, "mem")
    every = max(16, count // 10)
    (report,) = run_workers(name, [ids], rss_every=every)
    return {"count": count, "rss": [tuple(point) for point in report["rss"]], **report}


INGEST_LINE = re.compile(r"(\d+) articles in ([\d.]+)s: ([\d.]+) articles/second")


def ingestion(name: str, count: int) -> dict[str, float]:
    """Articles/s of ``bench_ingest`` (cleaning, de-duplication, storing) on ``count`` pages."""
    wipe(name)
    url = f"{work_database_url().rsplit('/', 1)[0]}/{name}"
    out = subprocess.run(
        [sys.executable, "manage.py", "bench_ingest", "--count", str(count)],
        env=_env(url),
        check=True,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    ).stdout
    match = INGEST_LINE.search(out)
    if not match:
        raise RuntimeError(f"bench_ingest printed no figures: {out!r}")
    return {
        "articles": float(match.group(1)),
        "seconds": float(match.group(2)),
        "rate": float(match.group(3)),
    }
