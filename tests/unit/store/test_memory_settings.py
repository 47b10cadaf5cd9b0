"""DuckDB's memory limit and spill folder for the store: from the settings file to the
connection `eventlens ingest` writes with."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens import cli
from eventlens.config import load_settings
from eventlens.errors import ConfigError, EventlensError
from eventlens.store import open_store


def _duckdb_settings(store) -> tuple[str, str]:
    return store.con.execute("SELECT current_setting('memory_limit'), "
                             "current_setting('temp_directory')").fetchone()


def test_the_limit_and_folder_reach_duckdb(tmp_path):
    spill = tmp_path / "spill"
    with open_store(tmp_path / "s.duckdb", memory_limit="300MB", temp_directory=spill) as store:
        limit, folder = _duckdb_settings(store)
    assert limit == "286.1 MiB"  # DuckDB reports 300 MB in MiB
    assert folder == str(spill)


def test_without_them_duckdb_keeps_its_own(tmp_path):
    with open_store(tmp_path / "s.duckdb") as own, \
            open_store(tmp_path / "t.duckdb", memory_limit="300MB") as limited:
        assert _duckdb_settings(own)[0] != _duckdb_settings(limited)[0]


def test_a_bad_limit_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="memory_limit 'lots'"):
        open_store(tmp_path / "s.duckdb", memory_limit="lots")


def test_settings_file_gives_both(tmp_path):
    cfg = tmp_path / "eventlens.toml"
    cfg.write_text('db_memory_limit = "1GB"\ndb_temp_directory = "spill"\n')
    settings = load_settings(cfg)
    assert (settings.db_memory_limit, settings.db_temp_directory) == ("1GB", tmp_path / "spill")
    cfg.write_text("db_memory_limit = 1000\n")
    with pytest.raises(ConfigError, match="db_memory_limit"):
        load_settings(cfg)


def test_ingest_opens_the_store_with_them(tmp_path, monkeypatch):
    """`eventlens ingest` opens its store with the settings file's limit and folder (the
    coding is not run: the run stops once the store is open)."""
    cfg = tmp_path / "eventlens.toml"
    cfg.write_text(f'db = "s.duckdb"\ndb_memory_limit = "300MB"\n'
                   f'db_temp_directory = "{tmp_path / "spill"}"\n')
    source = tmp_path / "a.jsonl"
    source.write_text('{"text": "Nothing happened.", "published": "2024-01-01"}\n')
    seen = {}

    def stop(paths, store, **kwargs):
        seen["settings"] = _duckdb_settings(store)
        raise EventlensError("stopped after opening the store")

    monkeypatch.setattr("eventlens.registry.get_coder", lambda *a, **k: None)
    monkeypatch.setattr("eventlens.pipeline.ingest", stop)
    result = CliRunner().invoke(cli.app, ["ingest", str(source), "--config", str(cfg)])
    assert "stopped after opening the store" in result.output
    assert seen["settings"] == ("286.1 MiB", str(tmp_path / "spill"))
    assert Path(tmp_path / "s.duckdb").exists()
