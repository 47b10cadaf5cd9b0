"""Bytes to text: UTF-8 first, then a declared charset, then charset-normalizer's guess."""

from __future__ import annotations

import codecs
import logging
import unicodedata

from eventlens.errors import IngestError

log = logging.getLogger(__name__)

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Input is English news: when charset-normalizer finds several single-byte code pages
# equally plausible (it often ranks cp1250 first for cp1252 text with curly quotes),
# the Western ones are by far the likeliest.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_MAX_WESTERN_SHARE = 0.3
_WESTERN_MARKS = frozenset(
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u00ab\u00bb"
    "\u00a0\u00b0\u00a3\u20ac\u00a9\u00ae\u2122\u00b1\u00b7\u00a7\u00bd\u00bc"
    "\u00be\u00d7\u00bf\u00a1\u00b2\u00b3\u2020\u2030"
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROL_SAMPLE = 100_000
_MAX_CONTROL_SHARE = 0.01


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of `data`, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def has_nul_bytes(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32 mean binary data, not text."""
    return bom_encoding(data) not in ("utf-16", "utf-32") and b"\x00" in data


def _looks_binary(text: str) -> bool:
    sample = text[:_CONTROL_SAMPLE]
    if not sample:
        return False
    controls = sum(
        1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    return controls > max(2, len(sample) * _MAX_CONTROL_SHARE)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _western(data: bytes) -> str | None:
    """`data` as cp1252 when it reads as English with a few accents and typographic marks.

    charset-normalizer needs more text than a headline or a short article gives it: it
    reads "El ni\xf1o" as Chinese. In Western text the non-ASCII characters are a small
    share of the letters and are letters or punctuation; in Cyrillic or CJK bytes read
    as cp1252 nearly every letter is non-ASCII, so those are left to detection.
    """
    text = _try(data, "cp1252")
    if text is None:
        return None
    letters = sum(1 for ch in text if ch.isalpha())
    foreign = [ch for ch in text if ord(ch) > 127]
    if not foreign or len(foreign) > _MAX_WESTERN_SHARE * max(letters, 1):
        return None
    if all(ch.isalpha() or ch in _WESTERN_MARKS for ch in foreign):
        return text
    return None


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of `data`, preferring Western code pages on a tie."""
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.chaos > best.chaos or match.coherence < best.coherence:
            continue
        for encoding in _WESTERN:
            if encoding in match.could_be_from_charset:
                text = _try(data, encoding)
                if text is not None:
                    return text, encoding
    return str(best), best.encoding


def decode_text(data: bytes, *, where: str, declared: str | None = None) -> str:
    """Decode `data` to str, or raise an IngestError saying why it is not text.

    Order: byte-order mark; strict UTF-8; the `declared` charset (HTTP header or HTML
    meta tag), trusted only after UTF-8 fails because mislabelled UTF-8 is common;
    charset-normalizer's detection. A leading U+FEFF is removed.
    """
    bom = bom_encoding(data)
    if bom:
        text = _try(data, bom)
        if text is None:
            raise IngestError(
                f"starts with a {bom} byte-order mark but is not valid {bom}", where=where
            )
        return _checked(text.lstrip("\ufeff"), where)
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text", where=where)
    text = _try(data, "utf-8")
    if text is None and declared:
        text = _try(data, declared)
        if text is not None:
            log.debug("%s: decoded with declared charset %s", where, declared)
    if text is None:
        text = _western(data)
    if text is None:
        guess = _guess(data)
        if guess is None:
            raise IngestError(
                "not UTF-8, and no other text encoding fits; is it a binary file?",
                where=where,
                hint="convert the file to UTF-8",
            )
        text, encoding = guess
        log.debug("%s: not UTF-8, decoded as %s", where, encoding)
    return _checked(text.lstrip("\ufeff"), where)


def _checked(text: str, where: str) -> str:
    if _looks_binary(text):
        raise IngestError("binary file (many control characters), not text", where=where)
    return text


def normalise_newlines(text: str) -> str:
    r"""Line endings to \n (\r\n and lone \r); nothing else changes, so offsets hold."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
