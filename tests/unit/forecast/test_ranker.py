"""The forecaster end to end on a small synthetic graph: better than popularity, deterministic."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from eventlens.errors import ForecastError
from eventlens.forecast.bench import run_benchmark
from eventlens.forecast.cli import app
from eventlens.forecast.history import FeatureConfig
from eventlens.forecast.ranker import ForecasterConfig, RecurrencyForecaster
from eventlens.forecast.scoring import Evaluator

FAST = ForecasterConfig(features=FeatureConfig(max_neighbours=30, relation_top_k=10),
                        n_estimators=15, max_train_queries=1500, min_child_samples=10)


def test_forecaster_beats_popularity_and_repeats_itself(small_graph):
    first = run_benchmark(small_graph, split="test", seed=1, config=FAST)
    again = run_benchmark(small_graph, split="test", seed=1, config=FAST)
    assert first.metrics == again.metrics
    popularity = Evaluator(small_graph, "test")
    counts = np.bincount(np.concatenate([small_graph.train[:, 2], small_graph.train[:, 0]]),
                         minlength=small_graph.n_entities).astype(float)
    popularity.add(np.arange(len(popularity.queries)),
                   np.tile(counts, (len(popularity.queries), 1)))
    assert first.metrics["time_aware"].mrr > popularity.results()["time_aware"].mrr + 0.05
    assert first.metrics["raw"].mrr <= first.metrics["time_aware"].mrr
    assert first.metrics["time_aware"].mrr <= first.metrics["static"].mrr


def test_scores_before_fit_are_refused(small_graph):
    with pytest.raises(ForecastError, match="not fitted"):
        next(RecurrencyForecaster(FAST).scores(np.zeros((1, 4), np.int64)))


def test_unknown_split_is_refused(small_graph):
    with pytest.raises(ForecastError):
        run_benchmark(small_graph, split="train", config=FAST)


def test_cli_bench_prints_every_filter_and_writes_the_report(small_folder, tmp_path,
                                                              monkeypatch):
    import eventlens.forecast.bench as bench

    monkeypatch.setattr(bench, "ForecasterConfig", lambda: FAST)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["bench", str(small_folder), "--split", "valid",
                                      "--report", str(report), "--seed", "2"])
    assert result.exit_code == 0, result.output
    for label in ("time-aware", "static", "raw", "pessimistic"):
        assert label in result.output
    body = json.loads(report.read_text())["forecast"]
    assert body["dataset"] == "SMALL" and body["split"] == "valid" and body["seed"] == 2
    assert body["fit_splits"] == ["train"]
    assert set(body["time_aware"]) == {"mrr", "hits@1", "hits@3", "hits@10", "n_queries"}
    for key in ("raw", "static", "fit_seconds", "predict_seconds", "peak_memory_mb",
                "tie_policy"):
        assert key in body


def test_cli_reports_a_bad_folder_cleanly(tmp_path):
    result = CliRunner().invoke(app, ["bench", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "E600" in result.output
