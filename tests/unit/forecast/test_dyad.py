"""Dyad forecasts and backtests on an in-memory DuckDB with synthetic events."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from eventlens.errors import ForecastError
from eventlens.forecast.dyad import backtest, forecast_dyad

START = dt.date(2024, 1, 1)


@pytest.fixture(scope="module")
def con():
    rng = np.random.default_rng(0)
    rows = []
    for day in range(400):
        date = START + dt.timedelta(days=day)
        if rng.random() < 0.5:  # USA consults CHN about every other day
            rows.append(("USA", "CHN", "CONSULT", 1, date))
        if rng.random() < 0.02:  # RUS rarely assaults UKR
            rows.append(("RUS", "UKR", "ASSAULT", 4, date))
        if day < 100 and rng.random() < 0.3:  # FRA stopped accusing DEU after 100 days
            rows.append(("FRA", "DEU", "ACCUSE", 3, date))
        if rng.random() < 0.1:
            rows.append(("GBR", "IRL", "COOPERATE", 2, date))
    columns = ["source_country", "target_country", "plover_type", "quad_class", "event_date"]
    table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
    connection = duckdb.connect()
    connection.register("generated", table)
    connection.execute("CREATE TABLE events AS SELECT source_country, target_country, "
                       "plover_type, quad_class::INTEGER AS quad_class, event_date FROM generated")
    connection.execute("INSERT INTO events VALUES (NULL, 'CHN', 'CONSULT', 1, DATE '2024-02-01')")
    return connection


def test_a_busy_dyad_is_likely_and_a_quiet_one_unlikely(con):
    as_of = START + dt.timedelta(days=300)
    busy = forecast_dyad(con, "USA", "CHN", as_of=as_of, horizon_days=14)
    stopped = forecast_dyad(con, "FRA", "DEU", as_of=as_of, horizon_days=14)
    assert busy.by_type["CONSULT"] > 0.9
    assert busy.by_quad[1] > 0.9
    assert busy.by_type["ASSAULT"] < 0.2
    assert stopped.by_type["ACCUSE"] < 0.2
    assert set(busy.by_quad) == {1, 2, 3, 4}
    assert busy.to_dict()["by_quad"]["1"] == busy.by_quad[1]


def test_an_unknown_dyad_gets_low_probabilities(con):
    forecast = forecast_dyad(con, "BRA", "ARG", as_of=START + dt.timedelta(days=300),
                             horizon_days=14)
    assert max(forecast.by_type.values()) < 0.2


def test_backtest_beats_the_base_rate_and_reports_reliability(con):
    result = backtest(con, start=START + dt.timedelta(days=200),
                      end=START + dt.timedelta(days=360), horizon_days=14, step_days=40)
    assert len(result.cutoffs) == 5
    assert result.brier["model"] < result.brier["base_rate"]
    assert result.brier["model"] <= result.brier["persistence"] + 0.02
    for bins in result.reliability.values():
        assert sum(b.count for b in bins) == result.predictions
    assert set(result.to_dict()["brier"]) == {"model", "base_rate", "persistence"}


def test_missing_events_table_is_a_forecast_error():
    with pytest.raises(ForecastError, match="events"):
        forecast_dyad(duckdb.connect(), "USA", "CHN", as_of=START, horizon_days=7)


def test_bad_horizon_is_refused(con):
    with pytest.raises(ForecastError):
        forecast_dyad(con, "USA", "CHN", as_of=START, horizon_days=0)


def test_cli_dyad_and_backtest_read_a_database_file(con, tmp_path):
    from typer.testing import CliRunner

    from eventlens.forecast.cli import app

    db = tmp_path / "store.duckdb"
    con.execute(f"ATTACH '{db}' AS file_db")
    con.execute("CREATE TABLE file_db.events AS SELECT * FROM events")
    con.execute("DETACH file_db")
    runner = CliRunner()
    shown = runner.invoke(app, ["dyad", "USA", "CHN", "--as-of", "2024-10-01", "--db", str(db),
                                "--horizon-days", "14", "--json"])
    assert shown.exit_code == 0, shown.output
    assert '"CONSULT"' in shown.output
    report = tmp_path / "backtest.json"
    tested = runner.invoke(app, ["backtest", "--start", "2024-08-01", "--end", "2024-10-01",
                                 "--db", str(db), "--horizon-days", "14", "--report",
                                 str(report)])
    assert tested.exit_code == 0, tested.output
    assert "base_rate" in tested.output and report.exists()
    missing = runner.invoke(app, ["dyad", "USA", "CHN", "--as-of", "2024-10-01", "--db",
                                  str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2


def test_the_cli_counts_the_events_every_face_shows(tmp_path):
    """A forecast reads the store at the default confidence threshold: an event hidden from
    `eventlens events` is no history for a forecast either."""
    from eventlens.config import DEFAULT_MIN_CONFIDENCE
    from eventlens.forecast.cli import _open
    from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
    from eventlens.store import open_store

    def result(n: int, confidence: float) -> ArticleResult:
        text = f"Report {n}: RUS shelled UKR."
        art = Article(f"a{n}", text, dt.date(2024, 3, n + 1))
        src = Mention(11, 14, "RUS", Actor("RUS", "MIL"), "country")
        tgt = Mention(23, 26, "UKR", Actor("UKR", "GOV"), "country")
        event = Event(f"a{n}", src, tgt, "ASSAULT", "19", 4, -10.0, Status.ASSERTED,
                      art.published.isoformat(), 0, len(text), "shell", coder="test",
                      confidence=confidence)
        return ArticleResult(art, (event,), (), (src, tgt), ((0, len(text)),))

    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        run = store.begin_run(["x"], coder="test", coder_version="0")
        store.write_results([result(0, 0.9), result(1, DEFAULT_MIN_CONFIDENCE / 2)], run_id=run,
                            coder_version="0")
    with _open(db) as store:
        counted = store.cursor().execute("SELECT count(*) FROM events").fetchone()[0]
    assert counted == 1
