"""The actor knowledge base: countries, organisations, groups and people with dated roles,
and the places news names (read on the first place lookup).

The packaged part lives in ``eventlens/data/actors`` as TSV and YAML files; users add or
override entries with files in the same formats (see docs/actors.md). Every bad or
conflicting entry raises :class:`ActorFileError` naming the file and line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from eventlens.actors.kb_files import (
    Source,
    split_list,
    where_in,
)
from eventlens.actors.places import (
    PlaceEntry,
    index_places,
    merge_places,
    place_from_row,
)
from eventlens.actors.words import word_set
from eventlens.errors import ActorFileError

ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "MED", "BUS", "CVL", "IGO", "NGO"})
ORGANISATION_KINDS = frozenset({"IGO", "NGO", "region"})
GROUP_KINDS = frozenset({"armed", "political", "party", "state", "media"})
#: The country columns that name the country, in the order a match prefers them.
COUNTRY_NAME_FIELDS = ("name", "aliases", "adjectives", "demonyms", "capitals", "seats",
                       "military_seats")
#: In load order: people rows refer to all the others (titles fold their office names).
PACKAGED_FILES = ("countries.tsv", "organisations.yaml", "groups.yaml", "titles.yaml",
                  "people.tsv")
#: Read on the first place lookup, not with the files above: it is the largest file and most
#: uses of the knowledge base never ask for a place.
PACKAGED_PLACES = "places.tsv"
_CODE = re.compile(r"^[A-Z][A-Z0-9+\-]{1,19}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_EDGE_PUNCT = " .,;:'\"’‘“”()[]"


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """Fold a name for matching: no accents, lower case, one space, no edge punctuation,
    no leading "the" and no trailing possessive "'s"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("’", "'").replace("‘", "'")
    text = text.casefold()
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    if text.endswith("'s"):
        text = text[:-2]
    if text.startswith("the "):
        text = text[4:]
    return text.strip(_EDGE_PUNCT)


# -- entries ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A country or territory with the words news uses for it."""

    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    military_seats: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()  # normalised forms that need context
    notes: str = ""
    source: str = ""  # "path:line"

    def forms(self, field_name: str) -> tuple[str, ...]:
        """The surface forms of one name field ("name" gives a one-item tuple)."""
        return (self.name,) if field_name == "name" else getattr(self, field_name)

    def is_ambiguous(self, form: str) -> bool:
        """True when this form also means something else and needs context."""
        return normalise_name(form) in self.ambiguous


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """A country found by a name: the entry, which field matched, and whether the matched
    form needs context. Unpacks as ``entry, field = match``."""

    entry: CountryEntry
    field: str
    ambiguous: bool = False

    def __iter__(self) -> Iterator[Any]:
        return iter((self.entry, self.field))


@dataclass(frozen=True, slots=True)
class OrganisationEntry:
    """An intergovernmental organisation, one of its bodies, an international NGO, or a world
    region whose states news names together ("Gulf states", "the West")."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "IGO"
    parent: str | None = None
    members: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    notes: str = ""
    source: str = ""

    @property
    def role(self) -> str:
        """The actor role of the organisation itself: IGO or NGO; the states of a region act
        as governments, as a named country does."""
        return "GOV" if self.kind == "region" else self.kind


@dataclass(frozen=True, slots=True)
class GroupPeriod:
    """The country and role a group had between two dates (end None = still so)."""

    start: dt.date
    end: dt.date | None
    country: str
    role: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """A non-state group, state body, party or news outlet tied to a country and role."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    role: str = ""
    kind: str = "armed"
    periods: tuple[GroupPeriod, ...] = ()
    transnational: bool = False
    ambiguous: frozenset[str] = frozenset()
    notes: str = ""
    source: str = ""

    def on(self, day: dt.date) -> GroupEntry:
        """This entry with the country and role it had on a date."""
        for period in self.periods:
            if period.covers(day):
                return replace(self, country=period.country, role=period.role)
        return self


