"""``manage.py evaluate`` on the seed corpus: a throwaway database, and figures above a floor."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from claims.management.commands import evaluate as evaluate_command

# A little under what the system scores on the seeds; a drop below any of these is a regression.
FLOORS = {
    "statement_f1": 0.80,
    "speaker_accuracy": 0.90,
    "date_accuracy": 0.85,
    "red_line_precision": 0.85,
    "red_line_recall": 0.75,
    "same_claim_recall": 0.20,
    "same_claim_precision": 0.25,
}


def _eval_databases() -> set[str]:
    params = {
        k: v
        for k, v in connection.get_connection_params().items()
        if k in ("host", "port", "user", "password") and v
    }
    with psycopg.connect(dbname="postgres", **params) as admin:
        rows = admin.execute("SELECT datname FROM pg_database WHERE datname LIKE 'redline_eval_%'")
        return {name for (name,) in rows.fetchall()}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_evaluate_seeds_above_floor(shared_corpus, monkeypatch):
    used: list[str] = []
    real = evaluate_command.fresh_database

    @contextmanager
    def recorded(alias: str = "default") -> Iterator[str]:
        with real(alias) as name:
            used.append(name)
            yield name

    # Other evaluations may run on the same server meanwhile: follow this run's database.
    monkeypatch.setattr(evaluate_command, "fresh_database", recorded)
    out = io.StringIO()
    call_command(
        "evaluate",
        str(shared_corpus / "seeds-gold.json"),
        "--corpus",
        str(shared_corpus / "seeds"),
        "--json",
        stdout=out,
    )
    figures = json.loads(out.getvalue())
    assert figures["articles"]["ingested"] == 5
    values = {
        k: (v if isinstance(v, float) else v["value"]) for k, v in figures.items() if k in FLOORS
    }
    below = {k: values[k] for k, floor in FLOORS.items() if values[k] < floor}
    assert not below, f"below the floor: {below}"
    assert len(used) == 1
    assert used[0] not in _eval_databases()  # the throwaway database was dropped
