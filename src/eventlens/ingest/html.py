"""HTML pages: boilerplate removed and metadata read with trafilatura (dates via htmldate)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from eventlens.errors import IngestError
from eventlens.model import Article

from .decoding import decode_text, normalise_newlines
from .files import read_bytes
from .options import IngestOptions
from .records import clean_label, make_article, resolve_published

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
# Dates from the page's metadata only (meta tags, JSON-LD, <time>, URL), never guessed
# from arbitrary text in the page body.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def charset_from_meta(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def charset_from_content_type(value: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header."""
    match = _CHARSET_PARAM.search(value or "")
    return match.group(1) if match else None


def _without_title_line(text: str, title: str) -> str:
    """Drop a first line that repeats the headline, kept separately in Article.title."""
    first, sep, rest = text.partition("\n")
    if title and sep and clean_label(first).casefold() == title.casefold():
        return rest.lstrip("\n")
    return text


def html_to_article(html: str, *, origin: str, options: IngestOptions, url: str = "") -> Article:
    """One Article from a page's HTML.

    Raises:
        IngestError: no article text can be extracted, or no date and no default.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = (document.text or "") if document is not None else ""
    if not text.strip():
        raise IngestError(
            "no article text found in the HTML (empty, malformed, or only boilerplate)",
            where=origin,
        )
    title = clean_label(document.title)
    return make_article(
        _without_title_line(normalise_newlines(text), title),
        published=resolve_published(
            document.date, where=origin, options=options, what="publication date in the page"
        ),
        title=title,
        url=url or document.url or "",
        outlet=document.sitename or document.hostname or "",
        origin=origin,
        options=options,
    )


def read_html(path: Path, options: IngestOptions) -> Iterator[Article | IngestError]:
    """Read one HTML page (`.html`, `.htm`): one article, or one error."""
    where = str(path)
    try:
        data = read_bytes(path, options)
        html = decode_text(data, where=where, declared=charset_from_meta(data))
        yield html_to_article(html, origin=where, options=options)
    except IngestError as err:
        yield err
