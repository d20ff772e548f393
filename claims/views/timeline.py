"""A server-rendered SVG timeline: one dot per claim, placed by date, a lane per kind of claim.

Each dot is a link to its claim, with a <title> tooltip; no JavaScript is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim

WIDTH = 900
LANE = 34
LEFT = 110
RIGHT = 20
TOP = 16
AXIS = 30
RADIUS = 6
MARK = 987654321  # a claim id whose place in the reversed URL the dots fill in


def timeline_svg(claims: Sequence[Claim]) -> SafeString:
    """The SVG chart for ``claims`` (dated ones); an empty string when there are none."""
    dated = [c for c in claims if c.said_on]
    if not dated:
        return mark_safe("")
    lanes = [k for k in Claim.Kind.values if any(c.kind == k for c in dated)]
    first = min(c.said_on for c in dated if c.said_on)
    last = max(c.said_on for c in dated if c.said_on)
    span = max((last - first).days, 1)
    height = TOP + LANE * len(lanes) + AXIS
    inner = WIDTH - LEFT - RIGHT

    def x(day: date) -> float:
        return LEFT + inner * (day - first).days / span

    parts: list[str] = [
        str(
            format_html(
                '<svg class="timeline" viewBox="0 0 {} {}" role="img" '
                'aria-labelledby="timeline-title"><title id="timeline-title">'
                "{} statements from {} to {}</title>",
                WIDTH,
                height,
                len(dated),
                first.isoformat(),
                last.isoformat(),
            )
        )
    ]
    for index, kind in enumerate(lanes):
        y = TOP + LANE * index + LANE / 2
        parts.append(
            str(
                format_html(
                    '<line class="lane" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                    '<text class="lane-label" x="{}" y="{}">{}</text>',
                    LEFT,
                    WIDTH - RIGHT,
                    y,
                    y,
                    LEFT - 8,
                    y + 4,
                    kind,
                )
            )
        )
    axis_y = TOP + LANE * len(lanes) + 14
    for tick in _ticks(first, last):
        parts.append(
            str(
                format_html(
                    '<text class="tick" x="{}" y="{}">{}</text>',
                    round(x(tick), 1),
                    axis_y,
                    tick.isoformat() if span < 60 else tick.strftime("%Y-%m"),
                )
            )
        )
    # One f-string per dot with the URL built once: format_html and reverse() per dot were most
    # of an actor page's time (400 dots).
    before, after = reverse("claims:claim", args=[MARK]).split(str(MARK))
    seen: dict[tuple[str, date], int] = {}
    for claim in dated:
        assert claim.said_on is not None
        key = (claim.kind, claim.said_on)
        stack = seen.get(key, 0)
        seen[key] = stack + 1
        y = TOP + LANE * lanes.index(claim.kind) + LANE / 2 - (stack % 3) * 5
        speaker = claim.speaker.name if claim.speaker else "unknown speaker"
        parts.append(
            f'<a href="{before}{int(claim.pk)}{after}" class="dot-link">'
            f'<circle class="dot {"red" if claim.red_line else "plain"}" '
            f'cx="{round(x(claim.said_on), 1)}" cy="{y}" r="{RADIUS}">'
            f"<title>{escape(speaker)} — {escape(claim.text[:160])} "
            f"({claim.said_on.isoformat()}, {escape(claim.said_on_precision)})</title></circle></a>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every part is format_html output or escaped


def _ticks(first: date, last: date, count: int = 6) -> list[date]:
    days = (last - first).days
    if days == 0:
        return [first]
    step = max(days // (count - 1), 1)
    ticks = [first + timedelta(days=step * i) for i in range(count) if step * i <= days]
    if ticks[-1] != last and (last - ticks[-1]).days > step / 2:
        ticks.append(last)
    return ticks
