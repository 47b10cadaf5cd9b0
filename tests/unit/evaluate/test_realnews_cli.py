"""`eventlens eval` on real-news files end to end: a fixture in our wording, and the start of the
shared third-party files (skipped when ../shared is absent)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventlens.cli import app

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "realnews"
REALNEWS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "realnews"
runner = CliRunner()


@pytest.mark.model
def test_eval_scores_a_wikievents_fixture(tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["eval", str(FIXTURES / "wikievents_dev.jsonl"), "--report",
                                 str(out), "--min-confidence", "0.0"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["input_format"] == "wikievents" and report["min_confidence"] == 0.0
    section = report["realnews"]["wikievents"]
    assert section["n"] == 1 and section["gold_events"] == 4
    assert set(section["lenient"]) >= {"precision", "recall", "f1"}
    assert report["throughput"]["articles"] == 1
    assert "real news wikievents" in result.output


@pytest.mark.model
def test_eval_rejects_an_unknown_file_with_its_place(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some words\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path), "--no-throughput"])
    assert result.exit_code == 2
    assert "notes.txt:1" in result.output


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.skipif(not REALNEWS.is_dir(), reason="../shared/data/realnews is absent")
def test_eval_on_the_start_of_a_shared_file(tmp_path):
    # the first 40 lines only, copied to a temporary file: the data is not ours to commit
    source = REALNEWS / "confliBERT" / "cameo_ner" / "train.txt"
    head = tmp_path / "head.txt"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)[:40]
    head.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["eval", str(head), "--no-throughput", "--report", str(out)])
    assert result.exit_code == 0, result.output
    section = json.loads(out.read_text(encoding="utf-8"))["realnews"]["cameo_ner"]
    # every blank line ends a sentence; the cut may leave one unfinished at the end
    assert section["n"] == sum(1 for line in lines if not line.strip()) + bool(lines[-1].strip())
    assert 0.0 <= section["source"]["precision"] <= 1.0


@pytest.mark.shared
@pytest.mark.skipif(not REALNEWS.is_dir(), reason="../shared/data/realnews is absent")
@pytest.mark.parametrize(("name", "fmt", "count"), [
    ("confliBERT/cameo_class/train.tsv", "cameo_class", 901),
    ("confliBERT/cameo_ner/train.txt", "cameo_ner", 762),
    ("wikievents/dev.jsonl", "wikievents", 20),
    ("wikievents/wiki-train-human.jsonl", "wikievents", 206),
    ("indiapoliceevents/dev.jsonl", "police", 3024)])
def test_the_shared_files_are_recognised_and_read_whole(name, fmt, count):
    from eventlens.evaluate.realnews import detect_format
    from eventlens.evaluate.realnews_scores import READERS

    path = REALNEWS / name
    assert detect_format(path) == fmt
    assert len(READERS[fmt][0](path)) == count  # the sizes the data README gives
