"""Ingest on a Dask LocalCluster of two worker processes stores what an in-process run stores,
survives a worker killed mid-partition, and writes Parquet shards that the Python API and the
REST API read as the DuckDB file."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
import signal
import sys
import warnings
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import eventlens
from eventlens.cli import app
from eventlens.errors import ClusterError, ModelError
from eventlens.model import Article

pytest.importorskip("distributed")
import cloudpickle  # noqa: E402 - a dependency of distributed

from eventlens import cluster  # noqa: E402
from eventlens.pipeline import ingest  # noqa: E402
from eventlens.registry import get_coder  # noqa: E402
from eventlens.store import open_store  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from eventlens.api.app import create_app  # noqa: E402

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
INPUTS = [REPO / "examples" / "news", REPO / "tests" / "fixtures" / "bad"]
runner = CliRunner()
# The partition task below is defined here: the workers get it by value, not by import.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _run(*args) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _fingerprint(db: Path) -> dict:
    """What a run stored: every id, the stories and merge keys, the errors with their place."""
    con = duckdb.connect(str(db), read_only=True)
    one = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    try:
        return {
            "articles": one("SELECT id FROM articles ORDER BY id"),
            "events": one("SELECT event_id, plover_type, status, confidence FROM event_records "
                          "ORDER BY event_id"),
            "quotes": one("SELECT quote_id FROM quotes ORDER BY quote_id"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "stories": one("SELECT article_id, story_id, dup_group FROM story_articles "
                           "ORDER BY article_id"),
            "merge_keys": one("SELECT event_id, merge_key FROM story_event_keys "
                              "ORDER BY event_id"),
            "errors": one("SELECT location, code FROM ingest_errors ORDER BY location"),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def in_process(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("inproc") / "events.duckdb"
    _run("ingest", *INPUTS, "--db", db)
    return db


@pytest.fixture(scope="module")
def on_dask(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    db, shards = folder / "events.duckdb", folder / "shards"
    out = _run("ingest", *INPUTS, "--db", db, "--dask", "local", "--workers", 2,
               "--batch-size", 4, "--out-parquet", shards)
    return db, shards, out


def test_dask_stores_the_same_ids_and_counts_as_in_process(in_process, on_dask):
    db, _, out = on_dask
    assert "coding on a local cluster: 2 workers" in out
    # progress: articles, their rate, events and the inputs skipped so far
    assert re.search(r"coding: 29 articles \([\d.]+/s\), \d+ events, 7 skipped", out)
    assert "stored 29 new" in out and "7 skipped" in out
    expected, got = _fingerprint(in_process), _fingerprint(db)
    assert len(got["events"]) > 100 and len(got["stories"]) == 29
    assert got == expected
    # bad input named by file and place, as in-process
    assert ("tests/fixtures/bad/malformed.jsonl:2" in out
            and "impossible date '2021-02-30'" in out)


def test_a_rerun_on_dask_stores_nothing_twice(on_dask, tmp_path):
    db = tmp_path / "again.duckdb"
    shutil.copy(on_dask[0], db)
    out = _run("ingest", *INPUTS, "--db", db, "--dask", "local", "--workers", 2)
    assert "stored 0 new with 0 event reports, 30 already known" in out
    before, after = _fingerprint(on_dask[0]), _fingerprint(db)
    # every bad input is recorded again, under the new run; nothing else changed
    assert sorted(before.pop("errors") * 2) == after.pop("errors")
    assert after == before


def _code_then_die_once(articles, *, marker: str, **task):
    """Code the partition, then (the first time, on whichever worker runs first) kill this
    worker process before the result leaves it."""
    coded = cluster.code_partition(articles, **task)
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return coded
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    os.kill(os.getpid(), signal.SIGKILL)
    return coded


@pytest.fixture(scope="module")
def local_client():
    client, local = cluster.connect("local", workers=2)
    yield client
    cluster.close(client, local)


def test_a_killed_worker_is_recomputed_and_nothing_lands_twice(in_process, local_client,
                                                               tmp_path):
    marker = tmp_path / "killed"
    db = tmp_path / "events.duckdb"
    coder = get_coder()
    engine = cluster.DaskCoder(local_client, coder_version=coder.version, partition_task=(
        functools.partial(_code_then_die_once, marker=str(marker))))
    with open_store(db) as store:
        summary = ingest([str(p) for p in INPUTS], store, coder=coder, batch_size=4,
                         parallel=engine)
    killed = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(killed, 0)  # that worker is gone
    stored = _fingerprint(db)
    assert summary.new == 29 and summary.events == len(stored["events"])
    assert stored == _fingerprint(in_process)


def _fail_on(articles, *, origin_part: str, **task):
    if any(origin_part in (a.origin or "") for a in articles):
        raise RuntimeError("the worker's disk is full")
    return cluster.code_partition(articles, **task)


def test_a_partition_that_keeps_failing_stops_the_run_naming_its_files(local_client,
                                                                       tmp_path):
    db = tmp_path / "events.duckdb"
    coder = get_coder()
    engine = cluster.DaskCoder(local_client, coder_version=coder.version, in_flight=1,
                               partition_task=functools.partial(_fail_on,
                                                                origin_part="/009_"))
    news = sorted((REPO / "examples" / "news").glob("*.txt"))[:12]
    with open_store(db) as store, pytest.raises(ClusterError) as failed:
        ingest([str(p) for p in news], store, coder=coder, batch_size=4, parallel=engine)
    assert "009_" in failed.value.where and "disk is full" in failed.value.message
    with open_store(db, read_only=True) as store:
        # the partition before it was stored; the run is recorded as failed
        assert store.rows("SELECT count(*) AS n FROM articles")[0]["n"] == 8
        assert store.rows("SELECT status FROM ingest_runs")[0]["status"] == "failed"


REST = ["/api/summary", "/api/events?limit=500&status=all", "/api/events?source=RUS",
        "/api/actors", "/api/dyad?a=RUS&b=UKR&freq=month", "/api/network",
        "/api/events/counts?freq=month", "/api/search?q=sanctions"]


def test_shards_read_as_the_duckdb_file_in_python_and_rest(in_process, on_dask):
    _, shards, out = on_dask
    assert "Parquet shards" in out
    with eventlens.open(in_process) as file_db, eventlens.open(shards) as shard_db:
        assert shard_db.events(status=None, merged=False).dicts() == \
            file_db.events(status=None, merged=False).dicts()
        assert shard_db.events().dicts() == file_db.events().dicts()
        some = file_db.events().first().article_id
        assert shard_db.article(some) == file_db.article(some)
    with TestClient(create_app(in_process)) as file_api, \
            TestClient(create_app(shards)) as shard_api:
        for path in [*REST, f"/api/articles/{some}"]:
            want, got = file_api.get(path), shard_api.get(path)
            assert got.status_code == want.status_code == 200, path
            assert got.json() == want.json(), path
        assert shard_api.get("/").status_code == 200  # the dashboard


def test_a_worker_codes_with_the_users_actor_files_sent_as_contents(tmp_path):
    people = tmp_path / "people.tsv"
    people.write_text("name\taliases\tcountry\trole\ttitle\tstart\tend\n"
                      "Ada Quill\tQuill\tNOR\tGOV\tforeign minister\t2020-01-01\t\n")
    article = Article("quill-1", "Ada Quill met Chinese President Xi Jinping in Beijing on "
                      "Monday.", dt.date(2021, 5, 3), origin="quill.txt:1")
    actors = cluster.actor_texts([people])
    people.unlink()  # the worker has no access to the writer's files
    coder = get_coder()
    coded = cluster.code_partition([article], run_id="r1", coder_name="linguistic",
                                   user_actors=actors, coder_version=coder.version)
    sources = coded.tables.event_records.column("source_code").to_pylist()
    assert "NOR:GOV" in sources
    plain = cluster.code_partition([article], run_id="r1", coder_name="linguistic",
                                   user_actors=(), coder_version=coder.version)
    assert "NOR:GOV" not in plain.tables.event_records.column("source_code").to_pylist()
    with pytest.raises(ModelError, match="coder version"):
        cluster.code_partition([article], run_id="r1", coder_name="linguistic", user_actors=(),
                               coder_version="another")


def _worker_settings() -> dict:
    import dask

    return {"profiler": dask.config.get("distributed.worker.profile.enabled"),
            "tick": dask.config.get("distributed.admin.tick.interval"),
            "memory monitor": dask.config.get("distributed.worker.memory.monitor-interval"),
            "MALLOC_TRIM_THRESHOLD_": os.environ.get("MALLOC_TRIM_THRESHOLD_")}


def _scheduler_tick_ms(dask_scheduler) -> float:
    return dask_scheduler.periodic_callbacks["tick"].callback_time


def test_the_local_clusters_workers_run_with_its_settings_also_when_restarted(local_client):
    # no statistical profiler (it samples the coding thread every 10 ms, a tenth of the coding
    # rate); not Dask's MALLOC_TRIM_THRESHOLD_=65536, which made each worker map and unmap
    # spaCy's arrays (a sixth of its time in system calls); quieter monitors
    want = {"profiler": False, "tick": "1s", "memory monitor": "1s",
            "MALLOC_TRIM_THRESHOLD_": None}
    assert list(local_client.run(_worker_settings).values()) == [want, want]
    assert local_client.run_on_scheduler(_scheduler_tick_ms) == 1000
    local_client.restart()  # each nanny starts a new worker process
    assert list(local_client.run(_worker_settings).values()) == [want, want]
