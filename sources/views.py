"""Browser pages of the sources app: ingest from URLs or uploads, retry a failed article."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims.services.editing import can_edit
from claims.views.access import is_htmx
from sources.forms import IngestForm
from sources.models import Article
from sources.services.ingest import ingest_path, ingest_url
from sources.services.outcomes import IngestReport
from sources.services.retry import retry_failed

RECENT = 30


@login_required
def ingest(request: HttpRequest) -> HttpResponse:
    """Editors ingest pasted URLs and uploaded files; everyone signed in sees recent articles."""
    report: IngestReport | None = None
    form = IngestForm()
    if request.method == "POST":
        if not can_edit(request.user):
            return render(request, "403.html", {"reason": "Only editors can ingest."}, status=403)
        form = IngestForm(request.POST, request.FILES)
        if form.is_valid():
            report = ingest_submission(form.cleaned_data["urls"], form.cleaned_data["uploads"])
            form = IngestForm()
    recent = (
        Article.objects.select_related("outlet")
        .defer("text", "raw")
        .order_by("-created_at", "-id")[:RECENT]
    )
    template = (
        "sources/_recent.html"
        if is_htmx(request) and request.method == "GET"
        else "sources/ingest.html"
    )  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "report": report, "recent": recent})


def ingest_submission(urls: list[str], files: list[UploadedFile]) -> IngestReport:
    """Ingest each URL and uploaded file through the ingestion service; one report for all."""
    report = IngestReport()
    for url in urls:
        report.extend(ingest_url(url))
    if files:
        with tempfile.TemporaryDirectory(prefix="redline-upload-") as folder:
            for upload in files:
                # Keep only the base name: it becomes Article.source_file.
                name = Path(upload.name or "upload.txt").name or "upload.txt"
                path = Path(folder) / name
                with path.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                part = ingest_path(path)
                for outcome in part.outcomes:
                    outcome.input = name
                report.extend(part)
    return report


@login_required
@require_POST
def retry(request: HttpRequest, article_id: int) -> HttpResponse:
    """Put a failed article back in the extraction queue (editors only)."""
    if not can_edit(request.user):
        return render(request, "403.html", {"reason": "Only editors can retry."}, status=403)
    article = get_object_or_404(Article, pk=article_id)
    if retry_failed([article.pk]):
        messages.success(request, "The article was queued for extraction again.")
    else:
        messages.error(request, "Only a failed article can be retried.")
    return redirect(reverse("claims:article", args=[article.pk]))
