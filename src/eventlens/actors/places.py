"""Places news names (cities, regions, disputed areas) with their country and coordinates.

The packaged gazetteer is ``eventlens/data/actors/places.tsv``, built by
``tools/build_places.py`` from GeoNames and a hand-written list; users add rows in the same
format. :class:`eventlens.actors.kb.KnowledgeBase` reads the files and answers
``place_by_name``; this module holds the entry type and the row checks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from eventlens.errors import ActorFileError

PLACE_COLUMNS = ("name", "aliases", "country", "kind", "population", "lat", "lon", "ambiguous",
                 "notes")
#: Optional columns the packaged file has (tools/build_places.py): GeoNames id and admin1.
PLACE_GEO_COLUMNS = ("geonameid", "adm1", "adm1_name")
#: A TSV file whose header has these columns (and no others than PLACE_COLUMNS and
#: PLACE_GEO_COLUMNS) is a places file.
PLACE_REQUIRED_COLUMNS = ("name", "country", "kind", "lat", "lon")
PLACE_KINDS = frozenset({"city", "region", "disputed"})


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A city, region or disputed area and the country it belongs to.

    Disputed areas carry the internationally recognised country; `notes` names who else
    claims or holds them. `ambiguous` lists other countries the name can stand for ("Kashmir":
    PAK besides IND); callers decide what to do with such a match.
    """

    name: str
    country: str
    kind: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    population: int | None = None  # None for regions and disputed areas
    ambiguous: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""  # "path:line"
    geonameid: int | None = None  # None for hand-written regions and users' rows without one
    adm1: str = ""  # GeoNames admin1 code ("UA.12") where the place lies in one division
    adm1_name: str = ""

    @property
    def is_ambiguous(self) -> bool:
        """True when the name also stands for places in other countries."""
        return bool(self.ambiguous)

    def forms(self) -> tuple[str, ...]:
        """The name and the aliases."""
        return (self.name, *self.aliases)


def is_place_header(header: Collection[str]) -> bool:
    """True for the header of a places TSV file."""
    return set(PLACE_REQUIRED_COLUMNS) <= set(header) <= {*PLACE_COLUMNS, *PLACE_GEO_COLUMNS}


def place_from_row(row: Mapping[str, str], where: str, countries: Collection[str]) -> PlaceEntry:
    """One places.tsv row as an entry, checked against the known country codes.

    Raises:
        ActorFileError: an empty name, an unknown country or kind, or a bad number.
    """
    name = row.get("name", "").strip()
    if not name:
        raise ActorFileError("a place row needs a name", where=where, hint="fill the name column")
    country = row.get("country", "").strip().upper()
    if country not in countries:
        raise ActorFileError(f"{name}: unknown country {country!r}", where=where,
                             hint="use an ISO alpha-3 code from countries.tsv")
    kind = row.get("kind", "").strip()
    if kind not in PLACE_KINDS:
        raise ActorFileError(f"{name}: unknown kind {kind!r}", where=where,
                             hint=f"use one of {sorted(PLACE_KINDS)}")
    ambiguous = tuple(c.strip().upper() for c in row.get("ambiguous", "").split("|") if c.strip())
    stray = [c for c in ambiguous if c not in countries or c == country]
    if stray:
        raise ActorFileError(f"{name}: bad ambiguous country codes {stray}", where=where,
                             hint="list other countries' ISO alpha-3 codes, |-separated")
    return PlaceEntry(
        name, country, kind,
        _coordinate(row.get("lat", ""), 90.0, name, "lat", where),
        _coordinate(row.get("lon", ""), 180.0, name, "lon", where),
        tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip()),
        _population(row.get("population", ""), name, where), ambiguous,
        row.get("notes", "").strip(), where,
        _population(row.get("geonameid", "") or "", name, where),
        (row.get("adm1") or "").strip(), (row.get("adm1_name") or "").strip())


def _coordinate(text: str, limit: float, name: str, column: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not -limit <= value <= limit:  # also false for NaN
        raise ActorFileError(f"{name}: {column} {text!r} is not a number from {-limit:g} to "
                             f"{limit:g}", where=where,
                             hint="give decimal degrees, north and east positive: 46.48 30.72")
    return value


def _population(text: str, name: str, where: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise ActorFileError(f"{name}: population {text!r} is not a whole number", where=where,
                             hint="write digits only, or leave it empty for regions")
    return int(text)


def index_places(entries: Iterable[PlaceEntry], *,
                 key: Callable[[str], str]) -> dict[str, PlaceEntry]:
    """Each folded name and alias to its entry.

    Args:
        key: the folding lookups use (``eventlens.actors.kb.normalise_name``).

    Raises:
        ActorFileError: a form names two entries (the later entry's file and line).
    """
    index: dict[str, PlaceEntry] = {}
    for entry in entries:
        for form in entry.forms():
            owner = index.setdefault(key(form), entry)
            if owner is not entry:
                raise ActorFileError(f"{form!r} names both {owner.name} ({owner.source}) and "
                                     f"{entry.name}", where=entry.source,
                                     hint="remove the form from one of the rows")
    return index


def merge_places(base: Mapping[str, PlaceEntry], extra: Iterable[PlaceEntry], *,
                 key: Callable[[str], str]) -> dict[str, PlaceEntry]:
    """`base` with `extra` entries applied in order: an entry whose name is the name of an
    earlier one replaces it whole (none of the old forms find it any more); every form of
    a later entry wins over an earlier one."""
    merged = dict(base)
    for entry in extra:
        old = merged.get(key(entry.name))
        if old is not None and key(old.name) == key(entry.name):
            for form in old.forms():
                if merged.get(key(form)) is old:
                    del merged[key(form)]
        for form in entry.forms():
            merged[key(form)] = entry
    return merged
