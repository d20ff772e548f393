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

Names: a leading "the" is dropped before a proper name ("the Kremlin" → "Kremlin") but kept
before a description ("the head of state"), which is no name; look-ups ignore it either way. The
fuzzy step compares proper names only, never descriptions, and a bare surname (or a name that
scores alike on two actors) is folded only when one actor fits. An actor found under a fuller
proper name takes that name ("Peskov" → "Dmitry Peskov", "Vince Gray" → "Vincent Gray") unless
an editor has curated it (renamed it, merged into it, or gave it an alias).
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
# Any leading article, for look-ups: "a lawsuit", "the lawsuit" and "lawsuit" are one key.
_ANY_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)
# Page furniture a name may carry at its start ("• LaCroix").
_LEADING_MARKS = "•·▪►»*-–— "
# Lower-case words a proper name may hold ("Ministry of Defence", "Ursula von der Leyen").
_NAME_JOINERS = frozenset(
    {"of", "and", "for", "the", "on", "in", "de", "del", "der", "la", "le", "von", "van", "al"}
)
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


def reads_as_name(text: str) -> bool:
    """Every word capitalised but joining words ("Ministry of Defence"), not a description."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    return (
        bool(words)
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in _NAME_JOINERS for w in words)
    )


def canonical_form(name: str) -> str:
    """A display name with single spaces, no leading bullet, and no leading "the" before a
    proper name ("the Kremlin" → "Kremlin"). A description keeps it: "the head of state", and
    a capitalised title ("the President", "the Prime Minister of Armenia") is no name either."""
    text = " ".join(name.strip().lstrip(_LEADING_MARKS).split())
    bare = _LEADING_ARTICLE.sub("", text)
    if bare == text or not reads_as_name(bare) or bare.split()[0].casefold() in _TITLES:
        return text
    return bare


def lookup_key(name: str) -> str:
    """The key names and aliases are compared on: normalized, leading article dropped."""
    bare = _ANY_ARTICLE.sub("", canonical_form(name))
    return normalize_name(bare.replace("’", "'").replace("‘", "'"))


def stored_keys(name: str) -> list[str]:
    """The normalized names a stored actor or alias may carry for ``name``: the look-up key, the
    same after an article (descriptions keep theirs), and as the text wrote its apostrophes."""
    key = lookup_key(name)
    written = normalize_name(canonical_form(name))
    return list(dict.fromkeys([key, f"the {key}", f"a {key}", f"an {key}", written]))


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
    keys = stored_keys(ref.name)
    found = {a.normalized_name: a for a in Actor.objects.filter(normalized_name__in=keys)}
    for key in keys:
        if key in found:
            return found[key]
    aliases = ActorAlias.objects.filter(
        normalized__in=[key for form in forms for key in stored_keys(form)], actor__kind=ref.kind
    ).select_related("actor")
    by_key = {alias.normalized: alias for alias in aliases}
    for form in forms:
        for key in stored_keys(form):
            alias = by_key.get(key)
            if alias is not None and not _ambiguous_surname(ref, form, alias):
                return alias.actor
    return None


def _bare_surname(ref: ActorRef, form: str) -> str | None:
    """The surname a person is named by alone ("Peskov"), or None for any other form."""
    key = lookup_key(form)
    if ref.kind != "person" or " " in key or len(key) < 3 or not reads_as_name(form):
        return None
    return key


def _people_with_surname(surname: str) -> set[int]:
    rows = Actor.objects.filter(
        kind="person", merged_into=None, normalized_name__endswith=f" {surname}"
    )
    return set(rows.values_list("pk", flat=True)[:5])


def _ambiguous_surname(ref: ActorRef, form: str, alias: ActorAlias) -> bool:
    """A pipeline alias that is a bare surname two known people share names neither of them;
    an editor's alias decides alone."""
    surname = _bare_surname(ref, form)
    if surname is None or alias.origin == Origin.EDITOR:
        return False
    return len(_people_with_surname(surname) | {alias.actor_id}) > 1


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


def _same_word(a: str, b: str) -> bool:
    """One word spelt two ways: equal, one edit apart ("defence"/"defense"), or one stem with
    another ending ("Ukraine's"/"Ukrainian", "authority"/"authorities"); short words must agree."""
    if a == b:
        return True
    a, b = a.removesuffix("'s"), b.removesuffix("'s")
    shorter = min(len(a), len(b))
    if shorter < 5:
        return a == b
    if OSA.distance(a, b) <= 1:
        return True
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), shorter)
    return common >= max(5, shorter - 1)


