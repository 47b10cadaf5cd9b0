"""A store written as Parquet shards by month reads as the DuckDB file it came from."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

import eventlens
from eventlens.errors import SchemaError
from eventlens.store import open_store
from eventlens.store.shards import MANIFEST, is_shard_folder, write_shards


@pytest.fixture(scope="module")
def shards(filter_store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("shards") / "events"
    with open_store(filter_store, read_only=True) as store:
        written = write_shards(store, folder)
    return folder, written


def test_the_layout_is_one_file_per_table_and_month(shards):
    folder, written = shards
    assert written.months == ["2022-01", "2022-02", "2022-03", "2023-05"]
    assert sorted(p.name for p in (folder / "articles").iterdir()) == [
        "month=2022-01", "month=2022-02", "month=2022-03", "month=2023-05"]
    # two acts of February 2022: both event records in that month's file
    february = pq.read_table(folder / "event_records" / "month=2022-02" / "data.parquet")
    assert sorted(february.column("plover_type").to_pylist()) == ["ASSAULT", "SANCTION"]
    assert (folder / "ingest_runs" / "data.parquet").exists()
    assert json.loads((folder / MANIFEST).read_text())["schema_version"] >= 5
    assert not list(folder.rglob("*.tmp"))
    assert is_shard_folder(folder) and not is_shard_folder(folder / "articles")


def test_the_python_api_reads_the_same_events_from_shards(filter_store, shards):
    folder, _ = shards
    with eventlens.open(filter_store) as file_db, eventlens.open(folder) as shard_db:
        assert shard_db.events(status=None).dicts() == file_db.events(status=None).dicts()
        assert [e.plover_type for e in shard_db.events(source="RUS", status=None)] == \
            ["COERCE", "ASSAULT", "CONSULT"]
        assert shard_db.count(since="2022-02", until="2022-02") == 2
        assert shard_db.store.summary() == file_db.store.summary()
        assert shard_db.dyad("RUS", "UKR", freq="month").dicts() == \
            file_db.dyad("RUS", "UKR", freq="month").dicts()
        assert shard_db.article("a1") == file_db.article("a1")
        assert shard_db.article("a1").title == "act 1"
        errors_run, errors = shard_db.store.run_errors()
        assert errors_run["status"] == "running" and errors == []


def test_a_shard_folder_is_read_only(shards):
    folder, _ = shards
    with pytest.raises(SchemaError, match="read only"):
        open_store(folder)


def test_writing_some_months_leaves_the_others_alone(filter_store, shards, tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(shards[0], folder)
    january = folder / "articles" / "month=2022-01" / "data.parquet"
    before = january.stat().st_mtime_ns
    with open_store(filter_store, read_only=True) as store:
        written = write_shards(store, folder, months=["2023-05"])
    assert written.months == ["2023-05"]
    assert january.stat().st_mtime_ns == before
    with eventlens.open(folder) as db:
        assert db.count(status=None) == 5


def test_a_month_the_store_no_longer_has_is_removed_by_a_full_write(filter_store, shards,
                                                                    tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(shards[0], folder)
    stale = folder / "event_records" / "month=1999-01"
    shutil.copytree(folder / "event_records" / "month=2022-01", stale)
    with eventlens.open(folder) as db:  # the stale copy of January is read too
        assert db.store.rows("SELECT count(*) AS n FROM event_records")[0]["n"] == 6
    with open_store(filter_store, read_only=True) as store:
        write_shards(store, folder)
    assert not stale.exists()
    with eventlens.open(folder) as db:
        assert db.count(status=None) == 5


def test_shards_on_an_fsspec_filesystem_read_the_same(filter_store):
    url = "memory://eventlens-test/events"
    with open_store(filter_store, read_only=True) as store:
        write_shards(store, url)
    with eventlens.open(filter_store) as file_db, eventlens.open(url) as shard_db:
        assert shard_db.events(status=None).dicts() == file_db.events(status=None).dicts()


def test_shards_of_a_newer_schema_are_refused(shards, tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(shards[0], folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["schema_version"] = 999
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(SchemaError, match="newer than this eventlens"):
        eventlens.open(folder)


def test_a_column_older_shards_lack_reads_as_null(shards, tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(shards[0], folder)
    for path in (folder / "event_records").rglob("*.parquet"):
        pq.write_table(pq.read_table(path).drop_columns(["why"]), path)
    with eventlens.open(folder) as db:
        rows = db.store.rows("SELECT why FROM event_records")
    assert len(rows) == 5 and {r["why"] for r in rows} == {None}