@dataclass(frozen=True, slots=True)
class PersonRole:
    """One office one person held between two dates (end None = still in office)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    role: str
    title: str
    start: dt.date
    end: dt.date | None = None
    group: str = ""  # code of the group the office belongs to, if any
    source: str = ""

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def parse_partial_date(text: str, *, last: bool = False) -> dt.date:
    """YYYY, YYYY-MM or YYYY-MM-DD as a date: the first day of the span, or the last one."""
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if last else 1)
    try:
        if match.group(3):
            return dt.date(year, month, int(match.group(3)))
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    except (ValueError, calendar.IllegalMonthError) as error:
        raise ValueError(f"not a date: {text!r} ({error})") from error


# -- the knowledge base -------------------------------------------------------------------


@dataclass(frozen=True)
class KnowledgeBase:
    """All known actors, with case- and accent-insensitive name lookups."""

    countries: Mapping[str, CountryEntry]
    organisations: Mapping[str, OrganisationEntry]
    groups: Mapping[str, GroupEntry]
    people: tuple[PersonRole, ...]
    titles: Mapping[str, str] = field(default_factory=dict)  # normalised synonym -> title
    extra_places: tuple[PlaceEntry, ...] = ()  # from users' files, applied over the packaged
    _country_index: dict[str, list[CountryMatch]] = field(default_factory=dict, repr=False)
    _organisation_index: dict[str, str] = field(default_factory=dict, repr=False)
    _group_index: dict[str, str] = field(default_factory=dict, repr=False)
    _people_index: dict[str, list[PersonRole]] = field(default_factory=dict, repr=False)
    _office_index: dict[tuple[str, str], list[PersonRole]] = field(default_factory=dict,
                                                                   repr=False)
    _place_index: dict[str, PlaceEntry] = field(default_factory=dict, repr=False)
    _article_index: dict[str, list[CountryMatch]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._country_index.update(_index_countries(self.countries.values()))
        self._article_index.update(_index_countries(self.countries.values(), articled=True))
        for table, entries in ((self._organisation_index, self.organisations.values()),
                               (self._group_index, self.groups.values())):
            for entry in entries:
                for form in (entry.code, entry.name, *entry.aliases):
                    table[normalise_name(form)] = entry.code
        self._people_index.update(_index_people(self.people))
        for person in self.people:
            self._office_index.setdefault((person.country, person.title), []).append(person)

    # countries
    def country_by_code(self, code: str) -> CountryEntry | None:
        """The country with this ISO 3166 alpha-3 code (any case)."""
        return self.countries.get(code.strip().upper())

    def countries_by_name(self, text: str) -> list[CountryMatch]:
        """Countries named by a name, alias, adjective, demonym, capital or seat of
        government, with the field that matched; unambiguous matches come first.

        A capital or seat the table writes with its article ("The Valley", "The Hague", "The
        Lodge") matches only text with the article: without it the word is a common noun or
        part of another name ("Galwan Valley", "Silicon Valley")."""
        key = normalise_name(text)
        found = list(self._country_index.get(key, ()))
        if _ARTICLE.match(text):
            found += self._article_index.get(key, ())
        return found

    # organisations and groups
    def organisation_by_name(self, text: str) -> OrganisationEntry | None:
        """The organisation with this code, name or alias."""
        code = self._organisation_index.get(normalise_name(text))
        return self.organisations[code] if code else None

    def group_by_name(self, text: str, on: dt.date | None = None) -> GroupEntry | None:
        """The group with this code, name or alias; with `on`, its country and role then."""
        code = self._group_index.get(normalise_name(text))
        if code is None:
            return None
        entry = self.groups[code]
        return entry.on(on) if on is not None else entry

    # people
    def people_named(self, name: str) -> list[PersonRole]:
        """Every office held by people with this name or alias, oldest first."""
        return list(self._people_index.get(normalise_name(name), ()))

    def person_roles_on(self, name: str, on: dt.date) -> list[PersonRole]:
        """The offices people with this name or alias held on a date."""
        return [r for r in self._people_index.get(normalise_name(name), ()) if r.holds_on(on)]

    def canonical_title(self, title: str) -> str:
        """The title people.tsv uses for an office ("secretary of state" -> "foreign minister")."""
        key = normalise_name(title)
        return self.titles.get(key, key)

    def office_holders(self, country: str, title: str, on: dt.date) -> list[PersonRole]:
        """Everyone holding an office on a date, the most recently appointed first (on the
        same start date, rows from users' files before packaged ones).

        Args:
            country: an ISO alpha-3 or organisation code, or a country name ("Russia").
            title: a canonical title or a synonym from titles.yaml.
        """
        code = self._country_code(country)
        wanted = self.canonical_title(title)
        holders = [r for r in self._office_index.get((code, wanted), ()) if r.holds_on(on)]
        # reversed first, so that on equal starts a later (user) file's row comes first
        return sorted(reversed(holders), key=lambda r: r.start, reverse=True)

    def office_holder(self, country: str, title: str, on: dt.date) -> PersonRole | None:
        """Who held an office on a date ("the US president" on 2021-12-15 -> Joe Biden).
        On a handover day the incoming holder wins."""
        holders = self.office_holders(country, title, on)
        return holders[0] if holders else None

    # places
    def place_by_name(self, text: str) -> PlaceEntry | None:
        """The city, region or disputed area with this name or alias ("Odesa", "Odessa",
        "Crimea"), or None. An entry whose `ambiguous` is not empty may stand for a place in
        another country: the caller decides. The packaged places are read on the first call.
        """
        if not self._place_index:
            self._place_index.update(merge_places(_packaged_place_index(), self.extra_places,
                                                  key=normalise_name))
        return self._place_index.get(normalise_name(text))

    def _country_code(self, text: str) -> str:
        code = text.strip().upper()
        if code in self.countries or code in self.organisations or code in self.groups:
            return code
        for match in self.countries_by_name(text):
            if match.field in ("name", "aliases", "adjectives"):
                return match.entry.iso3
        organisation = self.organisation_by_name(text)
        return organisation.code if organisation else code


_ARTICLE = re.compile(r"^\W*the\s", re.IGNORECASE)
# Fields whose forms are places standing for a government: written with an article, they are
# names only with it.
_METONYM_FIELDS = frozenset({"capitals", "seats", "military_seats"})


def _index_countries(entries: Iterable[CountryEntry], *,
                     articled: bool = False) -> dict[str, list[CountryMatch]]:
    """Country matches by normalised form; with `articled`, only the capitals and seats
    written with "The", which the main index leaves out."""
    index: dict[str, list[CountryMatch]] = {}
    for entry in entries:
        seen: set[str] = set()
        for field_name in COUNTRY_NAME_FIELDS:
            for form in entry.forms(field_name):
                key = normalise_name(form)
                if articled != bool(field_name in _METONYM_FIELDS and _ARTICLE.match(form)):
                    continue
                if key and key not in seen:  # one match per entry: its first field
                    seen.add(key)
                    index.setdefault(key, []).append(
                        CountryMatch(entry, field_name, key in entry.ambiguous))
        iso = entry.iso3.lower()
        if not articled and iso not in seen:
            index.setdefault(iso, []).append(CountryMatch(entry, "iso3"))
    rank = {name: i for i, name in enumerate((*COUNTRY_NAME_FIELDS, "iso3"))}
    for matches in index.values():
        matches.sort(key=lambda m: (m.ambiguous, rank[m.field]))
    return index


def _index_people(people: Sequence[PersonRole]) -> dict[str, list[PersonRole]]:
    """Every row of a person is found by every alias any of the person's rows gives."""
    by_person: dict[str, list[PersonRole]] = {}
    for person in people:
        by_person.setdefault(normalise_name(person.name), []).append(person)
    index: dict[str, list[PersonRole]] = {}
    for key, rows in by_person.items():
        forms = {key} | {normalise_name(a) for r in rows for a in r.aliases}
        rows.sort(key=lambda r: r.start)
        for form in forms:
            if form:
                index.setdefault(form, []).extend(rows)
    for rows in index.values():
        rows.sort(key=lambda r: r.start)
    return index


# -- loading ------------------------------------------------------------------------------


def load_knowledge_base(extra_files: Sequence[Path] = ()) -> KnowledgeBase:
    """The packaged knowledge base, plus users' files that add or override entries.

    Args:
        extra_files: TSV files (countries, people or places, told apart by their header) and
            YAML files (``kind: organisations``, ``groups`` or ``titles``). Entries with the
            code of a known one replace it; people rows replace packaged rows of the same
            person and office whose dates overlap; a place row replaces the place of the
            same name.

    Raises:
        ActorFileError: a file is unreadable, malformed, or has a bad or conflicting entry.
    """
    base = _packaged_knowledge_base()
    if not extra_files:
        return base
    builder = _Builder.from_knowledge_base(base)
    sources = [Source.from_path(Path(p)) for p in extra_files]
    for kind in ("countries", "organisations", "groups", "titles", "people", "places"):
        for source in sources:
            if source.kind == kind:
                builder.add(source, user=True)
    return builder.build()


@functools.lru_cache(maxsize=1)
def _packaged_knowledge_base() -> KnowledgeBase:
    folder = resources.files("eventlens.data").joinpath("actors")
    builder = _Builder()
    for name in PACKAGED_FILES:
        resource = folder.joinpath(name)
        builder.add(Source.from_text(f"eventlens/data/actors/{name}",
                                      resource.read_text(encoding="utf-8")), user=False)
    return builder.build()


@functools.lru_cache(maxsize=1)
def _packaged_place_index() -> dict[str, PlaceEntry]:
    resource = resources.files("eventlens.data").joinpath("actors").joinpath(PACKAGED_PLACES)
    source = Source.from_text(f"eventlens/data/actors/{PACKAGED_PLACES}",
                               resource.read_text(encoding="utf-8"))
    countries = _packaged_knowledge_base().countries
    return index_places((place_from_row(row, where_in(source, line), countries)
                         for line, row in source.rows), key=normalise_name)


def _yaml_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ActorFileError(f"'{key}' must be a list of strings", where=where,
                             hint=f"write {key}: [A, B]")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _yaml_date(value: Any, where: str, *, last: bool) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_partial_date(str(value), last=last)
    except ValueError as error:
        raise ActorFileError(str(error), where=where,
                             hint="write dates as YYYY, YYYY-MM or YYYY-MM-DD") from error


_ORGANISATION_KEYS = frozenset({"code", "name", "aliases", "adjectives", "ambiguous", "kind",
                                "parent",
                                "members", "members_like", "members_extra", "members_except",
                                "notes", "__line__"})
_GROUP_KEYS = frozenset({"code", "name", "aliases", "ambiguous", "country", "role", "kind",
                         "periods", "transnational", "notes", "__line__"})


class _Builder:
    """Collects entries file by file, checking each against what is already known."""

    def __init__(self) -> None:
        self.countries: dict[str, CountryEntry] = {}
        self.organisations: dict[str, OrganisationEntry] = {}
        self.groups: dict[str, GroupEntry] = {}
        self.people: list[PersonRole] = []
        self.titles: dict[str, str] = {}
        self.places: list[PlaceEntry] = []  # users' only: the packaged ones load lazily

    @classmethod
    def from_knowledge_base(cls, kb: KnowledgeBase) -> _Builder:
        builder = cls()
        builder.countries = dict(kb.countries)
        builder.organisations = dict(kb.organisations)
        builder.groups = dict(kb.groups)
        builder.people = list(kb.people)
        builder.titles = dict(kb.titles)
        builder.places = list(kb.extra_places)
        return builder

    def build(self) -> KnowledgeBase:
        return KnowledgeBase(self.countries, self.organisations, self.groups,
                             tuple(self.people), self.titles, tuple(self.places))

    def add(self, source: Source, *, user: bool) -> None:
        if source.kind == "countries":
            self._add_countries(source)
        elif source.kind == "organisations":
            self._add_organisations(source)
        elif source.kind == "groups":
            self._add_groups(source)
        elif source.kind == "titles":
            self._add_titles(source)
        elif source.kind == "places":
            self._add_places(source)
        else:
            self._add_people(source, user=user)

    # countries
    def _add_countries(self, source: Source) -> None:
        seen: dict[str, int] = {}
        for line, row in source.rows:
            where = where_in(source, line)
            code = row.get("iso3", "")
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ActorFileError(f"bad country code {code!r}", where=where,
                                     hint="use an ISO 3166 alpha-3 code in capitals, e.g. RUS")
            if code in seen:
                raise ActorFileError(f"{code} is listed twice in this file", where=where,
                                     hint=f"merge it with the row at line {seen[code]}")
            seen[code] = line
            if not row.get("name"):
                raise ActorFileError(f"{code} has no name", where=where,
                                     hint="fill the name column")
            lists = {f: split_list(row.get(f, "")) for f in COUNTRY_NAME_FIELDS[1:]}
            entry = CountryEntry(code, row["name"], **lists, notes=row.get("notes", ""),
                                 source=where)
            ambiguous = {normalise_name(a) for a in split_list(row.get("ambiguous", ""))}
            known = {normalise_name(f) for name in COUNTRY_NAME_FIELDS for f in entry.forms(name)}
            if ambiguous - known:
                raise ActorFileError(f"ambiguous forms {sorted(ambiguous - known)} are not "
                                     f"names of {code}", where=where,
                                     hint="list in 'ambiguous' only forms from the other columns")
            self.countries[code] = replace(entry, ambiguous=frozenset(ambiguous))

    # organisations
    def _add_organisations(self, source: Source) -> None:
        seen: dict[str, int] = {}
        forms: dict[str, str] = {}
        added: list[OrganisationEntry] = []
        for item in source.document["organisations"]:
            where, code = self._check_item(source, item, _ORGANISATION_KEYS, seen,
                                           ("code", "name", "kind"))
            kind = str(item["kind"])
            if kind not in ORGANISATION_KINDS:
                raise ActorFileError(f"{code}: unknown kind {kind!r}", where=where,
                                     hint=f"use one of {sorted(ORGANISATION_KINDS)}")
            aliases = _yaml_list(item.get("aliases"), where, "aliases")
            adjectives = _yaml_list(item.get("adjectives"), where, "adjectives")
            if adjectives and kind != "region":
                raise ActorFileError(f"{code}: adjectives are for regions only", where=where,
                                     hint="write the forms as aliases, or set kind: region")
            aliases += tuple(f"{adj} {noun}" for adj in adjectives
                             for noun in sorted(word_set("region_collectives")))
            entry = OrganisationEntry(
                code, str(item["name"]), aliases, kind,
                parent=str(item["parent"]) if item.get("parent") else None,
                members=self._members(item, where, code),
                ambiguous=self._ambiguous(item, where, (code, str(item["name"]), *aliases)),
                notes=str(item.get("notes") or ""), source=where)
            self._claim_forms(forms, entry.code, (entry.code, entry.name, *aliases), where)
            self.organisations[code] = entry
            added.append(entry)
        for entry in added:
            if entry.parent and entry.parent not in self.organisations:
                raise ActorFileError(f"{entry.code}: unknown parent {entry.parent!r}",
                                     where=entry.source,
                                     hint="the parent must be the code of a known organisation")

    def _members(self, item: dict, where: str, code: str) -> frozenset[str]:
        members = set(_yaml_list(item.get("members"), where, "members"))
        like = item.get("members_like")
        if like:
            if like not in self.organisations:
                raise ActorFileError(f"{code}: members_like names unknown {like!r}", where=where,
                                     hint="name an organisation defined earlier")
            members |= self.organisations[like].members
        members |= set(_yaml_list(item.get("members_extra"), where, "members_extra"))
        members -= set(_yaml_list(item.get("members_except"), where, "members_except"))
        unknown = sorted(m for m in members if m not in self.countries)
        if unknown:
            raise ActorFileError(f"{code}: unknown member country codes {unknown}", where=where,
                                 hint="members are ISO 3166 alpha-3 codes from countries.tsv")
        return frozenset(members)

    # groups
    def _add_groups(self, source: Source) -> None:
        seen: dict[str, int] = {}
        forms: dict[str, str] = {}
        for item in source.document["groups"]:
            where, code = self._check_item(source, item, _GROUP_KEYS, seen,
                                           ("code", "name", "country", "role", "kind"))
            transnational = str(item.get("transnational", "")).lower() in ("true", "yes", "1")
            country = self._group_country(str(item["country"]), code, transnational, where)
            role = self._role(str(item["role"]), where)
            if item["kind"] not in GROUP_KINDS:
                raise ActorFileError(f"{code}: unknown kind {item['kind']!r}", where=where,
                                     hint=f"use one of {sorted(GROUP_KINDS)}")
            aliases = _yaml_list(item.get("aliases"), where, "aliases")
            periods = self._periods(item.get("periods"), country, code, transnational, where)
            entry = GroupEntry(
                code, str(item["name"]), aliases, country, role, str(item["kind"]), periods,
                transnational,
                ambiguous=self._ambiguous(item, where, (code, str(item["name"]), *aliases)),
                notes=str(item.get("notes") or ""), source=where)
            self._claim_forms(forms, code, (code, entry.name, *aliases), where)
            self.groups[code] = entry

    def _group_country(self, country: str, code: str, transnational: bool, where: str) -> str:
        if country in self.countries or (transnational and country == code):
            return country
        raise ActorFileError(f"{code}: unknown country {country!r}", where=where,
                             hint="use an ISO alpha-3 code from countries.tsv, or the group's "
                                  "own code with 'transnational: true'")

    def _periods(self, raw: Any, country: str, code: str, transnational: bool,
                 where: str) -> tuple[GroupPeriod, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise ActorFileError(f"{code}: 'periods' must be a list", where=where,
                                 hint="write periods: [{start: 2021-08-15, role: GOV}]")
        periods = []
        for period in raw:
            here = f"{where.rsplit(':', 1)[0]}:{period.get('__line__', 0)}" \
                if isinstance(period, dict) else where
            if not isinstance(period, dict) or "start" not in period or "role" not in period:
                raise ActorFileError(f"{code}: each period needs start and role", where=here,
                                     hint="write {start: YYYY-MM-DD, end: ..., role: REB}")
            start = _yaml_date(period["start"], here, last=False)
            end = _yaml_date(period["end"], here, last=True) if period.get("end") else None
            _check_order(start, end, here)
            place = self._group_country(str(period.get("country", country)), code,
                                        transnational, here)
            periods.append(GroupPeriod(start, end, place, self._role(str(period["role"]), here)))
        return tuple(sorted(periods, key=lambda p: p.start))

    # titles
    def _add_titles(self, source: Source) -> None:
        table = source.document.get("titles")
        if not isinstance(table, dict):
            raise ActorFileError("'titles' must map each title to its synonyms",
                                 where=where_in(source, 1),
                                 hint="write titles: {foreign minister: [secretary of state]}")
        for title, synonyms in table.items():
            if str(title).startswith("__"):
                continue
            canonical = normalise_name(str(title))
            self.titles[canonical] = canonical
            for synonym in _yaml_list(synonyms, where_in(source, table["__line__"]), str(title)):
                self.titles[normalise_name(synonym)] = canonical

    # places
    def _add_places(self, source: Source) -> None:
        entries = [place_from_row(row, where_in(source, line), self.countries)
                   for line, row in source.rows]
        index_places(entries, key=normalise_name)  # within one file, one place per form
        self.places.extend(entries)

    # people
    def _add_people(self, source: Source, *, user: bool) -> None:
        in_file: dict[tuple[str, ...], list[tuple[PersonRole, int]]] = {}
        replaced: set[int] = set()
        for line, row in source.rows:
            person = self._person(row, where_in(source, line))
            key = _office_key(person)
            for other, other_line in in_file.get(key, ()):
                if person == replace(other, source=person.source):
                    break  # the same row twice: harmless
                if _overlap(person, other):
                    raise ActorFileError(
                        f"{person.name} ({person.country} {person.title}) overlaps the row at "
                        f"line {other_line}", where=person.source,
                        hint="merge the rows or correct the start and end dates")
            else:
                in_file.setdefault(key, []).append((person, line))
                if user:
                    replaced |= {i for i, old in enumerate(self.people)
                                 if _office_key(old) == key and _overlap(person, old)}
        if replaced:
            self.people = [p for i, p in enumerate(self.people) if i not in replaced]
        self.people.extend(p for rows in in_file.values() for p, _ in rows)

    def _person(self, row: dict[str, str], where: str) -> PersonRole:
        name, country, title = row["name"], row["country"].upper(), row["title"]
        if not name or not title:
            raise ActorFileError("a person row needs a name and a title", where=where,
                                 hint="fill the name and title columns")
        role = self._role(row["role"], where)
        if not row["start"]:
            raise ActorFileError(f"{name}: no start date", where=where,
                                 hint="give at least the year (YYYY) the office began")
        try:
            start = parse_partial_date(row["start"])
            end = parse_partial_date(row["end"], last=True) if row["end"] else None
        except ValueError as error:
            raise ActorFileError(f"{name}: {error}", where=where,
                                 hint="write dates as YYYY, YYYY-MM or YYYY-MM-DD") from error
        _check_order(start, end, where)
        group = ""
        if country in self.groups:
            group, country = country, self.groups[country].on(start).country
        elif country not in self.countries and country not in self.organisations:
            raise ActorFileError(f"{name}: unknown country or organisation {country!r}",
                                 where=where,
                                 hint="use an ISO alpha-3 code, an organisation code or a "
                                      "group code")
        return PersonRole(name, split_list(row["aliases"]), country, role,
                          self.titles.get(normalise_name(title), normalise_name(title)),
                          start, end, group, where)

    # shared checks
    @staticmethod
    def _check_item(source: Source, item: Any, allowed: frozenset[str], seen: dict[str, int],
                    required: tuple[str, ...]) -> tuple[str, str]:
        if not isinstance(item, dict):
            raise ActorFileError("an entry must be a mapping", where=where_in(source, 1),
                                 hint="start each entry with '- code: ...'")
        line = item.get("__line__", 0)
        where = where_in(source, line)
        missing = [k for k in required if item.get(k) in (None, "")]
        if missing:
            raise ActorFileError(f"entry lacks {missing}", where=where,
                                 hint=f"every entry needs {list(required)}")
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise ActorFileError(f"unknown keys {unknown}", where=where,
                                 hint=f"allowed keys: {sorted(allowed - {'__line__'})}")
        code = str(item["code"])
        if not _CODE.match(code):
            raise ActorFileError(f"bad code {code!r}", where=where,
                                 hint="codes are 2-20 capitals, digits, '+' or '-'")
        if code in seen:
            raise ActorFileError(f"{code} is defined twice in this file", where=where,
                                 hint=f"merge it with the entry at line {seen[code]}")
        seen[code] = line
        return where, code

    def _role(self, role: str, where: str) -> str:
        if role not in ROLES:
            raise ActorFileError(f"unknown role {role!r}", where=where,
                                 hint=f"use one of {sorted(ROLES)}")
        return role

    @staticmethod
    def _ambiguous(item: dict, where: str, names: tuple[str, ...]) -> frozenset[str]:
        ambiguous = {normalise_name(a) for a in _yaml_list(item.get("ambiguous"), where,
                                                           "ambiguous")}
        stray = ambiguous - {normalise_name(n) for n in names}
        if stray:
            raise ActorFileError(f"ambiguous forms {sorted(stray)} are not names of the entry",
                                 where=where, hint="list in 'ambiguous' only the name or aliases")
        return frozenset(ambiguous)

    @staticmethod
    def _claim_forms(forms: dict[str, str], code: str, names: Iterable[str], where: str) -> None:
        """Within one file, a name may point to one entry only."""
        for name in names:
            key = normalise_name(name)
            owner = forms.setdefault(key, code)
            if owner != code:
                raise ActorFileError(f"{name!r} names both {owner} and {code}", where=where,
                                     hint="remove the alias from one of the entries")


def _check_order(start: dt.date, end: dt.date | None, where: str) -> None:
    if end is not None and end < start:
        raise ActorFileError(f"end {end} is before start {start}", where=where,
                             hint="swap the dates or correct the typo")


def _office_key(person: PersonRole) -> tuple[str, ...]:
    return (normalise_name(person.name), person.country, person.title, person.group)


def _overlap(a: PersonRole, b: PersonRole) -> bool:
    """Two terms overlap when they share more than a handover day."""
    far = dt.date.max
    return a.start < (b.end or far) and b.start < (a.end or far)
