"""``manage.py evaluate`` on the seed corpus: a throwaway database, and figures above a floor."""

from __future__ import annotations

import io
import json

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

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
def test_evaluate_seeds_above_floor(shared_corpus):
    before = _eval_databases()
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
    assert _eval_databases() == before  # the throwaway database was dropped
