"""The web and API scenarios of the load test, drawn from the loaded benchmark data."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count

from claims.api.models import ApiToken
from claims.api.tokens import create_token
from claims.models import Actor, Claim
from redline.bench.loadtest import Scenario

SEARCH_TERMS = (
    "pipeline",
    "sanctions",
    "grain exports",
    "ceasefire",
    "drones",
    "uranium stockpile",
    "naval patrols",
    "red line",
    "referendum",
    "air defences",
    "northern border",
    "mercenaries",
)


@dataclass
class Sample:
    claim_ids: list[int]
    speaker_ids: list[int]
    token: str


def sample(seed: int = 1) -> Sample:
    """Claim ids and speaker ids to request, and a read token of a benchmark user."""
    rng = random.Random(seed)
    top = Claim.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = [rng.randint(1, top) for _ in range(1000)] if top else []
    existing = sorted(Claim.objects.filter(pk__in=ids).values_list("pk", flat=True))
    speakers = list(
        Actor.objects.filter(merged_into__isnull=True)
        .annotate(n=Count("claims"))
        .filter(n__gt=0)
        .order_by("?")
        .values_list("pk", flat=True)[:200]
    )
    user, _ = get_user_model().objects.get_or_create(username="bench-reader")
    ApiToken.objects.filter(user=user).delete()
    _, key = create_token(user, ApiToken.Scope.READ, name="bench")
    return Sample(existing, speakers, key)


def scenarios(data: Sample) -> list[Scenario]:
    """Claim list with filters, claim detail, full-text search, dashboard, actor page."""
    api = {"Authorization": f"Token {data.token}", "Accept": "application/json"}
    claims, speakers = data.claim_ids, data.speaker_ids
    kinds = Claim.Kind.values

    def term(rng: random.Random) -> str:
        return rng.choice(SEARCH_TERMS).replace(" ", "+")

    return [
        Scenario(
            "API list ?red_line&speaker",
            lambda r: f"/api/v1/claims?red_line=true&speaker={r.choice(speakers)}",
            api,
        ),
        Scenario(
            "API list ?kind&said_after",
            lambda r: (
                f"/api/v1/claims?kind={r.choice(kinds)}&said_after=202{r.randint(0, 5)}-01-01"
            ),
            api,
        ),
        Scenario("API detail", lambda r: f"/api/v1/claims/{r.choice(claims)}", api),
        Scenario("API search ?q=", lambda r: f"/api/v1/claims?q={term(r)}", api),
        Scenario("dashboard /", lambda r: "/"),
        Scenario("dashboard search /?q=", lambda r: f"/?q={term(r)}"),
        Scenario("claim page", lambda r: f"/claims/{r.choice(claims)}/"),
        Scenario("actor page", lambda r: f"/actors/{r.choice(speakers)}/"),
    ]
