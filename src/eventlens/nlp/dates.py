"""Date expressions in a sentence, resolved against the article's publication date."""

from __future__ import annotations

import datetime as dt
import functools
import re

import dateparser

_YEAR_ONLY = re.compile(r"^(?:in |during |by |since |until )?(?:the year )?((?:19|20)\d\d)$", re.I)
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
           "sep", "sept", "oct", "nov", "dec"]
_MONTH_ONLY = re.compile(r"^(?:in |by |until |early |late |mid-?|next |last |this )*(" +
                         "|".join(_MONTHS) + r")\.?(?:,? ((?:19|20)\d\d))?$", re.I)
_RELATIVE_MONTH = re.compile(r"^(next|last|this|the coming|the past|the previous) month$", re.I)
_RELATIVE_YEAR = re.compile(r"^(next|last|this|the coming|the past|the previous) year$", re.I)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_VAGUE = re.compile(r"^(?:the )?(?:past|recent|coming|last|next)? ?(?:few |several |two |three )?"
                    r"(?:days|weeks|months|years|decades)$|^(?:now|today|currently|recently)$", re.I)
# Lengths of time, not dates: "five years", "a four-day visit", "annual", "the first day"
_DURATION = re.compile(r"^(?:almost |nearly |about |more than |over |some |at least |the )?"
                       r"(?:\w+[- ])?(?:\w+[- ])?(?:days?|weeks?|months?|years?|decades?|hours?)"
                       r"(?: long| old| ago)?$|^annual|^daily|^weekly|^monthly", re.I)
_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
             "STRICT_PARSING": False, "REQUIRE_PARTS": []}


def resolve_date(expression: str, published: dt.date, *, future: bool = False) -> str | None:
    """Resolve a date expression to 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY', or None if it is not one.

    A bare weekday ("on Friday") is the last such day on or before publication for reported acts,
    the next one for planned acts (`future=True`).
    """
    text = expression.strip().strip(".,").lower()
    text = re.sub(r"^(on|in|at|by|from|since|until|during|around|about|as of)\s+", "", text)
    text = re.sub(r"^the\s+(?=\d|" + "|".join(_MONTHS) + ")", "", text)
    text = re.sub(r"^(early|late|mid|the end of|the start of|the beginning of)[- ]", "", text)
    if not text or _VAGUE.match(text) or (text.isdigit() and len(text) < 4):
        return None
    try:
        return _resolve(text, published, future)
    except (OverflowError, ValueError):
        # "10000000000 days ago", a weekday next to a date at the calendar's end, a number
        # too long to read: not a date this article can be placed on.
        return None


@functools.lru_cache(maxsize=4096)
def _resolve(text: str, published: dt.date, future: bool) -> str | None:
    if text in ("today", "this morning", "this afternoon", "tonight", "this evening"):
        return published.isoformat()
    if text in ("yesterday", "last night"):
        return (published - dt.timedelta(days=1)).isoformat()
    if text == "tomorrow":
        return (published + dt.timedelta(days=1)).isoformat()
    match = _YEAR_ONLY.match(text)
    if match:
        return match.group(1)
    match = _RELATIVE_YEAR.match(text)
    if match:
        shift = {"next": 1, "the coming": 1, "last": -1, "the past": -1, "the previous": -1}
        return str(published.year + shift.get(match.group(1).lower(), 0))
    match = _RELATIVE_MONTH.match(text)
    if match:
        shift = {"next": 1, "the coming": 1, "last": -1, "the past": -1, "the previous": -1}
        month = published.month + shift.get(match.group(1).lower(), 0)
        year = published.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    match = _MONTH_ONLY.match(text)
    if match:
        month = _MONTHS.index(match.group(1).lower().rstrip(".")) % 12 + 1
        if match.group(2):
            return f"{match.group(2)}-{month:02d}"
        year = published.year
        if future and month < published.month:
            year += 1
        elif not future and month > published.month:
            year -= 1
        return f"{year:04d}-{month:02d}"
    weekday = _WEEKDAY.fullmatch(text.replace("last ", "").replace("next ", "").replace("this ", ""))
    if weekday:
        target = (["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                  .index(weekday.group(1).lower()))
        delta = (published.weekday() - target) % 7
        if future or text.startswith("next "):
            ahead = (target - published.weekday()) % 7 or 7
            return (published + dt.timedelta(days=ahead)).isoformat()
        return (published - dt.timedelta(days=delta)).isoformat()
    ago = _AGO.fullmatch(text)
    if ago:
        count = _NUMBERS.get(ago.group(1)) or int(ago.group(1)) if ago.group(1).isdigit() \
            else _NUMBERS.get(ago.group(1), 1)
        days = count * {"day": 1, "week": 7}[ago.group(2)]
        return (published - dt.timedelta(days=days)).isoformat()
    if re.fullmatch(r"(last|this|next) week", text):
        shift = {"last": -7, "this": 0, "next": 7}[text.split()[0]]
        return (published + dt.timedelta(days=shift)).isoformat()
    if _DURATION.match(text):
        return None
    day = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)", text)
    if day:
        return _day_of_month(int(day.group(1)), published, future)
    absolute = _absolute(text, published, future)
    if absolute:
        return absolute
    settings = dict(_SETTINGS)
    settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    settings["PREFER_DATES_FROM"] = "future" if future else "past"
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", text)) or any(
        w in text for w in ("ago", "day", "week"))
    if not has_day and not re.search(r"\d", text):
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return parsed.date().isoformat()


_AGO = re.compile(r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (day|week)s? ago")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_ABSOLUTE = re.compile(r"^(\d{1,2}(st|nd|rd|th)? (" + "|".join(_MONTHS) + r")\.?,? ?(\d{4})?|(" +
                       "|".join(_MONTHS) + r")\.? \d{1,2}(st|nd|rd|th)?,? ?(\d{4})?|\d{4}-\d\d-\d\d)$")


def _absolute(text: str, published: dt.date, future: bool) -> str | None:
    """Calendar dates ("15 December", "Dec. 10, 2021", "2022-02-04") without dateparser's
    cost; a day and month with no year is the nearest such day before (or after) publication."""
    if not _ABSOLUTE.match(text):
        return None
    from dateutil import parser as dateutil_parser

    try:
        parsed = dateutil_parser.parse(text, default=dt.datetime(published.year, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
    if not re.search(r"\d{4}", text):
        shift = -1 if not future and parsed > published else (
            1 if future and parsed < published else 0)
        if shift:
            try:
                parsed = parsed.replace(year=parsed.year + shift)
            except ValueError:  # 29 February in a year that has none
                return None
    return parsed.isoformat()


def _day_of_month(day: int, published: dt.date, future: bool) -> str | None:
    """"On the 13th": the nearest 13th on or before publication (after it for planned acts)."""
    year, month = published.year, published.month
    for _ in range(12):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # the 31st of a 30-day month: try the month before (after)
            candidate = None
        if candidate is not None and (candidate >= published if future else candidate <= published):
            return candidate.isoformat()
        month += 1 if future else -1
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
    return None


def is_future(date: str, published: dt.date) -> bool:
    """True when a (possibly partial) resolved date lies after the publication date."""
    pub = published.isoformat()[: len(date)]
    return date > pub
