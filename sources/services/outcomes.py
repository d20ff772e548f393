"""What happened to each input: ingested, duplicate, or failed with a reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["ingested", "duplicate", "failed"]


@dataclass(slots=True)
class ItemOutcome:
    """One article (or one refused input or part of one)."""

    input: str
    status: Status
    reason: str = ""
    article_id: int | None = None
    copy_of: int | None = None


@dataclass(slots=True)
class IngestReport:
    """Outcomes of one ingestion run, in input order."""

    outcomes: list[ItemOutcome] = field(default_factory=list)

    def add(self, outcome: ItemOutcome) -> ItemOutcome:
        """Record an outcome and return it."""
        self.outcomes.append(outcome)
        return outcome

    def extend(self, other: IngestReport) -> None:
        """Append another report's outcomes."""
        self.outcomes.extend(other.outcomes)

    def count(self, status: Status) -> int:
        """How many outcomes have this status."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def ingested(self) -> int:
        return self.count("ingested")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def failures(self) -> list[ItemOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    @property
    def article_ids(self) -> list[int]:
        """Ids of the articles stored by this run."""
        return [o.article_id for o in self.outcomes if o.status == "ingested" and o.article_id]

    def summary(self) -> str:
        """The one-line summary: "ingested: 5, duplicates: 0, failed: 0"."""
        return f"ingested: {self.ingested}, duplicates: {self.duplicates}, failed: {self.failed}"
