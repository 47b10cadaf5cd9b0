"""Issue 16 items 1, 2, 3 and 7 as a user meets them: `eventlens ingest` on inputs that used
to stop the run, its exit codes and messages, and `eventlens errors RUN`."""

from __future__ import annotations

import re

import duckdb
import pytest
from typer.testing import CliRunner

from eventlens.cli import EXIT_ERROR, EXIT_NOTHING_READ, app

pytestmark = pytest.mark.model
runner = CliRunner()
GOOD = ("Russian President Vladimir Putin and Chinese President Xi Jinping held talks by video "
        "link on Wednesday, the Kremlin said.\n")


def _ingest(*args):
    return runner.invoke(app, ["ingest", *[str(a) for a in args]])


def _seed(path, body, day="2021-12-15"):
    path.write_text(f" date {day} Talks\n\n{body}", encoding="utf-8")
    return path


def _run_id(output: str) -> str:
    return re.search(r"run ([0-9a-f]{12})", output).group(1)


def test_a_missing_path_exits_3_and_says_why(tmp_path):
    result = _ingest(tmp_path / "nowhere", "--db", tmp_path / "s.duckdb")
    assert result.exit_code == EXIT_NOTHING_READ, result.output
    assert "no such file or folder" in result.output
    assert "nothing could be read" in result.output


def test_every_file_failing_exits_3(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_bytes(b"\x00\x01binary")
    _seed(news / "b.txt", GOOD, day="9999-12-31")
    result = _ingest(news, "--db", tmp_path / "s.duckdb")
    assert result.exit_code == EXIT_NOTHING_READ, result.output
    assert "implausible publication year 9999" in result.output


def test_skips_past_twenty_point_to_eventlens_errors(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    _seed(news / "good.txt", GOOD)
    for n in range(25):
        (news / f"bad{n:02d}.txt").write_text("no header here\n")
    db = tmp_path / "s.duckdb"
    result = _ingest(news, "--db", db)
    assert result.exit_code == 0, result.output
    run = _run_id(result.output)
    assert f"and 5 more (see `eventlens errors {run}`)" in result.output
    listed = runner.invoke(app, ["errors", run[:6], "--db", str(db)])
    assert listed.exit_code == 0 and "25 skipped" in listed.output
    assert all(f"bad{n:02d}.txt" in listed.output for n in range(25))
    assert runner.invoke(app, ["errors", "--db", str(db)]).output == listed.output
    unknown = runner.invoke(app, ["errors", "ffffff", "--db", str(db)])
    assert unknown.exit_code == EXIT_ERROR and "no ingest run" in unknown.output


def test_long_overflowing_and_failing_articles_cost_themselves_only(tmp_path, monkeypatch,
                                                                    nlp):
    import eventlens.registry

    news = tmp_path / "news"
    news.mkdir()
    _seed(news / "a_good.txt", GOOD)
    _seed(news / "b_ago.txt", "The two armies clashed 10000000000 days ago, the ministry said, "
                              "and again on Friday.\n")
    long_text = (GOOD + "\n" + "Officials said little else about the talks.\n\n" * 12) * 80
    _seed(news / "c_long.txt", long_text)
    _seed(news / "d_ancient.txt", GOOD.replace("video", "telephone"), day="0001-01-01")
    _seed(news / "e_poison.txt", "POISON " + GOOD)
    real = eventlens.registry.get_coder

    class Failing:
        """The real coder, failing on one article as a bug in it would."""

        def __init__(self, coder):
            self.coder, self.name, self.version = coder, coder.name, coder.version

        def code(self, doc, article):
            if "POISON" in article.text:
                raise RuntimeError("the coder broke")
            return self.coder.code(doc, article)

    monkeypatch.setattr(eventlens.registry, "get_coder", lambda *a, **k: Failing(real(*a, **k)))
    # the parser takes 20,000 characters here, so the 50,000-character article needs pieces
    monkeypatch.setattr(nlp, "max_length", 20_000)
    assert len(long_text) > 2 * nlp.max_length
    db = tmp_path / "s.duckdb"
    result = _ingest(news, "--db", db)
    assert result.exit_code == 0, result.output
    assert "read 4 articles, stored 3 new with" in result.output
    assert "[E150]" in result.output and "e_poison.txt" in result.output
    assert "RuntimeError: the coder broke" in result.output
    assert "implausible publication year 1" in result.output
    con = duckdb.connect(str(db), read_only=True)
    events = con.execute("SELECT count(*) FROM event_records").fetchone()[0]
    assert f"with {events} event reports" in result.output
    text, long_id = con.execute("SELECT text, id FROM articles WHERE origin LIKE '%c_long.txt'"
                                ).fetchone()
    assert text == long_text
    spans = con.execute("SELECT evidence_start, evidence_end, evidence, source_start, "
                        "source_end, source_text FROM event_records WHERE article_id = ?",
                        [long_id]).fetchall()
    assert max(s[0] for s in spans) > 40_000  # found in the third piece, placed in the whole
    for start, end, evidence, s_start, s_end, s_text in spans:
        assert text[start:end] == evidence and text[s_start:s_end] == s_text
    assert con.execute("SELECT errors, status FROM ingest_runs").fetchone() == (2, "done")
