"""RSS and Atom feeds: one article per entry, through feedparser."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventlens.errors import IngestError
from eventlens.model import Article

from .dates import check_publication_year
from .decoding import normalise_newlines
from .feedstream import feed_pieces
from .files import GZIP_MAGIC, check_file, open_binary, read_bytes
from .options import IngestOptions
from .records import make_article, resolve_published

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
# Feeds up to this size are parsed whole by feedparser (which reads broken XML too); larger
# ones a few entries at a time (`feedstream`), so memory does not grow with the feed.
WHOLE_FEED_BYTES = 8 << 20


def _safe_charref(match: re.Match) -> bytes:
    """A character reference to no character (NUL, a surrogate, past U+10FFFF) as U+FFFD,
    as HTML parsers read it: feedparser raises on them and loses the whole feed."""
    hex_digits, digits = match.groups()
    value = hex_digits or digits
    if len(value) > 8:
        return b"&#xFFFD;"
    code = int(value, 16) if hex_digits else int(value)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group(0)


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (an entry's summary or content), paragraphs kept apart."""
    import trafilatura

    wrapped = f"<html><body>{fragment}</body></html>"
    document = trafilatura.bare_extraction(wrapped, favor_recall=True, include_comments=False)
    text = document.text if document is not None else ""
    return text or trafilatura.html2txt(wrapped) or ""


def _entry_body(entry: Any) -> str:
    """The longest of the entry's content and summary, as plain text."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content", [])]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type") or "text/html"))
    candidates = [(value, kind) for value, kind in candidates if value.strip()]
    if not candidates:
        return ""
    value, kind = max(candidates, key=lambda item: len(item[0]))
    text = html_fragment_to_text(value) if kind in _HTML_TYPES else value
    return normalise_newlines(text).strip()


def _entry_date(entry: Any, where: str, options: IngestOptions) -> dt.date:
    for key in ("published", "updated", "created"):
        if entry.get(key):
            try:
                return resolve_published(entry[key], where=where, options=options)
            except IngestError:
                parsed = entry.get(f"{key}_parsed")
                if parsed:  # feedparser read a form we do not; its reading is in UTC
                    date = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
                    try:
                        check_publication_year(date, shown=entry[key])
                    except ValueError as err:
                        raise IngestError(f"bad publication date: {err}", where=where) from None
                    return date
                raise
    return resolve_published(None, where=where, options=options, what="date on the entry")


def entry_to_article(entry: Any, *, origin: str, outlet: str, options: IngestOptions) -> Article:
    """One Article from one feedparser entry.

    Raises:
        IngestError: the entry has no text, or no usable date.
    """
    text = _entry_body(entry)
    if not text:
        raise IngestError("the entry has no summary or content text", where=origin)
    return make_article(
        text,
        published=_entry_date(entry, origin, options),
        title=entry.get("title", ""),
        url=entry.get("link", ""),
        outlet=outlet,
        origin=origin,
        options=options,
    )


def read_feed(path: Path, options: IngestOptions) -> Iterator[Article | IngestError]:
    """Read an RSS or Atom file: an Article or error per entry.

    A feed that parses but has no entries yields nothing; one that cannot be parsed at
    all yields one error for the file. A feed larger than `WHOLE_FEED_BYTES` (or gzipped)
    is read a few entries at a time; its XML must then be well formed up to where it breaks.
    """
    import feedparser

    where = str(path)
    try:
        size = check_file(path, options)
        with open_binary(path) as fh:
            compressed = fh.read(2) == GZIP_MAGIC
        if size > WHOLE_FEED_BYTES or compressed:
            yield from _read_in_pieces(path, options)
            return
        parsed = feedparser.parse(_CHARREF.sub(_safe_charref, read_bytes(path, options)))
        if not parsed.entries:
            if parsed.get("bozo"):
                reason = parsed.get("bozo_exception") or "unknown reason"
                raise IngestError(f"not a readable RSS/Atom feed ({reason})", where=where)
            if not parsed.get("version"):
                raise IngestError("not an RSS or Atom feed", where=where)
    except IngestError as err:
        yield err
        return
    yield from _entries(parsed, 1, where, options)


def _entries(parsed: Any, first: int, where: str, options: IngestOptions
             ) -> Iterator[Article | IngestError]:
    outlet = parsed.feed.get("title", "")
    for number, entry in enumerate(parsed.entries, start=first):
        origin = f"{where}:entry {number}"
        try:
            yield entry_to_article(entry, origin=origin, outlet=outlet, options=options)
        except IngestError as err:
            yield err
        # One entry that breaks the HTML tools costs that entry, not the rest of the feed.
        except Exception as err:  # noqa: BLE001
            yield IngestError(f"unexpected failure on this entry ({type(err).__name__}: "
                              f"{str(err)[:120]})", where=origin)


def _read_in_pieces(path: Path, options: IngestOptions) -> Iterator[Article | IngestError]:
    import gzip

    import feedparser

    where = str(path)
    with open_binary(path) as fh:
        compressed = fh.read(2) == GZIP_MAGIC
        fh.seek(0)
        stream = gzip.GzipFile(fileobj=fh) if compressed else fh
        found = False
        for piece in feed_pieces(stream, where):
            if isinstance(piece, IngestError):
                yield piece
                return
            found = True
            data, first = piece
            yield from _entries(feedparser.parse(_CHARREF.sub(_safe_charref, data)), first,
                                where, options)
        if not found:
            yield IngestError("no entries found in the feed", where=where)
