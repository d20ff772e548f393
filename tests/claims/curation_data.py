"""Rows for the curation tests: users in the editor/analyst groups and a small claim graph.

Built with the ORM so service and view tests do not depend on the extraction pipeline; the
browser tests use the real pipeline instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import Group, User

from claims.models import Actor, Claim, ClaimRelation, Mention
from claims.services.editing import ANALYSTS_GROUP, EDITORS_GROUP, refresh_claim_counters
from sources.models import Article, Outlet


def make_user(username: str, group: str | None) -> User:
    """A user with password "pw-<username>" in ``group`` (None: no group)."""
    user = User.objects.create_user(username, password=f"pw-{username}")
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def make_editor(username: str = "eddie") -> User:
    return make_user(username, EDITORS_GROUP)


def make_analyst(username: str = "anna") -> User:
    return make_user(username, ANALYSTS_GROUP)


def make_article(
    text: str, *, title: str = "A report", outlet: str = "Daily Test", **kw: Any
) -> Article:
    """An article with ``text`` as its cleaned text, in outlet ``outlet``."""
    out, _ = Outlet.objects.get_or_create(name=outlet)
    return Article.objects.create(
        title=title,
        outlet=out,
        text=text,
        raw=text,
        content_hash=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
        published=kw.pop("published", date(2022, 1, 17)),
        status=kw.pop("status", Article.Status.DONE),
        **kw,
    )


def mention(claim: Claim, article: Article, sentence: str, **kw: Any) -> Mention:
    """A pipeline mention of ``claim`` at the first occurrence of ``sentence`` in the article."""
    start = article.text.index(sentence)
    return Mention.objects.create(
        claim=claim,
        article=article,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        **kw,
    )


@dataclass
class Graph:
    """Two speakers, three claims, three articles; claim ``a`` is contradicted by ``b``."""

    peskov: Actor
    pesko: Actor
    nato: Actor
    a: Claim
    b: Claim
    dup: Claim
    art1: Article
    art2: Article
    art3: Article
    m_a1: Mention
    m_a2: Mention
    m_b: Mention
    m_dup: Mention
    rel: ClaimRelation


S_A = "Dmitry Peskov warned that troops on the border are a red line for Moscow."
S_B = "A NATO official said the troop build-up near the border is large and unusual."
S_DUP = "Pesko said the troops on the border were a red line."


def make_graph() -> Graph:
    """The claim graph most curation tests start from (pipeline origin, suggested status)."""
    peskov = Actor.objects.create(name="Dmitry Peskov", kind=Actor.Kind.PERSON)
    pesko = Actor.objects.create(name="Pesko", kind=Actor.Kind.PERSON)
    nato = Actor.objects.create(name="NATO", kind=Actor.Kind.ORGANIZATION)
    art1 = make_article(
        f"Troops gather. {S_A} Talks continue.", title="Border talk", outlet="Wire One"
    )
    art2 = make_article(f"{S_A} {S_B}", title="Two sides", outlet="Wire Two")
    art3 = make_article(f"Earlier today. {S_DUP}", title="Short item", outlet="Wire Three")
    a = Claim.objects.create(
        speaker=peskov,
        text="troops on the border are a red line",
        said_on=date(2022, 1, 16),
        said_on_precision="day",
        red_line=True,
        kind="warning",
        red_line_about="troops",
    )
    b = Claim.objects.create(
        speaker=nato,
        text="the troop build-up is large and unusual",
        said_on=date(2022, 1, 17),
        said_on_precision="day",
        kind="assertion",
    )
    dup = Claim.objects.create(
        speaker=pesko,
        text="the troops on the border were a red line",
        said_on=date(2022, 1, 17),
        said_on_precision="day",
        red_line=True,
        kind="warning",
    )
    m_a1 = mention(a, art1, S_A)
    m_a2 = mention(a, art2, S_A)
    m_b = mention(b, art2, S_B)
    m_dup = mention(dup, art3, S_DUP)
    rel = ClaimRelation.objects.create(
        source=b, target=a, type="contradicts", score=0.7, evidence="build-up vs red line"
    )
    refresh_claim_counters([a.pk, b.pk, dup.pk])
    return Graph(peskov, pesko, nato, a, b, dup, art1, art2, art3, m_a1, m_a2, m_b, m_dup, rel)
