"""JSON Lines: one article object per line, field names configurable, optionally gzipped."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventlens.errors import IngestError
from eventlens.model import Article

from .decoding import bom_encoding, decode_text, has_nul_bytes, normalise_newlines
from .files import GZIP_MAGIC, check_file, open_binary
from .options import IngestOptions, JsonlFields
from .records import make_article, resolve_published

_MISSING = object()
_SNIFF_BYTES = 8192


def _lookup(record: dict, name: str) -> object:
    """The value at `name` in `record`: the key as written, else a dotted path; or _MISSING."""
    if name in record:
        return record[name]
    value: object = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _optional_str(record: dict, name: str, where: str) -> str:
    value = _lookup(record, name)
    if value is _MISSING or value is None:
        return ""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    raise IngestError(f"field {name!r} must be a string, got {type(value).__name__}", where=where)


def _record_label(record: dict, fields: JsonlFields) -> str:
    value = _lookup(record, fields.id)
    return f" (record id {value!r})" if isinstance(value, str | int) else ""


def parse_record(line: str, *, where: str, options: IngestOptions) -> Article:
    """One Article from one JSONL line.

    Raises:
        IngestError: not JSON, not an object, no usable text, or a bad date.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise IngestError(
            f"not valid JSON ({err.msg.removesuffix(' at')} at column {err.colno})", where=where
        ) from None
    except RecursionError:
        raise IngestError("JSON nested too deeply to read", where=where) from None
    except ValueError as err:  # a number with thousands of digits, past Python's int limit
        raise IngestError(f"JSON value cannot be read ({str(err)[:120]})", where=where) from None
    if not isinstance(record, dict):
        raise IngestError(f"expected a JSON object, got {type(record).__name__}", where=where)
    fields = options.jsonl_fields
    label = _record_label(record, fields)
    text = _lookup(record, fields.text)
    if text is _MISSING or text is None:
        raise IngestError(
            f"no {fields.text!r} field{label}",
            where=where,
            hint="set IngestOptions.jsonl_fields if the text is under another name",
        )
    if not isinstance(text, str):
        raise IngestError(
            f"field {fields.text!r} must be a string, got {type(text).__name__}{label}",
            where=where,
        )
    published = _lookup(record, fields.published)
    published = resolve_published(
        None if published is _MISSING else published,
        where=where,
        options=options,
        what=f"publication date (field {fields.published!r}){label}",
    )
    return make_article(
        normalise_newlines(text),
        published=published,
        title=_optional_str(record, fields.title, where),
        url=_optional_str(record, fields.url, where),
        outlet=_optional_str(record, fields.outlet, where),
        origin=where,
        options=options,
    )


def _decode_line(raw: bytes, lineno: int, where: str) -> str:
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # JSON Lines must be UTF-8; a legacy-encoded line is still read, detected per line.
        return decode_text(raw, where=where)


def _lines(stream: BinaryIO, path: str, limit: int) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) pairs; raises IngestError on damaged gzip or over-limit size."""
    lineno, total = 0, 0
    while True:
        where = f"{path}:{lineno + 1}"
        try:
            raw = stream.readline()
        except (EOFError, gzip.BadGzipFile, zlib.error) as err:
            raise IngestError(
                f"damaged or truncated gzip data after line {lineno} ({err}); "
                "the rest of the file is skipped",
                where=where,
            ) from None
        if not raw:
            return
        lineno += 1
        total += len(raw)
        if total > limit:
            raise IngestError(
                f"content is over the limit of {limit:,} bytes; the rest is skipped", where=where
            )
        yield lineno, raw


def _head(stream: BinaryIO, where: str) -> bytes:
    try:
        head = stream.read(_SNIFF_BYTES)
        stream.seek(0)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise IngestError(f"damaged or truncated gzip data ({err})", where=where) from None
    return head


def _stream(fh: BinaryIO) -> BinaryIO:
    head = fh.read(2)
    fh.seek(0)
    return gzip.GzipFile(fileobj=fh) if head == GZIP_MAGIC else fh


def read_jsonl(path: Path, options: IngestOptions) -> Iterator[Article | IngestError]:
    """Read a JSONL file (`.jsonl`, `.ndjson`, either `.gz`): an Article or error per line.

    Blank lines are skipped. A gzip stream that ends early yields one error at the line
    where it broke, after every article before it.
    """
    where = str(path)
    try:
        check_file(path, options)
        with open_binary(path) as fh, _stream(fh) as stream:
            head = _head(stream, where)
            if _binary_head(head):
                raise IngestError("binary file (contains NUL bytes), not JSON Lines", where=where)
            if bom_encoding(head) in ("utf-16", "utf-32"):
                raise IngestError(
                    "JSON Lines must be UTF-8, found UTF-16/32",
                    where=where,
                    hint="convert the file to UTF-8",
                )
            yield from _records(stream, where, options)
    except IngestError as err:
        yield err


def _binary_head(head: bytes) -> bool:
    """Whether the file's start is binary: NUL bytes on a line that does not start a JSON
    object, or in more than a tenth of the bytes (UTF-16 without a byte-order mark). A
    record with a stray NUL byte is one bad record, reported at its line."""
    if not has_nul_bytes(head):
        return False
    if head.count(b"\x00") * 10 > len(head):
        return True
    return any(b"\x00" in line and not line.lstrip().startswith(b"{")
               for line in head.split(b"\n"))


def _records(
    stream: BinaryIO, path: str, options: IngestOptions
) -> Iterator[Article | IngestError]:
    records = 0
    for lineno, raw in _lines(stream, path, options.max_file_bytes):
        where = f"{path}:{lineno}"
        try:
            if b"\x00" in raw:
                records += 1
                raise IngestError("binary data (NUL bytes) in the line, not JSON", where=where)
            line = _decode_line(raw, lineno, where)
            if line.strip():
                records += 1
                yield parse_record(line, where=where, options=options)
        except IngestError as err:
            yield err
        # The per-record error handler: one record that breaks a library costs that record.
        except Exception as err:  # noqa: BLE001
            yield IngestError(f"unexpected failure on this record ({type(err).__name__}: "
                              f"{str(err)[:120]})", where=where)
    if records == 0:
        yield IngestError("no records: every line is blank", where=path)
