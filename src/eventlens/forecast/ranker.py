"""The forecaster: history features of candidate objects, ranked by a LightGBM lambdarank model.

`fit` walks the fitting splits in time order; at sampled steps it turns the facts about to be
observed into training queries (s, r, ?, t) whose true objects are the positives, then trains.
`scores` continues the same walk through the evaluation split and yields, step by step, a score
for every entity of every query. Candidates are always ranked above the other entities, which
fall back on their recent overall activity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from eventlens.errors import ForecastError
from eventlens.forecast.data import TemporalGraph, with_inverses
from eventlens.forecast.history import FeatureConfig, HistoryStream, feature_names
from eventlens.forecast.scoring import expand_ranges

# Score rows per dense block when ranking against every entity (bounds memory on big graphs).
_DENSE_CELLS = 1 << 23


class ProgressHook(Protocol):
    """Where long work reports how far it got (the CLI passes a Rich progress bar)."""

    def start(self, phase: str, total: int) -> None: ...

    def advance(self, steps: int = 1) -> None: ...


class _Silent:
    def start(self, phase: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass


@dataclass(frozen=True)
class ForecasterConfig:
    """Everything that decides the forecaster's output, besides the data and the seed."""

    features: FeatureConfig = field(default_factory=FeatureConfig)
    n_estimators: int = 150
    learning_rate: float = 0.1
    num_leaves: int = 31
    min_child_samples: int = 50
    max_bin: int = 63
    max_train_queries: int = 100_000
    warmup_fraction: float = 0.1
    relation_as_category: bool = True


@dataclass
class FitSummary:
    train_queries: int
    train_rows: int
    answer_in_candidates: float


