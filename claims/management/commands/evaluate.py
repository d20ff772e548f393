"""``manage.py evaluate GOLD.json --corpus DIR [--json] [--speakers] [--pairs]``: score the system
on a fresh database; ``--speakers`` also lists wrong speakers, pure extraction against the full
loop; ``--pairs`` the same-claim and contradiction pairs missed or made up, with their reasons."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.evaluation.corpus import claim_records, extract_corpus, read_corpus
from claims.evaluation.pairs import format_pair_errors, pair_errors
from claims.evaluation.scoring import format_table, score
from claims.evaluation.speakers import format_speaker_errors, speaker_errors
from claims.services.evaluation import evaluate_corpus, fresh_database, run_as_dict


class Command(BaseCommand):
    help = (
        "Ingest a corpus into a throwaway database, extract, and score the claim records "
        "against a gold annotation (statements, speakers, dates, red lines, same claim, "
        "contradictions)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", type=Path, help="gold annotation (redline-gold/1 JSON)")
        parser.add_argument("--corpus", type=Path, required=True, help="folder of articles")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--speakers",
            action="store_true",
            help="list matched statements with a wrong speaker, pure extraction vs full loop",
        )
        parser.add_argument(
            "--pairs",
            action="store_true",
            help="list missed and wrong same-claim pairs and missed contradictions, with reasons",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        gold_path: Path = options["gold"]
        corpus: Path = options["corpus"]
        if not gold_path.is_file():
            raise CommandError(f"gold file not found: {gold_path}")
        if not corpus.is_dir():
            raise CommandError(f"corpus folder not found: {corpus}")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"gold file is not JSON: {exc}") from exc
        started = time.perf_counter()
        with fresh_database():
            run = evaluate_corpus(gold, corpus)
        total = time.perf_counter() - started
        if options["json"]:
            figures = run_as_dict(run)
            figures["seconds"]["total"] = round(total, 2)
            self.stdout.write(json.dumps(figures, indent=2))
            return
        self.stdout.write(format_table(run.scores))
        self.stdout.write(
            f"{run.ingested} articles ingested, {run.failed} failed, {run.claims} claims; "
            f"{total:.1f} s (ingest {run.seconds['ingest']:.1f}, "
            f"extract {run.seconds['extract']:.1f}, score {run.seconds['score']:.1f})"
        )
        if options["speakers"]:
            articles = read_corpus(corpus)
            pure = score(gold, claim_records(list(extract_corpus(articles))))
            texts = {a.file: a.text for a in articles}
            self.stdout.write(format_speaker_errors(speaker_errors(pure, run.scores, texts)))
        if options["pairs"]:
            self.stdout.write(format_pair_errors(pair_errors(gold, run.records)))
