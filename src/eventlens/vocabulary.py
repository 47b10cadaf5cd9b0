"""Names the faces show: PLOVER types, quad classes, CAMEO roots and country names.

Below the store and the analyses (both name things with it); it reads only packaged data.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from eventlens.cameo import cameo_codes
from eventlens.datafiles import packaged_yaml

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation",
                3: "verbal conflict", 4: "material conflict"}

# CAMEO's 20 root categories by code ("04" -> "Consult"), from GDELT's table (eventlens.cameo).
CAMEO_ROOTS = {c.code: c.name for c in cameo_codes().values() if len(c.code) == 2}


@dataclass(frozen=True, slots=True)
class PloverTypeInfo:
    """One PLOVER event type as the packaged plover.yaml describes it."""

    name: str
    cameo_root: str
    quad_class: int
    intensity: float
    about: str
    kinds: frozenset[str] = frozenset()  # joint, dyadic, reaction, force (data/plover.yaml)


@functools.lru_cache(maxsize=1)
def plover_types() -> tuple[PloverTypeInfo, ...]:
    """The 16 PLOVER types with CAMEO root, quad class, typical intensity and a gloss."""
    table = packaged_yaml("plover.yaml")
    return tuple(PloverTypeInfo(name, str(spec["cameo"]), int(spec["quad"]),
                                float(spec["intensity"]), str(spec.get("about", "")),
                                frozenset(str(k) for k in spec.get("kinds", ())))
                 for name, spec in table.items())


@functools.lru_cache(maxsize=8)
def plover_types_of(kind: str) -> frozenset[str]:
    """The PLOVER types plover.yaml marks with `kind` (joint, dyadic, reaction, force)."""
    return frozenset(t.name for t in plover_types() if kind in t.kinds)


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 code -> English short name, from the packaged countries.tsv."""
    path = resources.files("eventlens.data").joinpath("actors/countries.tsv")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {row["iso3"]: row["name"] for row in rows if row.get("iso3")}


def actor_name(code: str | None) -> str:
    """A readable name for a country or organisation code ('RUS' -> 'Russia'); else the code."""
    if not code:
        return ""
    return country_names().get(code.split(":")[0], code)
