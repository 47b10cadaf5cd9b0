"""WARC crawls: each HTML response record goes through the HTML path.

A damaged record yields an error naming its byte offset; reading resumes at the next
record that can be found (the next gzip member, or the next ``WARC/1.x`` line). A file
that ends inside a record (truncated download) yields one error at that offset and stops.
"""

from __future__ import annotations

import logging
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from eventlens.errors import IngestError
from eventlens.model import Article

from .decoding import decode_text
from .files import GZIP_MAGIC, check_file, open_binary
from .html import charset_from_content_type, charset_from_meta, html_to_article
from .options import IngestOptions

log = logging.getLogger(__name__)

_RECORD_TYPES = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_PLAIN_RECORD = b"\nWARC/1."
_SCAN_CHUNK = 1 << 20
_MEMBER_CHUNK = 1 << 16  # a crawl's first gzip member is one small record


def _find_next(fh: BinaryIO, start: int, marker: bytes) -> int | None:
    """Offset of the next record start after `start`, scanning forward, or None."""
    skip = 1 if marker.startswith(b"\n") else 0  # the record starts after the newline
    position = start
    fh.seek(position)
    carry = b""
    while chunk := fh.read(_SCAN_CHUNK):
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            return position - len(carry) + found + skip
        carry = window[-(len(marker) - 1) :]
        position += len(chunk)
    return None


def _html_payload(record: Any) -> bytes | None:
    """The HTML body of a successful response or resource record, or None to skip it."""
    if record.rec_type not in _RECORD_TYPES:
        return None
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not str(http.get_statuscode() or "").startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    return record.content_stream().read()


