"""Races: two workers storing articles that name the same new actor and claim create one of
each; two editors merging the same claims end with one result."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection

from claims.errors import EditorError
from claims.models import Actor, Claim
from claims.services.editing import EDITORS_GROUP, merge_claims
from claims.services.processing import process_articles
from tests.robustness.helpers import make_article

STORY = (
    "Harbour talks stall\n\n"
    '"Any warship entering the Selve strait will be turned back," Admiral Oskar Vendt said '
    "on Monday.\n\nThe admiral spoke after the talks broke up.\n"
)


def _together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run the jobs at once in threads, each on its own database connection."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = jobs[index]()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_workers_naming_the_same_new_actor_create_one_actor_and_one_claim() -> None:
    first = make_article(STORY, title="Harbour talks stall")
    second = make_article(STORY.replace("Harbour talks stall", "Strait warning repeated"))
    results = _together(
        [lambda: process_articles([first.pk]), lambda: process_articles([second.pk])]
    )
    assert [r.done for r in results] == [[first.pk], [second.pk]]
    assert Actor.objects.filter(normalized_name__contains="vendt").count() == 1
    claims = Claim.objects.filter(speaker__normalized_name__contains="vendt")
    assert claims.count() == 1
    assert claims.get().mentions.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_editors_merging_the_same_claims_end_with_one_result() -> None:
    speaker = Actor.objects.create(name="Oskar Vendt")
    winner = Claim.objects.create(speaker=speaker, text="The strait stays closed.")
    loser = Claim.objects.create(speaker=speaker, text="The strait remains closed.")
    editors = Group.objects.get_or_create(name=EDITORS_GROUP)[0]
    users = []
    for name in ("ed-a", "ed-b"):
        user = User.objects.create_user(name, password="unused-password-1")
        user.groups.add(editors)
        users.append(user)
    results = _together([partial(merge_claims, u, winner.pk, loser.pk) for u in users])
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], EditorError), results
    loser.refresh_from_db()
    assert loser.merged_into_id == winner.pk
    assert Claim.objects.filter(merged_into=winner).count() == 1
