"""Reading a source file's bytes safely: size limits, gzip, permissions."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from eventlens.errors import IngestError

from .options import IngestOptions

GZIP_MAGIC = b"\x1f\x8b"
_SMALL_FILE = 65536  # checked for whitespace-only content before choosing a reader
_LIMIT_HINT = "raise IngestOptions.max_file_bytes or split the file"


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(err, FileNotFoundError):
        return "file not found (removed while reading?)"
    return f"cannot read the file: {err.strerror or err}"


def check_file(path: Path, options: IngestOptions) -> int:
    """Size of the file at `path`, after checking it exists, is a file, is not too big or empty."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IngestError(_os_reason(err), where=where) from None
    if not path.is_file():
        raise IngestError("not a regular file", where=where)
    if size > options.max_file_bytes:
        raise IngestError(
            f"file is {size:,} bytes, over the limit of {options.max_file_bytes:,}",
            where=where,
            hint=_LIMIT_HINT,
        )
    if size == 0:
        raise IngestError("empty file", where=where)
    if size <= _SMALL_FILE:
        with open_binary(path) as fh:
            if not fh.read().strip():
                raise IngestError("empty file (only whitespace)", where=where)
    return size


def open_binary(path: Path) -> BinaryIO:
    """Open `path` for reading bytes, turning OS errors into an IngestError."""
    try:
        return path.open("rb")
    except OSError as err:
        raise IngestError(_os_reason(err), where=str(path)) from None


def is_gzip(path: Path) -> bool:
    with open_binary(path) as fh:
        return fh.read(2) == GZIP_MAGIC


def read_limited(stream: BinaryIO, limit: int, where: str) -> bytes:
    """All of `stream`, refusing more than `limit` bytes (protects against gzip bombs)."""
    try:
        data = stream.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise IngestError(
            f"damaged or truncated gzip data ({err})", where=where, hint="re-download the file"
        ) from None
    except OSError as err:
        raise IngestError(_os_reason(err), where=where) from None
    if len(data) > limit:
        raise IngestError(
            f"content is over the limit of {limit:,} bytes", where=where, hint=_LIMIT_HINT
        )
    return data


def read_bytes(path: Path, options: IngestOptions) -> bytes:
    """The file's content, inflated when it is gzip-compressed; never empty.

    Raises:
        IngestError: missing, unreadable, too big, empty, or damaged gzip.
    """
    check_file(path, options)
    where = str(path)
    with open_binary(path) as fh:
        compressed = fh.read(2) == GZIP_MAGIC
        fh.seek(0)
        if compressed:
            with gzip.GzipFile(fileobj=fh) as inflated:
                data = read_limited(inflated, options.max_file_bytes, where)
        else:
            data = read_limited(fh, options.max_file_bytes, where)
    if not data.strip():
        raise IngestError("empty file (no text)", where=where)
    return data
