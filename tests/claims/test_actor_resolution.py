"""Actor resolution against the database: exact, alias, fuzzy, kind, editor aliases, merges."""

from __future__ import annotations

import pytest

from claims.extraction.types import ActorRef
from claims.models import Actor, ActorAlias, Origin
from claims.services.actors import resolve_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def peskov() -> Actor:
    return resolve_actor(ActorRef("Dmitry Peskov", "person", "Kremlin spokesman", ("Peskov",)))


def test_exact_name_ignores_case_accents_and_leading_article(peskov):
    assert resolve_actor(ActorRef("dmitry PESKOV", "person")) == peskov
    kremlin = resolve_actor(ActorRef("the Kremlin", "organization"))
    assert kremlin.name == "Kremlin"
    assert resolve_actor(ActorRef("Kremlin", "organization")) == kremlin


def test_surface_forms_become_aliases_used_later(peskov):
    assert set(peskov.aliases.values_list("alias", flat=True)) == {"Peskov"}
    assert resolve_actor(ActorRef("Peskov", "person")) == peskov
    assert peskov.role == "Kremlin spokesman"


@pytest.mark.parametrize("misspelt", ["Pesko", "Pesokv", "Dmitry Pesko", "Dmitri Peskov"])
def test_fuzzy_misspellings_resolve(peskov, misspelt):
    assert resolve_actor(ActorRef(misspelt, "person")) == peskov
    assert Actor.objects.count() == 1


def test_fuzzy_respects_kind_and_threshold(peskov):
    org = resolve_actor(ActorRef("Pesko", "organization"))
    assert org != peskov
    assert org.kind == "organization"
    other = resolve_actor(ActorRef("Dmitry Medvedev", "person"))
    assert other != peskov
    strict = resolve_actor(ActorRef("Pesokv", "person"), threshold=99)
    assert strict != peskov


def test_editor_alias_is_used_by_later_runs(peskov):
    ActorAlias.objects.create(actor=peskov, alias="Putin's press secretary", origin=Origin.EDITOR)
    ref = ActorRef("the press secretary", "person", surface_forms=("Putin's press secretary",))
    assert resolve_actor(ref) == peskov


def test_merged_actor_is_followed(peskov):
    duplicate = Actor.objects.create(name="D. Peskov", kind="person")
    duplicate.merged_into = peskov
    duplicate.save()
    assert resolve_actor(ActorRef("D. Peskov", "person")) == peskov


def test_alias_of_another_actor_is_not_taken(peskov):
    zakharova = resolve_actor(ActorRef("Maria Zakharova", "person", surface_forms=("Peskov",)))
    assert zakharova != peskov
    assert ActorAlias.objects.get(normalized="peskov").actor == peskov
