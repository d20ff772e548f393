"""A real worker killed with SIGKILL mid-batch, twice: after a restart every article ends done
exactly once (no duplicate mentions or claims), and extracting again changes no row."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from django.db import connection

from claims.models import Claim, Mention
from claims.services.processing import process_articles
from sources.models import Article
from tests.robustness.helpers import (
    BROKER,
    derived_snapshot,
    duplicate_spans,
    make_article,
    news_text,
    purge,
    send_task,
    start_worker,
    statuses,
    stop,
    wait_for,
)

ARTICLES = 6
KILLS = 2
WORKER_ENV = {
    # One article per nlp.pipe batch, so a kill lands between stored articles and inside others.
    "REDLINE_EXTRACT_BATCH_SIZE": "1",
    # A killed worker's unacknowledged message comes back after 2 s instead of an hour.
    "REDLINE_BROKER_VISIBILITY_TIMEOUT": "2",
}


def _run_reached(ids: list[int], run: int, done: int) -> bool:
    """The ``run``-th delivery has claimed every article and finished at least ``done``."""
    rows = list(Article.objects.filter(pk__in=ids).values_list("attempts", "status"))
    return all(attempts >= run for attempts, _ in rows) and (
        sum(status == Article.Status.DONE for _, status in rows) >= done
    )


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sigkilled_worker_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    ids = [make_article(news_text(seed, paragraphs=12)).pk for seed in range(ARTICLES)]
    purge(BROKER)
    log = tmp_path / "worker.log"
    send_task("claims.extract_articles", [ids], BROKER)
    kills = 0
    worker = start_worker(BROKER, log, **WORKER_ENV)
    try:
        for run in range(1, KILLS + 1):
            reached = wait_for(partial(_run_reached, ids, run, 1), timeout=240)
            assert reached, f"run {run} made no progress: {statuses(ids)}\n{log.read_text()}"
            assert statuses(ids).get(Article.Status.DONE, 0) < ARTICLES, "killed too late"
            stop(worker, kill=True)
            kills += 1
            worker = start_worker(BROKER, log, **WORKER_ENV)
        finished = wait_for(
            lambda: statuses(ids).get(Article.Status.DONE, 0) == ARTICLES, timeout=300
        )
        assert finished, f"{statuses(ids)}\n{log.read_text()[-4000:]}"
    finally:
        stop(worker)
        connection.close()

    assert kills == KILLS
    assert all(a >= KILLS + 1 for a in Article.objects.values_list("attempts", flat=True))
    assert duplicate_spans() == []
    assert Mention.objects.filter(article_id__in=ids).count() >= ARTICLES * 6
    # Extracting everything once more gives the same rows: same ids, same content.
    before = derived_snapshot()
    mention_ids = set(Mention.objects.values_list("pk", flat=True))
    claim_ids = set(Claim.objects.values_list("pk", flat=True))
    report = process_articles(ids)
    assert sorted(report.done) == sorted(ids)
    assert derived_snapshot() == before
    assert set(Mention.objects.values_list("pk", flat=True)) == mention_ids
    assert set(Claim.objects.values_list("pk", flat=True)) == claim_ids
