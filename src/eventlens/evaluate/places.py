"""Scoring where events happened against a places gold folder (examples/places, docs/places.md).

Each record of gold.jsonl lists `places`: an evidence sentence of the article, optionally the
PLOVER `type` of its event, and the `place` the text gives that event (name, ISO alpha-3
country, GeoNames id, admin1 code, latitude, longitude, precision), or null when the text
names no place for it. A gold item is matched to the coded event whose evidence overlaps the
sentence (of that type when several do).

On events whose text names a place: how many the coder found, how many of those the geocoder
placed from the text (coverage), and the share with the right country, the right ADM1 (where
gold gives one), the point within 25 km (gold at city or site precision) and the right
precision. On events whose text names none: how many got a place from the text anyway
(invented; the target is 0) and how many fell back to an actor's country, as they should.
"""

from __future__ import annotations

import math
from collections import Counter

from eventlens.evaluate.gold import SPLITS, GoldArticle, by_split
from eventlens.model import ArticleResult, Event

# How far a point may lie from the gold point and count as right.
POINT_KM = 25.0
_FROM_TEXT = ("trigger", "clause", "dateline")


def has_places(gold: list[GoldArticle]) -> bool:
    """Whether the folder's records give places to score."""
    return any(item.record.get("places") for item in gold)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def score_places(gold: list[GoldArticle], results: dict[str, ArticleResult]) -> dict:
    """The places section: the whole folder, then its `dev` and `sealed` splits (totals
    only)."""
    return by_split(gold, lambda part, _whole: _score(part, results))


def _score(gold: list[GoldArticle], results: dict[str, ArticleResult]) -> dict:
    named: Counter = Counter()
    unnamed: Counter = Counter()
    for item in gold:
        result = results[item.id]
        for entry in item.record.get("places", []):
            event = matched_event(item.article.text, result, entry)
            want = entry.get("place")
            if want is None:
                _count_unnamed(unnamed, event)
            else:
                _count_named(named, event, want)
    found = named["found"]
    return {
        "articles": len(gold),
        "named": {
            "gold": named["gold"], "found": found,
            "coverage": _share(named["placed"], found),
            "country_accuracy": _share(named["country"], found),
            "adm1_accuracy": _share(named["adm1"], named["adm1_total"]),
            "adm1_scored": named["adm1_total"],
            "point_25km": _share(named["point"], named["point_total"]),
            "point_scored": named["point_total"],
            "precision_accuracy": _share(named["precision"], found),
        },
        "unnamed": {
            "gold": unnamed["gold"], "found": unnamed["found"],
            "invented": unnamed["invented"],
            "invented_share": _share(unnamed["invented"], unnamed["found"]),
            "actor_country": unnamed["fallback"],
        },
    }


def _count_named(counts: Counter, event: Event | None, want: dict) -> None:
    counts["gold"] += 1
    if event is None:
        return
    counts["found"] += 1
    place = event.place if event.place is not None and event.place.how in _FROM_TEXT else None
    scored_point = want.get("precision") in ("city", "site")
    counts["point_total"] += scored_point
    counts["adm1_total"] += bool(want.get("adm1"))
    if place is None:
        return
    counts["placed"] += 1
    counts["country"] += place.country == want.get("country")
    counts["adm1"] += bool(want.get("adm1")) and place.adm1 == want["adm1"]
    counts["precision"] += place.precision == want.get("precision")
    if scored_point:
        counts["point"] += km_between(place.lat, place.lon, want["lat"], want["lon"]) <= POINT_KM


def _count_unnamed(counts: Counter, event: Event | None) -> None:
    counts["gold"] += 1
    if event is None:
        return
    counts["found"] += 1
    how = event.place.how if event.place is not None else ""
    counts["invented"] += how in _FROM_TEXT
    counts["fallback"] += how == "actor-country"


def matched_event(text: str, result: ArticleResult, entry: dict) -> Event | None:
    """The coded event a gold item is about: its evidence overlaps the item's sentence; of
    several, one of the item's type, the earliest."""
    sentence = entry.get("evidence", "")
    start = text.find(sentence)
    if not sentence or start < 0:
        return None
    end = start + len(sentence)
    events = sorted((e for e in result.events
                     if e.evidence_start < end and start < e.evidence_end),
                    key=lambda e: (e.plover_type != entry.get("type"), e.evidence_start))
    return events[0] if events else None


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def render_places_section(section: dict, console) -> None:
    """Print the places section as a person reads it."""
    for label, part in (("places", section), *((f"  {s}", section[s]) for s in SPLITS
                                               if s in section)):
        n, u = part["named"], part["unnamed"]
        console.print(
            f"[bold]{label}[/bold] ({part['articles']} articles): text names a place "
            f"{n['gold']} (found {n['found']}): coverage {n['coverage']:.3f}, country "
            f"{n['country_accuracy']:.3f}, ADM1 {n['adm1_accuracy']:.3f} (of "
            f"{n['adm1_scored']}), point within {POINT_KM:.0f} km {n['point_25km']:.3f} (of "
            f"{n['point_scored']}), precision {n['precision_accuracy']:.3f}; names none "
            f"{u['gold']} (found {u['found']}): invented {u['invented']} "
            f"({u['invented_share']:.3f}), actor's country {u['actor_country']}")
