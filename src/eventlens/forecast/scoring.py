"""Ranking metrics for entity forecasting: queries, raw/static/time-aware filters, ties, MRR.

A test fact (s, r, o, t) gives two queries, (s, r, ?, t) and (o, r^-1, ?, t). Each query's
answer is ranked against every entity. The filters remove other true answers before ranking:

- ``raw``: nothing is removed.
- ``time_aware``: other objects o' with (s, r, o', t) true at the same time t are removed.
- ``static``: other objects o' with (s, r, o') true at any time in any split are removed.

Ties: ``pessimistic`` ranks the answer below every entity with an equal score, ``average`` in
the middle of them, ``optimistic`` above them (only for comparison; never report it alone).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eventlens.errors import ForecastError
from eventlens.forecast.data import TemporalGraph, with_inverses

FILTERS = ("time_aware", "raw", "static")
TIE_POLICIES = ("pessimistic", "average", "optimistic")


@dataclass(frozen=True)
class RankMetrics:
    """Mean reciprocal rank and hits@k over a set of queries."""

    mrr: float
    hits1: float
    hits3: float
    hits10: float
    n_queries: int

    @classmethod
    def from_ranks(cls, ranks: np.ndarray) -> RankMetrics:
        ranks = np.asarray(ranks, dtype=np.float64)
        if not len(ranks):
            return cls(0.0, 0.0, 0.0, 0.0, 0)
        return cls(float(np.mean(1.0 / ranks)), float(np.mean(ranks <= 1)),
                   float(np.mean(ranks <= 3)), float(np.mean(ranks <= 10)), len(ranks))

    def to_dict(self) -> dict[str, float | int]:
        return {"mrr": self.mrr, "hits@1": self.hits1, "hits@3": self.hits3,
                "hits@10": self.hits10, "n_queries": self.n_queries}


def make_queries(facts: np.ndarray, n_relations: int) -> np.ndarray:
    """The (n, 4) queries (s, r, answer, t) of facts: first every (s, r, ?, t), then inverses."""
    return with_inverses(np.asarray(facts, dtype=np.int64).reshape(-1, 4), n_relations)


def _group_keys(facts: np.ndarray, time_codes: np.ndarray | None, n_times: int,
                n_rel2: int) -> np.ndarray:
    key = facts[:, 0] * n_rel2 + facts[:, 1]
    if time_codes is not None:
        key = key * n_times + time_codes
    return key


def exclusion_pairs(queries: np.ndarray, known: np.ndarray, mode: str,
                    n_relations: int) -> tuple[np.ndarray, np.ndarray]:
    """Which (query index, entity) pairs a filter removes before ranking.

    Args:
        queries: (n, 4) queries (s, r, answer, t), relations already including inverses.
        known: (m, 4) true facts of every split, without inverses (they are added here).
        mode: one of FILTERS.
        n_relations: relations before inverses.

    Returns:
        Two aligned arrays (query index, entity), unique, never the query's own answer.
    """
    if mode not in FILTERS:
        raise ForecastError(f"unknown filter {mode!r}", hint=f"choose one of {list(FILTERS)}")
    if mode == "raw" or not len(queries):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    known = np.unique(with_inverses(np.asarray(known, np.int64).reshape(-1, 4), n_relations),
                      axis=0)
    n_rel2 = 2 * n_relations
    if mode == "time_aware":
        times, codes = np.unique(np.concatenate([known[:, 3], queries[:, 3]]), return_inverse=True)
        known_key = _group_keys(known, codes[: len(known)], len(times), n_rel2)
        query_key = _group_keys(queries, codes[len(known):], len(times), n_rel2)
    else:
        known_key = _group_keys(known, None, 1, n_rel2)
        query_key = _group_keys(queries, None, 1, n_rel2)
    order = np.lexsort((known[:, 2], known_key))
    known_key, known_obj = known_key[order], known[order, 2]
    # one object per group key (the same fact may be known at several times under `static`)
    keep = np.ones(len(known_key), bool)
    keep[1:] = (known_key[1:] != known_key[:-1]) | (known_obj[1:] != known_obj[:-1])
    known_key, known_obj = known_key[keep], known_obj[keep]
    start = np.searchsorted(known_key, query_key, side="left")
    stop = np.searchsorted(known_key, query_key, side="right")
    owner, position = expand_ranges(start, stop)
    entity = known_obj[position]
    other = entity != queries[owner, 2]
    return owner[other], entity[other]


def expand_ranges(start: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges [start_i, stop_i): (i repeated per element, the element positions)."""
    lengths = np.maximum(np.asarray(stop) - np.asarray(start), 0)
    owner = np.repeat(np.arange(len(lengths)), lengths)
    if not len(owner):
        return owner, owner.copy()
    offsets = np.cumsum(lengths) - lengths
    position = np.arange(len(owner)) - offsets[owner] + np.asarray(start)[owner]
    return owner, position


