"""Publication dates from the strings sources write them in. Absolute dates only."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import lru_cache

_ISO_START = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_EARLIEST_YEAR = 1800


def _impossible(text: str) -> str | None:
    """Why an ISO-looking date cannot exist (2021-02-30), or None if the day is real."""
    match = _ISO_START.match(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as err:
        return f"impossible date {match.group(0)!r} ({err})"
    return None


@lru_cache(maxsize=1)
def _dateparser_settings() -> dict[str, object]:
    # Absolute dates only: "yesterday" or "2 days ago" has no fixed meaning in a file.
    return {
        "PARSERS": ["custom-formats", "absolute-time"],
        "STRICT_PARSING": True,
        "PREFER_DATES_FROM": "past",
    }


def _with_dateparser(text: str) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings=_dateparser_settings())
    return parsed.date() if parsed else None


def _from_string(text: str) -> dt.date:
    reason = _impossible(text)
    if reason:
        raise ValueError(reason)
    try:  # ISO 8601 dates and datetimes, with Z or offsets: the date as written
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:  # RFC 2822, as in RSS: "Wed, 15 Dec 2021 10:00:00 GMT"
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    parsed = _with_dateparser(text)
    if parsed is None:
        raise ValueError(f"cannot read {text!r} as a date; write it as YYYY-MM-DD")
    return parsed


def parse_published(value: object) -> dt.date:
    """The calendar date of a publication time, as written by the source.

    Accepts ISO 8601 dates and datetimes, RFC 2822 dates and common written forms
    ("15 December 2021", "Dec 15, 2021") through dateparser; relative dates are refused.
    A time with an offset keeps its own calendar date (no conversion to UTC).

    Raises:
        ValueError: with a plain-words reason (impossible, unreadable, implausible year).
    """
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("the date is empty")
        result = _from_string(text)
    else:
        raise ValueError(f"a date must be a string, got {type(value).__name__} {value!r}")
    check_publication_year(result, shown=value)
    return result


def publication_years() -> tuple[int, int]:
    """The years a publication date may fall in: 1800 to next year, inclusive."""
    return _EARLIEST_YEAR, dt.date.today().year + 1


def check_publication_year(date: dt.date, *, shown: object = None) -> None:
    """Refuse a date outside `publication_years()`: such a date is a typo or a placeholder
    (0001-01-01, 9999-12-31), and date arithmetic on it downstream would overflow.

    Raises:
        ValueError: with the year, the value as written and the window.
    """
    earliest, latest = publication_years()
    if not earliest <= date.year <= latest:
        raise ValueError(f"implausible publication year {date.year} in "
                         f"{date.isoformat() if shown is None else shown!r} "
                         f"(dates from {earliest} to {latest} are accepted)")