def _steps(facts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct times of facts sorted by time, and bounds of each time's block."""
    times, bounds = np.unique(facts[:, 3], return_index=True)
    return times, np.append(bounds, len(facts))


class RecurrencyForecaster:
    """Recurrency, popularity and rule features of candidates, combined by a learned ranker."""

    def __init__(self, config: ForecasterConfig | None = None, *, seed: int = 0) -> None:
        self.config = config or ForecasterConfig()
        self.seed = seed
        self.model = None
        self.summary: FitSummary | None = None
        self._stream: HistoryStream | None = None

    def fit(self, graph: TemporalGraph, *, fit_splits: tuple[str, ...] = ("train",),
            eval_split: str = "valid", progress: ProgressHook | None = None
            ) -> RecurrencyForecaster:
        """Walk the fitting splits, collect training queries and train the ranker."""
        import lightgbm

        progress = progress or _Silent()
        self._graph, self._eval_split = graph, eval_split
        self._n_rel = graph.n_relations
        fitted = with_inverses(np.concatenate([graph.split(name) for name in fit_splits]),
                               graph.n_relations)
        fitted = fitted[np.argsort(fitted[:, 3], kind="stable")]
        future = with_inverses(graph.split(eval_split), graph.n_relations)
        self._unit = float(graph.time_unit)
        self._origin = float(fitted[0, 3])
        self._stream = HistoryStream(np.concatenate([fitted, future]), graph.n_entities,
                                     2 * graph.n_relations, self.config.features)
        self._last_fit_time = fitted[-1, 3]
        features, labels, groups = self._walk_fit(fitted, progress)
        if not len(groups):
            raise ForecastError("no training query has its answer among the candidates",
                                hint="give the training split more time steps")
        params = {
            "objective": "lambdarank", "learning_rate": self.config.learning_rate,
            "num_leaves": self.config.num_leaves,
            "min_data_in_leaf": self.config.min_child_samples, "bagging_fraction": 0.8,
            "bagging_freq": 1, "feature_fraction": 0.8, "max_bin": self.config.max_bin,
            "seed": self.seed, "num_threads": 1, "deterministic": True, "force_row_wise": True, "verbose": -1,
            "lambdarank_truncation_level": 20,
        }
        dataset = lightgbm.Dataset(
            features, labels, group=groups, feature_name=feature_names(self.config.features),
            categorical_feature=[0] if self.config.relation_as_category else [],
            free_raw_data=True)
        progress.start("training ranker", 1)
        self.model = lightgbm.train(params, dataset, num_boost_round=self.config.n_estimators)
        progress.advance()
        return self

    def _time(self, t: float) -> float:
        return (t - self._origin) / self._unit

    def _walk_fit(self, fitted: np.ndarray, progress: ProgressHook):
        times, bounds = _steps(fitted)
        warmup = times[0] + self.config.warmup_fraction * (times[-1] - times[0])
        rng = np.random.default_rng(self.seed)
        # training queries are (s, r, t) groups; sample them up front so the walk is cheap
        groups = np.unique(fitted[fitted[:, 3] >= warmup][:, [3, 0, 1]], axis=0)
        if len(groups) > self.config.max_train_queries:
            chosen = rng.choice(len(groups), self.config.max_train_queries, replace=False)
            groups = groups[np.sort(chosen)]
        group_bounds = np.searchsorted(groups[:, 0], times)
        group_bounds = np.append(group_bounds, len(groups))
        blocks, labels, sizes = [], [], []
        total, hit = 0, 0
        e = self._graph.n_entities
        progress.start("fitting history", len(times))
        for step, t in enumerate(times):
            facts = fitted[bounds[step]: bounds[step + 1]]
            chosen = groups[group_bounds[step]: group_bounds[step + 1]]
            if len(chosen):
                owner, obj, matrix = self._stream.features(chosen[:, 1], chosen[:, 2],
                                                           self._time(t))
                truth = np.unique((facts[:, 0] * 2 * self._n_rel + facts[:, 1]) * e + facts[:, 2])
                label = np.isin((chosen[owner, 1] * 2 * self._n_rel + chosen[owner, 2]) * e + obj,
                                truth)
                size = np.bincount(owner, minlength=len(chosen))
                positive = np.bincount(owner, label, minlength=len(chosen)) > 0
                total += len(chosen)
                hit += int(positive.sum())
                keep = positive[owner]
                blocks.append(matrix[keep])
                labels.append(label[keep].astype(np.int8))
                sizes.append(size[positive])
            self._stream.observe(facts, self._time(t))
            progress.advance()
        sizes = np.concatenate(sizes) if sizes else np.zeros(0, np.int64)
        self.summary = FitSummary(total, int(sizes.sum()), hit / max(total, 1))
        if not len(sizes):
            return np.zeros((0, 0), np.float32), np.zeros(0), sizes
        return np.concatenate(blocks), np.concatenate(labels), sizes

    def scores(self, queries: np.ndarray, progress: ProgressHook | None = None
               ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Walk the evaluation split; yield (query indices, (len, n_entities) scores) per block.

        Facts of a step become history only after that step's queries were scored, so a test
        fact helps forecast later steps but never its own.
        """
        if self.model is None or self._stream is None:
            raise ForecastError("the forecaster is not fitted", hint="call fit() first")
        progress = progress or _Silent()
        future = with_inverses(self._graph.split(self._eval_split), self._n_rel)
        future = future[np.argsort(future[:, 3], kind="stable")]
        if len(future) and future[0, 3] <= self._last_fit_time:
            raise ForecastError("evaluation facts must come after the fitted facts in time")
        order = np.argsort(queries[:, 3], kind="stable")
        times = np.unique(np.concatenate([queries[:, 3], future[:, 3]]))
        progress.start("forecasting", len(times))
        for t in times:
            lo, hi = np.searchsorted(queries[order, 3], [t, t + 1])
            index = order[lo:hi]
            if len(index):
                yield from self._score_step(queries, index, self._time(t))
            lo, hi = np.searchsorted(future[:, 3], [t, t + 1])
            self._stream.observe(future[lo:hi], self._time(t))
            progress.advance()

    def _score_step(self, queries: np.ndarray, index: np.ndarray, t: float):
        e = self._graph.n_entities
        groups, inverse = np.unique(queries[index][:, :2], axis=0, return_inverse=True)
        inverse = inverse.ravel()
        owner, obj, matrix = self._stream.features(groups[:, 0], groups[:, 1], t)
        predicted = self.model.predict(matrix) if len(matrix) else np.zeros(0)
        popularity = self._stream.popularity(t)
        fallback = popularity / (popularity.max() + 1.0)
        # candidates sit above every non-candidate, keeping their learned order
        lifted = predicted - (predicted.min() if len(predicted) else 0.0) + 2.0
        bounds = np.searchsorted(owner, np.arange(len(groups) + 1))
        rows_per_block = max(1, _DENSE_CELLS // e)
        for lo in range(0, len(index), rows_per_block):
            chunk = index[lo: lo + rows_per_block]
            chunk_groups = inverse[lo: lo + rows_per_block]
            dense = np.tile(fallback, (len(chunk), 1))
            row, position = expand_ranges(bounds[chunk_groups], bounds[chunk_groups + 1])
            dense[row, obj[position]] = lifted[position]
            yield chunk, dense
