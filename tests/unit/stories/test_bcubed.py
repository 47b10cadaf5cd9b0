"""B-cubed scores on examples small enough to compute by hand."""

from __future__ import annotations

import pytest

from eventlens.evaluate.stories import score_stories


def test_perfect_clustering():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert score_stories(gold, {"a": "1", "b": "1", "c": "2"}) == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_everything_in_one_cluster():
    # gold {a,b} {c}: precision a,b: 2/3, c: 1/3 -> 5/9; recall 1 for all
    got = score_stories({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "1"})
    assert got["precision"] == pytest.approx(5 / 9, abs=1e-4)
    assert got["recall"] == 1.0
    assert got["f1"] == pytest.approx(2 * (5 / 9) / (1 + 5 / 9), abs=1e-4)


def test_all_singletons():
    # gold {a,b,c} {d}: recall a,b,c: 1/3, d: 1 -> (1 + 1) / 4 = 0.5; precision 1
    got = score_stories({"a": "x", "b": "x", "c": "x", "d": "y"},
                        {"a": "1", "b": "2", "c": "3", "d": "4"})
    assert got == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3, abs=1e-4)}


def test_mixed_example():
    # gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}
    # precision: a,b 1; c 1/3; d,e 2/3 -> (2 + 1/3 + 4/3) / 5 = 11/15
    # recall: a,b 2/3; c 1/3; d,e 1 -> (4/3 + 1/3 + 2) / 5 = 11/15
    gold = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    pred = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    got = score_stories(gold, pred)
    assert got["precision"] == got["recall"] == got["f1"] == pytest.approx(11 / 15, abs=1e-4)


def test_missing_predictions_are_singletons_and_extra_ones_ignored():
    gold = {"a": "x", "b": "x"}
    got = score_stories(gold, {"a": "1", "z": "1"})
    assert got["precision"] == 1.0 and got["recall"] == 0.5
    assert score_stories({}, {"a": "1"}) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
