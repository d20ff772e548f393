"""Resolve the actors extraction names to one canonical Actor row across articles.

Rule, in order: (1) an exact match of the normalized name on an actor's canonical name (any
kind: the name is unique), (2) an exact match of the name or one of its surface forms on an
alias of an actor of the same kind (editor aliases included), (3) a fuzzy match over names and
aliases of actors of the same kind with ``REDLINE_ACTOR_FUZZY_THRESHOLD`` (company suffixes
abbreviated, a middle name allowed), (4) a new actor. Before the fuzzy step, two strict ones: a
person named by title and surname ("Chancellor Scholz") is the one person of that surname, and a
person named by a bare description ("Azerbaijani president") the one person whose role holds it.
Merged actors are followed through ``merged_into``. Surface forms are kept as pipeline aliases so
later runs find them exactly. Metonymy stays as written: "the Kremlin" and "Moscow" are actors of
their own, as the annotation guide says.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from claims.extraction.types import ActorRef
from claims.models import Actor, ActorAlias, Origin
from claims.text import normalize_name

_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
# Forms too vague to become an alias: pronouns and bare descriptions shared by many speakers.
_VAGUE_FORMS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "its"}
_MAX_MERGE_HOPS = 20
# Company suffixes that articles spell either way ("Corp." / "Corporation").
_SUFFIXES = {
    "corporation": "corp",
    "corp.": "corp",
    "company": "co",
    "co.": "co",
    "incorporated": "inc",
    "inc.": "inc",
    "limited": "ltd",
    "ltd.": "ltd",
}
# Titles written before a person's name; a name is looked up without them.
_TITLES = frozenset(
    {
        "president",
        "vice",
        "prime",
        "deputy",
        "foreign",
        "defence",
        "defense",
        "minister",
        "chancellor",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "press",
        "general",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "governor",
        "senator",
        "ambassador",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sir",
        "king",
        "queen",
        "pope",
        "commander",
        "admiral",
        "colonel",
        "lieutenant",
        "sergeant",
        "judge",
        "mayor",
        "premier",
        "leader",
        "chief",
        "head",
        "acting",
        "former",
        "state",
    }
)
# Words of a description that say nothing about which person it is.
_DESCRIPTION_FILLER = frozenset({"the", "a", "an", "of", "its", "his", "her"})


def canonical_form(name: str) -> str:
    """A display name without a leading "the" and with single spaces."""
    return " ".join(_LEADING_ARTICLE.sub("", name.strip()).split())


def lookup_key(name: str) -> str:
    """The key names and aliases are compared on: normalized, leading "the" dropped."""
    return normalize_name(canonical_form(name).replace("’", "'").replace("‘", "'"))


def follow_merges(actor: Actor) -> Actor:
    """The actor an editor merged this one into (transitively), or the actor itself."""
    seen = {actor.pk}
    while actor.merged_into_id is not None and len(seen) < _MAX_MERGE_HOPS:
        target = Actor.objects.get(pk=actor.merged_into_id)
        if target.pk in seen:
            break
        seen.add(target.pk)
        actor = target
    return actor


def is_proper_name(name: str) -> bool:
    """Two or more capitalised words ("Maria Zakharova"): a name that speaks for itself."""
    words = canonical_form(name).split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.isalpha() or "." in w)


def _exact(ref: ActorRef, forms: list[str]) -> Actor | None:
    key = lookup_key(ref.name)
    actor = Actor.objects.filter(normalized_name=key).first()
    if actor is not None:
        return actor
    keys = [lookup_key(form) for form in forms]
    aliases = ActorAlias.objects.filter(normalized__in=keys, actor__kind=ref.kind).select_related(
        "actor"
    )
    by_key = {alias.normalized: alias.actor for alias in aliases}
    for candidate in keys:
        if candidate in by_key:
            return by_key[candidate]
    return None


def abbreviate_suffixes(key: str) -> str:
    """A lookup key with company suffixes in one spelling ("corporation" → "corp")."""
    return " ".join(_SUFFIXES.get(word, word) for word in key.split())


def name_similarity(query: str, candidate: str, **_: object) -> float:
    """0-100: the best of the whole-name ratio, a one-edit surname match and a middle name.

    The surname rule catches a transposed or dropped letter ("Pesokv", "Pesko") that the plain
    ratio scores below the threshold on short names; the middle-name rule lets "Rafael Grossi"
    meet "Rafael Mariano Grossi" (same first and last name, the shorter one inside the longer).
    """
    query, candidate = abbreviate_suffixes(query), abbreviate_suffixes(candidate)
    score = fuzz.ratio(query, candidate)
    q_tokens, c_tokens = query.split(), candidate.split()
    if not q_tokens or not c_tokens:
        return score
    shorter, longer = sorted((q_tokens, c_tokens), key=len)
    if (
        len(shorter) >= 2
        and len(longer) > len(shorter)
        and shorter[0] == longer[0]
        and shorter[-1] == longer[-1]
        and all(token in longer for token in shorter)
    ):
        score = max(score, 90.0)
    q_last, c_last = q_tokens[-1], c_tokens[-1]
    first_names_agree = (
        len(q_tokens) == 1
        or len(c_tokens) == 1
        or fuzz.ratio(" ".join(q_tokens[:-1]), " ".join(c_tokens[:-1])) >= 80
    )
    if (
        first_names_agree
        and min(len(q_last), len(c_last)) >= 5
        and q_last[0] == c_last[0]
        and OSA.distance(q_last, c_last) <= 1
    ):
        score = max(score, 90.0)
    return score


def _fuzzy(ref: ActorRef, forms: list[str], threshold: float) -> Actor | None:
    choices: dict[tuple[int, str], str] = {}
    for pk, key in Actor.objects.filter(kind=ref.kind).values_list("pk", "normalized_name"):
        choices[(pk, key)] = key
    aliases = ActorAlias.objects.filter(actor__kind=ref.kind).values_list("actor_id", "normalized")
    for pk, key in aliases:
        choices[(pk, key)] = key
    if not choices:
        return None
    best: tuple[float, int] | None = None
    for form in forms:
        key = lookup_key(form)
        if len(key) < 4 or key in _VAGUE_FORMS:
            continue
        found = process.extractOne(key, choices, scorer=name_similarity, score_cutoff=threshold)
        if found is not None and (best is None or found[1] > best[0]):
            best = (found[1], found[2][0])
    if best is None:
        return None
    return Actor.objects.get(pk=best[1])


def strip_titles(name: str) -> str:
    """The name after the title written before it ("Finance Minister Lena Varga" → "Lena Varga").

    The title is the leading run of capitalised words (and "of") up to its last title word.
    """
    words = canonical_form(name).split()
    cut = 0
    for index, word in enumerate(words[:-1]):
        if word.casefold() in _TITLES:
            cut = index + 1
        elif not (word[:1].isupper() or word in {"of", "for"}):
            break
    return " ".join(words[cut:])


def _by_surname(ref: ActorRef) -> Actor | None:
    """A person named by title and name: the full name without titles, or the one person of
    that surname ("Chancellor Scholz" → "Olaf Scholz")."""
    if ref.kind != "person":
        return None
    bare = strip_titles(ref.name)
    if bare == canonical_form(ref.name) or not bare[:1].isupper() or bare.casefold() in _TITLES:
        return None
    key = lookup_key(bare)
    actor = Actor.objects.filter(normalized_name=key, kind="person").first()
    if actor is not None or " " in key or len(key) < 3:
        return actor
    people = list(
        Actor.objects.filter(kind="person", normalized_name__endswith=f" {key}", merged_into=None)[
            :2
        ]
    )
    return people[0] if len(people) == 1 else None


def _description_words(text: str) -> list[str]:
    words = [w.replace("’", "'") for w in normalize_name(text).split()]
    return [w for w in words if w not in _DESCRIPTION_FILLER]


def _by_role(ref: ActorRef) -> Actor | None:
    """A person named by a bare description ("Azerbaijani president", "the chancellor"): the one
    person whose role has the same head word and every other word of it."""
    if ref.kind != "person" or is_proper_name(ref.name):
        return None
    words = _description_words(canonical_form(ref.name))
    if not words or len(words) > 4 or any("'" in w for w in words):
        return None
    head = words[-1]
    matches: list[Actor] = []
    rows = Actor.objects.filter(kind="person", merged_into=None, role__iendswith=head)
    for actor in rows.only("pk", "name", "role", "kind", "merged_into")[:50]:
        role = _description_words(actor.role)
        if role and role[-1] == head and set(words) <= set(role):
            matches.append(actor)
    return matches[0] if len(matches) == 1 else None


def _create(ref: ActorRef) -> Actor:
    name = canonical_form(ref.name) or ref.name.strip()
    try:
        with transaction.atomic():
            return Actor.objects.create(name=name, kind=ref.kind, role=ref.role[:300])
    except IntegrityError:
        # Another worker created it between our look-up and insert.
        return Actor.objects.get(normalized_name=lookup_key(name))


def remember_surface_forms(actor: Actor, ref: ActorRef) -> None:
    """Store the ref's names as pipeline aliases of the actor, never taking another's alias."""
    forms = {canonical_form(f) for f in (ref.name, *ref.surface_forms)}
    keys = {lookup_key(f): f for f in forms if f}
    keys.pop(actor.normalized_name, None)
    keys = {k: f for k, f in keys.items() if k not in _VAGUE_FORMS and len(k) >= 2}
    if not keys:
        return
    taken = set(ActorAlias.objects.filter(normalized__in=keys).values_list("normalized", flat=True))
    taken |= set(
        Actor.objects.filter(normalized_name__in=keys).values_list("normalized_name", flat=True)
    )
    for key, form in keys.items():
        if key in taken:
            continue
        try:
            with transaction.atomic():
                ActorAlias.objects.create(actor=actor, alias=form[:300], origin=Origin.PIPELINE)
        except IntegrityError:
            continue


def resolve_actor(ref: ActorRef, threshold: float | None = None) -> Actor:
    """The canonical Actor for an extracted reference, creating it when nothing matches."""
    if threshold is None:
        threshold = settings.REDLINE_ACTOR_FUZZY_THRESHOLD
    # A full proper name decides alone; a bare surname or a description ("the press secretary")
    # may be identified through the article's other forms of it.
    forms = [ref.name] if is_proper_name(ref.name) else [ref.name, *ref.surface_forms]
    actor = (
        _exact(ref, forms)
        or _by_surname(ref)
        or _by_role(ref)
        or _fuzzy(ref, forms, threshold)
        or _create(ref)
    )
    actor = follow_merges(actor)
    if not actor.role and ref.role:
        Actor.objects.filter(pk=actor.pk, role="").update(role=ref.role[:300])
        actor.role = ref.role[:300]
    remember_surface_forms(actor, ref)
    return actor
