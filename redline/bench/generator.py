"""Synthetic but realistic redline data: rows ready for COPY, generated window by window.

Proportions follow what the pipeline produces on real news: about 3 mentions per claim (1 to 8,
skewed low), about 6 statements per article, speakers drawn Zipf-like from a few thousand actors
(a few speak very often), 30 % red-line claims, about 6 % of claims in a contradicts / supports
relation. Counters on Claim (mention_count, outlet_count, contradiction_count), first_mention and
first_seen are filled as the pipeline keeps them. Claims are generated in date order in windows,
so memory stays flat at any size.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from claims.text import normalize_name
from redline.bench import textgen

Row = tuple[Any, ...]

OUTLET_COLUMNS = ("id", "name", "domain", "created_at")
ACTOR_COLUMNS = (
    "id",
    "name",
    "normalized_name",
    "kind",
    "role",
    "created_at",
    "updated_at",
    "affiliation_id",
    "merged_into_id",
)
ALIAS_COLUMNS = ("id", "alias", "normalized", "origin", "created_at", "actor_id")
ARTICLE_COLUMNS = (
    "id",
    "url",
    "source_file",
    "content_hash",
    "fingerprint",
    "title",
    "author",
    "published",
    "text",
    "raw",
    "raw_format",
    "language",
    "boilerplate",
    "status",
    "error",
    "attempts",
    "created_at",
    "updated_at",
    "processed_at",
    "copy_of_id",
    "feed_id",
    "outlet_id",
)
CLAIM_COLUMNS = (
    "id",
    "anonymous",
    "text",
    "normalized_text",
    "said_on",
    "said_on_precision",
    "red_line",
    "red_line_about",
    "kind",
    "review_status",
    "locked_fields",
    "first_seen",
    "mention_count",
    "outlet_count",
    "contradiction_count",
    "created_at",
    "updated_at",
    "merged_into_id",
    "speaker_id",
    "first_mention_id",
)
MENTION_COLUMNS = (
    "id",
    "sentence",
    "start",
    "end",
    "content",
    "cue",
    "direct",
    "anonymous",
    "speaker_text",
    "confidence",
    "origin",
    "status",
    "reviewed_at",
    "created_at",
    "article_id",
    "claim_id",
    "reviewed_by_id",
)
RELATION_COLUMNS = (
    "id",
    "type",
    "score",
    "evidence",
    "origin",
    "status",
    "reviewed_at",
    "created_at",
    "reviewed_by_id",
    "source_id",
    "target_id",
)

FIRST_DAY = date(2020, 1, 1)
DAYS = 6 * 365
MENTION_COUNTS = (1, 2, 3, 4, 5, 6, 7, 8)
MENTION_WEIGHTS = (25, 21, 17, 13, 9, 7, 5, 3)  # mean 3.16 mentions per claim
KINDS = ("warning", "accusation", "denial", "demand", "assertion", "announcement")
KIND_WEIGHTS = (20, 15, 12, 13, 30, 10)
PRECISIONS = ("day", "month", "year", "unknown")
PRECISION_WEIGHTS = (82, 10, 4, 4)
STATUSES = ("suggested", "confirmed", "rejected")
STATUS_WEIGHTS = (90, 8, 2)
WINDOW = 20_000  # claims generated (and copied) at a time


@dataclass
class Window:
    """The rows of one window of claims: their articles, mentions and relations."""

    claims: list[Row] = field(default_factory=list)
    articles: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    relations: list[Row] = field(default_factory=list)


@dataclass
class Speaker:
    actor_id: int
    name: str
    surfaces: tuple[str, ...]


def actor_count_for(claims: int) -> int:
    """How many persons speak ``claims`` claims (one per 300 claims, 60 to 3,000), besides
    the countries and organisations."""
    return max(60, min(3000, claims // 300))


def outlet_count_for(claims: int) -> int:
    """How many outlets report them (20 to 400)."""
    return max(20, min(400, claims // 2500))


def _stamp(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randrange(24), rng.randrange(60)), tzinfo=UTC)


class DataGenerator:
    """Generates outlets, actors with aliases, then claims with articles, mentions, relations."""

    def __init__(self, claims: int, seed: int = 7) -> None:
        self.claims = claims
        self.rng = random.Random(seed)
        self.text = textgen.TextMaker(self.rng)
        self.speakers: list[Speaker] = []
        self.outlets: list[Row] = []
        self._speaker_weights: list[float] = []
        self._ids = {"article": 0, "mention": 0, "relation": 0}

    # -- fixed tables ---------------------------------------------------------------------

    def outlet_rows(self) -> list[Row]:
        """Outlets (name, domain)."""
        now = datetime(2019, 12, 1, tzinfo=UTC)
        self.outlets = []
        for number in range(1, outlet_count_for(self.claims) + 1):
            name = f"{self.rng.choice(textgen.COUNTRIES)} {self.rng.choice(_PAPERS)} {number}"
            domain = f"{name.lower().replace(' ', '-')}.example"
            self.outlets.append((number, name, domain, now))
        return self.outlets

    def actor_rows(self) -> tuple[list[Row], list[Row]]:
        """Actors (persons, countries, organisations) and their aliases, names unique."""
        now = datetime(2019, 12, 1, tzinfo=UTC)
        actors: list[Row] = []
        aliases: list[Row] = []
        taken: set[str] = set()
        alias_id = itertools.count(1)

        def add_alias(actor_id: int, alias: str) -> str | None:
            key = normalize_name(alias)
            if key in taken:
                return None
            taken.add(key)
            aliases.append((next(alias_id), alias, key, "pipeline", now, actor_id))
            return alias

        names: list[tuple[str, str, str]] = [(c, "country", "") for c in textgen.COUNTRIES]
        names += [(o[4:], "organization", "") for o in textgen.ORGANIZATIONS]
        wanted = len(names) + actor_count_for(self.claims)
        seen = {normalize_name(n) for n, _, _ in names}
        attempts = 0
        while len(names) < wanted and attempts < wanted * 20:
            attempts += 1
            person = self.text.person_name()
            if normalize_name(person) not in seen:
                seen.add(normalize_name(person))
                role = f"{self.rng.choice(textgen.COUNTRIES)} {self.rng.choice(textgen.ROLES)}"
                names.append((person, "person", role))
        taken.update(seen)
        for actor_id, (name, kind, role) in enumerate(names, start=1):
            actors.append((actor_id, name, normalize_name(name), kind, role, now, now, None, None))
            surfaces = [name]
            if kind == "person":
                first, last = name.split(" ", 1)
                for alias in (last, f"{first[0]}. {last}", f"the {role}"):
                    if add_alias(actor_id, alias):
                        surfaces.append(alias)
            else:
                alias = f"officials in {name}" if kind == "country" else f"the {name}"
                if add_alias(actor_id, alias):
                    surfaces.append(alias)
            self.speakers.append(Speaker(actor_id, name, tuple(surfaces)))
        # Zipf-like: the tenth speaker speaks a tenth as often as the first.
        order = list(range(len(self.speakers)))
        self.rng.shuffle(order)
        weights = [0.0] * len(order)
        for rank, index in enumerate(order, start=1):
            weights[index] = 1.0 / rank
        self._speaker_weights = list(itertools.accumulate(weights))
        return actors, aliases

    # -- claims, articles, mentions, relations -------------------------------------------------

    def windows(self) -> Iterator[Window]:
        """The claims in date order, ``WINDOW`` at a time, with everything that hangs on them."""
        if not self.speakers or not self.outlets:
            raise RuntimeError("outlet_rows() and actor_rows() first")
        for first in range(1, self.claims + 1, WINDOW):
            last = min(self.claims, first + WINDOW - 1)
            yield self._window(first, last)

    def _window(self, first: int, last: int) -> Window:
        rng = self.rng
        start_day = FIRST_DAY + timedelta(days=DAYS * (first - 1) // self.claims)
        end_day = FIRST_DAY + timedelta(days=max(1, DAYS * last // self.claims))
        span = max(1, (end_day - start_day).days)
        ids = list(range(first, last + 1))
        said = sorted(start_day + timedelta(days=rng.randrange(span)) for _ in ids)
        picks = rng.choices(
            range(len(self.speakers)), cum_weights=self._speaker_weights, k=len(ids)
        )
        counts = rng.choices(MENTION_COUNTS, weights=MENTION_WEIGHTS, k=len(ids))
        claims: dict[int, dict[str, Any]] = {}
        for claim_id, day, pick, count in zip(ids, said, picks, counts, strict=True):
            red = rng.random() < 0.3
            anonymous = rng.random() < 0.03
            claims[claim_id] = {
                "text": self.text.claim_text(red),
                "red": red,
                "day": day,
                "speaker": None if anonymous else self.speakers[pick],
                "count": count,
                "outlets": set(),
                "first": None,
            }
        # Articles report claims of the same days: slots in date order, jittered by ~10 days.
        slots = sorted(
            (cid for cid, c in claims.items() for _ in range(c["count"])),
            key=lambda cid: claims[cid]["day"].toordinal() + rng.random() * 10,
        )
        window = Window()
        position = 0
        while position < len(slots):
            size = rng.randint(3, 9)
            self._article(slots[position : position + size], claims, window)
            position += size
        relations = self._relations(ids, claims, window)
        for claim_id, c in claims.items():
            precision = rng.choices(PRECISIONS, weights=PRECISION_WEIGHTS)[0]
            said_on: date | None = None if precision == "unknown" else c["day"]
            stamp = _stamp(c["day"] + timedelta(days=1), rng)
            first_mention, first_seen = c["first"]
            window.claims.append(
                (
                    claim_id,
                    c["speaker"] is None,
                    c["text"],
                    c["text"].lower(),
                    said_on,
                    precision,
                    c["red"],
                    _red_line_about(c["text"]) if c["red"] else "",
                    rng.choices(KINDS, weights=KIND_WEIGHTS)[0],
                    "suggested",
                    "[]",
                    first_seen,
                    c["count"],
                    len(c["outlets"]),
                    relations.get(claim_id, 0),
                    stamp,
                    stamp,
                    None,
                    c["speaker"].actor_id if c["speaker"] else None,
                    first_mention,
                )
            )
        return window

    def _article(
        self, claim_ids: list[int], claims: dict[int, dict[str, Any]], window: Window
    ) -> None:
        rng = self.rng
        self._ids["article"] += 1
        article_id = self._ids["article"]
        outlet = rng.choice(self.outlets)
        published = max(claims[cid]["day"] for cid in claim_ids) + timedelta(
            days=rng.choice((0, 0, 0, 1, 1, 2))
        )
        title = self.text.headline()
        text_parts: list[str] = []
        length = 0
        paragraph: list[str] = []
        mentions: list[Row] = []
        stamp = _stamp(published, rng)

        def put(sentence: str) -> int:
            nonlocal length
            start = length + (1 if paragraph else 0)
            paragraph.append(sentence)
            length = start + len(sentence)
            return start

        def end_paragraph() -> None:
            nonlocal length
            text_parts.append(" ".join(paragraph))
            paragraph.clear()
            length += 2  # the "\n\n" between paragraphs

        put(self.text.filler())
        for cid in claim_ids:
            c = claims[cid]
            speaker = c["speaker"]
            surface = rng.choice(speaker.surfaces) if speaker else "a senior official"
            sentence = self.text.reporting_sentence(surface, c["text"])
            start = put(sentence)
            self._ids["mention"] += 1
            mention_id = self._ids["mention"]
            direct = sentence.startswith("\u201c")
            mentions.append(
                (
                    mention_id,
                    sentence,
                    start,
                    start + len(sentence),
                    c["text"],
                    "said" if direct else "according to",
                    direct,
                    speaker is None,
                    surface,
                    round(rng.uniform(0.4, 0.95), 2),
                    "pipeline",
                    rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0],
                    None,
                    stamp,
                    article_id,
                    cid,
                    None,
                )
            )
            c["outlets"].add(outlet[0])
            if c["first"] is None or c["first"][1] > published:
                c["first"] = (mention_id, published)
            if rng.random() < 0.6:
                put(self.text.filler())
            if len(paragraph) >= 3:
                end_paragraph()
        if paragraph:
            end_paragraph()
        text = "\n\n".join(text_parts)
        window.mentions.extend(mentions)
        window.articles.append(
            (
                article_id,
                f"https://{outlet[2]}/news/{article_id}",
                None,
                hashlib.sha256(text.encode()).hexdigest(),
                None,
                title,
                f"{rng.choice(textgen.FIRST_NAMES)} {rng.choice(textgen.SURNAMES)}",
                published,
                text,
                "",
                "html",
                "en",
                "[]",
                "done",
                "",
                1,
                stamp,
                stamp,
                stamp,
                None,
                None,
                outlet[0],
            )
        )

    def _relations(
        self, ids: list[int], claims: dict[int, dict[str, Any]], window: Window
    ) -> dict[int, int]:
        """About 6 % of claims get a relation to a claim by another speaker; returns
        contradiction counts per claim."""
        rng = self.rng
        contradictions: dict[int, int] = {}
        pairs: set[tuple[int, int]] = set()
        for source in rng.sample(ids, k=len(ids) * 6 // 100):
            target = rng.choice(ids)
            if target == source or (source, target) in pairs:
                continue
            if claims[source]["speaker"] is claims[target]["speaker"]:
                continue
            pairs.add((source, target))
            kind = "contradicts" if rng.random() < 0.66 else "supports"
            status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
            self._ids["relation"] += 1
            stamp = _stamp(max(claims[source]["day"], claims[target]["day"]), rng)
            window.relations.append(
                (
                    self._ids["relation"],
                    kind,
                    round(rng.uniform(0.3, 0.95), 2),
                    "opposite polarity on the same topic",
                    "pipeline",
                    status,
                    None,
                    stamp,
                    None,
                    source,
                    target,
                )
            )
            if kind == "contradicts" and status != "rejected":
                for cid in (source, target):
                    contradictions[cid] = contradictions.get(cid, 0) + 1
        return contradictions


_PAPERS = ("Herald", "Times", "Observer", "Post", "Courier", "Daily", "Wire", "Ledger")


def _red_line_about(text: str) -> str:
    """What a red line concerns: the first place or topic named in it."""
    lowered = text.lower()
    for phrase in (*textgen.PLACES, *textgen.TOPICS):
        if phrase in lowered:
            return phrase
    return ""
