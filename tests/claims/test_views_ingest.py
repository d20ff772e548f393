"""The browser ingest page: editors upload files (through the ingestion service), readers watch."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sources.models import Article
from tests.claims.curation_data import make_analyst, make_article, make_editor

pytestmark = pytest.mark.django_db

PAGE = (
    "Outlet: Harbour Gazette\nPublished: 2023-05-02\n\nPort board answers critics\n\n"
    "The port board chair said on Tuesday that the new quay would open in June.\n"
)


def test_editor_uploads_a_file_and_sees_its_status(client: Client) -> None:
    client.force_login(make_editor())
    upload = SimpleUploadedFile("harbour.txt", PAGE.encode(), content_type="text/plain")
    response = client.post(reverse("sources:ingest"), {"urls": "", "uploads": [upload]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ingested: 1, duplicates: 0, failed: 0" in html
    article = Article.objects.get(source_file="harbour.txt")
    assert article.title == "Port board answers critics"
    assert reverse("claims:article", args=[article.pk]) in html
    again = client.post(
        reverse("sources:ingest"),
        {"uploads": [SimpleUploadedFile("harbour.txt", PAGE.encode())]},
    )
    assert "duplicates: 1" in again.content.decode()


def test_ingest_form_refuses_bad_input(client: Client) -> None:
    client.force_login(make_editor())
    empty = client.post(reverse("sources:ingest"), {"urls": ""})
    assert "Paste an address or choose a file." in empty.content.decode()
    bad = client.post(reverse("sources:ingest"), {"urls": "file:///etc/passwd"})
    assert "Not an http(s) address" in bad.content.decode()
    assert not Article.objects.exists()


def test_analyst_sees_statuses_but_cannot_ingest(client: Client) -> None:
    make_article("Some text.", title="Broken <b>one</b>", status="failed", error="no text <i>")
    client.force_login(make_analyst())
    page = client.get(reverse("sources:ingest")).content.decode()
    assert "Broken &lt;b&gt;one&lt;/b&gt;" in page and "failed" in page
    assert 'type="file"' not in page
    refused = client.post(
        reverse("sources:ingest"), {"uploads": [SimpleUploadedFile("a.txt", PAGE.encode())]}
    )
    assert refused.status_code == 403
    assert not Article.objects.filter(source_file="a.txt").exists()


def test_retry_requeues_a_failed_article(client: Client) -> None:
    failed = make_article("x", title="Broken", status="failed", error="boom")
    client.force_login(make_editor())
    response = client.post(reverse("sources:retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status != "failed" or failed.attempts == 1
    assert failed.error != "boom"
