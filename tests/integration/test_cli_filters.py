"""The command line's filters, formats and manners: wrong input is an error naming what is
accepted, never an empty answer; dates as every face reads them; --version, -h, pipes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app

runner = CliRunner()
@pytest.fixture(scope="module")
def db(filter_store) -> Path:
    return filter_store


def _rows(db: Path, *args: str) -> list[dict]:
    out = db.with_name("out.jsonl")
    result = runner.invoke(app, ["events", "--db", str(db), "--raw", "--format", "jsonl",
                                 "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def _refused(db: Path, *args: str) -> str:
    result = runner.invoke(app, ["events", "--db", str(db), *args])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


def test_names_resolve_through_the_knowledge_base(db):
    by_code = _rows(db, "--source", "RUS", "--status", "all")
    assert len(by_code) == 3
    assert _rows(db, "--source", "Russia", "--status", "all") == by_code
    assert _rows(db, "--source", "Russian Federation", "--status", "all") == by_code
    assert [r["plover_type"] for r in _rows(db, "--target", "Ukraine")] == ["COERCE", "ASSAULT"]


def test_cameo_codes_stand_for_the_plover_types_the_crosswalk_gives_them(db):
    assert {r["plover_type"] for r in _rows(db, "--type", "19")} == {"ASSAULT", "COERCE"}
    assert [r["plover_type"] for r in _rows(db, "--type", "190")] == ["ASSAULT"]
    assert [r["plover_type"] for r in _rows(db, "--type", "assault")] == ["ASSAULT"]


@pytest.mark.parametrize(("args", "said"), [
    (["--type", "ATTACK"], "unknown --type 'ATTACK'"),
    (["--type", "ATACK"], "ASSAULT"),
    (["--status", "asserted_"], "did you mean 'asserted'"),
    (["--source", "Rusia"], "did you mean 'Russia' (RUS)"),
    (["--source", "XYZ"], "unknown --source 'XYZ'"),
    (["--since", "2022-13"], "YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--since", "2022-03", "--until", "2022-02"], "inverted"),
    (["--format", "cvs"], "did you mean 'csv'? use one of table, csv, tsv, jsonl, json, parquet"),
])
def test_a_value_no_event_can_have_is_an_error_naming_the_accepted_ones(db, args, said):
    assert said in _refused(db, *args)


def test_status_all_means_every_status(db, filter_acts):
    assert len(_rows(db, "--status", "all")) == len(filter_acts)
    assert [r["status"] for r in _rows(db, "--status", "denied")] == ["denied"]


def test_years_and_months_are_whole_periods(db):
    assert len(_rows(db, "--since", "2022", "--until", "2022", "--status", "all")) == 4
    # a month as --until runs to its last day: 2022-02-26 is in, 2022-03-01 is not
    feb = _rows(db, "--since", "2022-02", "--until", "2022-02")
    assert sorted(r["event_date"] for r in feb) == ["2022-02-24", "2022-02-26"]
    assert len(_rows(db, "--until", "2022-01", "--status", "all")) == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "table"])
@pytest.mark.parametrize("view", ["--raw", "--merged"])
def test_limit_holds_in_every_format(db, fmt, view):
    # to standard output, as a user pipes it
    proc = subprocess.run([sys.executable, "-m", "eventlens.cli", "events", "--db", str(db),
                           view, "--status", "all", "--format", fmt, "--limit", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    if fmt == "table":
        assert "2 merged events shown" in proc.stdout if view == "--merged" \
            else "2 events shown" in proc.stdout
    else:
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        assert len(lines) == 2 + (fmt == "csv")


def test_version_and_short_help():
    from eventlens import __version__

    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.strip() == f"eventlens {__version__}"
    for args in (["-h"], ["events", "-h"], ["forecast", "dyad", "-h"]):
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0 and "Usage" in shown.output, args


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_a_closed_pipe_ends_quietly(db, fmt):
    # `eventlens events ... | head -1`: the reader goes away; no traceback on stderr
    proc = subprocess.run(
        f"{sys.executable} -m eventlens.cli events --db {db} --raw --all --status all "
        f"--format {fmt} | head -c 10 >/dev/null", shell=True, capture_output=True, text=True,
        timeout=120)
    assert "Traceback" not in proc.stderr and "Broken pipe" not in proc.stderr, proc.stderr
    assert proc.stderr == ""


def test_ingest_of_a_missing_path_creates_no_store(tmp_path):
    store = tmp_path / "new.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nothere.txt"), "--db", str(store)])
    assert result.exit_code == 3
    said = " ".join(result.output.split())
    assert "no such file or folder" in said and "nothing could be read: the path given names no file" in said
    assert not store.exists() and not list(tmp_path.glob("new.duckdb*"))


def test_forecast_refuses_actors_that_do_not_exist(db):
    result = runner.invoke(app, ["forecast", "dyad", "XYZ", "QQQ", "--db", str(db)])
    assert result.exit_code == 2
    assert "unknown source 'XYZ'" in " ".join(result.output.split())


def test_forecast_on_thin_history_says_so_instead_of_printing_numbers(db):
    result = runner.invoke(app, ["forecast", "dyad", "Russia", "UKR", "--db", str(db)])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "the history is too short to forecast" in said and "12 windows of 30 days" in said
    assert "0.0" not in said.split("(")[0]  # no probabilities
