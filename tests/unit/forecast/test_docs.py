"""docs/forecasting.md documents every forecast command and every key of the JSON report."""

from __future__ import annotations

from pathlib import Path

from eventlens.forecast.bench import BenchmarkResult
from eventlens.forecast.cli import app
from eventlens.forecast.ranker import ForecasterConfig
from eventlens.forecast.scoring import RankMetrics

DOC = Path(__file__).resolve().parents[3] / "docs" / "forecasting.md"


def test_every_command_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for command in app.registered_commands:
        assert f"eventlens forecast {command.name or command.callback.__name__}" in text


def test_every_report_key_is_documented():
    text = DOC.read_text(encoding="utf-8")
    metrics = RankMetrics(0.5, 0.4, 0.5, 0.6, 10)
    result = BenchmarkResult("toy", "test", ("train", "valid"),
                             {"time_aware": metrics, "raw": metrics, "static": metrics},
                             1.0, 1.0, 1.0, 1.0, 100.0, "pessimistic", 0, 10, 0.5,
                             ForecasterConfig())
    body = result.to_dict()["forecast"]
    for key in [*body, *body["time_aware"]]:
        assert f"`{key}`" in text, key
