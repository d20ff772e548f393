"""Claim exports as streams of text chunks: JSONL, CSV and schema.org ClaimReview JSON-LD.

Each exporter takes an iterable of claim records (``claims.records.claim_record``) and yields
strings, so the CLI and the API stream the same bytes without building the export in memory.
No claims give an empty output in every format.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from claims.models import Claim
from claims.records import ClaimRecord, claim_record, exportable_claims

CHUNK_SIZE = 500
PUBLISHER = {"@type": "Organization", "name": "redline"}

CSV_COLUMNS = (
    "claim_id",
    "text",
    "speaker_id",
    "speaker",
    "speaker_kind",
    "said_on",
    "said_on_precision",
    "red_line",
    "kind",
    "red_line_about",
    "article_id",
    "title",
    "outlet",
    "url",
    "published",
    "file",
    "sentence",
    "start",
    "end",
    "mention_status",
)


def export_queryset(*, red_line: bool = False) -> QuerySet[Claim]:
    """The claims an export covers, with everything a record reads prefetched."""
    claims = exportable_claims()
    return claims.filter(red_line=True) if red_line else claims


def iter_records(claims: QuerySet[Claim], chunk_size: int = CHUNK_SIZE) -> Iterator[ClaimRecord]:
    """Records read in chunks (prefetching per chunk), never the whole table at once."""
    for claim in claims.iterator(chunk_size=chunk_size):
        yield claim_record(claim)


def jsonl_lines(records: Iterable[ClaimRecord]) -> Iterator[str]:
    """One JSON record per line."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def csv_rows(record: ClaimRecord) -> Iterator[dict[str, Any]]:
    """One row per mention with the claim's fields; a claim without mentions gives one row."""
    speaker = record["speaker"] or {}
    claim = {
        "claim_id": record["id"],
        "text": record["text"],
        "speaker_id": speaker.get("id"),
        "speaker": speaker.get("name"),
        "speaker_kind": speaker.get("kind"),
        "said_on": record["said_on"],
        "said_on_precision": record["said_on_precision"],
        "red_line": "true" if record["red_line"] else "false",
        "kind": record["kind"],
        "red_line_about": record["red_line_about"],
    }
    if not record["mentions"]:
        yield claim
    for mention in record["mentions"]:
        article = mention["article"]
        yield {
            **claim,
            "article_id": article["id"],
            "title": article["title"],
            "outlet": article["outlet"],
            "url": article["url"],
            "published": article["published"],
            "file": article["file"],
            "sentence": mention["sentence"],
            "start": mention["start"],
            "end": mention["end"],
            "mention_status": mention["status"],
        }


def csv_lines(records: Iterable[ClaimRecord]) -> Iterator[str]:
    """CSV with a header row (written only when there is a claim), one row per mention."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    header = False
    for record in records:
        if not header:
            writer.writeheader()
            header = True
        for row in csv_rows(record):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _creative_work(mention: dict[str, Any]) -> dict[str, Any]:
    article = mention["article"]
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": article["title"]}
    if article["url"]:
        work["url"] = article["url"]
    if article["published"]:
        work["datePublished"] = article["published"]
    if article["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": article["outlet"]}
    work["text"] = mention["sentence"]
    return work


def claim_review(record: ClaimRecord) -> dict[str, Any]:
    """One record as a schema.org ClaimReview whose itemReviewed is the Claim."""
    speaker = record["speaker"]
    claim: dict[str, Any] = {"@type": "Claim", "identifier": str(record["id"])}
    claim["text"] = record["text"]
    if speaker:
        kind = "Person" if speaker["kind"] == "person" else "Organization"
        claim["author"] = {"@type": kind, "name": speaker["name"]}
    if record["said_on"]:
        claim["datePublished"] = record["said_on"]
    appearances = [_creative_work(m) for m in record["mentions"]]
    if appearances:
        claim["appearance"] = appearances
        claim["firstAppearance"] = appearances[0]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": record["text"],
        "author": PUBLISHER,
        "itemReviewed": claim,
    }
    if record["red_line"]:
        review["keywords"] = "red line" + (
            f": {record['red_line_about']}" if record["red_line_about"] else ""
        )
    if appearances and "datePublished" in appearances[0]:
        review["datePublished"] = appearances[0]["datePublished"]
    return review


def claimreview_chunks(records: Iterable[ClaimRecord]) -> Iterator[str]:
    """A JSON array of ClaimReview objects, written one element at a time."""
    opened = False
    for record in records:
        yield ("[\n" if not opened else ",\n") + json.dumps(
            claim_review(record), ensure_ascii=False
        )
        opened = True
    if opened:
        yield "\n]\n"


Exporter = Callable[[Iterable[ClaimRecord]], Iterator[str]]

EXPORTERS: dict[str, Exporter] = {
    "jsonl": jsonl_lines,
    "csv": csv_lines,
    "claimreview": claimreview_chunks,
}
CONTENT_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "claimreview": "application/ld+json; charset=utf-8",
}


def export_chunks(fmt: str, *, red_line: bool = False) -> Iterator[str]:
    """The whole export in one format, as text chunks."""
    return EXPORTERS[fmt](iter_records(export_queryset(red_line=red_line)))
