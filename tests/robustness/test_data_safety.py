"""Data safety: reversible migrations, a re-run that keeps editors' work, derived data rebuilt
from the raw input, and a backup that restores deleted rows.

Migrations and backups run on a throwaway database (claims.services.evaluation.fresh_database),
never on the test database in use. The two articles below were written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from claims.models import Actor, ActorAlias, Claim, ClaimRelation, Mention, Origin, ReviewStatus
from claims.services import editing
from claims.services.evaluation import fresh_database
from sources.models import Article, Outlet
from sources.services.ingest import ingest_path
from tests.claims.curation_data import make_article, make_editor

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLES = {
    "01-harbour-post.txt": """URL: https://harbour-post.example/world/dotto-warns
Published: 2024-05-06
Outlet: Harbour Post
Author: Ines Varga

Orvania warns Felland over the Brell river

Orvania's prime minister Kasimir Dotto warned on Monday that any Fellandi troops crossing the \
Brell river would cross a red line for his government.

"We will answer any crossing with force," Dotto told reporters in the capital.

Analysts said the quarrel was the worst between the two neighbours in years.
""",
    "02-valley-ledger.txt": """URL: https://valley-ledger.example/news/quint-denies
Published: 2024-05-07
Outlet: Valley Ledger
Author: Tomas Brandt

Felland denies plan to cross the Brell

Fellandi army chief Rosa Quint said on Tuesday that Felland has no plan to send troops across \
the Brell river.

Kasimir Dotto warned that troops crossing the river would cross a red line, state radio reported.
""",
}
EXTRA_SENTENCE = "Analysts said the quarrel was the worst between the two neighbours in years."


def ingest_articles(folder: Path) -> None:
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = ingest_path(folder)
    assert report.ingested == len(ARTICLES), report.summary()
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DONE}


def pipeline_record() -> set[tuple[str, str, str | None, int, int]]:
    """What extraction derived: (claim text, speaker, article URL, start, end) per mention."""
    rows = Mention.objects.select_related("claim__speaker", "article")
    return {
        (m.claim.text, getattr(m.claim.speaker, "name", ""), m.article.url, m.start, m.end)
        for m in rows
    }


def test_rerunning_the_pipeline_keeps_editors_work(tmp_path: Path) -> None:
    ingest_articles(tmp_path)
    editor = make_editor("keeper")
    claims = list(Claim.objects.order_by("pk"))
    assert len(claims) >= 2, "the pipeline found fewer than two claims in the test texts"
    first, second = claims[0], claims[1]

    confirmed = Mention.objects.filter(origin=Origin.PIPELINE).order_by("pk").first()
    assert confirmed is not None
    editing.confirm_mention(editor, confirmed.pk)
    editing.correct_claim(editor, first.pk, text="an editor's wording of the claim")

    relation = ClaimRelation.objects.filter(origin=Origin.PIPELINE).first()
    if relation is None:  # no suggestion in these texts: stand in for one as the pipeline would
        relation = ClaimRelation.objects.create(
            source=second, target=first, type="contradicts", score=0.5, evidence="stand-in"
        )
    editing.reject_relation(editor, relation.pk)

    article = Article.objects.get(url__contains="harbour-post")
    start = article.text.index(EXTRA_SENTENCE)
    added = editing.add_mention(
        editor, article.pk, start, start + len(EXTRA_SENTENCE), claim_id=second.pk
    )

    call_command("reprocess", "--all", verbosity=0)

    confirmed.refresh_from_db()
    assert confirmed.status == ReviewStatus.CONFIRMED
    first.refresh_from_db()
    assert first.text == "an editor's wording of the claim"
    relation.refresh_from_db()
    assert relation.status == ReviewStatus.REJECTED
    kept = Mention.objects.get(pk=added.target.pk)
    assert (kept.origin, kept.claim_id, kept.start) == (Origin.EDITOR, second.pk, start)


def test_derived_data_is_rebuilt_from_the_raw_input(tmp_path: Path) -> None:
    ingest_articles(tmp_path)
    before = pipeline_record()
    assert before, "the pipeline found no claims in the test texts"
    assert all(a.raw for a in Article.objects.all())

    ClaimRelation.objects.all().delete()
    Mention.objects.all().delete()
    Claim.objects.all().delete()
    ActorAlias.objects.all().delete()
    Actor.objects.all().delete()

    call_command("reprocess", "--all", verbosity=0)
    assert pipeline_record() == before


def test_migrations_reverse_to_zero_and_back() -> None:
    with fresh_database():
        apps = sorted(MigrationLoader(connection).migrated_apps)
        tables_before = set(connection.introspection.table_names())
        for app in apps:
            call_command("migrate", app, "zero", verbosity=0, interactive=False)
        left = set(connection.introspection.table_names()) - {"django_migrations"}
        assert not left, f"tables left after migrating every app to zero: {sorted(left)}"
        call_command("migrate", verbosity=0, interactive=False)
        assert set(connection.introspection.table_names()) == tables_before


def test_backup_and_restore_bring_deleted_rows_back(tmp_path: Path) -> None:
    dump = tmp_path / "redline.dump"
    with fresh_database():
        make_article("The minister said the bridge stays open.", title="Bridge", outlet="Wire A")
        make_article("The mayor said the port stays shut.", title="Port", outlet="Wire B")
        expected = set(Article.objects.values_list("title", "text", "outlet__name"))

        call_command("backup", str(dump), verbosity=0)
        assert dump.stat().st_size > 0
        Article.objects.all().delete()
        Outlet.objects.all().delete()
        assert not Article.objects.exists()

        call_command("restore", str(dump), verbosity=0)
        assert set(Article.objects.values_list("title", "text", "outlet__name")) == expected
