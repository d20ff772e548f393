"""Processing stored articles with the real spaCy pipeline: status, failures, re-processing."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest
from django.core.management import call_command

from claims.models import ArticleLead, Claim, ClaimRelation, Mention, Origin
from claims.services import processing
from claims.services.processing import process_articles
from claims.tasks import extract_article, extract_articles
from sources.models import Article

pytestmark = pytest.mark.django_db

HARBOUR = (
    "Harbour dispute deepens\n\n"
    "Port minister Elena Sorr said on Monday that the new harbour fees would stay in place "
    "until the end of the year.\n\n"
    "“We will not lower the fees, whatever the shipping firms demand,” Sorr told reporters.\n\n"
    "The shipping association accused the ministry of doubling the fees without warning.\n"
)
HARBOUR_TWO = (
    "Fees row goes on\n\n"
    "Elena Sorr said on Tuesday that the harbour fees would stay in place until the end of the "
    "year.\n\n"
    "The ministry denied doubling the fees, calling the shipping association's figures false.\n"
)


def _rows() -> list[list[tuple]]:
    return [
        list(
            Mention.objects.order_by("id").values_list("id", "claim_id", "start", "end", "status")
        ),
        list(Claim.objects.order_by("id").values_list("id", "text", "speaker_id", "mention_count")),
        list(ClaimRelation.objects.order_by("id").values_list("id", "source_id", "target_id")),
    ]


@pytest.fixture
def articles(make_article):
    return [
        make_article(HARBOUR, published=date(2023, 2, 14), outlet="Coast Daily"),
        make_article(HARBOUR_TWO, published=date(2023, 2, 15), outlet="Bay Herald"),
    ]


def test_articles_processed_in_a_batch(articles):
    report = process_articles([a.pk for a in articles])
    assert sorted(report.done) == sorted(a.pk for a in articles)
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    assert Mention.objects.filter(article=articles[0]).exists()
    assert Claim.objects.filter(speaker__name__icontains="Sorr").exists()


def test_each_processed_article_keeps_its_lead_vector(articles):
    process_articles([a.pk for a in articles])
    leads = {lead.article_id: lead.vector for lead in ArticleLead.objects.all()}
    assert set(leads) == {a.pk for a in articles}
    for vector in leads.values():
        assert vector.shape == (384,)
        assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3
    # A second run replaces them, never adds more.
    process_articles([a.pk for a in articles])
    assert ArticleLead.objects.count() == len(articles)


def test_a_failing_article_does_not_stop_the_batch(articles, monkeypatch):
    real = processing.store_extraction

    def store(article, extraction, **kwargs):
        if article.pk == articles[0].pk:
            raise RuntimeError("disk on fire")
        return real(article, extraction, **kwargs)

    monkeypatch.setattr(processing, "store_extraction", store)
    report = process_articles([a.pk for a in articles])
    assert report.failed == [articles[0].pk]
    assert report.done == [articles[1].pk]
    failed = Article.objects.get(pk=articles[0].pk)
    assert failed.status == "failed"
    assert "disk on fire" in failed.error


def test_a_failed_contradiction_step_fails_its_batch_and_a_retry_finishes_it(articles, monkeypatch):
    def broken(claim_ids):
        raise RuntimeError("rules broke")

    monkeypatch.setattr(processing, "suggest_contradictions", broken)
    report = process_articles([a.pk for a in articles])
    assert sorted(report.failed) == sorted(a.pk for a in articles)
    assert report.done == []
    for article in Article.objects.filter(pk__in=[a.pk for a in articles]):
        assert article.status == "failed"
        assert "suggesting contradictions failed: RuntimeError: rules broke" in article.error
    stored = Mention.objects.count()
    assert stored > 0  # what was stored stays

    monkeypatch.undo()
    again = process_articles([a.pk for a in articles])
    assert sorted(again.done) == sorted(a.pk for a in articles)
    assert Mention.objects.count() == stored  # the retry replaces, never duplicates
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}


def test_extraction_error_fails_only_that_article(articles, monkeypatch):
    def broken_batch(*args, **kwargs):
        raise ValueError("batch broke")
        yield  # pragma: no cover

    real_one = processing.extract_article

    def one(text, published, **kwargs):
        if text == HARBOUR:
            raise ValueError("bad text")
        return real_one(text, published, **kwargs)

    monkeypatch.setattr(processing, "extract_articles", broken_batch)
    monkeypatch.setattr(processing, "extract_article", one)
    process_articles([a.pk for a in articles])
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses == {articles[0].pk: "failed", articles[1].pk: "done"}


def test_tasks_keep_their_names_and_run(articles):
    assert extract_article.name == "claims.extract_article"
    assert extract_articles.name == "claims.extract_articles"
    extract_article.delay(articles[0].pk)
    result = extract_articles.delay([articles[1].pk]).get()
    assert result["done"] == [articles[1].pk]
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}


def test_reprocess_is_idempotent_and_keeps_editors_work(articles):
    process_articles([a.pk for a in articles])
    call_command("reprocess", "--all", stdout=io.StringIO())
    before = _rows()
    call_command("reprocess", "--all", stdout=io.StringIO())
    assert _rows() == before

    mention = Mention.objects.order_by("id").first()
    assert mention is not None
    mention.status = "rejected"
    mention.save()
    claim = mention.claim
    start = HARBOUR.index("Harbour dispute")
    added = Mention.objects.create(
        claim=claim,
        article=articles[0],
        sentence="Harbour dispute deepens",
        start=start,
        end=start + len("Harbour dispute deepens"),
        origin=Origin.EDITOR,
        status="confirmed",
    )
    other = Claim.objects.exclude(pk=claim.pk).first()
    assert other is not None
    link = ClaimRelation.objects.create(
        source=claim, target=other, type="supports", origin=Origin.EDITOR, status="confirmed"
    )
    out = io.StringIO()
    call_command("reprocess", str(articles[0].pk), stdout=out)
    assert "1 done" in out.getvalue()
    assert Mention.objects.get(pk=mention.pk).status == "rejected"
    assert Mention.objects.filter(pk=added.pk, origin="editor").exists()
    assert ClaimRelation.objects.filter(pk=link.pk, status="confirmed").exists()
    # The rejected span is not stored again by the pipeline.
    same_span = Mention.objects.filter(
        article=mention.article, start=mention.start, end=mention.end
    )
    assert same_span.count() == 1


def test_reprocess_failed_only(articles):
    Article.objects.filter(pk=articles[0].pk).update(status="failed", error="earlier")
    out = io.StringIO()
    call_command("reprocess", "--failed", stdout=out)
    assert "reprocessed 1 article(s): 1 done" in out.getvalue()
    assert Article.objects.get(pk=articles[1].pk).status == "pending"
