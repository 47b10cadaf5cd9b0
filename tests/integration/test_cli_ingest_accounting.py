"""An ingest says how far it is (also into a log), and its event count adds up to the store's."""

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens.cli import app

pytestmark = pytest.mark.model
NEWS = Path(__file__).resolve().parents[2] / "examples" / "news"
runner = CliRunner()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    for path in sorted(NEWS.glob("*.txt"))[:4]:
        shutil.copy(path, folder / path.name)
    db = folder.parent / "acc.duckdb"
    # CliRunner's stderr is no terminal: progress comes as plain lines
    result = runner.invoke(app, ["ingest", str(folder), str(folder / "missing.txt"), "--db",
                                 str(db), "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    return db, result.output


def test_progress_lines_carry_the_total_and_the_time_left(ingested):
    _, out = ingested
    lines = [line for line in out.splitlines() if line.startswith("coding: ")]
    assert len(lines) >= 3
    assert re.search(r" kB of \d+ kB \(\d+%\), about 0:00:\d\d left", "\n".join(lines))
    assert re.match(r"coding: 4 articles \([\d.]+/s\), \d+ events: ", lines[-1])
    assert "(100%)" in lines[-1]


def test_the_run_accounts_for_every_event_report_the_store_holds(ingested):
    db, out = ingested
    said = " ".join(out.split())
    reports = int(re.search(r"stored 4 new with (\d+) event reports", said).group(1))
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM event_records").fetchone()[0] == reports
    # the missing path is skipped with its reason, the rest is read
    assert "1 skipped" in said and "no such file or folder" in said
    shown = int(re.search(r"store: 4 articles, (\d+) events", said).group(1))
    merged = re.search(r"\((\d+) event reports shown, merged into (\d+) events", said)
    hidden = re.search(r"\((\d+) more event reports below confidence", said)
    shown_reports = int(merged.group(1)) if merged else shown
    assert shown_reports + (int(hidden.group(1)) if hidden else 0) == reports
