"""Helpers of the robustness tests: written news texts, articles, workers, brokers, snapshots."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from claims.models import Actor, Claim, ClaimRelation, Mention
from redline.celery import app as celery_app
from sources.models import Article

PROJECT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("REDLINE_TEST_BROKER", "redis://127.0.0.1:6379/8")

# Invented people and places: the texts are ours, nothing is copied from outlets or the corpus.
SPEAKERS = [
    ("Minister Alda Verin", "Norland"),
    ("General Tomas Brekk", "Ostmark"),
    ("Senator Ilse Marrow", "Vellan"),
    ("Governor Piet Halloran", "Sundby"),
    ("Ambassador Rena Quist", "Karsia"),
]
THREATS = [
    "any troops crossing the Elder river will be treated as an act of war",
    "we will not accept a single new checkpoint on the coast road",
    "the grain corridor must stay open or the talks are over",
    "sanctions on our ports would be answered at once",
    "the dam inspections will go ahead whatever the council decides",
]
FILLER = [
    "Traffic on the ring road was slow for most of the afternoon.",
    "The market square hosted its weekly fair, with stalls selling cheese and bread.",
    "Local schools reopened after the spring holiday with new timetables.",
    "Rainfall in the valley was above the seasonal average.",
]


def news_text(seed: int, paragraphs: int = 6) -> str:
    """A news article of our own writing: quoted and reported statements among filler."""
    rng = random.Random(seed)
    lines = [f"Tensions rise over the border talks, report {seed}", ""]
    for index in range(paragraphs):
        name, country = rng.choice(SPEAKERS)
        threat = rng.choice(THREATS)
        if index % 2 == 0:
            lines.append(f'"{threat.capitalize()}," {name} of {country} said on Monday.')
        else:
            lines.append(f"{name} warned on Tuesday that {threat}.")
        lines.append(" ".join(rng.sample(FILLER, 2)))
        lines.append("")
    return "\n".join(lines)


def make_article(text: str, *, title: str = "", published: date | None = None) -> Article:
    """Store one article as ingestion would (raw input kept), pending extraction."""
    return Article.objects.create(
        title=title or text.splitlines()[0][:200],
        text=text,
        raw=text,
        raw_format="txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published=published or date(2026, 3, 4),
    )


def derived_snapshot() -> dict[str, Any]:
    """What the pipeline derived, independent of row ids: mentions, claims, actors, relations."""
    mentions = sorted(
        (m.article.content_hash, m.start, m.end, m.claim.text, m.claim.speaker.name)
        for m in Mention.objects.select_related("article", "claim__speaker")
        if m.claim.speaker is not None
    )
    claims = sorted(
        (c.speaker.name if c.speaker else "", c.text, c.red_line, c.kind)
        for c in Claim.objects.select_related("speaker")
    )
    relations = sorted(
        (r.source.text, r.target.text, r.type)
        for r in ClaimRelation.objects.select_related("source", "target")
    )
    return {
        "mentions": mentions,
        "claims": claims,
        "actors": sorted(Actor.objects.values_list("normalized_name", flat=True)),
        "relations": relations,
    }


def duplicate_spans() -> list[tuple[int, int, int]]:
    """(article, start, end) spans stored more than once: what a double extraction would leave."""
    seen: dict[tuple[int, int, int], int] = {}
    for key in Mention.objects.values_list("article_id", "start", "end"):
        seen[key] = seen.get(key, 0) + 1
    return [key for key, count in seen.items() if count > 1]


def test_database_url() -> str:
    """The pytest test database as a URL, for processes the test starts."""
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment of a worker or web process on the test database."""
    env = {**os.environ, "DATABASE_URL": test_database_url()}
    for key in ("CELERY_BROKER_URL", "REDIS_URL", "CELERY_RESULT_BACKEND"):
        env.pop(key, None)
    env.update(extra)
    return env


def start_worker(broker: str, log: Path, **extra: str) -> subprocess.Popen[bytes]:
    """A real solo Celery worker on the test database and the given broker."""
    handle = log.open("ab")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "redline",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=PROJECT,
        env=subprocess_env(CELERY_BROKER_URL=broker, PYTHONUNBUFFERED="1", **extra),
        stdout=handle,
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen[Any], *, kill: bool = False) -> None:
    """End a process this test started: SIGKILL when asked, else SIGTERM then SIGKILL."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def send_task(name: str, args: list[Any], broker: str) -> None:
    """Publish one task message on an explicit connection to ``broker``.

    The app's cached producer pool may still point at another broker after eager tests in this
    process, so the message goes through a connection made here.
    """
    with celery_app.connection_for_write(broker) as connection:
        celery_app.send_task(name, args=args, connection=connection)  # type: ignore[call-arg]


def purge(broker: str) -> None:
    """Drop messages left in the default queue by an earlier run."""
    with celery_app.connection_for_write(broker) as connection:
        connection.default_channel.queue_purge("celery")  # type: ignore[attr-defined]


def wait_for(condition: Callable[[], bool], *, timeout: float, every: float = 0.3) -> bool:
    """Poll until ``condition`` holds or ``timeout`` seconds pass; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(port: int) -> subprocess.Popen[bytes]:
    """A throwaway redis-server of this test's own (no persistence) on ``port``."""
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no",
         "--daemonize", "no", "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def answers() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    if not wait_for(answers, timeout=15, every=0.1):
        stop(process, kill=True)
        raise RuntimeError(f"redis-server did not start on port {port}")
    return process


def statuses(ids: list[int]) -> dict[str, int]:
    """How many of the articles are in each status."""
    counts: dict[str, int] = {}
    for status in Article.objects.filter(pk__in=ids).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts
