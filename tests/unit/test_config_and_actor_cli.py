"""Settings files, user actor dictionaries on the command line, and `eventlens actors lookup`."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.config import Settings, load_settings
from eventlens.errors import ConfigError

runner = CliRunner()


def test_settings_file_and_flags(tmp_path):
    cfg = tmp_path / "eventlens.toml"
    cfg.write_text('db = "data/x.duckdb"\nactor_files = ["mine.tsv"]\nbatch_size = 8\n')
    settings = load_settings(cfg)
    assert settings.db == tmp_path / "data/x.duckdb"
    assert settings.actor_files == (tmp_path / "mine.tsv",)
    merged = settings.with_flags(batch_size=None, actor_files=[Path("more.yaml")])
    assert merged.batch_size == 8
    assert merged.actor_files == (tmp_path / "mine.tsv", Path("more.yaml"))


def test_settings_errors_name_the_file(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match=r"bad.toml.*unknown setting"):
        load_settings(cfg)
    cfg.write_text("batch_size = 0\n")
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(cfg)


def test_no_file_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVENTLENS_CONFIG", raising=False)
    assert load_settings() == Settings()


@pytest.mark.model
def test_lookup_is_time_aware():
    out = runner.invoke(app, ["actors", "lookup", "the US president", "--date", "2019-06-01"])
    assert out.exit_code == 0, out.output
    assert "USA:GOV = Donald Trump by office" in out.output
    out = runner.invoke(app, ["actors", "lookup", "the US president", "--date", "2021-12-15"])
    assert "Joe Biden" in out.output


@pytest.mark.model
def test_lookup_explains_a_place():
    out = runner.invoke(app, ["actors", "lookup", "Kharkiv"])
    assert out.exit_code == 0, out.output
    assert "place Kharkiv: city in UKR" in out.output
    assert "resolves to UKR = Kharkiv by place" in out.output
    out = runner.invoke(app, ["actors", "lookup", "Kashmir"])
    assert "also a place in PAK" in out.output


@pytest.mark.model
def test_user_actor_file_changes_resolution(tmp_path):
    people = tmp_path / "people.tsv"
    people.write_text("name\taliases\tcountry\trole\ttitle\tstart\tend\n"
                      "Ada Quill\tQuill\tNOR\tGOV\tforeign minister\t2020-01-01\t\n")
    out = runner.invoke(app, ["actors", "lookup", "Ada Quill", "--date", "2021-05-01",
                              "--actors", str(people)])
    assert out.exit_code == 0, out.output
    assert "NOR:GOV = Ada Quill by knowledge-base" in out.output
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\taliases\tcountry\trole\ttitle\tstart\tend\n"
                   "Ada Quill\t\tXXQ\tGOV\tforeign minister\t2020-01-01\t\n")
    out = runner.invoke(app, ["actors", "lookup", "Ada Quill", "--actors", str(bad)])
    assert out.exit_code == 2
    assert "bad.tsv:2" in out.output