def _unread_bytes(record: Any) -> int:
    """How many bytes of the record's declared length the file did not contain."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    return max(0, getattr(stream, "limit", 0))


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return headers.get_header("Content-Type") or ""


class _WarcReader:
    """Walks one WARC file, resynchronising after damaged records."""

    def __init__(self, path: Path, fh: BinaryIO, size: int, options: IngestOptions) -> None:
        self.path, self.fh, self.size, self.options = str(path), fh, size, options
        fh.seek(0)
        self.marker = _GZIP_MEMBER if fh.read(2) == GZIP_MAGIC else _PLAIN_RECORD
        self.number = 0

    def records(self) -> Iterator[Article | IngestError]:
        position: int | None = 0
        report = True
        while position is not None and position < self.size:
            end, failure = position, None
            read_any = False
            self.fh.seek(position)
            iterator = _archive_iterator(self.fh)
            try:
                for record in iterator:
                    if record.rec_type is None:  # warcio's reading of trailing blank bytes
                        continue
                    self.number += 1
                    read_any = True
                    payload = _html_payload(record)
                    missing = _unread_bytes(record)
                    offset = iterator.get_record_offset()
                    end = offset + iterator.get_record_length()
                    if missing:
                        yield self._truncated(
                            offset, f"{missing:,} bytes of the record are missing"
                        )
                        return
                    if payload is not None:
                        yield self._article(record, payload, offset)
            # warcio raises many types on damaged input (ArchiveLoadFailed, ValueError,
            # zlib.error, even AttributeError on truncation): record it and resync.
            except Exception as err:  # noqa: BLE001
                failure = _describe(err)
            if getattr(iterator, "err_count", 0):
                log.warning(
                    "%s: %d record(s) not followed by a blank line; Content-Length may be wrong",
                    self.path,
                    iterator.err_count,
                )
            if failure is None:
                if self.number == 0:
                    yield IngestError("no WARC records in the file", where=self.path)
                yield from self._check_tail(end)
                return
            if report or read_any:
                yield self._damaged(end, failure)
            report = False
            position = _find_next(self.fh, end + 1, self.marker)

    def _next_start(self, end: int) -> tuple[int, bytes]:
        """Where the record after `end` starts (records are separated by blank lines)."""
        self.fh.seek(end)
        head = self.fh.read(4096)
        return end + len(head) - len(head.lstrip()), head.lstrip()

    def _damaged(self, end: int, failure: str) -> IngestError:
        offset, _ = self._next_start(end)
        if self.number == 0:
            what = "not a WARC record at the start of the file"
        else:
            what = f"damaged WARC record after record {self.number}"
        return IngestError(
            f"{what} ({failure}); skipping to the next record", where=f"{self.path}:offset {offset}"
        )

    def _check_tail(self, end: int) -> Iterator[IngestError]:
        offset, rest = self._next_start(end)
        if rest:
            yield self._truncated(offset, "unreadable data after the last record")

    def _truncated(self, offset: int, detail: str) -> IngestError:
        return IngestError(
            f"the file ends inside a record: truncated or damaged ({detail}); "
            "the rest of the file is skipped",
            where=f"{self.path}:offset {offset}",
            hint="re-download the file",
        )

    def _article(self, record: Any, payload: bytes, offset: int) -> Article | IngestError:
        where = f"{self.path}:offset {offset}"
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        try:
            if not payload.strip():
                raise IngestError("the page is empty", where=where)
            declared = charset_from_content_type(_content_type(record))
            html = decode_text(
                payload, where=where, declared=declared or charset_from_meta(payload)
            )
            return html_to_article(html, origin=where, options=self.options, url=uri)
        except IngestError as err:
            return IngestError(
                f"record {self.number} <{uri}>: {err.message}", where=where, hint=err.hint
            )
        # One page that breaks the HTML tools costs that page, not the rest of the crawl.
        except Exception as err:  # noqa: BLE001
            return IngestError(
                f"record {self.number} <{uri}>: unexpected failure ({type(err).__name__}: {err})",
                where=where,
            )


def _describe(err: Exception) -> str:
    """A short reason for a warcio failure; its own messages are plain, others are not."""
    if type(err).__name__ == "ArchiveLoadFailed":
        return " ".join(str(err).split())[:160]
    return f"the record cannot be parsed: {type(err).__name__}"


def _archive_iterator(fh: BinaryIO) -> Any:
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):
        # warcio writes this warning (with the raw bytes) straight to sys.stderr; a library
        # must not, so it is blanked here and counted in err_count, logged by the reader.
        INC_RECORD = ""

    return QuietArchiveIterator(fh)


def read_warc(path: Path, options: IngestOptions) -> Iterator[Article | IngestError]:
    """Read a WARC file (`.warc`, `.warc.gz`): an Article per HTML page, errors per bad record.

    Records that are not successful HTML responses (requests, metadata, images,
    redirects, 404s) are not articles and are skipped without an error.
    """
    try:
        size = check_file(path, options)
        fh = open_binary(path)
    except IngestError as err:
        yield err
        return
    with fh:
        if not _one_gzip_member(fh):
            yield from _WarcReader(path, fh, size, options).records()
            return
        # `gzip crawl.warc` compresses the whole file as one member, where WARC tools write
        # one member per record: read it inflated, as a plain WARC (offsets are then into
        # the inflated content).
        with tempfile.TemporaryFile() as plain:
            inflated, failure = _inflate(fh, plain, options.max_file_bytes, str(path))
            if inflated:
                yield from _WarcReader(path, plain, inflated, options).records()
            if failure is not None:
                yield failure


def _one_gzip_member(fh: BinaryIO) -> bool:
    """Whether the file is gzip data whose first member runs to the end of the file (a whole
    file gzipped at once, or a crawl of a single record: read the same way either way),
    or is cut off by it."""
    fh.seek(0)
    if fh.read(2) != GZIP_MAGIC:
        return False
    fh.seek(0)
    inflater = zlib.decompressobj(wbits=31)
    try:
        while chunk := fh.read(_MEMBER_CHUNK):
            inflater.decompress(chunk, _SCAN_CHUNK)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, _SCAN_CHUNK)
            if inflater.eof:
                return not (inflater.unused_data or fh.read(1))
    except zlib.error:
        return False  # damaged: the member-by-member reader reports it and resynchronises
    return True  # the first member is cut off by the end of the file: one truncated member


def _inflate(fh: BinaryIO, out: BinaryIO, limit: int, where: str
             ) -> tuple[int, IngestError | None]:
    """Inflate the one-member gzip file `fh` into `out`; the size written, and an error if
    the data is damaged, cut off or inflates past `limit` (what came before is still read)."""
    fh.seek(0)
    inflater = zlib.decompressobj(wbits=31)
    written, detail = 0, None
    try:
        while not inflater.eof and (chunk := fh.read(_SCAN_CHUNK)):
            data = inflater.decompress(chunk, limit + 1 - written)
            if written + len(data) > limit or inflater.unconsumed_tail:
                out.write(data[: limit - written])
                out.flush()
                return limit, IngestError(
                    f"content is over the limit of {limit:,} bytes; the rest is skipped",
                    where=where, hint="raise IngestOptions.max_file_bytes or split the file")
            out.write(data)
            written += len(data)
        if not inflater.eof:
            detail = "the compressed data ends early"
    except zlib.error as err:
        detail = str(err)
    out.flush()
    if detail is None:
        return written, None
    return written, IngestError(f"damaged or truncated gzip data after {written:,} inflated "
                                f"bytes ({detail}); the rest of the file is skipped",
                                where=where, hint="re-download the file")
