"""API test set-up: personas with tokens, clients, and a small graph of claims built here."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings
from rest_framework.test import APIClient

from claims.api.models import ApiToken
from claims.models import Actor, Claim, ClaimRelation, DatePrecision, Mention
from sources.models import Article, Outlet

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _generous_rates() -> Any:
    """Tests make many requests; throttling has its own test with its own rates."""
    with override_settings(REDLINE_API_THROTTLE_RATES={"read": None, "write": None}):
        yield


def make_token(user: User, scope: str = ApiToken.Scope.READ) -> str:
    """A new token for ``user``; returns the key (only its hash is stored)."""
    token = ApiToken(user=user, scope=scope, name=f"{scope} token")
    key = token.set_new_key()
    token.save()
    return key


def client_with(key: str | None) -> APIClient:
    """An API client sending ``Authorization: Token <key>`` (none when key is None)."""
    client = APIClient()
    if key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def analyst(db: None) -> User:
    return User.objects.create_user("analyst", password="analyst-pass-123")


@pytest.fixture
def editor(db: None) -> User:
    user = User.objects.create_user("editor", password="editor-pass-123")
    user.groups.add(Group.objects.get_or_create(name="editors")[0])
    return user


@pytest.fixture
def reader_client(analyst: User) -> APIClient:
    return client_with(make_token(analyst))


@pytest.fixture
def editor_client(editor: User) -> APIClient:
    return client_with(make_token(editor, ApiToken.Scope.EDITOR))


@dataclass
class Graph:
    """Two outlets, two actors, claims with mentions, and one contradiction."""

    outlets: list[Outlet]
    actors: list[Actor]
    articles: list[Article]
    claims: list[Claim]
    mentions: list[Mention]
    relation: ClaimRelation


def make_article(outlet: Outlet, text: str, **fields: Any) -> Article:
    n = next(_counter)
    return Article.objects.create(
        url=f"https://{outlet.domain or 'news.example'}/story-{n}",
        content_hash=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
        title=fields.pop("title", f"Story {n}"),
        outlet=outlet,
        published=fields.pop("published", date(2023, 3, 2)),
        text=text,
        status=Article.Status.DONE,
        **fields,
    )


def add_claim(
    speaker: Actor,
    article: Article,
    sentence: str,
    *,
    red_line: bool = False,
    said_on: date | None = date(2023, 3, 1),
    **fields: Any,
) -> tuple[Claim, Mention]:
    """A claim reported by ``sentence`` of ``article`` (the sentence must be in its text)."""
    claim = Claim.objects.create(
        speaker=speaker,
        text=sentence,
        said_on=said_on,
        said_on_precision=DatePrecision.DAY if said_on else DatePrecision.UNKNOWN,
        red_line=red_line,
        red_line_about="troops at the border" if red_line else "",
        **fields,
    )
    start = article.text.index(sentence)
    mention = Mention.objects.create(
        claim=claim, article=article, sentence=sentence, start=start, end=start + len(sentence)
    )
    return claim, mention


def graph_of(n: int = 3) -> Graph:
    """``n`` claims (every third a red line) over two outlets and two speakers."""
    outlets = [
        Outlet.objects.create(name="Harbour Courier", domain="harbour.example"),
        Outlet.objects.create(name="Valley Ledger", domain="valley.example"),
    ]
    actors = [
        Actor.objects.create(name="Mira Castellan", kind=Actor.Kind.PERSON),
        Actor.objects.create(name="Northern Council", kind=Actor.Kind.ORGANIZATION),
    ]
    articles, claims, mentions = [], [], []
    for i in range(n):
        sentence = f"The minister warned that crossing line {i} would bring a firm reply."
        text = f"Headline {i}\n\nIn the capital, {sentence} Nothing else was said."
        article = make_article(outlets[i % 2], text)
        claim, mention = add_claim(
            actors[i % 2], article, sentence, red_line=i % 3 == 0, kind=Claim.Kind.WARNING
        )
        articles.append(article)
        claims.append(claim)
        mentions.append(mention)
    relation = ClaimRelation.objects.create(
        source=claims[0], target=claims[1], type=ClaimRelation.Type.CONTRADICTS, score=0.7
    )
    return Graph(outlets, actors, articles, claims, mentions, relation)


@pytest.fixture
def build_graph(db: None) -> Callable[..., Graph]:
    """Build a graph of ``n`` claims (see ``graph_of``)."""
    return graph_of
