"""Ingestion services against PostgreSQL: outcomes, duplicates, copies, bad input, hand-off."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.models import Article, Outlet
from sources.services import articles as article_services
from sources.services.ingest import ingest_inputs, ingest_payload
from sources.services.retry import retry_failed

pytestmark = pytest.mark.django_db

STORY = """URL: https://tidewater.example/2024/02/11/lock-gates
Outlet: Tidewater Courier

Lock gates to stay shut through March

The canal authority said on Saturday that the lock gates would stay shut until the end of March.
"Safety comes before the timetable," its director told the courier in an interview.
Boat owners said the closure would cost them the spring season and asked for compensation.
"""


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_text_file_is_stored_with_its_metadata_and_extracted(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    path = _write(tmp_path, "lock.txt", STORY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = ingest_inputs([str(path)])
    assert report.summary() == "ingested: 1, duplicates: 0, failed: 0"
    article = Article.objects.get()
    assert (article.source_file, article.title) == (
        "lock.txt",
        "Lock gates to stay shut through March",
    )
    assert article.outlet == Outlet.objects.get(domain="tidewater.example")
    assert article.outlet.name == "Tidewater Courier"
    assert article.raw == STORY
    assert len(callbacks) == 1  # the extraction hand-off, run eagerly here
    article.refresh_from_db()
    assert article.status == Article.Status.DONE


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "lock.txt", STORY)
    first = ingest_inputs([str(path)])
    again = ingest_inputs([str(path)])
    renamed = ingest_inputs([str(_write(tmp_path, "copy.txt", STORY.replace("URL:", "X-URL:")))])
    assert (first.ingested, again.duplicates) == (1, 1)
    assert renamed.duplicates == 1  # no URL this time: same content
    assert Article.objects.count() == 1


def test_insert_race_is_reported_as_duplicate(tmp_path: Path) -> None:
    path = _write(tmp_path, "lock.txt", STORY)
    ingest_inputs([str(path)])
    # The other process's row is invisible to our check but the unique constraint still holds.
    with mock.patch.object(article_services, "find_duplicate", side_effect=[None, 1]):
        report = ingest_inputs([str(_write(tmp_path, "again.txt", STORY))])
    assert report.summary() == "ingested: 0, duplicates: 1, failed: 0"
    assert Article.objects.count() == 1


def test_near_identical_copy_is_stored_and_marked(tmp_path: Path) -> None:
    body = " ".join(
        f"Sentence {n} of the wire report says the pier would reopen after the storm damage."
        for n in range(40)
    )
    ingest_payload({"url": "https://wire.example/a", "title": "Pier", "text": body})
    copy = ingest_payload(
        {"url": "https://mirror.example/b", "title": "Pier", "text": body + " Reporting by a desk."}
    )
    different = ingest_payload(
        {"url": "https://other.example/c", "title": "Else", "text": STORY.split("\n\n", 2)[2]}
    )
    original = Article.objects.get(url="https://wire.example/a")
    assert copy.status == "ingested" and copy.copy_of == original.pk
    assert Article.objects.get(pk=copy.article_id or 0).copy_of == original
    assert different.status == "ingested" and different.copy_of is None


def test_bad_inputs_fail_clearly_and_lose_nothing(tmp_path: Path, settings) -> None:
    ingest_inputs([str(_write(tmp_path, "kept.txt", STORY))])
    settings.REDLINE_MAX_INPUT_BYTES = 4000
    bad = tmp_path / "bad"
    bad.mkdir()
    _write(bad, "empty.txt", b"")
    _write(bad, "scan.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n" + bytes(range(256)))
    _write(bad, "picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(200))
    _write(bad, "huge.txt", "word " * 1000)
    _write(bad, "nothing.html", "<html><body><script>var a = 1;</script></body></html>")
    _write(bad, "empty-feed.xml", '<rss version="2.0"><channel><title>T</title></channel></rss>')
    report = ingest_inputs([str(bad), str(tmp_path / "missing.txt")])
    reasons = {Path(o.input).name: o.reason for o in report.failures}
    assert report.summary() == "ingested: 0, duplicates: 0, failed: 7"
    assert "empty" in reasons["empty.txt"]
    assert "PDF" in reasons["scan.txt"]
    assert "PNG" in reasons["picture.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "no article text" in reasons["nothing.html"]
    assert "no items" in reasons["empty-feed.xml"]
    assert "no such file" in reasons["missing.txt"]
    assert Article.objects.count() == 1


def test_encodings_are_read(tmp_path: Path) -> None:
    latin = "Le maire a déclaré que le marché de Noël serait annulé cette année."
    files = [
        _write(tmp_path, "latin1.txt", latin.encode("latin-1")),
        _write(
            tmp_path,
            "utf16.txt",
            "Title\nThe council said it would vote on Monday.".encode("utf-16"),
        ),
        _write(tmp_path, "invalid.txt", b"The envoy said \xff\xfe the talks had ended for now."),
    ]
    report = ingest_inputs([str(f) for f in files])
    assert report.summary() == "ingested: 3, duplicates: 0, failed: 0"
    assert Article.objects.get(source_file="latin1.txt").text == latin
    assert "\x00" not in Article.objects.get(source_file="utf16.txt").text


def test_jsonl_with_one_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://j.example/1", "title": "A", "text": "The mayor said yes."}),
        '{"url": "https://j.example/2", "title": ',
        json.dumps({"url": "https://j.example/3", "title": "C", "text": "The mayor said no."}),
    ]
    path = _write(tmp_path, "batch.jsonl", "\n".join(lines))
    report = ingest_inputs([str(path)])
    assert report.summary() == "ingested: 2, duplicates: 0, failed: 1"
    assert report.failures[0].input.endswith("(line 2)")
    assert set(Article.objects.values_list("url", flat=True)) == {
        "https://j.example/1",
        "https://j.example/3",
    }


def test_payload_with_nul_characters_and_bad_date() -> None:
    ok = ingest_payload({"title": "T\x00", "text": "The chief said\x00 the plan was dead."})
    bad = ingest_payload({"text": "Some text that is fine.", "published": "not a date at all"})
    assert ok.status == "ingested"
    assert Article.objects.get().text == "The chief said the plan was dead."
    assert bad.status == "failed" and "published" in bad.reason


def test_retry_failed_requeues_and_reprocesses(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    ingest_inputs([str(_write(tmp_path, "lock.txt", STORY))])
    Article.objects.update(status=Article.Status.FAILED, error="extraction failed: boom")
    attempts = Article.objects.get().attempts
    with django_capture_on_commit_callbacks(execute=True):
        ids = retry_failed()
    article = Article.objects.get()
    assert ids == [article.pk]
    assert (article.status, article.error) == (Article.Status.DONE, "")
    assert article.attempts > attempts


def test_ingest_command_summary_and_exit_status(tmp_path: Path, capsys) -> None:
    good = _write(tmp_path, "lock.txt", STORY)
    call_command("ingest", str(good))
    assert capsys.readouterr().out.strip().endswith("ingested: 1, duplicates: 0, failed: 0")
    empty = _write(tmp_path, "empty.txt", b"")
    with pytest.raises(CommandError, match="nothing could be ingested"):
        call_command("ingest", str(empty))
    out = capsys.readouterr().out
    assert f"failed: {empty}: empty input" in out
    assert out.strip().endswith("ingested: 0, duplicates: 0, failed: 1")
