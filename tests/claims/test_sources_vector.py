"""Claim.sources_vector follows the claim's mentions, whoever writes them (migration 0007)."""

from __future__ import annotations

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from claims.models import Actor, Claim, Mention
from redline.bench.loader import SOURCES_VECTOR_FILL
from tests.claims.curation_data import make_article, mention

pytestmark = pytest.mark.django_db


def _found(word: str) -> set[int]:
    """Claims whose source sentences contain ``word``."""
    query = SearchQuery(word, config="english")
    return set(Claim.objects.filter(sources_vector=query).values_list("pk", flat=True))


@pytest.fixture
def claim() -> Claim:
    return Claim.objects.create(
        speaker=Actor.objects.create(name="Ilse Brandt"), text="the dam stays closed"
    )


def test_new_mentions_add_their_sentences(claim: Claim) -> None:
    assert _found("reservoir") == set()
    article = make_article("Brandt told the reservoir board the dam stays closed. More text.")
    mention(claim, article, "Brandt told the reservoir board the dam stays closed.")
    assert _found("reservoir") == {claim.pk}
    # The claim's own text is not part of it (that is search_vector).
    assert _found("board") == {claim.pk} and _found("Ilse") == set()


def test_rejected_deleted_and_moved_mentions_leave(claim: Claim) -> None:
    article = make_article("Brandt spoke at the harbour. Brandt spoke at the quarry.")
    harbour = mention(claim, article, "Brandt spoke at the harbour.")
    quarry = mention(claim, article, "Brandt spoke at the quarry.")
    assert _found("harbour") == _found("quarry") == {claim.pk}
    Mention.objects.filter(pk=harbour.pk).update(status="rejected")
    assert _found("harbour") == set()
    Mention.objects.filter(pk=harbour.pk).update(status="confirmed")
    assert _found("harbour") == {claim.pk}
    other = Claim.objects.create(text="another claim")
    Mention.objects.filter(pk=quarry.pk).update(claim=other)
    assert _found("quarry") == {other.pk}
    harbour.delete()
    assert _found("harbour") == set()
    assert Claim.objects.get(pk=claim.pk).sources_vector is None


def test_saving_a_stale_claim_keeps_the_current_sentences(claim: Claim) -> None:
    stale = Claim.objects.get(pk=claim.pk)  # read before its mention exists
    article = make_article("Brandt warned about the spillway.")
    mention(claim, article, "Brandt warned about the spillway.")
    stale.text = "the dam stays closed for now"
    stale.save()
    assert _found("spillway") == {claim.pk}
    # A client cannot set it either: only the mention triggers do.
    Claim.objects.filter(pk=claim.pk).update(sources_vector=None)
    assert _found("spillway") == {claim.pk}


def test_the_benchmark_fill_gives_what_the_triggers_keep(claim: Claim) -> None:
    article = make_article("Brandt said the sluice gates hold. Brandt said it twice.")
    mention(claim, article, "Brandt said the sluice gates hold.")
    mention(claim, article, "Brandt said it twice.", status="rejected")
    kept = str(Claim.objects.values_list("sources_vector", flat=True).get(pk=claim.pk))
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # as the loader: no triggers
        try:
            cursor.execute("UPDATE claims_claim SET sources_vector = NULL")
            cursor.execute(SOURCES_VECTOR_FILL)
        finally:
            cursor.execute("SET session_replication_role = origin")
    assert str(Claim.objects.values_list("sources_vector", flat=True).get(pk=claim.pk)) == kept
    assert "sluic" in kept and "twice" not in kept
