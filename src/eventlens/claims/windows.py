"""When a claim falls due: the window a sentence names ("within 48 hours", "by the end of the
year", "next month", "during the Olympics"), else the date the coder resolved for the act, else
a default span for the kind of claim."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from eventlens.claims.tables import ClaimTables, claim_tables, has_phrase

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "twenty-four": 24, "forty-eight": 48, "seventy-two": 72, "ninety": 90}
_NUM = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(hours?|days?|weeks?|months?|years?)"
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

# "within 48 hours", "in the next two weeks", "in three days"
_WITHIN = re.compile(rf"\b(?:within|in the next|in)\s+(?:the\s+next\s+)?{_NUM}[\s-]+{_UNIT}\b")
# "seven days to reinstate", "a 48-hour deadline", "a week's notice"
_GIVEN = re.compile(rf"\b{_NUM}[\s-]+{_UNIT}(?:'s?)?\s+(?:to|deadline|ultimatum|notice)\b")
_END_OF = re.compile(r"\bby (?:the )?end of (?:the |this )?(year|month|week)\b"
                     r"|\bby (?:the )?(year)[-' ]?s?[- ]end\b")
_END_OF_NEXT = re.compile(r"\bby (?:the )?end of next (year|month|week)\b")
_END_OF_NAMED = re.compile(rf"\bby (?:the )?end of ((?:{_MONTHS})(?: \d{{4}})?|\d{{4}})\b")
_BY = re.compile(r"\b(by|before|until|no later than|not later than)\s+"
                 rf"((?:the\s+)?(?:\d|{_MONTHS}|{_WEEKDAYS}|tomorrow|next|mid|early|late)"
                 r"[\w,.-]*(?:\s+[\w,.-]+){0,3})")
_NEXT = re.compile(r"\b(early |late |later |mid-)?(next|this|later this) (week|month|year)\b")
_ON_DAY = re.compile(rf"\b(?:on|this|next|by)\s+({_WEEKDAYS})\b|\b(tomorrow)\b")
_ON_DATE = re.compile(rf"\bon ((?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS})"
                      rf"(?:,? \d{{4}})?|(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?)")
_IN_MONTH = re.compile(rf"\bin ((?:early |late |mid-)?(?:{_MONTHS})(?: \d{{4}})?|\d{{4}})\b")
# From here on a sentence speaks of what is to come: dates before it say when it was said.
_FUTURE_MARK = re.compile(r"\b(will|would|'ll|shall|plans? to|planning to|due to|scheduled|"
                          r"expected to|agreed to|agreed that|promised|pledged|vowed|intends? to|"
                          r"set to|going to|to be held)\b")


# Words before "on <day>" that make it the day something was said or done, not when it is due.
_DONE_WORDS = frozenset({"said", "told", "wrote", "spoke", "met", "held", "made", "gave",
                         "says", "tells", "announced", "stated"})


@dataclass(frozen=True, slots=True)
class DueWindow:
    """The days a claim is due in, the words that set them, and how they were found:
    `explicit` (a deadline or date in the sentence), `named-period` (games, summits),
    `vague` ("soon", "in the coming weeks"), `coder-date` (the date the coder resolved for the
    act) or `default` (the kind's usual span)."""

    start: dt.date
    end: dt.date
    text: str
    how: str


def due_window(sentence: str, published: dt.date, *, kind: str, date_text: str = "",
               tables: ClaimTables | None = None) -> DueWindow:
    """The window in which the act a claim states is due, read from its sentence."""
    tables = tables or claim_tables()
    text = " ".join(sentence.lower().split())
    mark = _FUTURE_MARK.search(text)
    tail = text[mark.start():] if mark else ""
    for reader in (_duration, _end_of, _named_period, _by_date, _relative, _on_day):
        found = reader(text, tail, published, tables)
        if found is not None and found.end >= published:
            return found
    for phrase, days in tables.vague_days.items():
        if has_phrase(text, phrase):
            return DueWindow(published, published + dt.timedelta(days=days), phrase, "vague")
    if date_text and date_text[: len(published.isoformat())] > published.isoformat()[
            : len(date_text)]:
        first, last = period_bounds(date_text)
        if first is not None:
            return DueWindow(first, last, date_text, "coder-date")
    days = tables.default_days.get(kind, 180)
    return DueWindow(published, published + dt.timedelta(days=days), "", "default")


def period_bounds(date_text: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; (None, None) otherwise."""
    try:
        if len(date_text) == 4:
            year = int(date_text)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(date_text) == 7:
            year, month = int(date_text[:4]), int(date_text[5:7])
            return dt.date(year, month, 1), _month_end(year, month)
        day = dt.date.fromisoformat(date_text)
        return day, day
    except ValueError:
        return None, None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _span(published: dt.date, count: int, unit: str) -> dt.date:
    unit = unit.rstrip("s")
    if unit in ("month", "year"):
        months = published.month - 1 + count * (12 if unit == "year" else 1)
        year, month = published.year + months // 12, months % 12 + 1
        return dt.date(year, month, min(published.day, calendar.monthrange(year, month)[1]))
    days = {"hour": max(1, -(-count // 24)), "day": count, "week": 7 * count}[unit]
    return published + dt.timedelta(days=days)


def _duration(text, _tail, published, _tables) -> DueWindow | None:
    match = _WITHIN.search(text) or _GIVEN.search(text)
    if not match:
        return None
    end = _span(published, _count(match.group(1)), match.group(2))
    return DueWindow(published, end, match.group(0), "explicit")


def _current(published: dt.date, unit: str, shift: int = 0) -> tuple[dt.date, dt.date]:
    """The week (Monday to Sunday), month or year holding `published`, `shift` periods on."""
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        month = published.month - 1 + shift
        year, month = published.year + month // 12, month % 12 + 1
        return dt.date(year, month, 1), _month_end(year, month)
    year = published.year + shift
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _end_of(text, _tail, published, _tables) -> DueWindow | None:
    match = _END_OF_NEXT.search(text)
    if match:
        return DueWindow(published, _current(published, match.group(1), 1)[1], match.group(0),
                         "explicit")
    match = _END_OF.search(text)
    if match:
        unit = match.group(1) or match.group(2)
        return DueWindow(published, _current(published, unit)[1], match.group(0), "explicit")
    match = _END_OF_NAMED.search(text)
    if match:
        resolved = _resolve(match.group(1), published)
        if resolved:
            return DueWindow(published, period_bounds(resolved)[1], match.group(0), "explicit")
    return None


def _named_period(text, _tail, published, tables) -> DueWindow | None:
    for period in tables.named_periods:
        phrase = next((p for p in period.phrases if has_phrase(text, p)), None)
        if phrase is None:
            continue
        instance = period.instance(text, published)
        if instance is None:
            continue
        label = f"{period.name}: {instance.label}"
        if re.search(rf"\b(?:before|ahead of|by)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}"
                     rf"{re.escape(phrase)}", text):
            before = instance.start - dt.timedelta(days=1)
            return DueWindow(published, max(before, published), f"before {label}",
                             "named-period")
        return DueWindow(max(instance.start, published), instance.end, label, "named-period")
    return None


def _resolve(expression: str, published: dt.date) -> str | None:
    from eventlens.nlp.dates import resolve_date

    return resolve_date(expression, published, future=True)


def _by_date(text, _tail, published, _tables) -> DueWindow | None:
    match = _BY.search(text)
    while match:
        words = match.group(2).split()
        for n in range(len(words), 0, -1):
            expression = " ".join(words[:n]).strip(",.")
            if not re.search(rf"\d|{_MONTHS}|{_WEEKDAYS}|tomorrow", expression):
                continue
            resolved = _resolve(expression, published)
            first, last = period_bounds(resolved) if resolved else (None, None)
            if first is None or last < published:
                continue
            if match.group(1) == "before":
                last = max(published, first - dt.timedelta(days=1))
            return DueWindow(published, last, f"{match.group(1)} {expression}", "explicit")
        match = _BY.search(text, match.end())
    return None


def _relative(_text, tail, published, _tables) -> DueWindow | None:
    match = _NEXT.search(tail)
    if not match:
        return None
    qualifier, which, unit = (match.group(1) or "").strip(), match.group(2), match.group(3)
    if which == "next":
        first, last = _current(published, unit, 1)
    else:
        first, last = published, _current(published, unit)[1]
    if unit == "year" and qualifier in ("early", "late", "mid-"):
        # "early next year": its first half; "late next year": its second
        middle = dt.date(first.year, 7, 1)
        first, last = (first, middle - dt.timedelta(days=1)) if qualifier == "early" else (
            (middle, last) if qualifier == "late" else (dt.date(first.year, 4, 1),
                                                         dt.date(first.year, 9, 30)))
    return DueWindow(first, last, match.group(0), "explicit")


def _on_day(_text, tail, published, _tables) -> DueWindow | None:
    for pattern in (_ON_DAY, _ON_DATE, _IN_MONTH):
        for match in pattern.finditer(tail):
            found = _day_window(match, tail, published)
            if found is not None:
                return found
    return None


def _day_window(match: re.Match, tail: str, published: dt.date) -> DueWindow | None:
    before = tail[: match.start()].split()
    if before and (before[-1].endswith("ed") or before[-1] in _DONE_WORDS):
        return None  # "an agreement reached on Wednesday", "said on Wednesday": when it was said
    expression = next(g for g in match.groups() if g)
    if before and before[-1] == "later" and expression == published.strftime("%A").lower():
        resolved = published.isoformat()  # "later on Thursday", said on a Thursday
    else:
        resolved = _resolve(expression, published)
    first, last = period_bounds(resolved) if resolved else (None, None)
    if first is None or last < published:
        return None
    return DueWindow(max(first, published), last, match.group(0), "explicit")
