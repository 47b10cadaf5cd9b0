"""The seed text format: a ` date YYYY-MM-DD headline` line, a blank line, the body."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from eventlens.errors import IngestError
from eventlens.model import Article

from .dates import check_publication_year
from .decoding import decode_text, normalise_newlines
from .files import read_bytes
from .options import IngestOptions
from .records import make_article

HEADER = re.compile(r"[ \t]*date[ \t]+(?P<date>\S+)(?:[ \t]+(?P<title>.*))?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEADER_HINT = "the first line must read ' date YYYY-MM-DD headline'"


def looks_like_seed_text(text: str) -> bool:
    """Whether the first non-blank line is a seed-format header."""
    first = text.lstrip().split("\n", 1)[0]
    match = HEADER.fullmatch(first.rstrip())
    return bool(match and _ISO_DATE.fullmatch(match.group("date")))


def _header_date(token: str, where: str) -> dt.date:
    if not _ISO_DATE.fullmatch(token):
        raise IngestError(f"header date {token!r} is not YYYY-MM-DD", where=where)
    try:
        date = dt.date.fromisoformat(token)
    except ValueError as err:
        raise IngestError(f"impossible date {token!r} in the header ({err})", where=where) from None
    try:
        check_publication_year(date, shown=token)
    except ValueError as err:
        raise IngestError(f"header date: {err}", where=where) from None
    return date


def parse_seed_text(text: str, *, path: str, options: IngestOptions) -> Article:
    """One Article from the whole text of a seed-format file.

    The body is everything after the header line and the blank line that follows it,
    kept exactly (line endings already normalised), so offsets into it are offsets into
    the file's body.

    Raises:
        IngestError: no header, a bad or impossible date, or no body.
    """
    lines = text.split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise IngestError("empty file (no text)", where=path)
    header_where = f"{path}:{index + 1}"
    match = HEADER.fullmatch(lines[index].rstrip())
    if not match:
        shown = lines[index].strip()[:60]
        raise IngestError(f"no header: line reads {shown!r}", where=header_where, hint=_HEADER_HINT)
    published = _header_date(match.group("date"), header_where)
    body_start = index + 1
    if body_start < len(lines) and not lines[body_start].strip():
        body_start += 1
    body = "\n".join(lines[body_start:])
    if not body.strip():
        raise IngestError("no body text after the header", where=f"{path}:{body_start + 1}")
    return make_article(
        body, published=published, title=match.group("title"), origin=path, options=options
    )


def read_seed_text(path: Path, options: IngestOptions) -> Iterator[Article | IngestError]:
    """Read one seed-format file (`.txt`): one article, or one error."""
    where = str(path)
    try:
        text = normalise_newlines(decode_text(read_bytes(path, options), where=where))
        yield parse_seed_text(text, path=where, options=options)
    except IngestError as err:
        yield err
