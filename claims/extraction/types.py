"""The dataclasses extraction returns; services turn them into rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ActorKind = Literal["person", "organization", "country", "group"]
Precision = Literal["day", "month", "year", "unknown"]
ClaimKind = Literal["warning", "accusation", "denial", "demand", "assertion", "announcement"]


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as one article names it: its fullest name there, kind, role and other forms."""

    name: str
    kind: ActorKind
    role: str = ""
    surface_forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SaidOn:
    """When a statement was made, at the precision the text supports."""

    value: date | None
    precision: Precision

    def iso(self) -> str | None:
        """Format at the precision: YYYY-MM-DD, YYYY-MM, YYYY, or None."""
        if self.value is None or self.precision == "unknown":
            return None
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


UNKNOWN_DATE = SaidOn(None, "unknown")


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement: who, what, the cue, and the exact span of the cleaned text.

    ``start``/``end`` are character offsets into the cleaned article text, and
    ``text[start:end] == sentence`` always holds.
    """

    speaker: ActorRef
    start: int
    end: int
    sentence: str
    content: str
    cue: str
    direct: bool
    anonymous: bool = False
    said_on: SaidOn = UNKNOWN_DATE
    red_line: bool = False
    red_line_about: str = ""
    kind: ClaimKind = "assertion"
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Everything extracted from one article."""

    statements: list[Statement] = field(default_factory=list)
    actors: list[ActorRef] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Classification:
    """A statement's red-line flag, what the red line concerns (empty if none) and its kind."""

    red_line: bool
    red_line_about: str
    kind: ClaimKind
