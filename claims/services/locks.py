"""PostgreSQL advisory locks: which worker holds an article, and one writer of claims at a time.

An article lock is a session lock: it lasts across the article's transactions and PostgreSQL
drops it when the holder's connection ends, so a worker killed mid-batch leaves nothing held and
a redelivered task can take its articles again. The storing lock is transaction-scoped and
serialises the short storing step, so two workers naming the same new actor or claim create one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

ARTICLE_LOCKS = 0x52454401  # two-key form: (namespace, article id)
STORING_LOCK = 0x52454402


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


def lock_storing() -> None:
    """Wait for the storing lock; it is released when the current transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORING_LOCK])
