"""The pure extraction on the seed corpus must not fall below a floor."""

from __future__ import annotations

import json

import pytest

from claims.evaluation.corpus import claim_records, extract_corpus, read_corpus
from claims.evaluation.scoring import score

# Set a little under what the rules reach on the seeds (F1 0.90, speaker accuracy 0.98,
# kind accuracy 0.73).
STATEMENT_F1_FLOOR = 0.88
SPEAKER_ACCURACY_FLOOR = 0.95
KIND_ACCURACY_FLOOR = 0.70


@pytest.mark.slow
def test_seed_statements_and_speakers_stay_above_the_floor(shared_corpus):
    gold = json.loads((shared_corpus / "seeds-gold.json").read_text(encoding="utf-8"))
    results = list(extract_corpus(read_corpus(shared_corpus / "seeds")))
    for article, extraction in results:
        for st in extraction.statements:
            assert article.text[st.start : st.end] == st.sentence
    scores = score(gold, claim_records(results))
    assert scores.statement_f1 >= STATEMENT_F1_FLOOR
    assert scores.speaker_accuracy.value >= SPEAKER_ACCURACY_FLOOR
    assert scores.kind_accuracy.value >= KIND_ACCURACY_FLOOR
