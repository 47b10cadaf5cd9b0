"""Issue 16 item 4: a run record a killed process left `running` is closed as `interrupted`
by the next writer, with what that run had stored."""

import datetime as dt

import pytest

from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.store import duckdb_store, open_store

TEXT = "Moscow said it would talk to Kyiv next month."


def _result() -> ArticleResult:
    art = Article("a1", TEXT, dt.date(2022, 3, 1), title="Talks")
    moscow = Mention(0, 6, "Moscow", Actor("RUS", "GOV"), "metonym")
    kyiv = Mention(29, 33, "Kyiv", Actor("UKR", "GOV"), "metonym")
    consult = Event("a1", moscow, kyiv, "CONSULT", "04", 1, 1.0, Status.INTENDED, "2022-04",
                    0, len(TEXT), "talk +to", coder="test")
    return ArticleResult(art, (consult,), (), (moscow, kyiv))


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "t.duckdb") as s:
        yield s


def test_runs_a_dead_process_left_running_are_closed_as_interrupted(store):
    dead = store.begin_run(["news/"], coder="test", coder_version="0")
    store.write_results([_result()], run_id=dead, coder_version="0")
    duckdb_store._RUNS_IN_PROGRESS.discard(dead)  # as if its process had been killed
    live = store.begin_run(["more/"], coder="test", coder_version="0")

    closed = store.close_interrupted_runs()
    assert [(r["run_id"], r["articles_new"], r["events"]) for r in closed] == [(dead, 1, 1)]
    status = dict(store.con.execute("SELECT run_id, status FROM ingest_runs").fetchall())
    assert status == {dead: "interrupted", live: "running"}  # this process's run goes on
    assert store.close_interrupted_runs() == []
    store.finish_run(live, read=0, new=0, duplicates=0, errors=0, events=0)
    assert store.run_errors(dead)[0]["status"] == "interrupted"
