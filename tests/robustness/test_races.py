"""Races: workers storing articles that name the same new actor and claim create one of each, and
a speaker's lock holds back only the stores of that speaker; two editors merging the same claims
end with one result."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection, transaction

from claims.errors import EditorError
from claims.extraction.types import ArticleExtraction
from claims.models import Actor, Claim
from claims.services.editing import EDITORS_GROUP, merge_claims
from claims.services.locks import SPEAKER_LOCKS, lock_speakers
from claims.services.processing import process_articles
from claims.services.storing import store_extraction
from tests.claims.conftest import statement_in
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


WARNING = "Any warship entering the Selve strait will be turned back, {name} said on Monday."


def _store_warning(number: int, name: str) -> Callable[[], Any]:
    """A job storing article ``number``: ``name`` repeats the warning (nothing else in it)."""
    sentence = WARNING.format(name=name)
    text = f"Report {number} from the coast.\n\n{sentence}\n"
    article = make_article(text, title=f"Report {number}")
    extraction = ArticleExtraction([statement_in(text, sentence, name)])
    return partial(store_extraction, article, extraction)


@pytest.mark.django_db(transaction=True)
def test_concurrent_stores_of_one_new_speaker_create_one_actor_and_one_claim() -> None:
    # "Vendtt" is one letter off: only a resolution that sees the other's new actor folds it.
    names = ["Oskar Vendt", "Oskar Vendtt", "Oskar Vendt", "Oskar Vendtt"]
    results = _together([_store_warning(n, name) for n, name in enumerate(names)])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Actor.objects.count() == 1
    claim = Claim.objects.get()
    assert claim.mentions.count() == len(names) == claim.mention_count


def _waiting_for_speaker(speaker_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            " AND classid = %s AND objid = %s AND objsubid = 2",
            [SPEAKER_LOCKS, speaker_id],
        )
        return bool(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_a_speakers_lock_holds_back_only_that_speakers_stores() -> None:
    vendt = Actor.objects.create(name="Oskar Vendt")
    Actor.objects.create(name="Lena Marsk")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with transaction.atomic():
            lock_speakers([vendt.pk])
            held.set()
            release.wait(timeout=120)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(timeout=60)
        other = _together([_store_warning(1, "Lena Marsk")])
        assert not isinstance(other[0], Exception), other
        assert Claim.objects.filter(speaker__name="Lena Marsk").count() == 1

        same = threading.Thread(target=_together, args=([_store_warning(2, "Oskar Vendt")],))
        same.start()
        deadline = time.monotonic() + 120
        while not _waiting_for_speaker(vendt.pk) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_for_speaker(vendt.pk)
        assert not Claim.objects.filter(speaker=vendt).exists()
    finally:
        release.set()
        holder.join(timeout=120)
    same.join(timeout=120)
    assert Claim.objects.filter(speaker=vendt).count() == 1


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
