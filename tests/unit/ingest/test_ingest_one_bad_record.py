"""Issue 16 item 5: one bad record costs that record, never the rest of its file: JSONL lines
with a lone surrogate, deep nesting, a 5,000-digit number or a NUL byte, feed entries with
character references to no character, and a WARC gzipped as one file."""

from __future__ import annotations

import gzip
import json

import pytest
from ingest_builders import build_warc, page_html, split

from eventlens.ingest import read_sources


def _good(n: int) -> bytes:
    return json.dumps({"text": f"The ministers met in Geneva on day {n}.",
                       "published": "2021-12-15"}).encode()


BAD_LINES = {
    "lone surrogate": (rb'{"text": "Talks \ud800 in Geneva.", "published": "2021-12-15"}',
                       "lone surrogate (U+D800)"),
    "deep nesting": (b'{"text": "x", "published": "2021-12-15", "meta": '
                     + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    "5,000-digit number": (b'{"text": "Talks.", "published": "2021-12-15", "n": '
                           + b"9" * 5000 + b"}", "cannot be read"),
    "NUL byte": (b'{"text": "Talks \x00 in Geneva.", "published": "2021-12-15"}',
                 "NUL bytes"),
    "NUL escape": (rb'{"text": "Talks \u0000 in Geneva.", "published": "2021-12-15"}',
                   "NUL character"),
}


@pytest.mark.parametrize("case", list(BAD_LINES))
def test_a_bad_jsonl_record_costs_its_line_only(write, case):
    line, reason = BAD_LINES[case]
    path = write("news.jsonl", b"\n".join([_good(1), line, _good(3), _good(4)]) + b"\n")
    articles, errors = split(list(read_sources(path)))
    assert [a.text[-6:] for a in articles] == ["day 1.", "day 3.", "day 4."]
    assert len(errors) == 1 and errors[0].where == f"{path}:2"
    assert reason in errors[0].message


def test_a_jsonl_file_of_nul_bytes_is_still_refused_as_binary(write):
    path = write("image.jsonl", b"\x89PNG\x00\x00\x00\rIHDR\n\x00\x00\x01\x00\n\x00\x08\x06")
    _, errors = split(list(read_sources(path)))
    assert len(errors) == 1 and "binary file" in errors[0].message


@pytest.mark.parametrize("reference", ["&#xD800;", "&#0;", "&#x110000;", "&#99999999999;"])
def test_a_feed_entry_with_a_reference_to_no_character_keeps_the_feed(write, reference):
    def item(n, body):
        return (f"<item><title>T{n}</title><description>{body}</description>"
                "<pubDate>Wed, 15 Dec 2021 10:00:00 GMT</pubDate></item>")

    items = "".join(item(n, f"Talks {reference if n == 2 else ''} in Geneva on day {n}.")
                    for n in range(1, 5))
    path = write("wire.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>W'
                             f"</title>{items}</channel></rss>")
    articles, errors = split(list(read_sources(path)))
    assert errors == [] and len(articles) == 4
    assert "\ufffd" in articles[1].text and articles[3].text.endswith("day 4.")


def test_a_warc_gzipped_as_one_file_yields_every_record(write):
    plain, _ = build_warc([("response", f"https://example.org/{n}", page_html(n).encode(),
                            "text/html") for n in range(1, 4)], gzip=False)
    path = write("crawl.warc.gz", gzip.compress(plain))
    articles, errors = split(list(read_sources(path)))
    assert errors == []
    assert [a.url for a in articles] == [f"https://example.org/{n}" for n in range(1, 4)]


def test_a_truncated_whole_file_gzip_warc_keeps_the_records_before_the_break(write):
    plain, offsets = build_warc([("response", f"https://example.org/{n}",
                                  page_html(n).encode(), "text/html") for n in range(1, 4)],
                                gzip=False)
    whole = gzip.compress(plain, mtime=0)
    path = write("cut.warc.gz", whole[: len(whole) - 40])
    articles, errors = split(list(read_sources(path)))
    assert [a.url for a in articles][:2] == ["https://example.org/1", "https://example.org/2"]
    assert errors and any("gzip" in e.message or "ends inside" in e.message for e in errors)
