"""The scale benchmark's corpus generator: deterministic, varied, and shaped like news (copies,
duplicates, paraphrases, several stories a day). No model is loaded."""

from __future__ import annotations

import json
from collections import Counter

from synthetic_news import ARTICLES_PER_DAY, generate, write_corpus


def _records(n: int = 600, seed: int = 11) -> list[dict]:
    return list(generate(n, seed=seed))


def test_same_size_and_seed_give_the_same_records():
    assert _records() == _records()
    assert _records(seed=12) != _records()
    assert _records(300) == _records(600)[:300]


def test_the_corpus_has_the_size_asked_and_the_fields_ingest_reads():
    records = _records(257)
    assert len(records) == 257
    for r in records:
        assert r["text"].strip() and r["title"] and r["outlet"] and r["url"].startswith("https://")
        assert len(r["published"]) == 10


def test_actors_dates_kinds_and_sentences_vary():
    records = _records(2000)
    # a paraphrase may run the day after: one day more than the wire days
    assert len({r["published"] for r in records}) in (10, 11)
    assert 2000 // ARTICLES_PER_DAY == 10
    assert len({r["title"].split()[0] for r in records}) >= 30  # leading actor or place
    assert len({r["outlet"] for r in records}) >= 8
    sentences = Counter(s for r in records for s in r["text"].replace("\n\n", " ").split(". "))
    # background is put together from parts: few sentences recur across many reports
    assert sum(1 for c in sentences.values() if c > 50) < 30
    words = [len(r["text"].split()) for r in records]
    assert 150 < sum(words) / len(words) < 320


def test_happenings_are_told_as_wire_copies_duplicates_and_paraphrases():
    records = _records(2000)
    kinds = Counter(r["kind"] for r in records)
    assert set(kinds) == {"wire", "copy", "duplicate", "paraphrase"}
    assert kinds["copy"] > kinds["wire"] / 2 and kinds["paraphrase"] > kinds["wire"] / 3
    by_happening: dict[int, list[dict]] = {}
    for r in records:
        by_happening.setdefault(r["happening"], []).append(r)
    wire = {h: next(r for r in rs if r["kind"] == "wire") for h, rs in by_happening.items()}
    for r in records:
        if r["kind"] == "duplicate":
            assert r["text"] == wire[r["happening"]]["text"]
        if r["kind"] == "copy":  # a near-duplicate: most of the wire's sentences, not all text
            assert r["text"] != wire[r["happening"]]["text"]
            body = wire[r["happening"]]["text"].split(" - ", 1)[1]
            assert sum(p in r["text"] for p in body.split("\n\n")) >= len(body.split("\n\n")) - 3
    per_day = Counter((r["published"], r["happening"]) for r in records if r["kind"] == "wire")
    assert min(Counter(day for day, _ in per_day).values()) >= 10  # many stories a day


def test_written_as_one_jsonl_file_per_day(tmp_path):
    paths = write_corpus(tmp_path, 450, seed=3)
    assert [p.name for p in paths] == sorted(p.name for p in paths)
    lines = [json.loads(line) for p in paths for line in p.read_text().splitlines()]
    assert lines == sorted(_records(450, seed=3), key=lambda r: r["published"])
    assert all(r["published"] == p.stem for p in paths
               for r in map(json.loads, p.read_text().splitlines()))
