"""Dyad forecasts from the store: will `source` act towards `target` within the next days?

For each PLOVER type and each quad class, the probability of at least one event in
(as_of, as_of + horizon] comes from a logistic regression over the dyad's own past: events in
the last horizon-long window, counts decayed with half-lives of 30 and 180 days, days since the
last event, the share of recent windows that held an event, and the dyad's overall activity.
It is trained on every dyad and category of the store at earlier cut-offs whose outcome was
already known at `as_of`, so a forecast never sees its own future.

`backtest` repeats this at a series of cut-offs and compares Brier scores and reliability with
two baselines: the category's base rate and persistence (what happened in the last window).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from eventlens.errors import ForecastError
from eventlens.store.event_counts import dyad_actor_codes, dyad_day_counts

HALF_LIVES = (30.0, 180.0)
_TRAIN_CUTOFFS = 12
_EPOCH = np.datetime64("1970-01-01", "D")


@dataclass(frozen=True)
class DyadForecast:
    """Probabilities of at least one event from source to target within the horizon."""

    source: str
    target: str
    as_of: dt.date
    horizon_days: int
    by_type: dict[str, float]
    by_quad: dict[int, float]

    def to_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "as_of": self.as_of.isoformat(),
                "horizon_days": self.horizon_days, "by_type": self.by_type,
                "by_quad": {str(k): v for k, v in self.by_quad.items()}}


@dataclass(frozen=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_predicted: float
    observed: float


@dataclass(frozen=True)
class BacktestResult:
    """Brier scores (lower is better) of the model and baselines over every cut-off."""

    horizon_days: int
    cutoffs: tuple[dt.date, ...]
    predictions: int
    positives: int
    brier: dict[str, float]
    reliability: dict[str, tuple[ReliabilityBin, ...]]

    def to_dict(self) -> dict:
        return {"horizon_days": self.horizon_days,
                "cutoffs": [c.isoformat() for c in self.cutoffs],
                "predictions": self.predictions, "positives": self.positives,
                "brier": self.brier,
                "reliability": {name: [vars(b) for b in bins]
                                for name, bins in self.reliability.items()}}


@dataclass(frozen=True)
class _Events:
    """Daily event counts per (source, target, category); categories are types then quads."""

    dyads: np.ndarray  # (n_dyads, 2) source, target names
    categories: list[str]
    key: np.ndarray  # dyad * n_categories + category, per row
    day: np.ndarray  # days since 1970-01-01
    count: np.ndarray

    @property
    def n_categories(self) -> int:
        return len(self.categories)


def _load(con) -> _Events:
    try:
        rows = dyad_day_counts(con)
    except Exception as exc:  # duckdb raises several unrelated classes for a missing table
        raise ForecastError(f"cannot read the events table: {exc}",
                            hint="open an eventlens store or create a table `events`") from exc
    source = np.asarray(rows["source_country"], dtype=str)
    target = np.asarray(rows["target_country"], dtype=str)
    types = np.asarray(rows["plover_type"], dtype=object)
    quads = np.asarray(rows["quad_class"], dtype=object)
    days = (np.asarray(rows["event_date"]).astype("datetime64[D]") - _EPOCH).astype(np.int64)
    counts = np.asarray(rows["n"], dtype=np.float64)
    dyad_names, dyad = np.unique(np.stack([source, target], axis=1), axis=0, return_inverse=True)
    dyad = dyad.ravel()
    type_names = sorted({str(t) for t in types if t is not None})
    quad_names = sorted({int(q) for q in quads if q is not None})
    categories = type_names + [f"quad:{q}" for q in quad_names]
    index = {name: i for i, name in enumerate(categories)}
    keys, key_days, key_counts = [], [], []
    for column, label in ((types, str), (quads, lambda q: f"quad:{int(q)}")):
        present = np.array([value is not None for value in column], dtype=bool)
        category = np.array([index[label(v)] for v in column[present]], dtype=np.int64)
        keys.append(dyad[present] * len(categories) + category)
        key_days.append(days[present])
        key_counts.append(counts[present])
    return _Events(dyad_names, categories, np.concatenate(keys), np.concatenate(key_days),
                   np.concatenate(key_counts))


def _features(events: _Events, keys: np.ndarray, cutoff: int, horizon: int) -> np.ndarray:
    """Feature rows for (dyad, category) keys, from events on or before `cutoff`."""
    past = events.day <= cutoff
    key, day, count = events.key[past], events.day[past], events.count[past]
    slot = np.searchsorted(keys, key)
    slot = np.minimum(slot, len(keys) - 1)
    mine = keys[slot] == key
    slot, day, count = slot[mine], day[mine], count[mine]
    age = cutoff - day
    n = len(keys)
    recent = np.bincount(slot, count * (age < horizon), minlength=n)
    decayed = [np.bincount(slot, count * 0.5 ** (age / h), minlength=n) for h in HALF_LIVES]
    last = np.full(n, 3650.0)
    np.minimum.at(last, slot, age.astype(np.float64))
    windows = 365 // horizon or 1
    window = age // horizon
    in_year = window < windows
    active = np.unique(slot[in_year] * windows + window[in_year]) // windows
    share = np.bincount(active, minlength=n) / windows
    dyad = keys // events.n_categories
    dyad_slot = dyad[slot]
    dyad_activity = np.bincount(dyad_slot, count * 0.5 ** (age / HALF_LIVES[0]),
                                minlength=int(dyad.max()) + 1 if n else 0)
    return np.column_stack([np.log1p(recent), *(np.log1p(d) for d in decayed),
                            np.log1p(last), share, np.log1p(dyad_activity[dyad]),
                            (recent > 0).astype(np.float64)])


def _outcomes(events: _Events, keys: np.ndarray, cutoff: int, horizon: int) -> np.ndarray:
    ahead = (events.day > cutoff) & (events.day <= cutoff + horizon)
    return np.isin(keys, events.key[ahead]).astype(np.float64)


def _keys_seen(events: _Events, cutoff: int) -> np.ndarray:
    """Every category of every dyad with at least one event on or before the cut-off."""
    dyads = np.unique(events.key[events.day <= cutoff] // events.n_categories)
    return (dyads[:, None] * events.n_categories
            + np.arange(events.n_categories)[None, :]).ravel()


def _category_ids(events: _Events, keys: np.ndarray) -> np.ndarray:
    return keys % events.n_categories


class _Logistic:
    """L2-regularised logistic regression with one intercept per category (scipy L-BFGS)."""

    def __init__(self, n_categories: int, l2: float = 1e-3) -> None:
        self.n_categories = n_categories
        self.l2 = l2

    def _design(self, features: np.ndarray, category: np.ndarray) -> np.ndarray:
        onehot = np.zeros((len(category), self.n_categories))
        onehot[np.arange(len(category)), category] = 1.0
        return np.hstack([features, onehot])

    def fit(self, features: np.ndarray, category: np.ndarray, outcome: np.ndarray) -> _Logistic:
        from scipy.optimize import minimize

        design = self._design(features, category)
        self.mean = features.mean(axis=0) if len(features) else np.zeros(features.shape[1])
        self.scale = features.std(axis=0) + 1e-9 if len(features) else np.ones(features.shape[1])
        design[:, : features.shape[1]] = (features - self.mean) / self.scale

        def loss(w):
            z = design @ w
            p = 1.0 / (1.0 + np.exp(-z))
            value = np.mean(np.logaddexp(0.0, z) - outcome * z) + self.l2 * w @ w
            return value, design.T @ (p - outcome) / len(outcome) + 2 * self.l2 * w

        start = np.zeros(design.shape[1])
        self.weights = minimize(loss, start, jac=True, method="L-BFGS-B").x
        return self

    def predict(self, features: np.ndarray, category: np.ndarray) -> np.ndarray:
        design = self._design(features, category)
        design[:, : features.shape[1]] = (features - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(design @ self.weights)))


def _training_set(events: _Events, as_of: int, horizon: int):
    """Training rows at the `_TRAIN_CUTOFFS` cut-offs before `as_of`.

    Raises:
        ForecastError: the history is too short (see `check_history`).
    """
    features, categories, outcomes = [], [], []
    step = max(horizon, 7)
    empty: list[int] = []
    for i in range(1, _TRAIN_CUTOFFS + 1):
        cutoff = as_of - horizon - (i - 1) * step
        keys = _keys_seen(events, cutoff)
        outcome = _outcomes(events, keys, cutoff, horizon) if len(keys) else np.zeros(0)
        if not outcome.any():
            empty.append(cutoff)
            continue
        features.append(_features(events, keys, cutoff, horizon))
        categories.append(_category_ids(events, keys))
        outcomes.append(outcome)
    if empty:
        first = _date(as_of - horizon - (_TRAIN_CUTOFFS - 1) * step + 1)
        windows = ", ".join(f"{_date(c + 1)}..{_date(c + horizon)}" for c in sorted(empty)[:4])
        more = f" and {len(empty) - 4} more" if len(empty) > 4 else ""
        raise ForecastError(
            f"the history is too short to forecast: the model learns from the "
            f"{_TRAIN_CUTOFFS} windows of {horizon} days before {_date(as_of)} (from {first}) "
            f"and needs an event of an already known dyad in every one; "
            f"{len(empty)} hold none ({windows}{more})",
            hint="ingest more news over that period, pick an --as-of date whose past the "
                 "store covers, or a longer --horizon (docs/forecasting.md)")
    return np.concatenate(features), np.concatenate(categories), np.concatenate(outcomes)


def _date(day: int) -> dt.date:
    return (_EPOCH + np.timedelta64(day, "D")).astype(dt.date)


def _fit(events: _Events, as_of: int, horizon: int) -> _Logistic:
    features, categories, outcomes = _training_set(events, as_of, horizon)
    return _Logistic(events.n_categories).fit(features, categories, outcomes)


def _day(value: dt.date) -> int:
    return int((np.datetime64(value, "D") - _EPOCH).astype(np.int64))


def forecast_dyad(con, source: str, target: str, *, as_of: dt.date,
                  horizon_days: int = 30) -> DyadForecast:
    """Probability of at least one source -> target event per PLOVER type and quad class.

    Args:
        con: a DuckDB connection with a table `events` (source_country, target_country,
            plover_type, quad_class, event_date).
        as_of: the last day whose events are known.
        horizon_days: forecast window after `as_of`.

    Raises:
        ForecastError: no events table, a bad horizon, or too little history.
    """
    if horizon_days < 1:
        raise ForecastError("horizon_days must be at least 1")
    events = _load(con)
    cutoff = _day(as_of)
    model = _fit(events, cutoff, horizon_days)
    matches = np.flatnonzero((events.dyads[:, 0] == source) & (events.dyads[:, 1] == target))
    category = np.arange(events.n_categories)
    if len(matches):
        keys = matches[0] * events.n_categories + category
        features = _features(events, keys, cutoff, horizon_days)
    else:  # a dyad never seen: every history feature at its "nothing happened" value
        features = np.tile(_empty_row(), (len(category), 1))
    probability = model.predict(features, category)
    by_type, by_quad = {}, {}
    for name, p in zip(events.categories, probability, strict=True):
        if name.startswith("quad:"):
            by_quad[int(name[5:])] = float(p)
        else:
            by_type[name] = float(p)
    return DyadForecast(source, target, as_of, horizon_days, by_type, by_quad)


def dyad_codes(con) -> set[str]:
    """The country and organisation codes the events table holds, on either side."""
    try:
        return dyad_actor_codes(con)
    except Exception as exc:  # duckdb raises several unrelated classes for a missing table
        raise ForecastError(f"cannot read the events table: {exc}",
                            hint="open an eventlens store or create a table `events`") from exc


def _empty_row() -> np.ndarray:
    return np.array([0.0, 0.0, 0.0, np.log1p(3650.0), 0.0, 0.0, 0.0])


def _reliability(predicted: np.ndarray, observed: np.ndarray, bins: int = 10):
    edges = np.linspace(0.0, 1.0, bins + 1)
    slot = np.clip(np.digitize(predicted, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        mask = slot == b
        if mask.any():
            rows.append(ReliabilityBin(float(edges[b]), float(edges[b + 1]), int(mask.sum()),
                                       float(predicted[mask].mean()),
                                       float(observed[mask].mean())))
    return tuple(rows)


def backtest(con, *, start: dt.date, end: dt.date, horizon_days: int = 30,
             step_days: int = 30) -> BacktestResult:
    """Forecast every category of every known dyad at cut-offs start, start + step, ... <= end.

    Each cut-off's model learns only from outcomes known by then. The base rate is each
    category's share of positive outcomes in that training set; persistence predicts 1 when
    the last horizon-long window held an event and 0 otherwise.
    """
    if horizon_days < 1 or step_days < 1:
        raise ForecastError("horizon_days and step_days must be at least 1")
    if end < start:
        raise ForecastError("the backtest ends before it starts")
    events = _load(con)
    cutoffs, predicted, observed, base, persist = [], [], [], [], []
    day = _day(start)
    while day <= _day(end):
        model_features, model_categories, model_outcomes = _training_set(events, day,
                                                                         horizon_days)
        model = _Logistic(events.n_categories).fit(model_features, model_categories,
                                                   model_outcomes)
        rate = (np.bincount(model_categories, model_outcomes, minlength=events.n_categories)
                / np.maximum(np.bincount(model_categories, minlength=events.n_categories), 1))
        keys = _keys_seen(events, day)
        features = _features(events, keys, day, horizon_days)
        category = _category_ids(events, keys)
        predicted.append(model.predict(features, category))
        observed.append(_outcomes(events, keys, day, horizon_days))
        base.append(rate[category])
        persist.append(features[:, -1])
        cutoffs.append((_EPOCH + np.timedelta64(day, "D")).astype(dt.date))
        day += step_days
    forecasts = {"model": np.concatenate(predicted), "base_rate": np.concatenate(base),
                 "persistence": np.concatenate(persist)}
    truth = np.concatenate(observed)
    brier = {name: float(np.mean((p - truth) ** 2)) for name, p in forecasts.items()}
    return BacktestResult(horizon_days, tuple(cutoffs), len(truth), int(truth.sum()), brier,
                          {name: _reliability(p, truth) for name, p in forecasts.items()})
