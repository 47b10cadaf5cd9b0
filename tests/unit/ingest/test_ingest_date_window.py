"""Issue 16 item 3: a publication date outside 1800..next year is refused by every reader,
with the file and the place, and the records around it are still read."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from eventlens.errors import IngestError
from eventlens.ingest import IngestOptions, read_sources

BODY = "The foreign ministers met in Geneva on Tuesday for talks on the border dispute.\n"
NEXT_YEAR = dt.date.today().year + 1


def _split(items):
    articles = [i for i in items if not isinstance(i, IngestError)]
    errors = [i for i in items if isinstance(i, IngestError)]
    return articles, errors


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1799-12-31",
                                 f"{NEXT_YEAR + 1}-01-01"])
def test_seed_header_outside_the_window_is_refused(write, day):
    path = write("old.txt", f" date {day} Talks\n\n{BODY}")
    articles, errors = _split(list(read_sources(path)))
    assert articles == []
    assert len(errors) == 1
    assert errors[0].where == f"{path}:1"
    assert "implausible publication year" in errors[0].message and day in errors[0].message


@pytest.mark.parametrize("day", ["1800-01-01", f"{NEXT_YEAR}-12-31"])
def test_seed_header_at_the_window_edges_is_read(write, day):
    articles, errors = _split(list(read_sources(write("edge.txt", f" date {day} T\n\n{BODY}"))))
    assert errors == [] and articles[0].published == dt.date.fromisoformat(day)


def test_jsonl_and_html_dates_outside_the_window_cost_one_record(write):
    lines = [json.dumps({"text": BODY + str(n), "published": day})
             for n, day in enumerate(["2021-12-15", "9999-12-31", "0001-01-01", "2021-12-16"])]
    path = write("news.jsonl", "\n".join(lines) + "\n")
    articles, errors = _split(list(read_sources(path)))
    assert [a.published.isoformat() for a in articles] == ["2021-12-15", "2021-12-16"]
    assert [e.where for e in errors] == [f"{path}:2", f"{path}:3"]
    page = write("page.html", (
        '<html><head><meta property="article:published_time" content="9999-12-31">'
        f"<title>Talks</title></head><body><article><p>{BODY}</p></article></body></html>"))
    articles, errors = _split(list(read_sources(page)))  # htmldate already ignores 9999
    assert articles == [] and len(errors) == 1


def test_feed_entry_date_outside_the_window_is_refused_even_when_feedparser_reads_it(write):
    entries = "".join(
        f"<item><title>T{n}</title><description>{BODY} {n}</description>"
        f"<pubDate>{day}</pubDate></item>"
        for n, day in enumerate(["Wed, 15 Dec 2021 10:00:00 GMT", "Fri, 31 Dec 9999 10:00:00 GMT",
                                 "Thu, 16 Dec 2021 10:00:00 GMT"]))
    path = write("wire.rss", f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
                             f"{entries}</channel></rss>")
    articles, errors = _split(list(read_sources(path)))
    assert [a.published.isoformat() for a in articles] == ["2021-12-15", "2021-12-16"]
    assert len(errors) == 1 and errors[0].where == f"{path}:entry 2"
    assert "implausible publication year 9999" in errors[0].message


def test_default_published_outside_the_window_is_refused(write):
    page = write("nodate.html", f"<html><body><article><p>{BODY}</p></article></body></html>")
    options = IngestOptions(default_published=dt.date(1, 1, 1))
    _, errors = _split(list(read_sources(page, options=options)))
    assert len(errors) == 1 and "implausible publication year 1" in errors[0].message
