"""What a user may ask for: event filters and dates parsed the same way on every face.

The CLI, the Python API, the REST API and the dashboard call these functions, so a value means
the same everywhere and a value no event can have is an error that names the accepted values
and the nearest one (`FilterError`), never an empty answer.

    since, until = date_range("2022", "2022-03")      # 2022-01-01, 2022-03-31
    event_types("19")                                 # ('ASSAULT', 'COERCE'): CAMEO root 19
    actor_code("Russia")                              # 'RUS'
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Iterable
from importlib import resources

import pycountry

from eventlens.actors.kb import load_knowledge_base
from eventlens.datafiles import packaged_yaml
from eventlens.errors import FilterError, UnknownActorError

STATUSES = ("asserted", "intended", "denied", "hypothetical")
# Status values that mean "no status filter".
EVERY_STATUS = ("all", "any")
# Roles a code can consist of alone (an actor whose country is unknown, e.g. "MIL").
ROLES = ("GOV", "MIL", "LEG", "JUD", "OPP", "REB", "MED", "BUS", "CVL", "IGO", "NGO")
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_CAMEO = re.compile(r"^\d{2,4}$")
_ADM1 = re.compile(r"^[A-Z]{2}\.[A-Z0-9]{1,20}$")
BBOX_FORM = "min_lon,min_lat,max_lon,max_lat"


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The accepted value closest to `value` (difflib, case-insensitive), or None."""
    folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(value.strip().casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


# -- dates ---------------------------------------------------------------------------------


def parse_date(value: str | dt.date | None, name: str = "date", *,
               end: bool = False) -> dt.date | None:
    """A date from `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (or a date); None for None or ''.

    A year or a month stands for its first day, or with `end` for its last day (so that
    `until="2022"` keeps all of 2022).

    Raises:
        FilterError: not one of the three forms, or not a calendar date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)
        year = int(match.group(1))
        if match.group(3):
            return dt.date(year, int(match.group(2)), int(match.group(3)))
        if match.group(2):
            month = int(match.group(2))
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise FilterError(f"{name} must be {DATE_FORMS}, got {value!r}",
                          hint="for example 2022, 2022-02 or 2022-02-24") from exc


def date_range(since: str | dt.date | None, until: str | dt.date | None, *,
               names: tuple[str, str] = ("since", "until")) -> tuple[dt.date | None,
                                                                   dt.date | None]:
    """`since` from its first day and `until` to its last (both inclusive).

    Raises:
        FilterError: a bad date, or `until` before `since`.
    """
    first = parse_date(since, names[0])
    last = parse_date(until, names[1], end=True)
    if first is not None and last is not None and last < first:
        raise FilterError(f"the date range is inverted: {names[0]} {first.isoformat()} is after "
                          f"{names[1]} {last.isoformat()}", hint=f"swap {names[0]} and {names[1]}")
    return first, last


# -- status and type -----------------------------------------------------------------------


def parse_status(value: str | None, *, name: str = "status") -> str | None:
    """A status filter: one of `STATUSES`; None, '', 'all' and 'any' mean every status.

    Raises:
        FilterError: any other value.
    """
    if value is None or value.lower() in ("", *EVERY_STATUS):
        return None
    folded = value.lower()
    if folded in STATUSES:
        return folded
    raise _unknown(name, value, (*STATUSES, "all"))


@functools.lru_cache(maxsize=1)
def plover_type_names() -> tuple[str, ...]:
    """PLOVER's 16 event types, as the packaged plover.yaml lists them."""
    return tuple(packaged_yaml("plover.yaml"))


@functools.lru_cache(maxsize=1)
def cameo_crosswalk() -> dict[str, tuple[str, ...]]:
    """CAMEO code (root or full) -> the PLOVER types its codes map to, from the packaged
    cameo_plover.tsv (derived from the 2021 CAMEO-to-PLOVER crosswalk by
    tools/build_cameo_plover.py). A root maps to every type one of its codes maps to."""
    path = resources.files("eventlens.data").joinpath("cameo_plover.tsv")
    table: dict[str, list[str]] = {}
    for row in csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"):
        code, plover = row["cameo_code"], row["plover_type"]
        for key in {code, code[:2]}:
            if plover not in table.setdefault(key, []):
                table[key].append(plover)
    return {code: tuple(types) for code, types in table.items()}


def event_types(value: str | Iterable[str] | None, *, name: str = "type") -> tuple[str, ...] | None:
    """The PLOVER types a type filter stands for, or None for no filter.

    Accepts PLOVER names in any case (`assault`) and CAMEO codes, root or full (`19`, `190`,
    `0311`): a code stands for the types the 2021 crosswalk maps it to (root 19 holds ASSAULT
    and, for blockades and occupation, COERCE). Several values may be given, comma-separated
    (spaces around the commas allowed); '' means no filter. `type_pattern()` is the same
    grammar as a regular expression.

    Raises:
        FilterError: a value that is neither a PLOVER type nor a CAMEO code the crosswalk maps,
            or an empty item in a list.
    """
    if value is None or value == "":
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    types: list[str] = []
    for part in (p.strip(" ") for p in parts):
        if not part:
            raise FilterError(f"{name} {value!r} has an empty item",
                              hint="separate types with single commas: ASSAULT,COERCE")
        for plover in _one_type(part, name):
            if plover not in types:
                types.append(plover)
    return tuple(types) or None


def type_pattern() -> str:
    """A regular expression matching exactly the values `event_types` accepts (for the REST
    API's OpenAPI document): PLOVER names in any case, CAMEO codes the crosswalk maps, lists."""
    names = ["".join(f"[{c.upper()}{c.lower()}]" for c in t) for t in plover_type_names()]
    item = "(?:" + "|".join([*names, *sorted(cameo_crosswalk(), key=lambda c: (len(c), c))]) + ")"
    return f"^(?:|{item}(?: *, *{item})*)$"


def _one_type(value: str, name: str) -> tuple[str, ...]:
    known = plover_type_names()
    if value.isascii() and value.upper() in known:
        return (value.upper(),)
    if _CAMEO.match(value):
        crosswalk = cameo_crosswalk()
        code = value.zfill(2) if len(value) == 1 else value
        if code in crosswalk:
            return crosswalk[code]
        roots = ", ".join(sorted(c for c in crosswalk if len(c) == 2))
        raise FilterError(f"CAMEO code {value!r} has no PLOVER type in the 2021 crosswalk",
                          hint=f"CAMEO roots with one: {roots}; PLOVER does not code roots 01 "
                               "and 02 (public statements, appeals)")
    raise _unknown(name, value, known, also="or a CAMEO code such as 19 or 190")


# -- actors --------------------------------------------------------------------------------


def actor_code(value: str | None, *, name: str = "actor", kb=None,
               known_codes: Callable[[], Iterable[str]] | None = None,
               required: bool = False) -> str | None:
    """The code an actor filter matches: a country or organisation code (`RUS`, `NATO`), a
    full code (`RUS:GOV`), a bare role (`MIL`), or a name the knowledge base or ISO 3166
    knows (`Russia`, `Russian Federation`, `Russian`, `NATO`, `Hamas`). None for None or ''.

    Args:
        kb: the actor knowledge base (default: the packaged one).
        known_codes: codes a store holds besides the knowledge base's (from users' actor
            files), asked only when nothing else matched.
        required: an empty value is an error (the two sides of a dyad), not "no filter".

    Raises:
        UnknownActorError: nothing of that code or name, with the nearest known name; or
            nothing at all where an actor is required.
    """
    if value is None or not value.strip():
        if required:
            raise UnknownActorError(f"{name} needs an actor", hint="a code (RUS) or a name "
                                    "(Russia)")
        return None
    text = value.strip()
    if ":" in text:
        country, _, role = text.partition(":")
        role = role.strip().upper()
        if role not in ROLES:
            unknown = _unknown(f"{name} role", role, ROLES)
            raise UnknownActorError(unknown.message, hint=unknown.hint)
        return f"{actor_code(country, name=name, kb=kb, known_codes=known_codes)}:{role}"
    kb = kb or _knowledge_base()
    upper = text.upper()
    if upper in ROLES or upper in kb.countries or upper in kb.organisations:
        return upper
    found = _by_name(text, kb)
    if found is not None:
        return found
    if known_codes is not None and upper in {c.upper() for c in known_codes()}:
        return upper
    near = nearest(text, _actor_names(kb))
    hint = ("a country or organisation code (RUS, NATO), a full code (RUS:GOV), a role (MIL) "
            "or a name the knowledge base knows (Russia, Russian); `eventlens actors lookup "
            "NAME` explains a name")
    if near is not None:
        hint = f"did you mean {near!r} ({_by_name(near, kb) or near.upper()})? " + hint
    raise UnknownActorError(f"unknown {name} {value!r}: no country, organisation or group of "
                            "that code or name", hint=hint)


_NAME_FIELDS = ("name", "aliases", "adjectives", "demonyms", "iso3")


def _by_name(text: str, kb) -> str | None:
    """The code of a country (by name, alias, adjective, demonym; ISO 3166 names through
    pycountry), organisation or group named `text`, or None."""
    matches = [m for m in kb.countries_by_name(text) if m.field in _NAME_FIELDS]
    for match in matches:
        if not match.ambiguous:
            return match.entry.iso3
    # a name ambiguous in prose ("turkey" is also a bird) is the country when a filter says it
    named = {m.entry.iso3 for m in matches if m.field == "name"}
    if len(named) == 1:
        return named.pop()
    org = kb.organisation_by_name(text)
    if org is not None:
        return org.code
    group = kb.group_by_name(text)
    if group is not None and group.country:
        return f"{group.country}:{group.role}" if group.role else group.country
    if len(text.strip()) <= 3:
        return None  # codes are the knowledge base's; ISO alpha-2 ("PA") would surprise
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return country.alpha_3 if country.alpha_3 in kb.countries else None


# -- places --------------------------------------------------------------------------------


def place_country(value: str | None, *, name: str = "location_country") -> str | None:
    """The ISO alpha-3 code of the country a place filter names: a code (UKR) or a country
    name the knowledge base knows (Ukraine); None for None or ''.

    Raises:
        UnknownActorError: no country (organisations have no places).
    """
    if value is None or not str(value).strip():
        return None
    kb = _knowledge_base()
    text = str(value).strip()
    if text.upper() in kb.countries:
        return text.upper()
    found = _by_name(text, kb)
    if found is not None and found in kb.countries:
        return found
    near = nearest(text, [e.name for e in kb.countries.values()])
    raise UnknownActorError(f"unknown {name} {value!r}: no country of that code or name",
                      hint=(f"did you mean {near!r}? " if near else "")
                      + "give an ISO 3166 alpha-3 code (UKR) or a country name")


def adm1_code(value: str | None, *, name: str = "location_adm1") -> str | None:
    """A GeoNames admin1 code as the store keeps it ("UA.12"; case folded); None for None or ''.

    Raises:
        FilterError: not COUNTRY.CODE with a two-letter country.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().upper()
    if not _ADM1.match(text):
        raise FilterError(f"{name} must be a GeoNames admin1 code such as UA.12 or US.TX, "
                          f"got {value!r}", hint="the ISO alpha-2 country, a dot, the "
                          "division's code (location_adm1 of any event shows it)")
    return text


def parse_bbox(value: str | Iterable[float] | None, *,
               name: str = "bbox") -> tuple[float, float, float, float] | None:
    """A bounding box `min_lon,min_lat,max_lon,max_lat` (a string or four numbers) in decimal
    degrees; min_lon may exceed max_lon (a box across the antimeridian); latitudes given the
    wrong way round are swapped. None for None or ''.

    Raises:
        FilterError: not four numbers, or out of range.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        numbers = tuple(float(p) for p in parts)
    except (TypeError, ValueError) as exc:
        raise FilterError(f"{name} must be {BBOX_FORM}, got {value!r}",
                          hint="for example 22,44,41,53 (Ukraine)") from exc
    if len(numbers) != 4:
        raise FilterError(f"{name} must be four numbers {BBOX_FORM}, got {value!r}",
                          hint="for example 22,44,41,53 (Ukraine)")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not all(-180 <= x <= 180 for x in (min_lon, max_lon)) or \
            not all(-90 <= y <= 90 for y in (min_lat, max_lat)):
        raise FilterError(f"{name} {value!r} is out of range",
                          hint="longitudes run from -180 to 180, latitudes from -90 to 90")
    return (min_lon, min(min_lat, max_lat), max_lon, max(min_lat, max_lat))


def _actor_names(kb) -> list[str]:
    names = [e.name for e in kb.countries.values()]
    names += [o.name for o in kb.organisations.values()]
    names += [g.name for g in kb.groups.values()]
    names += [*kb.countries, *kb.organisations]
    return names


def _knowledge_base():
    return load_knowledge_base()


def _unknown(name: str, value: str, accepted: Iterable[str], *, also: str = "") -> FilterError:
    accepted = tuple(accepted)
    near = nearest(value, accepted)
    hint = f"use one of {', '.join(accepted)}{' ' + also if also else ''}"
    if near is not None:
        hint = f"did you mean {near!r}? " + hint
    return FilterError(f"unknown {name} {value!r}", hint=hint)