def rank_answers(scores: np.ndarray, answers: np.ndarray, exclude_row: np.ndarray,
                 exclude_entity: np.ndarray, ties: str = "pessimistic") -> np.ndarray:
    """Rank of each row's answer among all entities (1 = best), after removing excluded entities.

    Args:
        scores: (n, n_entities) scores, higher is better.
        answers: (n,) the true entity of each row.
        exclude_row, exclude_entity: aligned (row, entity) pairs to remove; unique, and never the
            row's own answer.
        ties: one of TIE_POLICIES.
    """
    if ties not in TIE_POLICIES:
        raise ForecastError(f"unknown tie policy {ties!r}", hint=f"choose one of {TIE_POLICIES}")
    rows = np.arange(len(answers))
    answer_score = scores[rows, answers]
    greater = (scores > answer_score[:, None]).sum(axis=1)
    equal = (scores == answer_score[:, None]).sum(axis=1) - 1
    if len(exclude_row):
        excluded = scores[exclude_row, exclude_entity]
        greater -= np.bincount(exclude_row, excluded > answer_score[exclude_row],
                               minlength=len(rows)).astype(np.int64)
        equal -= np.bincount(exclude_row, excluded == answer_score[exclude_row],
                             minlength=len(rows)).astype(np.int64)
    if ties == "pessimistic":
        return 1.0 + greater + equal
    if ties == "average":
        return 1.0 + greater + equal / 2.0
    return 1.0 + greater


class Evaluator:
    """Collects ranks under every filter while scores for batches of queries arrive."""

    def __init__(self, graph: TemporalGraph, split: str, *, ties: str = "pessimistic") -> None:
        if ties not in TIE_POLICIES:
            raise ForecastError(f"unknown tie policy {ties!r}",
                                hint=f"choose one of {TIE_POLICIES}")
        self.ties = ties
        self.queries = make_queries(graph.split(split), graph.n_relations)
        known = np.concatenate([graph.train, graph.valid, graph.test])
        self._exclusions = {}
        for mode in FILTERS:
            row, entity = exclusion_pairs(self.queries, known, mode, graph.n_relations)
            order = np.argsort(row, kind="stable")
            row, entity = row[order], entity[order]
            bounds = np.searchsorted(row, np.arange(len(self.queries) + 1))
            self._exclusions[mode] = (entity, bounds)
        self._ranks = {mode: np.full(len(self.queries), np.nan) for mode in FILTERS}

    def add(self, query_index: np.ndarray, scores: np.ndarray) -> None:
        """Rank the answers of `queries[query_index]` given their (len, n_entities) scores."""
        query_index = np.asarray(query_index, dtype=np.int64)
        answers = self.queries[query_index, 2]
        for mode, (entity, bounds) in self._exclusions.items():
            owner, position = expand_ranges(bounds[query_index], bounds[query_index + 1])
            self._ranks[mode][query_index] = rank_answers(
                scores, answers, owner, entity[position], self.ties)

    def ranks(self, mode: str = "time_aware") -> np.ndarray:
        return self._ranks[mode]

    def results(self) -> dict[str, RankMetrics]:
        missing = int(np.isnan(self._ranks["raw"]).sum())
        if missing:
            raise ForecastError(f"{missing} queries were never scored")
        return {mode: RankMetrics.from_ranks(ranks) for mode, ranks in self._ranks.items()}
