"""Every query reads events through the confidence threshold; the table keeps them all."""

import dataclasses
import datetime as dt

import duckdb
import pytest
from typer.testing import CliRunner

import eventlens
from eventlens.cli import app
from eventlens.config import DEFAULT_MIN_CONFIDENCE
from eventlens.errors import SchemaError
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.store import open_store
from eventlens.store.schema import LATEST_VERSION, MIGRATIONS

TEXT = "Ruritania shelled Freedonia. Ruritania met Freedonia."


def _result(confidences=(0.9, 0.05)) -> ArticleResult:
    art = Article("c1", TEXT, dt.date(2023, 5, 2), title="Two acts")
    rur = Mention(0, 9, "Ruritania", Actor("RUR", "GOV"), "country")
    fre = Mention(18, 27, "Freedonia", Actor("FRE", "GOV"), "country")
    shell = Event("c1", rur, fre, "ASSAULT", "19", 4, -10.0, Status.ASSERTED, "2023-05-02",
                  0, 28, "shell", coder="test", confidence=confidences[0])
    meet = Event("c1", rur, fre, "CONSULT", "04", 1, 1.0, Status.ASSERTED, "2023-05-02",
                 29, len(TEXT), "meet", coder="test", confidence=confidences[1])
    return ArticleResult(art, (shell, meet), (), (rur, fre), ((0, 28), (29, len(TEXT))))


@pytest.fixture()
def db_path(tmp_path):
    path = tmp_path / "c.duckdb"
    with open_store(path) as store:
        run = store.begin_run(["x"], coder="test", coder_version="0")
        assert store.write_results([_result()], run_id=run, coder_version="0") == 2
    return path


def test_the_default_threshold_hides_the_unlikely_event(db_path):
    assert 0.05 < DEFAULT_MIN_CONFIDENCE < 0.9
    with open_store(db_path, read_only=True) as store:
        assert [r["plover_type"] for r in store.rows("SELECT * FROM events")] == ["ASSAULT"]
        assert store.summary()["events"] == 1 and store.summary()["events_hidden"] == 1
        cursor = store.cursor()  # a cursor keeps the threshold (DuckDB variables are per cursor)
        assert cursor.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert store.con.execute("SELECT count(*) FROM event_records").fetchone()[0] == 2
    with open_store(db_path, read_only=True, min_confidence=0) as store:
        assert store.summary()["events"] == 2 and store.summary()["events_hidden"] == 0


def test_python_api_and_cli_apply_the_same_threshold(db_path, tmp_path):
    assert len(eventlens.open(db_path).events().dicts()) == 1
    assert len(eventlens.open(db_path, min_confidence=0).events().dicts()) == 2
    runner = CliRunner()
    counts = []
    for n, extra in enumerate(([], ["--all"], ["--min-confidence", "0.01"])):
        out = tmp_path / f"e{n}.jsonl"
        result = runner.invoke(app, ["events", "--db", str(db_path), "--raw", "--format",
                                     "jsonl", "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        counts.append(len(out.read_text(encoding="utf-8").splitlines()))
    assert counts == [1, 2, 2]
    summary = runner.invoke(app, ["summary", "--db", str(db_path)])
    assert "1 more event reports below confidence" in summary.output


def test_a_threshold_outside_0_1_is_refused(db_path):
    with pytest.raises(SchemaError):
        open_store(db_path, read_only=True, min_confidence=1.5)


def test_a_store_of_schema_2_is_migrated_with_its_events(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, description VARCHAR, "
                "applied_at TIMESTAMP)")
    for version, description, sql in MIGRATIONS[:2]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                    [version, description])
    con.execute("INSERT INTO events (event_id, article_id, plover_type, status, evidence_start, "
                "evidence_end, confidence) VALUES ('e1', 'a1', 'AID', 'asserted', 0, 5, 0.01), "
                "('e2', 'a1', 'AID', 'asserted', 6, 9, NULL)")
    con.close()
    with open_store(path) as store:
        assert store.schema_version() == LATEST_VERSION
        # a stored event with no confidence (older coders) counts as certain
        assert [r["event_id"] for r in store.rows("SELECT * FROM events")] == ["e2"]
        store.set_min_confidence(0)
        assert len(store.rows("SELECT * FROM events")) == 2


def test_a_result_written_twice_is_stored_once_whatever_its_confidence(db_path):
    with open_store(db_path) as store:
        run = store.begin_run(["x"], coder="test", coder_version="0")
        again = dataclasses.replace(_result((0.95, 0.5)))
        assert store.write_results([again], run_id=run, coder_version="0") == 0
