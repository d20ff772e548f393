"""The project's own development set (tests/data/devset) is a sound gold annotation.

The checks follow the gold format of the shared ANNOTATION.md ("redline-gold/1"): every
sentence is an exact substring of its file after the header block, speakers are listed
actors, dates fit their precision, and same-claim members and contradiction ends name
statements of the gold. They are re-implemented here so the test needs nothing outside
the project.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

DEVSET = Path(__file__).resolve().parent / "data" / "devset"
GOLD = DEVSET.parent / "devset-gold.json"

KINDS = {"warning", "accusation", "denial", "demand", "assertion", "announcement"}
ACTOR_KINDS = {"person", "organization", "country", "group"}
DATE_LENGTHS = {"day": 10, "month": 7, "year": 4}
DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
HEADER = re.compile(r"^(URL|Published|Outlet|Author):\s*(.*)$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields and the page text after the optional header block."""
    lines = text.split("\n")
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines) and (match := HEADER.match(lines[i])):
        fields[match.group(1)] = match.group(2).strip()
        i += 1
    if i and i < len(lines) and lines[i].strip() == "":
        return fields, "\n".join(lines[i + 1 :])
    return fields, text if i == 0 else "\n".join(lines[i:])


def check_statement(where: str, st: dict[str, Any], body: str, actors: set[str]) -> list[str]:
    """Problems with one gold statement of an article whose text is ``body``."""
    problems = []
    sentence = st.get("sentence") or ""
    if not sentence or sentence not in body:
        problems.append(f"{where}: sentence is not an exact substring: {sentence[:60]!r}")
    if st.get("speaker") not in actors:
        problems.append(f"{where}: speaker {st.get('speaker')!r} is not among the actors")
    if st.get("kind") not in KINDS:
        problems.append(f"{where}: kind {st.get('kind')!r}")
    for key in ("direct", "anonymous", "red_line"):
        if not isinstance(st.get(key), bool):
            problems.append(f"{where}: {key} must be true or false")
    if st.get("red_line") is True and not st.get("red_line_about"):
        problems.append(f"{where}: red_line_about missing")
    if st.get("red_line") is False and st.get("red_line_about") is not None:
        problems.append(f"{where}: red_line_about set on a statement that is not a red line")
    precision, said_on = st.get("said_on_precision"), st.get("said_on")
    if precision == "unknown":
        if said_on is not None:
            problems.append(f"{where}: said_on must be null when precision is unknown")
    elif precision in DATE_LENGTHS:
        if not isinstance(said_on, str) or not re.fullmatch(DATE_FORMS[precision], said_on):
            problems.append(f"{where}: said_on {said_on!r} does not fit precision {precision}")
    else:
        problems.append(f"{where}: said_on_precision {precision!r}")
    if not st.get("content") or not st.get("cue"):
        problems.append(f"{where}: content and cue are required")
    return problems


def check_article(art: dict[str, Any], corpus: Path) -> tuple[list[str], set[tuple[str, str]]]:
    """Problems with one gold article, and the (file, sentence) keys of its statements."""
    name = art.get("file", "?")
    path = corpus / name
    if not path.is_file():
        return [f"{name}: no such file in the corpus"], set()
    header, body = split_header(path.read_text(encoding="utf-8"))
    problems = []
    published = art.get("published")
    if published is not None and not re.fullmatch(DATE_FORMS["day"], published):
        problems.append(f"{name}: published {published!r} is not YYYY-MM-DD")
    if "Published" in header and header["Published"][:10] != published:
        problems.append(f"{name}: published {published!r} differs from the header")
    if str(art.get("title")) not in body:
        problems.append(f"{name}: title is not in the text")
    problems += [
        f"{name}: boilerplate line not in file: {line[:60]!r}"
        for line in art.get("boilerplate", [])
        if line not in body
    ]
    actors = set()
    for actor in art.get("actors", []):
        if actor.get("kind") not in ACTOR_KINDS:
            problems.append(f"{name}: actor {actor.get('name')!r} kind {actor.get('kind')!r}")
        actors.add(actor.get("name"))
    keys = set()
    for i, st in enumerate(art.get("statements", [])):
        problems += check_statement(f"{name} statement {i}", st, body, actors)
        keys.add((name, st.get("sentence", "")))
    return problems, keys


