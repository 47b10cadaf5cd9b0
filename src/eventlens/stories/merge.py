"""Event merging: the same happening reported many times becomes one event.

Within a story, raw events with the same source, type, target and status whose dates chain
within `merge_days` (and whose places do not disagree) get one merge key; across stories,
events merge when that key is equal (same actors, type, status, first date and place) —
for material acts (quad classes 2 and 4) only where both name the same place. The
merged view groups raw events by key at query time, so it is never stale; raw events of
articles not yet placed in a story appear as events of their own.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

import pyarrow as pa

from eventlens.store import EventFilter
from eventlens.store.story_reads import story_event_rows
from eventlens.store.story_tables import delete_event_keys, insert_event_keys
from eventlens.stories.settings import DEFAULT_SETTINGS, StorySettings

_FAR_FUTURE = "9999-12-31"
_VERBAL = (1, 3)  # quad classes: verbal cooperation, verbal conflict


def merge_key(source: str, plover_type: str, target: str, status: str, date_text: str,
              location: str, scope: str = "") -> str:
    """The id of a merged event; `scope` (a story id) keeps it within one story."""
    parts = (source, plover_type, target, status, date_text, location.strip().lower(), scope)
    return "m-" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def rekey_story_events(con, story_view: str, settings: StorySettings) -> int:
    """Recompute the merge keys of every raw event in the stories named by `story_view`
    (a registered relation with a `story_id` column). Returns the number of keyed events."""
    delete_event_keys(con, story_view)
    rows = story_event_rows(con, story_view)
    keyed = _keys_for(rows, settings)
    if keyed:
        table = pa.table(list(zip(*keyed, strict=True)),
                         names=["event_id", "article_id", "story_id", "merge_key", "merged_date",
                                "merged_date_text", "merged_location"])
        insert_event_keys(con, table)
    return len(keyed)


def _keys_for(rows: Iterable[tuple], settings: StorySettings) -> list[tuple]:
    by_dyad: dict[tuple, list[tuple]] = defaultdict(list)
    for row in rows:
        _, _, story, source, kind, target, status, *_ = row
        by_dyad[(story, source, kind, target, status)].append(row)
    out = []
    for (_, source, kind, target, status), events in by_dyad.items():
        for chain in _date_chains(events, settings.merge_days):
            for group, location in _split_by_place(chain):
                first = min(group, key=lambda r: (str(r[7] or _FAR_FUTURE), r[8]))
                date_text = first[8] or (str(first[7]) if first[7] else "")
                # Material acts (attacks, arrests, aid...) recur many times a day between the
                # same actors: another story's one is the same act only where both name the
                # same place. Statements and meetings of one dyad on one day are one event.
                scope = "" if location or first[10] in _VERBAL else first[2]
                key = merge_key(source, kind, target, status, date_text, location, scope)
                out += [(r[0], r[1], r[2], key, first[7], date_text, location) for r in group]
    return out


def _date_chains(events: list[tuple], days: int) -> list[list[tuple]]:
    """Events sorted by date, cut wherever the gap exceeds `days`; undated events group by
    their date text. Dates of different precision (2022-02 and 2022-02-04) never chain."""
    dated = sorted((r for r in events if r[7] is not None), key=lambda r: (len(r[8]), r[7]))
    chains: list[list[tuple]] = []
    for row in dated:
        last = chains[-1][-1] if chains else None
        if (last is not None and len(last[8]) == len(row[8])
                and (row[7] - last[7]).days <= days):
            chains[-1].append(row)
        else:
            chains.append([row])
    undated: dict[str, list[tuple]] = defaultdict(list)
    for row in events:
        if row[7] is None:
            undated[row[8]].append(row)
    return chains + list(undated.values())


def _split_by_place(chain: list[tuple]) -> list[tuple[list[tuple], str]]:
    """One group per named place; events naming no place join the most named one."""
    places = Counter(r[9].strip().lower() for r in chain if r[9].strip())
    if len(places) <= 1:
        return [(chain, next(iter(places), ""))]
    main = places.most_common(1)[0][0]
    groups: dict[str, list[tuple]] = defaultdict(list)
    for row in chain:
        groups[row[9].strip().lower() or main].append(row)
    return [(members, place) for place, members in sorted(groups.items())]


def merged_events(store, flt=None, *, settings: StorySettings | None = None):
    """The merged view of events matching `flt` (an `EventFilter`; every status when None),
    newest first: a DuckDB result like `store.events`, one row per merged event, with
    `report_count`, `mention_count`, `article_count`, `source_count` (distinct outlets, an
    article without one counting alone), `independent_sources` (copy groups), `confidence`,
    `article_ids`, `story_ids` and `mentions` (article id and evidence offsets of every
    supporting raw event).

    Filters apply to the merged event; `article_id` keeps the events that article supports.
    The query itself is the store's (`eventlens.store.merged`); this adds the settings.
    """
    settings = settings or DEFAULT_SETTINGS
    flt = dataclasses.replace(flt or EventFilter(), merged=True)
    reliability = settings.report_reliability
    return store.merged_with_mentions(
        flt, reliability=None if reliability == DEFAULT_SETTINGS.report_reliability
        else reliability)
