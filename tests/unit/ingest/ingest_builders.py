"""Inputs for the ingest tests, built by hand: seed text, HTML pages, WARC files."""

from __future__ import annotations

import io

from eventlens.errors import IngestError
from eventlens.model import Article

# Our own wording, in the shape of the seed article (curly apostrophes, a double space).
SEED_BODY = (
    "Beijing\u2019s leader said on Wednesday that he stood behind Moscow\u2019s push to keep "
    "the Western alliance from growing eastward.\n"
    "\n"
    "The two presidents spoke by video link and said they would see each other at the "
    "winter games in February.  Russian officials again rejected talk of an attack on "
    "Ukraine.\n"
)
SEED_TITLE = "Xi backs Putin over the alliance and the two plan a February meeting"
SEED_FILE = f" date 2021-12-15 {SEED_TITLE}\n\n{SEED_BODY}"


def page_html(number: int, *, date: str | None = "2021-12-15", charset: str = "utf-8") -> str:
    """A small news page with navigation and footer boilerplate around the story."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}">'
        f"<title>Story {number} | Daily Planet</title>"
        f'<meta property="og:title" content="Leaders meet in round {number} of talks">'
        f'<meta property="og:site_name" content="Daily Planet">{meta}</head><body>'
        '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>'
        f"<article><h1>Leaders meet in round {number} of talks</h1>"
        f"<p>The foreign ministers met in Geneva on Tuesday for round {number} of talks on "
        "the border dispute, officials said.</p>"
        "<p>Both delegations described the meeting as constructive and agreed to meet again "
        "next month.</p></article>"
        "<footer>Copyright 2021 Daily Planet. All rights reserved. Subscribe now.</footer>"
        "</body></html>"
    )


def build_warc(
    records: list[tuple[str, str, bytes, str]], *, gzip: bool
) -> tuple[bytes, list[int]]:
    """A WARC file from (kind, uri, payload, content type) tuples, with each record's offset.

    kind is "response" (HTTP 200), "404" (HTTP 404 response) or "request".
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    offsets = []
    for kind, uri, payload, content_type in records:
        offsets.append(buffer.tell())
        if kind == "request":
            headers = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
            record = writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b""), http_headers=headers
            )
        else:
            status = "404 Not Found" if kind == "404" else "200 OK"
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers
            )
        writer.write_record(record)
    return buffer.getvalue(), offsets


def split(items: list[Article | IngestError]) -> tuple[list[Article], list[IngestError]]:
    """Articles and errors from a reader's output, checking nothing else was yielded."""
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, IngestError)]
    assert len(articles) + len(errors) == len(items)
    for article in articles:
        assert article.text.strip(), f"empty article from {article.origin}"
    return articles, errors
