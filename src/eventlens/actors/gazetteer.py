"""The gazetteer: place names to GeoNames places with country, ADM1, point and precision.

It answers from the knowledge base's countries (a country's name gives the country's
representative point; a capital or seat of government gives the capital), its places
(places.tsv: cities, regions, disputed areas), the GeoNames cities of other countries that
share a name the knowledge base gives one country (place_rivals.tsv: Lebanon's Tripoli) and
the first-order administrative divisions (admin1.tsv: "Texas", "Kherson Oblast"). The tables
are built from GeoNames by tools/build_places.py; nothing is fetched. See docs/places.md.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from eventlens.actors.kb import KnowledgeBase, load_knowledge_base, normalise_name
from eventlens.datafiles import packaged_yaml
from eventlens.errors import ConfigError

PRECISIONS = ("site", "city", "adm1", "country")
_COUNTRY_FIELDS = frozenset({"name", "aliases"})
_CAPITAL_FIELDS = frozenset({"capitals", "seats", "military_seats"})
_KIND_PRECISION = {"city": "city", "region": "adm1", "disputed": "adm1"}


@dataclass(frozen=True, slots=True)
class GazetteerPlace:
    """One reading of a place name: a GeoNames place, division or country.

    `kind` says which table gave it: country, capital, city, region, disputed, rival, adm1.
    """

    name: str
    country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    precision: str  # site | city | adm1 | country
    kind: str
    geonameid: int | None = None
    adm1: str = ""
    adm1_name: str = ""


@functools.lru_cache(maxsize=1)
def place_words() -> dict[str, tuple[str, ...]]:
    """The geocoder's word lists (data/places.yaml), each a tuple of lower-case words."""
    lists = packaged_yaml("places.yaml")
    for key, words in lists.items():
        if not all(isinstance(w, str) for w in words):
            # YAML reads unquoted off, on, yes and no as booleans ("off the coast" was lost)
            raise ConfigError(f"places.yaml list {key!r} holds a word YAML did not read as "
                              "text", hint="quote on, off, yes and no ('off')")
    return {key: tuple(w.lower() for w in words) for key, words in lists.items()}