def word_similarity(query: str, candidate: str, **_: object) -> float:
    """0-100 for organisations, states and groups: the whole-name ratio when the two names
    agree word for word (spelling aside), else 0. One other word is another body: the
    "Iranian" and the "Ukrainian foreign ministry", the Russian "army" and "navy"."""
    q_words = abbreviate_suffixes(query).replace(".", "").split()
    c_words = abbreviate_suffixes(candidate).replace(".", "").split()
    if len(q_words) != len(c_words) or not all(map(_same_word, q_words, c_words)):
        return 0.0
    return max(fuzz.ratio(query, candidate), 100.0 if q_words == c_words else 0.0)


# Plural nouns that name one body of unnamed officials either way: "Ukrainian authorities" are
# the "Ukrainian officials" of the next sentence or article.
_GROUP_SYNONYMS = {"authorities": "officials"}


def group_similarity(query: str, candidate: str, **_: object) -> float:
    """0-100 for groups: ``word_similarity`` with "authorities" read as "officials"."""

    def folded(name: str) -> str:
        return " ".join(_GROUP_SYNONYMS.get(word, word) for word in name.split())

    return word_similarity(folded(query), folded(candidate))


def _comparable(kind: str, form: str) -> bool:
    """Whether a form takes part in the fuzzy step: a person's proper name, or any name or
    description of another kind (compared word for word)."""
    return kind != "person" or reads_as_name(canonical_form(form))


def _fuzzy(ref: ActorRef, forms: list[str], threshold: float) -> Actor | None:
    """The actor whose name or alias is spelt like one of the ref's forms (same kind).

    A person is compared on proper names only (a description is no spelling of a name); other
    kinds word for word. A bare surname is folded only when every close name belongs to one
    actor; any other form takes the best score, unless two actors share it.
    """
    choices: dict[tuple[int, str], str] = {}
    full_names: set[int] = set()
    for pk, name in Actor.objects.filter(kind=ref.kind).values_list("pk", "name"):
        if _comparable(ref.kind, name):
            choices[(pk, name)] = lookup_key(name)
            if " " in choices[(pk, name)]:
                full_names.add(pk)
    aliases = ActorAlias.objects.filter(actor__kind=ref.kind).values_list("actor_id", "alias")
    for pk, alias in aliases:
        if _comparable(ref.kind, alias):
            choices[(pk, alias)] = lookup_key(alias)
    if not choices:
        return None
    # A full name is not compared with the bare-surname alias of someone with a full name:
    # "Pal Varga" is not "Lena Varga" because she was once called "Varga".
    named_choices = {
        choice: key
        for choice, key in choices.items()
        if " " in key or choice[0] not in full_names or ref.kind != "person"
    }
    scorer = {"person": name_similarity, "group": group_similarity}.get(ref.kind, word_similarity)
    best: tuple[float, int] | None = None
    for form in forms:
        key = lookup_key(form)
        if len(key) < 4 or key in _VAGUE_FORMS or not _comparable(ref.kind, form):
            continue
        pool = named_choices if " " in key else choices
        found = process.extract(key, pool, scorer=scorer, score_cutoff=threshold, limit=None)
        if not found:
            continue
        top = max(score for _key, score, _choice in found)
        if _bare_surname(ref, form) is not None:
            actors = {choice[0] for _key, _score, choice in found}
        else:
            actors = {choice[0] for _key, score, choice in found if score == top}
        if len(actors) != 1:
            continue
        if best is None or top > best[0]:
            best = (top, actors.pop())
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


# Last words of a company's or group's full name that its short name leaves off ("Orbis Freight
# Group" is "Orbis" on second mention), in their abbreviated spelling (``abbreviate_suffixes``).
_COMPANY_ENDINGS = frozenset(
    {"group", "corp", "co", "inc", "ltd", "holding", "holdings", "plc", "llc", "ag", "sa", "gmbh"}
)


def _company_short_names(key: str) -> list[str]:
    """The short names a company's look-up key may go by: each run of its leading words that
    leaves off words ending in a company ending ("orbis freight group" → "orbis freight",
    "orbis"); none for a name without one, and never a word that is no name ("the")."""
    words = abbreviate_suffixes(key).replace(".", "").split()
    if len(words) < 2 or words[-1] not in _COMPANY_ENDINGS:
        return []
    return [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1) if len(words[n - 1]) >= 3]


