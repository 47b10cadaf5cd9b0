"""WARC crawls built in the test with warcio: good pages, garbage, damage, truncation."""

from __future__ import annotations

import datetime as dt

import pytest
from ingest_builders import build_warc, page_html, split

from eventlens.ingest import read_sources

HTML = "text/html; charset=utf-8"
GARBAGE = bytes(range(256)) * 4


def crawl() -> list[tuple[str, str, bytes, str]]:
    return [
        ("request", "https://news.example/1", b"", ""),
        ("response", "https://news.example/1", page_html(1).encode(), HTML),
        ("response", "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + GARBAGE, "image/png"),
        ("response", "https://news.example/garbage", GARBAGE, HTML),
        ("404", "https://news.example/missing", b"<html><body>Not found</body></html>", HTML),
        ("response", "https://news.example/2", page_html(2).encode(), HTML),
    ]


@pytest.mark.parametrize("compressed", [False, True])
def test_two_good_pages_and_one_garbage_record(write, compressed):
    data, offsets = build_warc(crawl(), gzip=compressed)
    path = write("crawl.warc.gz" if compressed else "crawl.warc", data)
    articles, errors = split(list(read_sources([path])))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/2"]
    assert [a.origin for a in articles] == [
        f"{path}:offset {offsets[1]}",
        f"{path}:offset {offsets[5]}",
    ]
    assert articles[0].title == "Leaders meet in round 1 of talks"
    assert articles[0].published == dt.date(2021, 12, 15)
    [error] = errors  # requests, images and the 404 are not articles, and not errors
    assert error.where == f"{path}:offset {offsets[3]}"
    assert "https://news.example/garbage" in error.message
    assert "binary" in error.message


@pytest.mark.parametrize("compressed", [False, True])
def test_damaged_record_header_is_skipped_and_reading_resumes(write, compressed):
    records = [
        ("response", f"https://news.example/{n}", page_html(n).encode(), HTML) for n in (1, 2, 3)
    ]
    data, offsets = build_warc(records, gzip=compressed)
    damaged = bytearray(data)
    if compressed:  # spoil the middle gzip member's compressed stream
        damaged[offsets[1] + 20 : offsets[1] + 60] = b"\x00" * 40
    else:
        damaged[offsets[1] : offsets[1] + 8] = b"GARBAGE!"
    path = write("damaged.warc" + (".gz" if compressed else ""), bytes(damaged))
    articles, errors = split(list(read_sources([path])))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/3"]
    [error] = errors
    assert error.where == f"{path}:offset {offsets[1]}"
    assert "damaged WARC record" in error.message


def test_truncated_gzip_warc_stops_cleanly_with_an_error_at_the_offset(write):
    records = [
        ("response", f"https://news.example/{n}", page_html(n).encode(), HTML) for n in (1, 2, 3)
    ]
    data, offsets = build_warc(records, gzip=True)
    path = write("cut.warc.gz", data[: offsets[2] + 60])
    articles, errors = split(list(read_sources([path])))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/2"]
    [error] = errors
    assert error.where == f"{path}:offset {offsets[2]}"
    assert "truncated" in error.message


def test_truncated_plain_warc_stops_cleanly(write):
    records = [
        ("response", f"https://news.example/{n}", page_html(n).encode(), HTML) for n in (1, 2)
    ]
    data, offsets = build_warc(records, gzip=False)
    path = write("cut.warc", data[: offsets[1] + 300])
    articles, errors = split(list(read_sources([path])))
    assert [a.url for a in articles] == ["https://news.example/1"]
    [error] = errors
    assert error.where == f"{path}:offset {offsets[1]}"


def test_a_non_warc_file_named_warc_is_one_error(write):
    path = write("fake.warc", "<html><body>not a crawl</body></html>")
    [error] = list(read_sources([path]))
    assert error.where == f"{path}:offset 0"
    assert "not a WARC record" in error.message


def test_gzip_warc_without_the_extension_is_sniffed(write):
    data, _ = build_warc(
        [("response", "https://news.example/1", page_html(1).encode(), HTML)], gzip=True
    )
    path = write("crawl-000", data)
    [article] = list(read_sources([path]))
    assert article.url == "https://news.example/1"


def test_a_page_that_breaks_the_html_tools_costs_only_that_page(write, monkeypatch):
    from eventlens.ingest import warc as warc_module

    real = warc_module.html_to_article

    def fragile(html, **kwargs):
        if "round 2" in html:
            raise RecursionError("maximum recursion depth exceeded")
        return real(html, **kwargs)

    monkeypatch.setattr(warc_module, "html_to_article", fragile)
    records = [
        ("response", f"https://news.example/{n}", page_html(n).encode(), HTML) for n in (1, 2, 3)
    ]
    data, offsets = build_warc(records, gzip=True)
    path = write("fragile.warc.gz", data)
    articles, errors = split(list(read_sources([path])))
    assert [a.url for a in articles] == ["https://news.example/1", "https://news.example/3"]
    [error] = errors
    assert error.where == f"{path}:offset {offsets[1]}"
    assert "RecursionError" in error.message
