"""CAMEO codes as GDELT publishes them, and the CAMEO code of each PLOVER type and mode.

Read from the packaged tables in `eventlens/data/cameo/`, which `tools/build_cameo.py`
derives from GDELT's CAMEO lookup tables (event codes, Goldstein scale) and the PLOVER
manual's CAMEO-to-PLOVER crosswalk; docs/formats.md cites both. Nothing here is typed by hand.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code (2, 3 or 4 digits, a string: leading zeros matter)."""

    code: str
    name: str
    goldstein: float  # GDELT's Goldstein scale, -10 (conflict) .. +10 (cooperation)
    quad_class: int  # 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict

    @property
    def root(self) -> str:
        return self.code[:2]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eventlens.data").joinpath(f"cameo/{name}").read_text(
        encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@functools.lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code GDELT lists, by code."""
    return {r["code"]: CameoCode(r["code"], r["name"], float(r["goldstein"]),
                                 int(r["quad_class"])) for r in _rows("codes.tsv")}


@functools.lru_cache(maxsize=1)
def plover_cameo_codes() -> dict[tuple[str, str], str]:
    """(PLOVER type, mode) -> CAMEO code; the mode '' gives the type's general code."""
    return {(r["plover_type"], r["mode"]): r["code"] for r in _rows("plover_codes.tsv")}


def cameo_code_for(plover_type: str, mode: str | None = "") -> str | None:
    """The CAMEO code exports give an event of this PLOVER type and mode: the crosswalk's code
    for the mode where it names one, else the type's general code (None for an unknown type)."""
    table = plover_cameo_codes()
    kind = (plover_type or "").upper()
    return table.get((kind, (mode or "").strip().lower())) or table.get((kind, ""))
