"""Readers stream: the first article of a large file (JSONL.gz, WARC.gz, RSS) comes before the
rest is read, and a folder is walked as its files are read (counted in bytes and folders, not
timed); a large feed read in pieces gives what the whole feed gives."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path

from ingest_builders import build_warc, page_html

from eventlens.ingest import feeds as feed_reader
from eventlens.ingest import feedstream, read_sources
from eventlens.ingest import jsonl as jsonl_reader
from eventlens.ingest import paths as path_walker
from eventlens.ingest import warc as warc_reader
from eventlens.model import Article

_WORDS = ("ministers", "border", "talks", "ceasefire", "delegation", "harbour", "convoy",
          "parliament", "sanctions", "envoy", "summit", "grain", "pipeline", "election")


class CountingRaw(io.FileIO):
    """A file that counts the bytes read from disk."""

    total = 0

    def readinto(self, buffer) -> int:
        n = super().readinto(buffer)
        CountingRaw.total += n or 0
        return n


# What a streaming reader reads ahead: a few buffers (gzip reads 128 KiB at a time), never the
# file; every file here is several times larger.
READ_AHEAD = 512 * 1024


def _counting_open(path: Path):
    return io.BufferedReader(CountingRaw(str(path), "rb"), buffer_size=1 << 16)


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) + str(rng.randint(0, 999)) for _ in range(words)) + "."


def test_gzipped_jsonl_yields_its_first_article_before_reading_the_rest(tmp_path, monkeypatch):
    rng = random.Random(3)
    path = tmp_path / "day.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in range(5000):
            out.write(json.dumps({"text": _prose(rng, 120), "published": "2024-05-0"
                                  f"{1 + n % 9}", "title": f"Report {n}"}) + "\n")
    size = path.stat().st_size
    assert size > 3 * READ_AHEAD
    monkeypatch.setattr(jsonl_reader, "open_binary", _counting_open)
    CountingRaw.total = 0
    items = read_sources([path])
    first = next(items)
    assert isinstance(first, Article) and first.title == "Report 0"
    assert CountingRaw.total < READ_AHEAD
    rest = list(items)
    assert len(rest) == 4999 and CountingRaw.total >= size


def test_gzipped_warc_yields_its_first_page_before_reading_the_rest(tmp_path, monkeypatch):
    rng = random.Random(5)
    records = []
    for n in range(800):
        body = page_html(n).replace("constructive", _prose(rng, 400))
        records.append(("response", f"https://example.org/{n}", body.encode("utf-8"),
                        "text/html; charset=utf-8"))
    data, _ = build_warc(records, gzip=True)  # one gzip member per record, as crawls are
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    monkeypatch.setattr(warc_reader, "open_binary", _counting_open)
    CountingRaw.total = 0
    items = read_sources([path])
    first = next(items)
    assert isinstance(first, Article) and first.url == "https://example.org/0"
    assert len(data) > 3 * READ_AHEAD and CountingRaw.total < READ_AHEAD
    second = next(items)
    assert second.url == "https://example.org/1" and CountingRaw.total < READ_AHEAD
    items.close()


def test_a_folder_is_walked_as_its_files_are_read(tmp_path, monkeypatch):
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        for n in range(2):
            (tmp_path / folder / f"{n}.jsonl").write_text(json.dumps(
                {"text": f"Talks in {folder} resumed, round {n}.", "published": "2024-05-01"})
                + "\n", encoding="utf-8")
    walked: list[str] = []
    real_walk = os.walk

    def recording_walk(top, **kwargs):
        for root, dirs, files in real_walk(top, **kwargs):
            walked.append(Path(root).name)
            yield root, dirs, files

    monkeypatch.setattr(path_walker.os, "walk", recording_walk)
    items = read_sources([tmp_path])
    first = next(items)
    assert first.text == "Talks in a resumed, round 0."
    assert "b" not in walked and "c" not in walked
    assert [i.text for i in items][-1] == "Talks in c resumed, round 1."
    assert walked[-2:] == ["b", "c"]


def _feed_items(path: Path) -> list[tuple]:
    return [(i.title, i.url, i.outlet, i.published, i.origin, i.text)
            if isinstance(i, Article) else (i.where, i.message) for i in read_sources([path])]


def test_a_feed_read_in_pieces_gives_what_the_whole_feed_gives(write, monkeypatch):
    from test_ingest_html_feeds import ATOM, RSS

    rss, atom = write("wire.rss", RSS), write("desk.atom", ATOM)
    whole = [_feed_items(rss), _feed_items(atom)]
    monkeypatch.setattr(feed_reader, "WHOLE_FEED_BYTES", 0)
    monkeypatch.setattr(feedstream, "ENTRIES_PER_PIECE", 2)
    assert [_feed_items(rss), _feed_items(atom)] == whole
    assert len(whole[0]) == 3 and whole[0][0][2] == "World Wire"


def _rss_item(n: int, rng: random.Random) -> str:
    return (f"<item><title>Report {n}</title><link>https://wire.example/{n}</link>"
            f"<pubDate>Wed, 15 Dec 2021 10:00:00 GMT</pubDate>"
            f"<description>{_prose(rng, 150)}</description></item>\n")


def test_a_large_feed_yields_its_first_entry_before_reading_the_rest(tmp_path, monkeypatch):
    rng = random.Random(7)
    path = tmp_path / "wire.rss"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                    "<title>World Wire</title>\n"
                    + "".join(_rss_item(n, rng) for n in range(2000)) + "</channel></rss>\n",
                    encoding="utf-8")
    assert path.stat().st_size > 3 * READ_AHEAD
    monkeypatch.setattr(feed_reader, "WHOLE_FEED_BYTES", 1 << 16)
    monkeypatch.setattr(feed_reader, "open_binary", _counting_open)
    CountingRaw.total = 0
    items = read_sources([path])
    first = next(items)
    assert (first.title, first.outlet, first.origin) == ("Report 0", "World Wire",
                                                         f"{path}:entry 1")
    assert CountingRaw.total < READ_AHEAD
    items.close()


def test_a_large_feed_broken_midway_keeps_what_came_before(tmp_path, monkeypatch):
    rng = random.Random(9)
    items = [_rss_item(n, rng) for n in range(120)]
    items[100] = items[100].replace("</title>", "</titel>")
    path = tmp_path / "wire.rss"
    path.write_text("<rss version=\"2.0\"><channel><title>World Wire</title>\n"
                    + "".join(items) + "</channel></rss>\n", encoding="utf-8")
    monkeypatch.setattr(feed_reader, "WHOLE_FEED_BYTES", 0)
    found = list(read_sources([path]))
    assert [a.title for a in found[:-1]] == [f"Report {n}" for n in range(100)]
    assert found[-1].where == f"{path}:line 102"
    assert "malformed XML" in found[-1].message and "rest of the feed" in found[-1].message