def _rows(name: str) -> Iterable[dict[str, str]]:
    """The rows of a packaged TSV table under data/actors (comment lines skipped)."""
    text = resources.files("eventlens.data").joinpath("actors").joinpath(name).read_text(
        encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        yield dict(zip(header, line.split("\t"), strict=True))


def _int(text: str) -> int | None:
    return int(text) if text else None


class Gazetteer:
    """Place names to places; built once per process by `load_gazetteer` (lookups are dict
    reads)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        words = place_words()
        self._generic = frozenset(words["generic_admin1_names"])
        self._suffixes = tuple(" " + s for s in words["region_suffixes"])
        self._countries: dict[str, GazetteerPlace] = {}
        self._capitals: dict[str, GazetteerPlace] = {}
        for row in _rows("geo_countries.tsv"):
            entry = kb.country_by_code(row["iso3"])
            name = entry.name if entry is not None else row["iso3"]
            self._countries[row["iso3"]] = GazetteerPlace(
                name, row["iso3"], float(row["lat"]), float(row["lon"]), "country", "country",
                _int(row["geonameid"]))
            if row["capital_lat"]:
                self._capitals[row["iso3"]] = GazetteerPlace(
                    row["capital"], row["iso3"], float(row["capital_lat"]),
                    float(row["capital_lon"]), "city", "capital",
                    _int(row["capital_geonameid"]), row["capital_adm1"],
                    row["capital_adm1_name"])
        self._admin1: dict[str, GazetteerPlace] = {}
        self._admin1_names: dict[str, list[GazetteerPlace]] = {}
        for row in _rows("admin1.tsv"):
            place = GazetteerPlace(row["name"], row["country"], float(row["lat"]),
                                   float(row["lon"]), "adm1", "adm1", _int(row["geonameid"]),
                                   row["code"], row["name"])
            self._admin1[row["code"]] = place
            key = self._bare(row["name"])
            if key and key not in self._generic:
                self._admin1_names.setdefault(key, []).append(place)
        # capital forms as the places they name ("Aden": Yemen's second seat, not Sanaa)
        self._capital_forms: dict[tuple[str, str], GazetteerPlace] = {}
        for row in _rows("capitals.tsv"):
            self._capital_forms[(row["country"], row["form"])] = GazetteerPlace(
                row["name"], row["country"], float(row["lat"]), float(row["lon"]), "city",
                "capital", _int(row["geonameid"]), row["adm1"], row["adm1_name"])
        self._rivals: dict[str, list[GazetteerPlace]] = {}
        for row in _rows("place_rivals.tsv"):
            self._rivals.setdefault(row["form"], []).append(GazetteerPlace(
                row["name"], row["country"], float(row["lat"]), float(row["lon"]), "city",
                "rival", _int(row["geonameid"]), row["adm1"], row["adm1_name"]))

    def _bare(self, text: str) -> str:
        key = normalise_name(text)
        for suffix in self._suffixes:
            if key.endswith(suffix):
                return key[: -len(suffix)].strip()
        return key

    def country(self, iso3: str) -> GazetteerPlace | None:
        """The country's representative point (precision `country`), or None for codes that
        are no country (organisations, unknown codes)."""
        return self._countries.get(iso3)

    def admin1(self, code: str) -> GazetteerPlace | None:
        """The admin1 division with this GeoNames code ("UA.12")."""
        return self._admin1.get(code)

    def readings(self, text: str) -> list[GazetteerPlace]:
        """Every place a name may stand for, the usual reading first: a country, a capital or
        seat, a listed place, a same-named city of another country, an admin1 division."""
        key = normalise_name(text)
        if not key:
            return []
        out: list[GazetteerPlace] = []
        for match in self.kb.countries_by_name(text):
            iso3 = match.entry.iso3
            if match.field in _COUNTRY_FIELDS and iso3 in self._countries:
                out.append(self._countries[iso3])
            elif match.field == "capitals" and (iso3, key) in self._capital_forms:
                out.append(self._capital_forms[(iso3, key)])
            elif match.field in _CAPITAL_FIELDS and iso3 in self._capitals:
                # a seat of government ("the White House") lies in the capital
                out.append(self._capitals[iso3])
        entry = self.kb.place_by_name(text)
        if entry is not None:
            adm1 = self._admin1.get(entry.adm1)
            out.append(GazetteerPlace(
                entry.name, entry.country, entry.lat, entry.lon,
                _KIND_PRECISION.get(entry.kind, "city"), entry.kind, entry.geonameid,
                entry.adm1, entry.adm1_name or (adm1.name if adm1 else "")))
        out += self._rivals.get(key, ())
        bare = self._bare(text)
        if bare not in self._generic:
            out += self._admin1_names.get(bare, ())
        seen: set[tuple] = set()
        unique = []
        for place in out:
            ident = (place.country, place.kind, place.name)
            if ident not in seen:
                seen.add(ident)
                unique.append(place)
        return unique

    def resolve(self, text: str, *, countries: Sequence[str] = (),
                context: Sequence[str] = ()) -> GazetteerPlace | None:
        """The place a name stands for: its reading in the first of `countries` (the
        event's, most telling first) that has one ("Georgia" acted on by US police); else the
        usual reading when its country is in `context` (the article's countries) or none of
        them has a reading; else the reading in the first of `context` that has one
        ("Tripoli" in an article about Lebanon). None when the gazetteer does not know the
        name."""
        readings = self.readings(text)
        if len(readings) > 1:
            for country in countries:
                for place in readings:
                    if place.country == country:
                        return place
            if readings[0].country not in context:
                for country in context:
                    for place in readings:
                        if place.country == country:
                            return place
        return readings[0] if readings else None


# knowledge base id -> (that knowledge base, kept so that its id is not reused; its gazetteer)
_BUILT: dict[int, tuple[KnowledgeBase, Gazetteer]] = {}


def load_gazetteer(kb: KnowledgeBase | None = None) -> Gazetteer:
    """The gazetteer over `kb` (default: the packaged knowledge base), built once per process
    and knowledge base."""
    kb = kb if kb is not None else load_knowledge_base()
    if id(kb) not in _BUILT:
        if len(_BUILT) >= 4:  # a few knowledge bases a process (tests build several)
            _BUILT.pop(next(iter(_BUILT)))
        _BUILT[id(kb)] = (kb, Gazetteer(kb))
    return _BUILT[id(kb)][1]
