"""One worker process for the benchmarks: ``python -m redline.bench.worker_run IDS_FILE``.

Sets Django up, loads spaCy, then calls ``process_articles`` on the ids in the file in task-sized
chunks, as a Celery worker's ``claims.extract_articles`` task would. Prints one JSON line: the
processing window (wall-clock start and end, after spaCy and the embedding model are loaded), the
articles done and failed, the CPU seconds the process and its PostgreSQL backend used in the
window (the backend's when the server runs on this machine, else 0), and the resident memory
after each ``--rss-every`` articles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Process the articles listed in IDS_FILE (one id a line) and print the JSON report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("ids_file", type=Path)
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--rss-every", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redline.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from claims.extraction.nlp import get_nlp
    from claims.services import locks
    from claims.services.embeddings import embed
    from claims.services.processing import process_articles
    from redline.bench.machine import cpu_seconds, rss_mb

    ids = [int(line) for line in args.ids_file.read_text().split()]
    list(get_nlp(settings.REDLINE_SPACY_MODEL).pipe(["Warm-up sentence, the minister said."]))
    embed(["Warm-up sentence, the minister said."])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = int(cursor.fetchone()[0])
    rss: list[tuple[int, float]] = [(0, rss_mb())]
    done = failed = 0
    cpu, db_cpu = cpu_seconds() or 0.0, cpu_seconds(backend)
    started = time.time()
    for offset in range(0, len(ids), args.chunk):
        report = process_articles(ids[offset : offset + args.chunk])
        done += len(report.done)
        failed += len(report.failed)
        processed = min(len(ids), offset + args.chunk)
        if args.rss_every and processed // args.rss_every > (processed - args.chunk) // max(
            1, args.rss_every
        ):
            rss.append((processed, rss_mb()))
    ended = time.time()
    result = {
        "start": started,
        "end": ended,
        "done": done,
        "failed": failed,
        "cpu": (cpu_seconds() or 0.0) - cpu,
        "db_cpu": (cpu_seconds(backend) or 0.0) - db_cpu if db_cpu is not None else 0.0,
        "lock_wait": dict(locks.waited),
        "rss": rss,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
