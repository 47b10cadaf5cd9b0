"""Building an Article from what a reader found, with the checks every reader shares."""

from __future__ import annotations

import datetime as dt
import re

from eventlens.errors import IngestError
from eventlens.model import Article

from .dates import check_publication_year, parse_published
from .ids import article_id
from .options import IngestOptions

_SPACES = re.compile(r"\s+")
# A lone surrogate is no Unicode text (it cannot be written as UTF-8, so neither hashed nor
# stored); a NUL character is binary data. JSON escapes ("\\ud800", "\\u0000") and XML
# character references can put either into a string.
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def clean_label(value: object) -> str:
    """A one-line label (title, outlet, URL): whitespace collapsed; None becomes ""."""
    if value is None:
        return ""
    return _SPACES.sub(" ", str(value)).strip()


def _check_characters(name: str, value: object, origin: str) -> None:
    found = _NOT_TEXT.search(value) if isinstance(value, str) else None
    if found is None:
        return
    char = found.group(0)
    what = "a NUL character" if char == "\x00" else f"a lone surrogate (U+{ord(char):04X})"
    raise IngestError(f"the article {name} contains {what} at character {found.start():,}, "
                      "which is not text", where=origin, hint="fix or drop the record")


def resolve_published(
    raw: object, *, where: str, options: IngestOptions, what: str = "publication date"
) -> dt.date:
    """The article's date from the source's raw value, or the default when there is none.

    A value that is present but unreadable is an error, never replaced by the default.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if options.default_published is not None:
            return options.default_published
        raise IngestError(
            f"no {what}", where=where, hint="add a date, or set IngestOptions.default_published"
        )
    try:
        return parse_published(raw)
    except ValueError as err:
        raise IngestError(f"bad {what}: {err}", where=where) from None


def make_article(
    text: str,
    *,
    published: dt.date,
    origin: str,
    options: IngestOptions,
    title: object = "",
    url: object = "",
    outlet: object = "",
) -> Article:
    """An Article with its id, after checking the text's length.

    `text` is kept exactly as given: downstream stages store character offsets into it.

    Raises:
        IngestError: the text is empty, shorter than min_article_chars or longer than
            max_article_chars; the text or a label holds a NUL or a lone surrogate; or
            the date lies outside the years `publication_years` allows (every reader's
            last check, whatever the date's source).
    """
    try:
        check_publication_year(published)
    except ValueError as err:
        raise IngestError(f"bad publication date: {err}", where=origin) from None
    for name, value in (("text", text), ("title", title), ("url", url), ("outlet", outlet)):
        _check_characters(name, value, origin)
    stripped = len(text.strip())
    if stripped == 0:
        raise IngestError("the article text is empty", where=origin)
    if stripped < options.min_article_chars:
        raise IngestError(
            f"the article text has {stripped} characters, under min_article_chars="
            f"{options.min_article_chars}",
            where=origin,
        )
    if len(text) > options.max_article_chars:
        raise IngestError(
            f"the article text has {len(text):,} characters, over max_article_chars="
            f"{options.max_article_chars:,}",
            where=origin,
            hint="raise IngestOptions.max_article_chars or split the article",
        )
    return Article(
        id=article_id(text),
        text=text,
        published=published,
        title=clean_label(title),
        url=clean_label(url),
        outlet=clean_label(outlet),
        origin=origin,
    )
