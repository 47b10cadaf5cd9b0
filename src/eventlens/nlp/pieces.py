"""Long texts cut into pieces the parser can take, at paragraph breaks where possible."""

from __future__ import annotations

import re

# Parsing memory grows with the length of one Doc (spaCy: about 1 GB per 100,000 characters
# for parser and NER); articles are far shorter, so only outliers are cut.
MAX_PIECE_CHARS = 100_000

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"),
           re.compile(r"\s+"))


def text_pieces(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """`text` as consecutive (offset, piece) pairs, each piece at most `max_chars` long.

    Pieces end after a paragraph break where one falls in the second half of the window,
    else after a line break, a sentence end or a space, else at `max_chars` exactly. Joined
    in order they give back `text`, so an offset into a piece plus its start is an offset
    into `text`.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        pieces.append((start, text[start:end]))
        start = end
    if start < len(text) or not pieces:
        pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end the piece that starts at `start` and may not pass `limit`."""
    floor = start + (limit - start) // 2
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, floor, limit):
            last = match
        if last is not None and last.end() > start:
            return last.end()
    return limit
