"""The forecasting benchmark: fit, forecast every query, rank under each filter, time it all."""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from eventlens.errors import ForecastError
from eventlens.forecast.data import TemporalGraph, load_graph
from eventlens.forecast.ranker import ForecasterConfig, ProgressHook, RecurrencyForecaster
from eventlens.forecast.scoring import FILTERS, Evaluator, RankMetrics

METHOD = "recurrency-rules-lambdarank/1"


@dataclass(frozen=True)
class BenchmarkResult:
    """Metrics under each filter plus cost. `to_dict()` gives the documented JSON report."""

    dataset: str
    split: str
    fit_splits: tuple[str, ...]
    metrics: dict[str, RankMetrics]
    fit_seconds: float
    predict_seconds: float
    fit_cpu_seconds: float
    predict_cpu_seconds: float
    peak_memory_mb: float
    tie_policy: str
    seed: int
    train_queries: int
    answer_in_candidates: float
    config: ForecasterConfig

    def to_dict(self) -> dict:
        body = {
            "method": METHOD,
            "dataset": self.dataset,
            "split": self.split,
            "fit_splits": list(self.fit_splits),
            **{mode: self.metrics[mode].to_dict() for mode in FILTERS},
            "fit_seconds": round(self.fit_seconds, 2),
            "predict_seconds": round(self.predict_seconds, 2),
            "total_seconds": round(self.fit_seconds + self.predict_seconds, 2),
            "fit_cpu_seconds": round(self.fit_cpu_seconds, 2),
            "predict_cpu_seconds": round(self.predict_cpu_seconds, 2),
            "peak_memory_mb": round(self.peak_memory_mb, 1),
            "tie_policy": self.tie_policy,
            "seed": self.seed,
            "train_queries": self.train_queries,
            "answer_in_candidates": round(self.answer_in_candidates, 4),
            "config": asdict(self.config),
        }
        return {"forecast": body}


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far, in MiB (ru_maxrss: KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_benchmark(data: Path | str | TemporalGraph, *, split: str = "test", seed: int = 0,
                  ties: str = "pessimistic", config: ForecasterConfig | None = None,
                  progress: ProgressHook | None = None) -> BenchmarkResult:
    """Fit on the facts before `split` and evaluate single-step forecasts of `split`.

    For `split="test"` the forecaster is fitted on train and valid, as in the literature; for
    `split="valid"` on train alone (the only place to tune).

    Raises:
        ForecastError: the data folder is malformed or the split unknown.
    """
    if split not in ("valid", "test"):
        raise ForecastError(f"cannot evaluate split {split!r}", hint="use 'valid' or 'test'")
    graph = data if isinstance(data, TemporalGraph) else load_graph(data)
    fit_splits = ("train",) if split == "valid" else ("train", "valid")
    config = config or ForecasterConfig()
    started, started_cpu = time.perf_counter(), time.process_time()
    forecaster = RecurrencyForecaster(config, seed=seed).fit(
        graph, fit_splits=fit_splits, eval_split=split, progress=progress)
    fitted, fitted_cpu = time.perf_counter(), time.process_time()
    evaluator = Evaluator(graph, split, ties=ties)
    for query_index, scores in forecaster.scores(evaluator.queries, progress=progress):
        evaluator.add(query_index, scores)
    metrics = evaluator.results()
    done, done_cpu = time.perf_counter(), time.process_time()
    summary = forecaster.summary
    return BenchmarkResult(
        dataset=graph.name, split=split, fit_splits=fit_splits, metrics=metrics,
        fit_seconds=fitted - started, predict_seconds=done - fitted,
        fit_cpu_seconds=fitted_cpu - started_cpu, predict_cpu_seconds=done_cpu - fitted_cpu,
        peak_memory_mb=peak_memory_mb(), tie_policy=ties, seed=seed,
        train_queries=summary.train_queries if summary else 0,
        answer_in_candidates=summary.answer_in_candidates if summary else 0.0, config=config)
