"""manage.py bench: load N synthetic claims, then measure web/API latency under load, ingestion,
extraction and pipeline throughput and worker memory; print one table.

DATABASE_URL must name a benchmark database (its name contains "bench"); it is wiped and loaded.
A scratch database beside it (name + "_work") holds the ingestion and pipeline runs.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import Claim
from redline.bench import loader, loadtest, machine, throughput, web
from redline.bench.report import Table
from redline.management.commands.generate_data import prepare_database

SECTIONS = ("load", "web", "ingest", "extract", "memory")


class Command(BaseCommand):
    help = __doc__ or ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, default=10_000)
        parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
        parser.add_argument(
            "--reuse", action="store_true", help="keep loaded data if its size fits"
        )
        parser.add_argument("--search-vector", choices=loader.STRATEGIES, default="trigger")
        parser.add_argument("--sv-sample", type=int, default=50_000, help="rows for the SV test")
        parser.add_argument("--seconds", type=float, default=10.0, help="per web scenario")
        parser.add_argument("--requests", type=int, default=1000, help="per web scenario at most")
        parser.add_argument("--concurrency", type=int, default=4)
        parser.add_argument("--ingest-count", type=int, default=10_000)
        parser.add_argument("--extract-articles", type=int, default=120)
        parser.add_argument("--memory-articles", type=int, default=1000)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--json", type=Path, help="write the figures here")
        parser.add_argument("--compare", type=Path, help="an earlier --json: 'before' column")

    def handle(self, *args: Any, **options: Any) -> None:
        sections = {s.strip() for s in options["only"].split(",") if s.strip()}
        if unknown := sections - set(SECTIONS):
            raise CommandError(f"unknown sections: {', '.join(sorted(unknown))}")
        try:
            name = loader.require_bench_database()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        prepare_database()
        table = Table(f"redline bench: {options['claims']:,} claims (database {name})")
        table.head = [
            machine.describe(),
            f"PostgreSQL on {settings.DATABASES['default'].get('HOST') or 'socket'}, "
            f"started {time.strftime('%Y-%m-%d %H:%M')}, {machine.load_average()}",
        ]
        self._log = self.stderr.write
        if "load" in sections:
            self.load(table, options)
        if "web" in sections:
            self.web(table, options)
        work = ""
        if sections & {"ingest", "extract", "memory"}:
            self._log("preparing the work database")
            work = throughput.prepare_work_database()
        if "ingest" in sections:
            self.ingest(table, work, options)
        if "extract" in sections:
            self.extract(table, work, options)
        if "memory" in sections:
            self.memory(table, work, options)
        table.head.append(f"ended {time.strftime('%Y-%m-%d %H:%M')}, {machine.load_average()}")
        if options["compare"]:
            table.attach_before(options["compare"])
        if options["json"]:
            table.save(options["json"])
        self.stdout.write(table.render())

    # -- sections -----------------------------------------------------------------------------

    def load(self, table: Table, options: dict[str, Any]) -> None:
        claims = options["claims"]
        if options["reuse"] and Claim.objects.count() == claims:
            self._log(f"reusing the {claims} loaded claims")
        else:
            self._log(f"loading {claims} claims with COPY")
            report = loader.load(claims, strategy=options["search_vector"])
            for key, rows in report.rows.items():
                table.add("data", f"{key} loaded", rows, "rows")
            table.add(
                "data",
                f"load total (search_vector: {options['search_vector']})",
                report.total_seconds,
                "s",
            )
            for phase, seconds in report.seconds.items():
                table.add("data", f"  {phase}", seconds, "s")
        sample = min(options["sv_sample"], max(claims, 1000))
        self._log(f"search_vector strategies on {sample} claims")
        for strategy, seconds in loader.compare_search_vector(sample).items():
            label = "trigger during COPY" if strategy == "trigger" else "COPY then one UPDATE"
            table.add("data", f"search_vector, {sample:,} claims: {label}", seconds, "s")

    def web(self, table: Table, options: dict[str, Any]) -> None:
        data = web.sample()
        env = {
            "REDLINE_PUBLIC_READ": "true",
            "REDLINE_API_THROTTLE_READ": "1000000/min",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
        }
        port = options["port"]
        with loadtest.Gunicorn(port, env) as server:
            for scenario in web.scenarios(data):
                status = loadtest.check_status(port, scenario, random.Random(0))
                if status != 200:
                    raise CommandError(f"{scenario.name}: HTTP {status}")
                self._log(f"load: {scenario.name}")
                result = loadtest.run_scenario(
                    port,
                    scenario,
                    concurrency=options["concurrency"],
                    seconds=options["seconds"],
                    max_requests=options["requests"],
                )
                section = f"web c={options['concurrency']}"
                target = _latency_target(scenario.name)
                table.add(section, f"{scenario.name} p50", result.percentile(50), "ms")
                table.add(section, f"{scenario.name} p95", result.percentile(95), "ms", target)
                table.add(section, f"{scenario.name} p99", result.percentile(99), "ms")
                table.add(section, f"{scenario.name} throughput", result.rps, "req/s")
                if result.errors:
                    table.add(section, f"{scenario.name} errors", result.errors, "requests")
            for process, rss in server.rss_mb().items():
                table.add("memory", f"gunicorn {process} RSS after load", rss, "MB")

    def ingest(self, table: Table, work: str, options: dict[str, Any]) -> None:
        count = options["ingest_count"]
        self._log(f"ingesting {count} generated HTML pages")
        result = throughput.ingestion(work, count)
        table.add(
            "ingest",
            f"{int(result['articles']):,} HTML pages (no extraction)",
            result["rate"],
            "articles/s",
        )

    def extract(self, table: Table, work: str, options: dict[str, Any]) -> None:
        from claims.evaluation.bench import measure
        from claims.extraction.nlp import get_nlp

        articles = throughput.news_articles(options["extract_articles"])
        words = sum(a.words for a in articles)
        section = f"extract {len(articles)} art/{words:,} words"
        self._log("extraction: plain nlp.pipe and full pure extraction")
        seconds = measure([a.text for a in articles], get_nlp(), batch_size=16, repeat=1)
        plain = words / seconds["plain nlp.pipe (all components)"]
        full = words / seconds["full pure extraction"]
        table.add(section, "plain nlp.pipe (all components)", plain, "words/s")
        table.add(section, "full pure extraction", full, "words/s")
        table.add(section, "full / plain", full / plain, "x", ">= 0.7")
        runs = {}
        for workers in (1, 2):
            self._log(f"pipeline with database writes: {workers} worker process(es)")
            runs[workers] = throughput.pipeline_words_per_second(work, articles, workers)
        one, two = runs[1].words_per_second, runs[2].words_per_second
        table.add(section, "pipeline + DB, 1 worker process", one, "words/s")
        table.add(section, "pipeline + DB, 2 worker processes", two, "words/s")
        table.add(section, "2 workers / 1 worker", two / one if one else 0.0, "x", ">= 1.7")
        table.add(section, "pipeline / plain (1 worker)", one / plain, "x", ">= 0.7")
        for workers, run in runs.items():
            # Cores in use on average over the run: what the machine could give them, and why
            # two workers on two shared cores fall short of twice one.
            table.add(section, f"{workers} worker(s): worker CPU", run.worker_cores, "cores")
            table.add(section, f"{workers} worker(s): database CPU", run.database_cores, "cores")
            for kind, share in sorted(run.lock_wait.items()):
                name = f"{workers} worker(s): time waiting for {kind} locks"
                table.add(section, name, 100 * share, "%")
        failed = sum(run.failed for run in runs.values())
        if failed:
            table.add(section, "articles failed", failed, "articles")

    def memory(self, table: Table, work: str, options: dict[str, Any]) -> None:
        count = options["memory_articles"]
        self._log(f"worker memory over {count} articles")
        report = throughput.worker_memory(work, count)
        points = report["rss"]
        section = f"memory, 1 worker, {count:,} art"
        table.add(section, "worker RSS after model load", points[0][1], "MB")
        for processed, rss in points[1:-1]:
            table.add(section, f"  RSS after {processed:,} articles", rss, "MB")
        early = points[1] if len(points) > 1 else points[0]
        last = points[-1]
        table.add(section, f"worker RSS after {early[0]:,} articles", early[1], "MB")
        table.add(section, f"worker RSS after {last[0]:,} articles", last[1], "MB", "<= 600")
        table.add(
            section, f"growth, {early[0]:,} to {last[0]:,} articles", last[1] - early[1], "MB", "~0"
        )
        elapsed = report["end"] - report["start"]
        table.add(section, "articles/s", report["done"] / elapsed if elapsed else 0.0, "art/s")


def _latency_target(name: str) -> str:
    if "search" in name:
        return "<= 150 at 1M"
    if name.startswith("API"):
        return "<= 50 at 1M"
    return ""
