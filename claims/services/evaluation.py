"""Evaluation against a gold annotation: a throwaway database, ingest, extract, score.

``fresh_database`` creates ``redline_eval_<random>`` on the configured server (DATABASE_URL or
the embedded one), points Django's default connection at it, migrates, and drops it afterwards.
``evaluate_corpus`` ingests and extracts a corpus in the current database and scores the
exported records with ``claims.evaluation.scoring``.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from django.core.management import call_command
from django.db import connections
from psycopg import sql

from claims.evaluation.scoring import Scores, score, scores_as_dict
from claims.records import claim_record, exportable_claims
from claims.services.processing import process_articles
from sources.models import Article
from sources.services.ingest import ingest_inputs


@dataclass
class EvaluationRun:
    """Scores of one run, with what was ingested and how long each step took."""

    scores: Scores
    ingested: int
    failed: int
    claims: int
    seconds: dict[str, float]
    records: list[dict[str, Any]] = field(default_factory=list)


def _server_params(alias: str) -> dict[str, Any]:
    params = connections[alias].get_connection_params()
    keep = ("host", "port", "user", "password", "sslmode")
    return {key: params[key] for key in keep if params.get(key) not in (None, "")}


@contextmanager
def fresh_database(alias: str = "default") -> Iterator[str]:
    """Run the block against a new, migrated database on the same server; drop it afterwards."""
    connection = connections[alias]
    params = _server_params(alias)
    name = f"redline_eval_{secrets.token_hex(4)}"
    original = connection.settings_dict["NAME"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        connection.close()
        connection.settings_dict["NAME"] = name
        call_command("migrate", database=alias, verbosity=0, interactive=False)
        yield name
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            admin.execute(drop.format(sql.Identifier(name)))


def evaluate_corpus(gold: Mapping[str, Any], corpus: Path) -> EvaluationRun:
    """Ingest and extract ``corpus`` in the current database, then score its claim records."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    report = ingest_inputs([str(corpus)], enqueue=False)
    seconds["ingest"] = time.perf_counter() - started

    started = time.perf_counter()
    ids = list(Article.objects.order_by("published", "id").values_list("pk", flat=True))
    processed = process_articles(ids)
    seconds["extract"] = time.perf_counter() - started

    started = time.perf_counter()
    records = [claim_record(claim) for claim in exportable_claims()]
    scores = score(gold, records)
    seconds["score"] = time.perf_counter() - started
    return EvaluationRun(
        scores=scores,
        ingested=report.ingested,
        failed=report.count("failed") + len(processed.failed),
        claims=len(records),
        seconds=seconds,
        records=records,
    )


def run_as_dict(run: EvaluationRun) -> dict[str, Any]:
    """The run as plain JSON: the figures, the article counts and the time of each step."""
    result = scores_as_dict(run.scores)
    result["articles"] = {"ingested": run.ingested, "failed": run.failed, "claims": run.claims}
    result["seconds"] = {step: round(value, 2) for step, value in run.seconds.items()}
    return result
