import subprocess
import sys

import pytest

import eventlens
from eventlens.errors import EventlensError


def test_import_is_light():
    code = ("import sys, eventlens; "
            "print(any(m in sys.modules for m in ('duckdb', 'pyarrow', 'fastapi')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_open_and_query(store):
    db = eventlens.open(store.path)
    try:
        result = db.events(source="RUS", type="ASSAULT", since="2022-02-01")
        assert len(result) == 2  # asserted by default: the denied attack is left out
        assert len(db.events(source="RUS", type="ASSAULT", since="2022-02-01",
                             status="all")) == 3
        first = result.first()
        assert first.plover_type == "ASSAULT" and first.evidence.startswith("Moscow")
        with pytest.raises(AttributeError):
            first.status = "denied"  # frozen
        assert result.dicts()[0]["event_id"] == first.event_id
        assert result.arrow().num_rows == 2
        assert db.count(actor="USA") == 2
        dyad = db.dyad("RUS", "UKR", freq="month")
        assert dyad.arrow().column_names[:4] == ["period", "period_end", "source", "target"]
        assert db.actors(limit=2).first().code == "RUS"
        assert db.article("a1").title == "Title a1"
        assert db.search("washington").first().article_id == "a3"
        assert db.search_backend == "fts"
        assert db.network().nodes[0].code in {"RUS", "UKR"}
    finally:
        db.close()


def test_empty_result_keeps_its_schema(store):
    with eventlens.open(store.path) as db:
        table = db.dyad("RUS", "CHN").arrow()
        assert table.num_rows == 0 and "mean_intensity" in table.column_names
        assert db.events(source="CHN").first() is None


def test_dataframes_are_optional(store, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "polars", None)
    with eventlens.open(store.path) as db:
        with pytest.raises(EventlensError, match="pandas is not installed"):
            db.events().df()
        with pytest.raises(EventlensError, match="polars is not installed"):
            db.events().pl()


def test_export_through_the_client(store, tmp_path):
    with eventlens.open(store.path) as db:
        assert db.export(tmp_path / "d.csv", dyad=("RUS", "UKR"), columns="gdelt") == 4
        assert db.export(tmp_path / "e.csv", dyad=("RUS", "UKR"), status="all") == 5
        assert "040" in (tmp_path / "d.csv").read_text()
