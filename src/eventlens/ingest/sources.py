"""Choosing a reader for each file (by extension, else by content) and running them all."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventlens.errors import IngestError
from eventlens.model import Article

from .decoding import bom_encoding, has_nul_bytes
from .feeds import read_feed
from .files import GZIP_MAGIC, check_file, open_binary
from .html import read_html
from .jsonl import read_jsonl
from .options import IngestOptions
from .paths import iter_paths
from .seedtext import looks_like_seed_text, read_seed_text
from .warc import read_warc

Reader = Callable[[Path, IngestOptions], Iterator[Article | IngestError]]

READERS: dict[str, Reader] = {
    "text": read_seed_text,
    "jsonl": read_jsonl,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}
_SUFFIXES = {  # longest first, so ".warc.gz" wins over ".gz"
    ".warc.gz": "warc",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".txt": "text",
}
DEFAULT_OPTIONS = IngestOptions()
_SNIFF_BYTES = 65536
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_MARK = re.compile(rb"<(!doctype\s+html|html|head|body|article|p|div)[\s>]", re.I)
_FORMATS_HINT = "supported: .txt (seed format), .jsonl/.ndjson, .html/.htm, .rss/.atom/.xml, .warc"


def format_by_name(path: Path) -> str | None:
    """The format a file's name announces, or None when the content must decide."""
    name = path.name.lower()
    return next((fmt for suffix, fmt in _SUFFIXES.items() if name.endswith(suffix)), None)


def _head(path: Path) -> bytes:
    where = str(path)
    with open_binary(path) as fh:
        head = fh.read(_SNIFF_BYTES)
        if head.startswith(GZIP_MAGIC):
            fh.seek(0)
            try:
                with gzip.GzipFile(fileobj=fh) as inflated:
                    return inflated.read(_SNIFF_BYTES)
            except (EOFError, gzip.BadGzipFile, zlib.error) as err:
                raise IngestError(f"damaged gzip data ({err})", where=where) from None
    return head


def sniff_format(path: Path) -> str:
    """The format of a file whose name does not tell, from its first bytes.

    Raises:
        IngestError: binary or unrecognised content.
    """
    head = _head(path)
    where = str(path)
    if has_nul_bytes(head):
        raise IngestError("binary file (contains NUL bytes), not text", where=where)
    if bom_encoding(head) in ("utf-16", "utf-32"):
        head = head.decode(bom_encoding(head), errors="ignore").encode("utf-8")
    body = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if body.startswith(b"WARC/"):
        return "warc"
    if body.startswith(b"{"):
        return "jsonl"
    feed, html = _FEED_ROOT.search(body), _HTML_MARK.search(body)
    if feed and (not html or feed.start() < html.start()):
        return "feed"
    if html:
        return "html"
    if looks_like_seed_text(body.decode("utf-8", errors="replace")):
        return "text"
    raise IngestError("unrecognised file format", where=where, hint=_FORMATS_HINT)


def read_file(
    path: str | Path, *, options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Article | IngestError]:
    """Read one file with the reader its extension (or content) calls for.

    Yields an Article per good record and an IngestError per bad record or file; never
    raises for bad input.
    """
    path = Path(path)
    try:
        check_file(path, options)
        fmt = format_by_name(path)
        if fmt is None:
            fmt = sniff_format(path)
        yield from READERS[fmt](path, options)
    except IngestError as err:
        yield err
    # The per-file error handler: a library failing on strange input must cost one file,
    # not the batch. Known bad input is reported above with a precise reason.
    except Exception as err:  # noqa: BLE001
        yield IngestError(
            f"unexpected failure while reading ({type(err).__name__}: {err})",
            where=str(path),
            hint="please report this file to the eventlens maintainers",
        )


def read_sources(
    paths: Iterable[str | Path] | str | Path, *, options: IngestOptions = DEFAULT_OPTIONS,
    on_file: Callable[[Path], None] | None = None,
) -> Iterator[Article | IngestError]:
    """Every article in `paths`, with an IngestError instance for each bad file or record.

    Args:
        paths: Files, folders (recursive) and glob patterns; see `expand_paths`.
        options: Limits, JSONL field names and the default date.
        on_file: called with each file before it is read (progress by files or bytes).

    Files are found as they are read (a folder is walked lazily) and each file is read as a
    stream of records, so memory does not grow with the input.

    Yields:
        `Article` for each good record; `IngestError` (yielded, not raised) for each
        missing path, bad file or bad record, naming the file and the line, entry or
        byte offset. One bad record never stops the batch; the caller counts them.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    seen: set[Path] = set()
    for raw in paths:
        files = iter_paths([raw])  # lazy: a folder is walked as its files are read
        while True:
            try:
                path = next(files)
            except StopIteration:
                break
            except IngestError as err:
                yield err
                break
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                if on_file is not None:
                    on_file(path)
                yield from read_file(path, options=options)
