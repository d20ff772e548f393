"""Actor resolution against the database: exact, alias, fuzzy, kind, editor aliases, merges."""

from __future__ import annotations

import pytest

from claims.extraction.types import ActorRef
from claims.models import Actor, ActorAlias, Origin
from claims.services.actors import canonical_form, resolve_actor

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


# Names: the form a reader recognises, descriptions as written, no fold on a guess.


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("the Kremlin", "Kremlin"),
        ("the Ministry of Defence", "Ministry of Defence"),
        ("the head of state", "the head of state"),
        ("The port authority", "The port authority"),
        ("the President", "the President"),
        ("• Brightwater  Mills", "Brightwater Mills"),
    ],
)
def test_canonical_form_drops_the_article_of_names_only(written, canonical):
    assert canonical_form(written) == canonical


def test_a_description_keeps_its_article_and_meets_its_other_articles():
    authority = resolve_actor(ActorRef("The port authority", "organization"))
    assert authority.name == "The port authority"
    assert resolve_actor(ActorRef("a port authority", "organization")) == authority
    assert resolve_actor(ActorRef("port authority", "organization")) == authority


def test_organisations_fold_word_for_word_only():
    ministry = resolve_actor(ActorRef("Russia's defence ministry", "organization"))
    assert resolve_actor(ActorRef("Russian Defense Ministry", "organization")) == ministry
    assert resolve_actor(ActorRef("Iranian Defense Ministry", "organization")) != ministry
    navy = resolve_actor(ActorRef("Russian navy", "organization"))
    assert navy != ministry
    assert resolve_actor(ActorRef("Russian army", "organization")) != navy


def test_a_description_named_actor_takes_the_proper_name():
    service = resolve_actor(ActorRef("Veltria's security service", "organization"))
    named = resolve_actor(ActorRef("Veltrian Security Service", "organization"))
    assert named == service
    service.refresh_from_db()
    assert service.name == "Veltrian Security Service"
    assert resolve_actor(ActorRef("Veltria's security service", "organization")) == service


def test_a_person_description_is_not_folded_by_spelling():
    harbour = resolve_actor(ActorRef("the harbour spokesman", "person"))
    assert resolve_actor(ActorRef("the harbor spokesman", "person")) != harbour


def test_a_shared_surname_alone_is_not_folded():
    lena = resolve_actor(ActorRef("Lena Varga", "person", surface_forms=("Varga",)))
    assert resolve_actor(ActorRef("Varga", "person")) == lena
    pal = resolve_actor(ActorRef("Pal Varga", "person"))
    assert pal != lena
    bare = resolve_actor(ActorRef("Varga", "person"))
    assert bare not in {lena, pal}
    assert bare.name == "Varga"


def test_an_editor_alias_of_a_shared_surname_still_decides():
    lena = resolve_actor(ActorRef("Lena Varga", "person"))
    resolve_actor(ActorRef("Pal Varga", "person"))
    ActorAlias.objects.create(actor=lena, alias="Varga", origin=Origin.EDITOR)
    assert resolve_actor(ActorRef("Varga", "person")) == lena


@pytest.mark.parametrize(
    ("first", "later", "kept"),
    [
        ("Peskov", "Dmitry Peskov", "Dmitry Peskov"),
        ("Vince Gray", "Vincent Gray", "Vincent Gray"),
        ("Rafael Grossi", "Rafael Mariano Grossi", "Rafael Grossi"),
        ("Dmitry Peskov", "Peskov", "Dmitry Peskov"),
    ],
)
def test_an_actor_takes_the_fuller_proper_name(first, later, kept):
    actor = resolve_actor(ActorRef(first, "person"))
    assert resolve_actor(ActorRef(later, "person")) == actor
    actor.refresh_from_db()
    assert actor.name == kept
    assert resolve_actor(ActorRef(first, "person")) == actor
    assert Actor.objects.count() == 1


def test_an_editor_curated_actor_keeps_its_name():
    actor = resolve_actor(ActorRef("Peskov", "person"))
    ActorAlias.objects.create(actor=actor, alias="Kremlin spokesman", origin=Origin.EDITOR)
    assert resolve_actor(ActorRef("Dmitry Peskov", "person")) == actor
    actor.refresh_from_db()
    assert actor.name == "Peskov"


def test_a_merged_into_actor_keeps_its_name():
    actor = resolve_actor(ActorRef("Peskov", "person"))
    Actor.objects.create(name="D. S. Peskov", kind="person", merged_into=actor)
    resolve_actor(ActorRef("Dmitry Peskov", "person"))
    actor.refresh_from_db()
    assert actor.name == "Peskov"
