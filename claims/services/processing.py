"""Run extraction over stored articles and record the outcome on each article."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.extraction.nlp import get_nlp
from claims.models import Actor
from sources.models import Article

logger = logging.getLogger(__name__)

_NER_KINDS = {
    "PERSON": Actor.Kind.PERSON,
    "ORG": Actor.Kind.ORGANIZATION,
    "GPE": Actor.Kind.COUNTRY,
    "NORP": Actor.Kind.GROUP,
}


def process_article(article_id: int) -> None:
    """Extract one article; mark it done, or failed with the reason (never raises for bad text)."""
    updated = Article.objects.filter(pk=article_id).exclude(status=Article.Status.PROCESSING)
    if not updated.update(status=Article.Status.PROCESSING, error=""):
        return
    article = Article.objects.get(pk=article_id)
    try:
        doc = get_nlp(settings.REDLINE_SPACY_MODEL)(article.text)
        with transaction.atomic():
            for ent in doc.ents:
                kind = _NER_KINDS.get(ent.label_)
                if kind:
                    Actor.objects.get_or_create(
                        normalized_name=" ".join(ent.text.split()).casefold(),
                        defaults={"name": ent.text, "kind": kind},
                    )
    except Exception as exc:
        logger.exception("extraction failed for article %s", article_id)
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.FAILED, error=f"extraction failed: {exc}"[:2000]
        )
        return
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.DONE, processed_at=timezone.now()
    )
