"""PostgreSQL advisory locks: which worker holds an article, and who may write what in storing.

An article lock is a session lock: it lasts across the article's transactions and PostgreSQL
drops it when the holder's connection ends, so a worker killed mid-batch leaves nothing held and
a redelivered task can take its articles again.

Storing takes transaction locks, always in this order, so two workers never wait on each other
in a cycle: the actor lock (one key: creating actors and aliases, in its own short transaction),
or the relation lock (one key: writing contradiction suggestions), then the locks of the speakers
whose claims the transaction writes, in ascending id order. Two workers naming the same new actor
create one; two storing the same speaker's statement create one claim; workers whose articles
quote different people store at the same time.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import connection

ARTICLE_LOCKS = 0x52454401  # two-key form: (namespace, article id)
ACTOR_LOCK = 0x52454403  # one key: actor and alias creation
SPEAKER_LOCKS = 0x52454404  # two-key form: (namespace, speaker id; 0 for claims without one)
RELATION_LOCK = 0x52454405  # one key: pipeline contradiction suggestions
_NAMES = {ACTOR_LOCK: "actor", SPEAKER_LOCKS: "speaker", RELATION_LOCK: "relation"}

# Seconds this process has spent waiting for (and taking) each kind of storing lock.
waited: dict[str, float] = dict.fromkeys(_NAMES.values(), 0.0)


def try_lock_articles(article_ids: Iterable[int]) -> list[int]:
    """Take the session lock of each article that no other live worker holds; return those."""
    taken = []
    with connection.cursor() as cursor:
        for pk in article_ids:
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [ARTICLE_LOCKS, pk])
            if cursor.fetchone()[0]:
                taken.append(pk)
    return taken


def unlock_articles(article_ids: Iterable[int]) -> None:
    """Release article locks this connection holds (a closed connection releases them anyway)."""
    with connection.cursor() as cursor:
        for pk in article_ids:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [ARTICLE_LOCKS, pk])


def _xact_lock(*keys: int) -> None:
    placeholders = ", ".join(["%s"] * len(keys))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_advisory_xact_lock({placeholders})", list(keys))
    waited[_NAMES[keys[0]]] += time.perf_counter() - started


def lock_actors() -> None:
    """Wait for the actor lock; released when the current transaction ends."""
    _xact_lock(ACTOR_LOCK)


def lock_relations() -> None:
    """Wait for the relation lock; released when the current transaction ends."""
    _xact_lock(RELATION_LOCK)


def lock_speakers(speaker_ids: Iterable[int | None]) -> list[int]:
    """Wait for each speaker's lock, in ascending order (so no two workers wait in a cycle);
    released when the current transaction ends. Returns the locked keys."""
    keys = sorted({pk or 0 for pk in speaker_ids})
    for key in keys:  # one statement each: the order of taking them is certain
        _xact_lock(SPEAKER_LOCKS, key)
    return keys
