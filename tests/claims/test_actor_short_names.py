"""A company named by the leading words of its full name is the company (database)."""

from __future__ import annotations

import pytest

from claims.extraction.types import ActorRef
from claims.models import Actor
from claims.services.actors import resolve_actor

pytestmark = pytest.mark.django_db


def org(name: str) -> Actor:
    return resolve_actor(ActorRef(name, "organization"))


def test_a_short_name_meets_the_full_company_name():
    full = org("Tarnwell Shipping Group")
    assert org("Tarnwell") == full
    assert org("Tarnwell Shipping") == full
    assert Actor.objects.count() == 1


def test_a_full_name_meets_the_company_known_by_its_short_name():
    short = org("Tarnwell")
    full = org("Tarnwell Shipping Group")
    assert full == short
    assert full.name == "Tarnwell Shipping Group"


def test_a_short_name_two_companies_share_stays_apart():
    first = org("Tarnwell Shipping Group")
    second = org("Tarnwell Bank Holdings")
    short = org("Tarnwell")
    assert len({first.pk, second.pk, short.pk}) == 3


def test_a_name_without_a_company_ending_is_no_short_name():
    agency = org("Tarnwell Port Authority")
    assert org("Tarnwell") != agency


def test_a_short_name_of_another_kind_is_not_folded():
    full = org("Tarnwell Shipping Group")
    assert resolve_actor(ActorRef("Tarnwell", "country")) != full


def test_authorities_and_officials_of_one_country_are_one_group():
    officials = resolve_actor(ActorRef("Norland officials", "group"))
    assert resolve_actor(ActorRef("Norland authorities", "group")) == officials
    assert resolve_actor(ActorRef("Valdorian authorities", "group")) != officials
    assert resolve_actor(ActorRef("Norland diplomats", "group")) != officials
