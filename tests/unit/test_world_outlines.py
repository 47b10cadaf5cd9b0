"""The country outlines the map page draws (static/world.json, tools/build_outlines.py): shipped
in the package, small, with their provenance, and every path inside the world."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

_COMMAND = re.compile(r"([MlLz])([^MlLz]*)")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


@pytest.fixture(scope="module")
def world() -> tuple[dict, int]:
    path = resources.files("eventlens.web").joinpath("static/world.json")
    data = path.read_bytes()
    return json.loads(data), len(data)


def _points(d: str):
    """The absolute points of a path of M (absolute), l (relative) and z commands."""
    x = y = 0.0
    for command, args in _COMMAND.findall(d):
        numbers = [float(n) for n in _NUMBER.findall(args)]
        assert len(numbers) % 2 == 0, f"odd coordinates after {command}"
        for i in range(0, len(numbers), 2):
            if command == "M" or command == "L":
                x, y = numbers[i], numbers[i + 1]
            else:
                x, y = x + numbers[i], y + numbers[i + 1]
            yield x, y


def test_outlines_are_small_and_say_where_they_come_from(world):
    data, size = world
    assert size < 300_000
    assert "Natural Earth" in data["source"] and "tools/build_outlines.py" in data["source"]
    assert "public domain" in data["licence"]
    assert data["viewBox"] == [-180, -90, 360, 180]


def test_every_country_is_a_path_inside_the_world(world):
    data, _ = world
    codes = [c["iso3"] for c in data["countries"]]
    assert len(codes) == len(set(codes)) > 170
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert {"UKR", "RUS", "USA", "FRA", "NOR", "XKX"} <= set(codes)
    for country in data["countries"]:
        points = list(_points(country["d"]))
        assert len(points) >= 3, country["name"]
        for x, y in points:
            # x is the longitude, y minus the latitude (rounding may pass the edge by 0.05)
            assert -180.05 <= x <= 180.05 and -90.05 <= y <= 90.05, (country["name"], x, y)


def test_a_country_lies_where_it_is(world):
    data, _ = world
    ukraine = next(c for c in data["countries"] if c["iso3"] == "UKR")
    xs, ys = zip(*_points(ukraine["d"]), strict=True)
    assert 22 < min(xs) < 24 and 39 < max(xs) < 41  # 22.1°E - 40.2°E
    assert -53 < min(ys) < -51 and -46 < max(ys) < -44  # 52.4°N - 44.4°N (Crimea)
