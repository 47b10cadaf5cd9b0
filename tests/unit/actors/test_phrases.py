"""Phrases of a parsed sentence (actors/phrases.py)."""

from __future__ import annotations

import pytest

from eventlens.actors.phrases import NounChunks, phrase_range

pytestmark = pytest.mark.model

TEXT = ("Foreign ministers of the two countries met in Vienna on Monday. "
        "The talks, which had stalled for months, resumed after a long pause. "
        "A senior diplomat said the remaining gaps were narrow.")


def test_noun_chunks_by_sentence_are_spacys_own(nlp):
    doc = nlp(TEXT)
    chunks = NounChunks(doc)
    sentences = list(doc.sents)
    assert len(sentences) == 3
    for sent in sentences:
        ours = [(c.start, c.end) for c in chunks.within(sent)]
        assert ours == [(c.start, c.end) for c in sent.noun_chunks]
        assert ours  # every sentence here has a noun chunk


def test_a_phrase_range_leaves_out_relative_clauses(nlp):
    doc = nlp(TEXT)
    talks = next(t for t in doc if t.lower_ == "talks")
    lo, hi = phrase_range(talks)
    assert doc[lo:hi].text == "The talks"