def _by_short_name(ref: ActorRef) -> Actor | None:
    """An organisation named by the leading words of a company's full name ("Orbis" for
    "Orbis Freight Group"), or in full where only the short name is known: the one company
    that fits. Two companies sharing the short name ("Orbis Freight Group", "Orbis Bank
    Group") leave it unresolved."""
    if ref.kind != "organization":
        return None
    name = canonical_form(ref.name)
    if not reads_as_name(name) or name.split()[0].casefold() in _TITLES:
        return None
    key = lookup_key(name)
    shorts = _company_short_names(key)
    if shorts:
        found = list(
            Actor.objects.filter(kind="organization", merged_into=None, normalized_name__in=shorts)[
                :2
            ]
        )
        return found[0] if len(found) == 1 else None
    if len(key) < 3:
        return None
    rows = Actor.objects.filter(
        kind="organization", merged_into=None, normalized_name__startswith=f"{key} "
    )
    fits = [a for a in rows[:20] if key in _company_short_names(a.normalized_name)]
    return fits[0] if len(fits) == 1 else None


def _create(ref: ActorRef) -> Actor:
    name = canonical_form(ref.name) or ref.name.strip()
    try:
        with transaction.atomic():
            return Actor.objects.create(name=name, kind=ref.kind, role=ref.role[:300])
    except IntegrityError:
        # Another worker created it between our look-up and insert.
        return Actor.objects.get(normalized_name=normalize_name(name))


def remember_surface_forms(actor: Actor, ref: ActorRef) -> None:
    """Store the ref's names as pipeline aliases of the actor, never taking another's alias."""
    forms = {canonical_form(f) for f in (ref.name, *ref.surface_forms)}
    own = lookup_key(actor.name)
    keys = {normalize_name(f): f for f in forms if f and lookup_key(f) != own}
    keys = {k: f for k, f in keys.items() if lookup_key(f) not in _VAGUE_FORMS and len(k) >= 2}
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


def _name_words(name: str) -> list[str]:
    return abbreviate_suffixes(lookup_key(name).replace(".", ". ")).replace(".", "").split()


def is_fuller_name(new: str, old: str, *, person: bool = False) -> bool:
    """``new`` names what ``old`` names, more fully: each word of ``old`` begins a word of
    ``new``, in order, and ``new`` is longer ("Peskov" → "Dmitry Peskov", "Vince Gray" →
    "Vincent Gray", "D. Peskov" → "Dmitry Peskov"). A person keeps the surname, and a first and
    last name gain no middle name ("Rafael Grossi" is how readers know him). Company suffixes
    spelt either way tie."""
    new_words, old_words = _name_words(new), _name_words(old)
    if not old_words or len("".join(new_words)) <= len("".join(old_words)):
        return False
    if person and (
        old_words[-1] != new_words[-1] or (len(old_words) > 1 and len(new_words) > len(old_words))
    ):
        return False
    position = 0
    for word in old_words:
        while position < len(new_words) and not new_words[position].startswith(word):
            position += 1
        if position == len(new_words):
            return False
        position += 1
    return True


def curated_by_editor(actor: Actor) -> bool:
    """An editor renamed the actor, merged another into it, or gave it an alias."""
    return (
        actor.aliases.filter(origin=Origin.EDITOR).exists()
        or Actor.objects.filter(merged_into=actor).exists()
        or actor.history.filter(history_user__isnull=False).exists()
    )


def _take_fuller_name(actor: Actor, ref: ActorRef) -> Actor:
    """Rename a pipeline actor named by a description, or by a shorter form of the ref's
    proper name, to that proper name; its old name stays an alias."""
    # Countries keep the short name readers know ("Russia", not "Russian Federation").
    if ref.kind not in ("person", "organization", "group") or actor.kind != ref.kind:
        return actor
    person = ref.kind == "person"
    name = strip_titles(canonical_form(ref.name)) if person else canonical_form(ref.name)
    if not reads_as_name(name) or not (
        is_fuller_name(name, actor.name, person=person)
        or not reads_as_name(canonical_form(actor.name))
    ):
        return actor
    key = normalize_name(name)
    if (
        Actor.objects.filter(normalized_name=key).exclude(pk=actor.pk).exists()
        or ActorAlias.objects.filter(normalized=key).exclude(actor=actor).exists()
        or curated_by_editor(actor)
    ):
        return actor
    old = actor.name
    try:
        with transaction.atomic():
            ActorAlias.objects.filter(actor=actor, normalized=key).delete()
            actor.name = name
            actor._change_reason = "pipeline: fuller name"  # type: ignore[attr-defined]
            actor.save()
            if not ActorAlias.objects.filter(normalized=normalize_name(old)).exists():
                ActorAlias.objects.create(actor=actor, alias=old, origin=Origin.PIPELINE)
    except IntegrityError:
        actor.refresh_from_db()
    return actor


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
        or _by_short_name(ref)
        or _create(ref)
    )
    actor = _take_fuller_name(follow_merges(actor), ref)
    if not actor.role and ref.role:
        Actor.objects.filter(pk=actor.pk, role="").update(role=ref.role[:300])
        actor.role = ref.role[:300]
    remember_surface_forms(actor, ref)
    return actor
