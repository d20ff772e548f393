"""The benchmark table: one row per figure, the machine at its head, optional "before" column."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Figure:
    section: str
    name: str
    value: float
    unit: str
    target: str = ""
    before: float | None = None


@dataclass
class Table:
    """Figures collected during a run; ``render`` prints them as one aligned table."""

    title: str
    head: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def add(self, section: str, name: str, value: float, unit: str, target: str = "") -> None:
        self.figures.append(Figure(section, name, value, unit, target))

    def key(self, figure: Figure) -> str:
        return f"{figure.section} | {figure.name}"

    def attach_before(self, path: Path) -> None:
        """Fill the "before" column from an earlier run's JSON (same section and name)."""
        earlier = json.loads(path.read_text())
        for figure in self.figures:
            value = earlier.get("figures", {}).get(self.key(figure))
            figure.before = float(value) if value is not None else None

    def save(self, path: Path) -> None:
        """Write the figures as JSON (for a later run's "before" column)."""
        data = {
            "title": self.title,
            "head": self.head,
            "figures": {self.key(f): f.value for f in self.figures},
        }
        path.write_text(json.dumps(data, indent=1))

    def render(self) -> str:
        """The table as text."""
        with_before = any(f.before is not None for f in self.figures)
        rows = [["section", "measure", "value", "unit", "target"]]
        if with_before:
            rows[0].insert(2, "before")
        for f in self.figures:
            row = [f.section, f.name, _number(f.value), f.unit, f.target]
            if with_before:
                row.insert(2, _number(f.before) if f.before is not None else "")
            rows.append(row)
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        numeric = {2, 3} if with_before else {2}
        lines = [f"== {self.title}", *[f"   {h}" for h in self.head]]
        rule = "-+-".join("-" * w for w in widths)
        for index, row in enumerate(rows):
            cells = [
                cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
                for i, cell in enumerate(row)
            ]
            lines.append(" | ".join(cells).rstrip())
            if index == 0:
                lines.append(rule)
        return "\n".join(lines)


def _number(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