def gold_problems(gold: dict[str, Any], corpus: Path) -> list[str]:
    """Every problem found in a gold file against its corpus folder (empty when sound)."""
    problems = [] if gold.get("schema") == "redline-gold/1" else ["schema is not redline-gold/1"]
    known: set[tuple[str, str]] = set()
    for art in gold.get("articles", []):
        found, keys = check_article(art, corpus)
        problems += found
        known |= keys
    for group in gold.get("same_claim", []):
        members = group.get("members", [])
        if len(members) < 2:
            problems.append("same_claim group with fewer than two members")
        problems += [
            f"same_claim member is not a statement: {m.get('file')} {m.get('sentence', '')[:50]!r}"
            for m in members
            if (m.get("file"), m.get("sentence")) not in known
        ]
    for pair in gold.get("contradictions", []):
        ends = [pair.get("a", {}), pair.get("b", {})]
        problems += [
            f"contradiction end is not a statement: {m.get('file')} {m.get('sentence', '')[:50]!r}"
            for m in ends
            if (m.get("file"), m.get("sentence")) not in known
        ]
        if ends[0] == ends[1]:
            problems.append("contradiction between a statement and itself")
        if not pair.get("reason"):
            problems.append("contradiction without a reason")
    return problems


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_gold_is_sound(gold: dict[str, Any]) -> None:
    assert gold_problems(gold, DEVSET) == []


def test_every_article_file_is_annotated(gold: dict[str, Any]) -> None:
    files = {p.name for p in DEVSET.glob("*.txt")}
    assert files == {art["file"] for art in gold["articles"]}


def test_devset_has_the_intended_size(gold: dict[str, Any]) -> None:
    statements = [st for art in gold["articles"] for st in art["statements"]]
    assert len(gold["articles"]) == 15
    assert len(statements) >= 120
    assert sum(st["red_line"] for st in statements) >= 15
    assert len(gold["same_claim"]) >= 10
    assert len(gold["contradictions"]) >= 8
    # Same-claim groups and contradictions must reach across articles, not only within one.
    assert any(len({m["file"] for m in g["members"]}) > 1 for g in gold["same_claim"])
    assert any(p["a"]["file"] != p["b"]["file"] for p in gold["contradictions"])


def test_one_article_has_no_date_and_its_statements_none(gold: dict[str, Any]) -> None:
    undated = [art for art in gold["articles"] if art["published"] is None]
    assert len(undated) == 1
    assert all(st["said_on_precision"] == "unknown" for st in undated[0]["statements"])


def _first_statement(gold: dict[str, Any]) -> dict[str, Any]:
    return gold["articles"][0]["statements"][0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sentence", "A sentence that is nowhere in the file.", "exact substring"),
        ("speaker", "Nobody In Particular", "not among the actors"),
        ("kind", "rumour", "kind"),
        ("said_on", "2026-07", "does not fit precision"),
        ("red_line_about", None, "red_line_about"),
    ],
)
def test_checks_catch_a_broken_statement(
    gold: dict[str, Any], field: str, value: Any, message: str
) -> None:
    broken = copy.deepcopy(gold)
    statement = _first_statement(broken)
    statement[field] = value
    if field == "red_line_about":
        statement["red_line"] = True
    assert any(message in p for p in gold_problems(broken, DEVSET))


def test_checks_catch_a_dangling_reference(gold: dict[str, Any]) -> None:
    broken = copy.deepcopy(gold)
    broken["contradictions"][0]["a"]["sentence"] += " (edited)"
    broken["same_claim"][0]["members"][0]["file"] = "missing.txt"
    problems = gold_problems(broken, DEVSET)
    assert any("contradiction end is not a statement" in p for p in problems)
    assert any("same_claim member is not a statement" in p for p in problems)
