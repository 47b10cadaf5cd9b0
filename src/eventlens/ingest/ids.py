"""Article identity: a short hash of the normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """The form of `text` that is hashed: NFKC, whitespace runs collapsed to one space, stripped.

    Case is kept on purpose: "US" and "us" are different words to the parser, and two
    texts that differ only in case may code to different events.
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def article_id(text: str) -> str:
    """16 hex characters of the SHA-256 of the normalised text; same text, same id.

    Line endings, indentation, non-breaking spaces and compatibility characters do not
    change the id, so the same article read from a .txt file and a JSONL record (or
    re-ingested later) gets the same id.
    """
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]
