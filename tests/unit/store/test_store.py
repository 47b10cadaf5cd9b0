import datetime as dt
import json

import duckdb
import pytest

from eventlens.errors import SchemaError
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Quote, Status
from eventlens.store import EventFilter, open_store
from eventlens.store.schema import LATEST_VERSION

TEXT = "Russian troops shelled Kharkiv. Moscow said it would talk to Kyiv next month."


def _result(article_id: str = "a1") -> ArticleResult:
    art = Article(article_id, TEXT, dt.date(2022, 3, 1), title="Shelling", url="urn:test")
    rus_mil = Mention(0, 14, "Russian troops", Actor("RUS", "MIL"), "adjective")
    kharkiv = Mention(23, 30, "Kharkiv", Actor("UKR", ""), "country")
    moscow = Mention(32, 38, "Moscow", Actor("RUS", "GOV"), "metonym")
    kyiv = Mention(65, 69, "Kyiv", Actor("UKR", "GOV"), "metonym")
    assault = Event(article_id, rus_mil, kharkiv, "ASSAULT", "19", 4, -10.0, Status.ASSERTED,
                    "2022-03-01", 0, 31, "shell", mode="heavy-weapons", coder="test")
    consult = Event(article_id, moscow, kyiv, "CONSULT", "04", 1, 1.0, Status.INTENDED,
                    "2022-04", 32, len(TEXT), "talk +to", coder="test")
    quote = Quote(article_id, "Moscow", Actor("RUS", "GOV"), "it would talk", 40, 53)
    return ArticleResult(art, (assault, consult), (quote,), (rus_mil, moscow), ((0, 31),))


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "t.duckdb") as s:
        yield s


def test_schema_is_migrated_to_latest(store):
    assert store.schema_version() == LATEST_VERSION


def test_write_and_query_events(store):
    run = store.begin_run(["x"], coder="test", coder_version="0")
    assert store.write_results([_result()], run_id=run, coder_version="0") == 2
    rows = store.events(EventFilter(source="RUS", plover_type="assault")).fetchall()
    assert len(rows) == 1
    row = store.rows("SELECT * FROM events WHERE plover_type = 'CONSULT'")[0]
    assert row["source_code"] == "RUS:GOV" and row["target_country"] == "UKR"
    assert row["event_date"] == dt.date(2022, 4, 1) and row["date_text"] == "2022-04"
    assert row["evidence"] == TEXT[32:]
    assert row["coder_version"] == "0"
    assert store.events(EventFilter(status="intended")).fetchall()
    assert not store.events(EventFilter(since=dt.date(2022, 5, 1))).fetchall()


def test_rewriting_the_same_article_adds_nothing(store):
    run = store.begin_run(["x"], coder="test", coder_version="0")
    store.write_results([_result()], run_id=run, coder_version="0")
    assert store.write_results([_result()], run_id=run, coder_version="0") == 0
    assert store.summary()["articles"] == 1
    assert store.summary()["events"] == 2


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_formats(store, tmp_path, fmt):
    run = store.begin_run(["x"], coder="test", coder_version="0")
    store.write_results([_result()], run_id=run, coder_version="0")
    out = tmp_path / f"events.{fmt}"
    assert store.export_events(EventFilter(), out, fmt) == 2
    if fmt == "jsonl":
        lines = [json.loads(line) for line in out.read_text().splitlines()]
        assert {line["plover_type"] for line in lines} == {"ASSAULT", "CONSULT"}
    else:
        reader = "read_csv_auto" if fmt == "csv" else "read_parquet"
        got = duckdb.sql(f"SELECT count(*) FROM {reader}('{out}')").fetchone()[0]
        assert got == 2


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    with open_store(path) as s:
        s.con.execute("INSERT INTO schema_version VALUES (999, 'future', current_timestamp)")
    with pytest.raises(SchemaError, match="newer"):
        open_store(path)


def test_read_only_needs_an_existing_file(tmp_path):
    with pytest.raises(SchemaError, match="no store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_add_results_records_a_finished_run(store):
    assert store.add_results([_result()], source="notebook", coder="test") == 2
    run = store.rows("SELECT paths, status, articles_new, events FROM ingest_runs")[0]
    assert run == {"paths": "notebook", "status": "done", "articles_new": 1, "events": 2}
    assert store.add_results([_result()], source="notebook") == 0
    again = store.rows("SELECT articles_new, duplicates FROM ingest_runs ORDER BY started_at")
    assert again[-1] == {"articles_new": 0, "duplicates": 1}


def test_an_act_stated_in_two_sentences_keeps_both_and_counts_twice(store):
    from dataclasses import replace

    from eventlens.analysis import list_events
    from eventlens.stories import merged_events

    res = _result()
    assault = replace(res.events[0], more_evidence=((32, len(TEXT)),))
    store.add_results([replace(res, events=(assault,))])
    [record] = list_events(store)
    assert record.more_evidence == [[32, len(TEXT)]]
    cur = merged_events(store, EventFilter())
    row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
    assert row["mention_count"] == 2
    assert [(m["evidence_start"], m["evidence_end"]) for m in row["mentions"]] == [
        (0, 31), (32, len(TEXT))]


def test_the_rules_behind_an_event_are_stored_and_shown(store, tmp_path):
    from dataclasses import replace

    from typer.testing import CliRunner

    from eventlens.analysis import list_events
    from eventlens.cli import app

    res = _result()
    assault = replace(res.events[0], why=("frame:ASSAULT:shell", "actor:military"))
    store.add_results([replace(res, events=(assault,))])
    [record] = list_events(store)
    assert record.why == ["frame:ASSAULT:shell", "actor:military"]
    store.close()
    shown = CliRunner().invoke(app, ["show", "a1", "--db", store.path])
    assert shown.exit_code == 0, shown.output
    assert "why: frame:ASSAULT:shell, actor:military" in shown.output
