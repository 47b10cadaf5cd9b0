"""History features: hand-computed recurrency counts, decay, rules, and no look-ahead."""

from __future__ import annotations

import math

import numpy as np
import pytest

from eventlens.forecast.data import with_inverses
from eventlens.forecast.history import FeatureConfig, HistoryStream, feature_names

CONFIG = FeatureConfig(decays=(0.5, 1.0, 2.0), relation_top_k=2)
N_REL = 3


def _stream(facts, n_entities=6):
    facts = with_inverses(np.asarray(facts, np.int64), N_REL)
    return HistoryStream(facts, n_entities, 2 * N_REL, CONFIG), facts


def _walk(stream, facts, until):
    for t in np.unique(facts[:, 3]):
        if t >= until:
            break
        stream.observe(facts[facts[:, 3] == t], float(t))


def _column(matrix, name):
    return matrix[:, feature_names(CONFIG).index(name)]


def test_strict_recurrency_counts_and_decays_by_hand():
    stream, facts = _stream([(0, 0, 1, 0), (0, 0, 1, 2), (0, 1, 2, 2), (3, 0, 4, 5)])
    _walk(stream, facts, until=3)
    owner, obj, matrix = stream.features(np.array([0]), np.array([0]), 3.0)
    row = int(np.flatnonzero(obj == 1)[0])
    assert _column(matrix, "triple_count")[row] == 2
    # decay 1.0 per step: facts 3 and 1 steps ago
    assert _column(matrix, "triple_d1")[row] == pytest.approx(math.exp(-3) + math.exp(-1), 1e-6)
    assert _column(matrix, "triple_age")[row] == 1
    # entity 2 shares a past with 0 under another relation only
    other = int(np.flatnonzero(obj == 2)[0])
    assert _column(matrix, "triple_count")[other] == 0
    assert _column(matrix, "pair_count")[other] == 1


def test_future_facts_are_never_candidates_nor_counted():
    stream, facts = _stream([(0, 0, 1, 0), (3, 0, 4, 5), (0, 0, 5, 5)])
    _walk(stream, facts, until=5)
    owner, obj, matrix = stream.features(np.array([0]), np.array([0]), 5.0)
    assert 5 not in obj.tolist()  # (0, 0, 5) happens at 5 itself
    assert 4 not in obj.tolist()


def test_features_do_not_depend_on_facts_after_the_query_time():
    past = [(0, 0, 1, 0), (1, 1, 2, 1), (0, 2, 2, 1), (2, 0, 1, 2)]
    future = [(0, 0, 3, 4), (0, 1, 1, 5), (4, 0, 1, 6)]
    short, short_facts = _stream(past)
    long, long_facts = _stream(past + future)
    _walk(short, short_facts, until=3)
    _walk(long, long_facts, until=3)
    queries = (np.array([0, 2, 1]), np.array([0, 0, 4]))
    a = short.features(*queries, 3.0)
    b = long.features(*queries, 3.0)
    for left, right in zip(a, b, strict=True):
        assert np.array_equal(left, right, equal_nan=True)


def test_rule_confidence_is_the_precision_of_the_body_relation():
    # relation 1 between a pair is followed by relation 0 between the same pair
    facts = [(0, 1, 1, 0), (0, 0, 1, 1), (2, 1, 3, 2), (2, 0, 3, 3), (2, 1, 4, 3)]
    stream, all_facts = _stream(facts)
    _walk(stream, all_facts, until=4)
    # two (s, 0) queries happened when s had one object under relation 1; both hit it
    assert stream.rule_hits[1, 0] == 2
    assert stream.rule_body[1, 0] == 2
    owner, obj, matrix = stream.features(np.array([2]), np.array([0]), 4.0)
    row = int(np.flatnonzero(obj == 4)[0])
    assert _column(matrix, "rule_conf_max")[row] == pytest.approx(2 / (2 + CONFIG.rule_smoothing))


def test_two_hop_walk_reaches_partners_of_partners():
    stream, facts = _stream([(0, 0, 1, 0), (1, 0, 2, 0), (1, 1, 3, 0)])
    _walk(stream, facts, until=1)
    key, weight = stream.two_hop(np.array([0]), 1.0)
    reached = dict(zip((key % 6).tolist(), weight.tolist(), strict=True))
    # 0 -> 1 (weight 1), then 1 -> {0, 2, 3} equally; returning to 0 is dropped
    assert set(reached) == {2, 3}
    assert reached[2] == pytest.approx(1 / 3)
