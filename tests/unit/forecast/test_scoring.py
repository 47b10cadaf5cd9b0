"""Ranks, ties and filters of the forecasting scorer, checked against ranks worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from eventlens.errors import ForecastError
from eventlens.forecast.data import make_graph
from eventlens.forecast.scoring import (
    Evaluator,
    RankMetrics,
    exclusion_pairs,
    make_queries,
    rank_answers,
)

NO_PAIRS = (np.zeros(0, np.int64), np.zeros(0, np.int64))


def test_ties_are_ranked_by_the_chosen_policy():
    # answer 1 scores 0.5; entity 0 beats it, entity 2 ties with it, entity 3 is below
    scores = np.array([[0.9, 0.5, 0.5, 0.1]])
    answers = np.array([1])
    assert rank_answers(scores, answers, *NO_PAIRS, ties="pessimistic")[0] == 3.0
    assert rank_answers(scores, answers, *NO_PAIRS, ties="average")[0] == 2.5
    assert rank_answers(scores, answers, *NO_PAIRS, ties="optimistic")[0] == 2.0


def test_all_equal_scores_put_the_answer_last_when_pessimistic():
    scores = np.zeros((1, 5))
    assert rank_answers(scores, np.array([4]), *NO_PAIRS, ties="pessimistic")[0] == 5.0
    assert rank_answers(scores, np.array([4]), *NO_PAIRS, ties="average")[0] == 3.0


def test_excluded_entities_do_not_count_above_or_level_with_the_answer():
    scores = np.array([[0.9, 0.5, 0.5, 0.1],
                       [0.9, 0.5, 0.5, 0.1]])
    answers = np.array([1, 3])
    # row 0 drops the better entity 0 and the tied entity 2; row 1 drops entity 0
    row, entity = np.array([0, 0, 1]), np.array([0, 2, 0])
    ranks = rank_answers(scores, answers, row, entity, ties="pessimistic")
    assert ranks.tolist() == [1.0, 3.0]


def test_unknown_tie_policy_is_refused():
    with pytest.raises(ForecastError):
        rank_answers(np.zeros((1, 2)), np.array([0]), *NO_PAIRS, ties="random")


def _toy_graph():
    # relation 0 = "meets", relation 1 = "accuses"; entities 0..4; one step is 24 hours
    train = [(0, 0, 1, 0), (0, 0, 2, 24)]
    valid = [(0, 0, 3, 48)]
    test = [(0, 0, 4, 72), (0, 0, 2, 72), (1, 1, 0, 72)]
    return make_graph("toy", train, valid, test, n_entities=5, n_relations=2)


def test_queries_ask_for_objects_and_for_subjects_through_inverse_relations():
    queries = make_queries(np.array([(1, 1, 0, 72)]), n_relations=2)
    assert queries.tolist() == [[1, 1, 0, 72], [0, 3, 1, 72]]


def _excluded(queries, graph, mode):
    known = np.concatenate([graph.train, graph.valid, graph.test])
    row, entity = exclusion_pairs(queries, known, mode, graph.n_relations)
    return {(int(q), int(e)) for q, e in zip(row, entity, strict=True)}


def test_time_aware_filter_removes_only_other_answers_at_the_same_time():
    graph = _toy_graph()
    queries = make_queries(graph.test, graph.n_relations)
    # query 0 is (0, meets, ?, 72) with answer 4: entity 2 is also met at 72, entities 1 and 3
    # were met earlier and stay; query 1 is (0, meets, ?, 72) with answer 2 and drops 4.
    assert _excluded(queries, graph, "time_aware") == {(0, 2), (1, 4)}


def test_static_filter_removes_other_answers_at_any_time():
    graph = _toy_graph()
    queries = make_queries(graph.test, graph.n_relations)
    assert _excluded(queries, graph, "static") == {(0, 1), (0, 2), (0, 3),
                                                   (1, 1), (1, 3), (1, 4)}


def test_raw_filter_removes_nothing():
    graph = _toy_graph()
    queries = make_queries(graph.test, graph.n_relations)
    assert _excluded(queries, graph, "raw") == set()


def test_evaluator_gives_hand_computed_metrics_under_each_filter():
    graph = _toy_graph()
    evaluator = Evaluator(graph, "test", ties="pessimistic")
    # every query scores entities by a fixed preference 1 > 2 > 3 > 4 > 0
    scores = np.tile(np.array([0.0, 0.9, 0.8, 0.7, 0.6]), (len(evaluator.queries), 1))
    evaluator.add(np.arange(len(evaluator.queries)), scores)
    # queries: (0,0,?)->4, (0,0,?)->2, (1,1,?)->0, then inverses (4,2,?)->0, (2,2,?)->0,
    # (0,3,?)->1. Raw ranks: 4, 2, 5, 5, 5, 1.
    assert evaluator.ranks("raw").tolist() == [4, 2, 5, 5, 5, 1]
    # time-aware: query 0 drops 2 (rank 4 -> 3); query 1 drops 4 (below it, no change)
    assert evaluator.ranks("time_aware").tolist() == [3, 2, 5, 5, 5, 1]
    # static: query 0 drops 1, 2, 3 (-> 1); query 1 drops 1 (-> 1); query 4 (2, meets^-1, ?)
    # has answer 0 only at 24 and 72, nothing else to drop
    assert evaluator.ranks("static").tolist() == [1, 1, 5, 5, 5, 1]
    results = evaluator.results()
    expected_mrr = (1 / 3 + 1 / 2 + 1 / 5 + 1 / 5 + 1 / 5 + 1) / 6
    assert results["time_aware"].mrr == pytest.approx(expected_mrr)
    assert results["time_aware"].hits1 == pytest.approx(1 / 6)
    assert results["time_aware"].hits3 == pytest.approx(3 / 6)
    assert results["time_aware"].hits10 == pytest.approx(1.0)


def test_evaluator_refuses_results_before_every_query_is_scored():
    evaluator = Evaluator(_toy_graph(), "test")
    with pytest.raises(ForecastError):
        evaluator.results()


def test_metrics_from_ranks():
    metrics = RankMetrics.from_ranks(np.array([1.0, 2.0, 4.0, 20.0]))
    assert metrics.mrr == pytest.approx((1 + 0.5 + 0.25 + 0.05) / 4)
    assert (metrics.hits1, metrics.hits3, metrics.hits10) == (0.25, 0.5, 0.75)
    assert metrics.to_dict()["hits@10"] == 0.75
