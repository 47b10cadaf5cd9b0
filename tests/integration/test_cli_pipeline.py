"""The command line as a user runs it: ingest, re-ingest, resume, list, export, show, eval."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens.cli import app

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
NEWS = REPO / "examples" / "news"
BAD = REPO / "tests" / "fixtures" / "bad"
runner = CliRunner()

# Pinned baselines: a change that scores below them on our own gold folder fails CI.
# Raise them when the coder improves; never lower them to make a change pass.
# Pinned a little under the figures measured on 2026-12-07 at the default confidence threshold
# 0.25 (0.657 / 0.553, lenient precision 0.764; stories 0.628 / 0.554, precision 0.767): a
# change that scores below them is a regression.
GOLD_BASELINE = {"lenient_f1": 0.63, "strict_f1": 0.52, "lenient_precision": 0.73,
                 "actor_country": 0.95,
                 "actor_country_role": 0.93, "quote_recall": 0.8, "status_accuracy": 0.84}


def _run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "events.duckdb"
    out = _run("ingest", NEWS, BAD, "--db", db)
    return db, out


def test_ingest_counts_what_it_skipped_and_why(store):
    db, out = store
    # 25 news articles, plus the good records among the bad files (latin-1 text, JSONL)
    assert "stored 29 new" in out and "7 skipped" in out
    assert "impossible date" in out and "binary file" in out and "empty file" in out
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles WHERE origin LIKE '%examples/news/%'"
                       ).fetchone()[0] == 25
    run = con.execute("SELECT errors, status FROM ingest_runs").fetchone()
    assert run[0] >= 6 and run[1] == "done"
    assert con.execute("SELECT count(*) FROM ingest_errors WHERE location LIKE "
                       "'%malformed.jsonl:2'").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM stories").fetchone()[0] > 0


def test_reingest_adds_nothing(store, tmp_path):
    db, _ = store
    copy = tmp_path / "again.duckdb"
    shutil.copy(db, copy)
    before = duckdb.connect(str(copy), read_only=True).execute(
        "SELECT count(*) FROM events").fetchone()[0]
    out = _run("ingest", NEWS, "--db", copy)
    assert "stored 0 new" in out and "25 already known" in out
    after = duckdb.connect(str(copy), read_only=True).execute(
        "SELECT count(*) FROM events").fetchone()[0]
    assert after == before


def test_interrupted_run_resumes(tmp_path):
    db = tmp_path / "resume.duckdb"
    part = tmp_path / "part"
    part.mkdir()
    for f in sorted(NEWS.glob("*.txt"))[:5]:
        shutil.copy(f, part / f.name)
    _run("ingest", part, "--db", db)  # the run that "stopped" after five articles
    out = _run("ingest", NEWS, "--db", db)
    assert "stored 20 new" in out and "5 already known" in out


def test_events_filters_and_exports(store, tmp_path):
    db, _ = store
    out = _run("events", "--db", db, "--source", "RUS", "--type", "ASSAULT")
    assert "ASSAULT" in out and "RUS" in out
    csv_out = tmp_path / "e.csv"
    _run("events", "--db", db, "--format", "csv", "-o", csv_out, "--raw")
    rows = duckdb.sql(f"SELECT * FROM read_csv_auto('{csv_out}')").fetchall()
    assert len(rows) > 100
    pq = tmp_path / "e.parquet"
    _run("events", "--db", db, "--format", "parquet", "-o", pq, "--status", "intended")
    statuses = duckdb.sql(f"SELECT DISTINCT status FROM read_parquet('{pq}')").fetchall()
    assert statuses == [("intended",)]
    gd = tmp_path / "g.csv"
    _run("events", "--db", db, "--format", "csv", "-o", gd, "--columns", "gdelt")
    assert "QuadClass" in gd.read_text().splitlines()[0]


def test_show_marks_evidence(store):
    db, _ = store
    con = duckdb.connect(str(db), read_only=True)
    art = con.execute("SELECT article_id FROM events GROUP BY 1 ORDER BY count(*) DESC "
                      "LIMIT 1").fetchone()[0]
    out = _run("show", art[:10], "--db", db)
    assert "events" in out and "quotes" in out and "chars" in out


def test_unknown_article_is_a_clean_error(store):
    db, _ = store
    result = runner.invoke(app, ["show", "zzzz", "--db", str(db)])
    assert result.exit_code == 2 and "no article" in result.output


def test_eval_on_our_gold_meets_the_pinned_baseline(tmp_path):
    report = tmp_path / "report.json"
    _run("eval", REPO / "examples" / "gold", "--report", report)
    data = json.loads(report.read_text())
    art = data["articles"]
    assert set(art) >= {"strict", "lenient", "salient_recall", "quote_recall", "status_accuracy"}
    assert art["lenient"]["f1"] >= GOLD_BASELINE["lenient_f1"]
    assert art["strict"]["f1"] >= GOLD_BASELINE["strict_f1"]
    assert art["lenient"]["precision"] >= GOLD_BASELINE["lenient_precision"]
    assert art["quote_recall"] >= GOLD_BASELINE["quote_recall"]
    assert art["status_accuracy"] >= GOLD_BASELINE["status_accuracy"]
    assert data["actors"]["country_accuracy"] >= GOLD_BASELINE["actor_country"]
    assert data["actors"]["country_role_accuracy"] >= GOLD_BASELINE["actor_country_role"]
    assert data["stories"]["bcubed"]["f1"] > 0.9
    thr = data["throughput"]
    assert thr["ratio"] > 0 and thr["pipeline_articles_per_s"] > 0


def test_eval_on_plv_rows(shared_dir, tmp_path):
    plv = shared_dir / "eval" / "zsp-train" / "PLV_train.tsv"
    report = tmp_path / "plv.json"
    _run("eval", plv, "--limit", "120", "--no-throughput", "--report", report)
    scores = json.loads(report.read_text())["plv"]
    assert scores["end_to_end"]["n"] == 120
    assert 0 < scores["end_to_end"]["macro_f1"] <= 1
    assert scores["dyad_given"]["accuracy"] > scores["end_to_end"]["accuracy"] - 0.05
    # the ONNX encoder was trained on these rows: a training-set score, near perfect
    assert scores["dyad_given_onnx"]["n"] == 120
    assert scores["dyad_given_onnx"]["accuracy"] >= scores["dyad_given"]["accuracy"]


def test_parallel_workers_give_the_same_events(tmp_path):
    part = tmp_path / "part"
    part.mkdir()
    for f in sorted(NEWS.glob("*.txt"))[:6]:
        shutil.copy(f, part / f.name)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    _run("ingest", part, "--db", one)
    _run("ingest", part, "--db", two, "--workers", "2", "--batch-size", "2")
    ids = [duckdb.connect(str(db), read_only=True).execute(
        "SELECT event_id FROM events ORDER BY 1").fetchall() for db in (one, two)]
    assert ids[0] and ids[0] == ids[1]


def test_eval_on_our_story_corpus_meets_the_pinned_baseline(tmp_path):
    report = tmp_path / "report.json"
    _run("eval", REPO / "examples" / "stories", "--report", report)
    data = json.loads(report.read_text())
    assert data["articles"]["lenient"]["f1"] >= 0.60
    assert data["articles"]["lenient"]["precision"] >= 0.73
    assert data["articles"]["strict"]["f1"] >= 0.52
    assert data["stories"]["bcubed"]["f1"] > 0.9
