"""POST /api/v1/articles: hand each article of a batch to the ingestion services.

Text and HTML items are stored at once; URL-only items are fetched within the request (under the
fetch timeouts and the public-address rule). Extraction runs later on a worker, hence the 202:
each result carries the article id and a status URL to follow.
"""

from __future__ import annotations

from typing import Any

from sources.models import Article
from sources.services.ingest import ingest_payload, ingest_url
from sources.services.outcomes import ItemOutcome

_OUTCOMES = {"ingested": "accepted", "duplicate": "duplicate", "failed": "failed"}


def ingest_batch(items: list[dict[str, Any]]) -> list[tuple[int, ItemOutcome]]:
    """Ingest validated API items in order; (index in the request, outcome) per article."""
    results: list[tuple[int, ItemOutcome]] = []
    for index, item in enumerate(items):
        if item.get("text") or item.get("html"):
            results.append((index, ingest_payload(_payload(item))))
        else:
            report = ingest_url(str(item["url"]))
            results.extend((index, outcome) for outcome in report.outcomes)
    return results


def result_rows(results: list[tuple[int, ItemOutcome]], status_url: Any) -> list[dict[str, Any]]:
    """Response rows: outcome, article id, its processing status and status URL, or the error."""
    ids = [outcome.article_id for _, outcome in results if outcome.article_id]
    statuses = dict(Article.objects.filter(pk__in=ids).values_list("id", "status"))
    rows = []
    for index, outcome in results:
        article_id = outcome.article_id if outcome.article_id in statuses else None
        rows.append(
            {
                "index": index,
                "id": article_id,
                "outcome": _OUTCOMES[outcome.status],
                "status": statuses.get(article_id) if article_id else None,
                "status_url": status_url(article_id) if article_id else None,
                "error": (outcome.reason or "failed") if outcome.status == "failed" else None,
            }
        )
    return rows


def _payload(item: dict[str, Any]) -> dict[str, Any]:
    payload = {key: value for key, value in item.items() if value not in (None, "")}
    if payload.get("published") is not None:
        payload["published"] = payload["published"].isoformat()
    return payload
