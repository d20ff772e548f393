"""The synthetic data generator: proportions, offsets and the counters kept on Claim."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from redline.bench import generator as gen


@pytest.fixture(scope="module")
def data() -> tuple[gen.DataGenerator, list[gen.Window], list[gen.Row], list[gen.Row]]:
    generator = gen.DataGenerator(3000, seed=3)
    generator.outlet_rows()
    actors, aliases = generator.actor_rows()
    return generator, list(generator.windows()), actors, aliases


def column(rows: list[gen.Row], columns: tuple[str, ...], name: str) -> list[object]:
    at = columns.index(name)
    return [row[at] for row in rows]


def test_rows_match_their_column_lists(data) -> None:  # type: ignore[no-untyped-def]
    _, windows, actors, aliases = data
    window = windows[0]
    assert {len(r) for r in window.claims} == {len(gen.CLAIM_COLUMNS)}
    assert {len(r) for r in window.articles} == {len(gen.ARTICLE_COLUMNS)}
    assert {len(r) for r in window.mentions} == {len(gen.MENTION_COLUMNS)}
    assert {len(r) for r in window.relations} == {len(gen.RELATION_COLUMNS)}
    assert {len(r) for r in actors} == {len(gen.ACTOR_COLUMNS)}
    assert {len(r) for r in aliases} == {len(gen.ALIAS_COLUMNS)}


def test_proportions_are_realistic(data) -> None:  # type: ignore[no-untyped-def]
    _, windows, actors, aliases = data
    claims = sum(len(w.claims) for w in windows)
    mentions = sum(len(w.mentions) for w in windows)
    articles = sum(len(w.articles) for w in windows)
    assert claims == 3000
    assert 2.8 <= mentions / claims <= 3.6
    assert 4.5 <= mentions / articles <= 7.5
    red = [r for w in windows for r in column(w.claims, gen.CLAIM_COLUMNS, "red_line")]
    assert 0.2 <= sum(map(bool, red)) / claims <= 0.4
    assert len(aliases) > len(actors)
    speakers = Counter(
        s for w in windows for s in column(w.claims, gen.CLAIM_COLUMNS, "speaker_id") if s
    )
    # A few speakers speak much more often than most.
    assert speakers.most_common(1)[0][1] > 10 * sorted(speakers.values())[len(speakers) // 2]


def test_names_and_aliases_are_unique(data) -> None:  # type: ignore[no-untyped-def]
    _, _, actors, aliases = data
    names = column(actors, gen.ACTOR_COLUMNS, "normalized_name")
    normalized = column(aliases, gen.ALIAS_COLUMNS, "normalized")
    assert len(set(names)) == len(names)
    assert len(set(normalized)) == len(normalized)
    assert not set(names) & set(normalized)


def test_mention_offsets_point_at_their_sentence(data) -> None:  # type: ignore[no-untyped-def]
    _, windows, _, _ = data
    texts = {row[0]: row[gen.ARTICLE_COLUMNS.index("text")] for w in windows for row in w.articles}
    at = {name: gen.MENTION_COLUMNS.index(name) for name in gen.MENTION_COLUMNS}
    for window in windows:
        for m in window.mentions:
            text = texts[m[at["article_id"]]]
            assert text[m[at["start"]] : m[at["end"]]] == m[at["sentence"]]


def test_counters_agree_with_the_rows(data) -> None:  # type: ignore[no-untyped-def]
    _, windows, _, _ = data
    outlet_of = {
        row[0]: row[gen.ARTICLE_COLUMNS.index("outlet_id")] for w in windows for row in w.articles
    }
    mentions: dict[int, list[gen.Row]] = defaultdict(list)
    contradictions: Counter[int] = Counter()
    for window in windows:
        for m in window.mentions:
            mentions[m[gen.MENTION_COLUMNS.index("claim_id")]].append(m)
        for r in window.relations:
            if r[1] == "contradicts" and r[5] != "rejected":
                contradictions[r[-2]] += 1
                contradictions[r[-1]] += 1
    c = {name: gen.CLAIM_COLUMNS.index(name) for name in gen.CLAIM_COLUMNS}
    for window in windows:
        for claim in window.claims:
            own = mentions[claim[c["id"]]]
            assert claim[c["mention_count"]] == len(own)
            assert claim[c["outlet_count"]] == len({outlet_of[m[-3]] for m in own})
            assert claim[c["contradiction_count"]] == contradictions[claim[c["id"]]]
            assert claim[c["first_mention_id"]] in {m[0] for m in own}


def test_search_words_vary(data) -> None:  # type: ignore[no-untyped-def]
    _, windows, _, _ = data
    texts = [t for w in windows for t in column(w.claims, gen.CLAIM_COLUMNS, "text")]
    for word in ("pipeline", "sanctions", "ceasefire"):
        share = sum(word in str(t) for t in texts) / len(texts)
        assert 0.001 < share < 0.2
