"""manage.py bench_ingest --count N: ingestion throughput on generated HTML (no extraction)."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from sources.models import Article
from sources.services.ingest import ingest_inputs

_WORDS = tuple(
    [
        "minister",
        "council",
        "border",
        "talks",
        "treaty",
        "agency",
        "report",
        "forces",
        "capital",
        "spokesman",
        "harbour",
        "northern",
        "southern",
        "grain",
        "drone",
        "pipeline",
        "summit",
        "deadline",
        "sanctions",
        "vote",
        "parliament",
        "court",
        "embassy",
        "observers",
        "ceasefire",
        "envoy",
        "statement",
        "province",
        "coalition",
    ]
)
_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Bench Gazette"><meta name="author" content="{author}">
<meta property="article:published_time" content="2024-{month:02d}-{day:02d}"></head>
<body><nav>Home | World | Contact</nav><article><h1>{title}</h1>{paragraphs}</article>
<footer>Share this post. Follow us.</footer></body></html>"""


class Command(BaseCommand):
    help = "Generate HTML articles in a temporary folder and print ingestion throughput."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--keep", action="store_true", help="keep the articles stored")

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        run = f"{time.time_ns():x}"
        with tempfile.TemporaryDirectory(prefix="redline-bench-") as folder:
            for number in range(options["count"]):
                Path(folder, f"bench-{number:05d}.html").write_text(
                    _page(rng, f"{run}-{number}"), encoding="utf-8"
                )
            started = time.perf_counter()
            # Extraction is not measured: the hand-off is turned off for the run.
            report = ingest_inputs([folder], enqueue=False)
            elapsed = time.perf_counter() - started
        rate = report.ingested / elapsed if elapsed else 0.0
        self.stdout.write(report.summary())
        self.stdout.write(
            f"{report.ingested} articles in {elapsed:.2f}s: {rate:.1f} articles/second"
        )
        if not options["keep"]:
            with transaction.atomic():
                Article.objects.filter(pk__in=report.article_ids).delete()


def _page(rng: random.Random, marker: str) -> str:
    def sentence() -> str:
        words = rng.sample(_WORDS, 12)
        return " ".join(words).capitalize() + "."

    paragraphs = "".join(
        f"<p>{' '.join(sentence() for _ in range(4))}</p>" for _ in range(rng.randint(4, 9))
    )
    title = f"{' '.join(rng.sample(_WORDS, 6)).capitalize()} {marker}"
    return _PAGE.format(
        title=title,
        author=f"Reporter {rng.randint(1, 50)}",
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        paragraphs=paragraphs + f"<p>Reference {marker} was filed by the desk today.</p>",
    )
