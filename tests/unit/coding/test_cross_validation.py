"""PLV cross-validation scores the coder end to end at the default threshold and with every
proposal, never with a model that saw the fold (sentences written for this test)."""

from __future__ import annotations

import pytest

from eventlens.coding import training
from eventlens.evaluate.plv import read_plv

pytestmark = pytest.mark.model

ROWS = [(f"<s>{a}</s> accused <t>{b}</t> of spying.", "ACCUSE") for a, b in [
    ("Chile", "Peru"), ("Norway", "Russia"), ("Japan", "China"), ("Kenya", "Uganda"),
    ("Poland", "Belarus"), ("Ghana", "Togo")]] + \
    [(f"<s>{a}</s> sent food aid to <t>{b}</t>.", "AID") for a, b in [
        ("Canada", "Haiti"), ("Japan", "Nepal"), ("Qatar", "Sudan"), ("Spain", "Niger"),
        ("Italy", "Libya"), ("Korea", "Laos")]]


def test_end_to_end_is_scored_at_the_threshold_and_with_every_proposal(tmp_path):
    path = tmp_path / "plv.tsv"
    lines = ["\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\tmodality_L2"]
    lines += [f"{n}\t{n}\tx\t{marked}\ts\tt\t{root}\tpast" for n, (marked, root) in enumerate(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_plv(path)
    docs, examples = training.featurize(items)
    every = training.cross_validate(items, docs, examples, folds=2, min_confidence=0.0)
    none = training.cross_validate(items, docs, examples, folds=2, min_confidence=1.01)
    assert {"dyad_given", "end_to_end", "end_to_end_all"} <= set(every)
    # at threshold 0 the two end-to-end scores agree; above every confidence nothing is found
    assert every["end_to_end"] == every["end_to_end_all"]
    assert every["end_to_end_all"]["accuracy"]["mean"] > 0.5
    assert none["end_to_end"]["accuracy"]["mean"] == 0.0
    assert none["end_to_end_all"] == every["end_to_end_all"]
