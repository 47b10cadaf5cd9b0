"""Merged events: one row per real-world act, merged across the reports that state it.

Story grouping (`eventlens.stories`) gives the raw events of a story a merge key in
`story_event_keys`; this module owns the one query that groups raw events by that key. It
yields two relations with the same columns, so that every face can offer both views:

- `merged` — one row per merged event: the lead report's columns (the earliest published),
  the merged date and place, and how many reports (raw event records), mentions (sentences),
  articles and outlets state it;
- `reports` — one row per raw event record, with the id and counts of the merged event it
  belongs to.

Raw events of articles not yet placed in a story are merged events of their own. The merge
map behind both is computed at query time, or read from a cache (`MergeMapCache`, which
`Store.event_relation` keeps) that is rebuilt whenever the events or their merge keys change:
it is never stale.
"""

from __future__ import annotations

import threading

# A factor on each report's confidence before the merged event's noisy-OR over its independent
# reports (copies count once). 1.0: the coder's confidence is already the calibrated chance
# that the report is right (coding/scorer.py), so one report keeps it (0.6 when confidence was
# hand-set). `StorySettings` takes its default from here.
REPORT_RELIABILITY = 1.0

# The resolved place of an event record (schema version 7; `location` is the place as written).
PLACE_COLUMNS = (
    "location_geonameid", "location_name", "location_country", "location_adm1",
    "location_adm1_name", "location_lat", "location_lon", "location_precision", "location_how",
)
# The columns of a raw event record, in table order (and in `EventRecord`'s order).
RECORD_COLUMNS = (
    "event_id", "article_id", "plover_type", "cameo_root", "quad_class", "intensity", "status",
    "event_date", "date_text", "source_code", "source_country", "source_role", "source_name",
    "source_text", "source_start", "source_end", "source_how", "target_code", "target_country",
    "target_role", "target_name", "target_text", "target_start", "target_end", "target_how",
    "evidence_start", "evidence_end", "evidence", "trigger", "mode", "location", "coder",
    "coder_version", "confidence", "more_evidence", "why",
    *PLACE_COLUMNS,
)
# What both relations add: the merged event a row is (or belongs to) and its support.
MERGE_COLUMNS = (
    "merged_id", "story_id", "report_count", "mention_count", "article_count", "source_count",
    "independent_sources", "article_ids", "story_ids",
)

_MERGED_OVERRIDES = {
    "event_date": "m.merged_date", "date_text": "m.merged_date_text",
    "location": "coalesce(nullif(m.merged_location, ''), e.location)",
    "confidence": "m.merged_confidence",
}
_SUPPORT = ("m.report_count, m.mention_count, m.article_count, m.source_count, "
            "m.independent_sources, m.article_ids, m.story_ids")

# The merge map: for every event record at the session's confidence threshold, the merged event
# it belongs to (merge key, or its own id when its article is in no story), whether it is that
# event's lead report (the earliest published), and the merged event's date, place, confidence
# and support. Computed by one aggregation over the events; the relations below join it back to
# the events, so that a filter on the events is applied before the join.
MAP_SQL = """
WITH ev AS (
    SELECT e.event_id, e.article_id, e.event_date, e.date_text, e.location, e.confidence,
           e.evidence_start, e.more_evidence, a.published,
           coalesce(k.merge_key, e.event_id) AS merge_key, k.story_id AS story_of,
           coalesce(k.merged_date, e.event_date) AS merged_date,
           coalesce(k.merged_date_text, e.date_text) AS merged_date_text,
           coalesce(k.merged_location, e.location) AS merged_location,
           coalesce(sa.dup_group, e.article_id) AS copy_group,
           coalesce(nullif(a.outlet, ''), e.article_id) AS outlet_key
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN story_event_keys k ON k.event_id = e.event_id
    LEFT JOIN story_articles sa ON sa.article_id = e.article_id),
per_report AS (
    SELECT merge_key, copy_group, max(coalesce(confidence, 1.0)) AS c
    FROM ev GROUP BY 1, 2),
belief AS (
    SELECT merge_key, count(*) AS independent_sources,
           round(1 - product(1 - $reliability * least(greatest(c, 0), 1)), 4) AS confidence
    FROM per_report GROUP BY 1),
grouped AS (
    SELECT merge_key,
           arg_min(event_id, {'p': published, 'a': article_id, 's': evidence_start,
                              'e': event_id}) AS lead_event,
           min(merged_date) AS merged_date,
           min(merged_date_text) AS merged_date_text,
           max(merged_location) AS merged_location,
           count(*) AS report_count,
           -- an event stated in several sentences of one article is one raw record
           -- (more_evidence holds the others): each sentence is a mention
           sum(1 + len(coalesce(more_evidence, [])))::BIGINT AS mention_count,
           count(DISTINCT article_id) AS article_count,
           count(DISTINCT outlet_key) AS source_count,
           list(DISTINCT article_id ORDER BY article_id) AS article_ids,
           list(DISTINCT story_of ORDER BY story_of) FILTER (WHERE story_of IS NOT NULL)
               AS story_ids
    FROM ev GROUP BY merge_key)
SELECT ev.event_id, ev.merge_key AS merged_id, ev.event_id = g.lead_event AS is_lead,
       ev.story_of, g.merged_date, g.merged_date_text, g.merged_location,
       b.confidence AS merged_confidence, g.report_count, g.mention_count, g.article_count,
       g.source_count, b.independent_sources, g.article_ids,
       coalesce(g.story_ids, []) AS story_ids
FROM ev JOIN grouped g USING (merge_key) JOIN belief b USING (merge_key)
"""

# Every supporting sentence of each merged event (article id and evidence offsets), for the
# stories view; {reports} is the reports relation.
MENTIONS_SQL = """
SELECT merged_id, flatten(list(list_concat(
           [{{'event_id': event_id, 'article_id': article_id,
             'evidence_start': evidence_start, 'evidence_end': evidence_end}}],
           list_transform(coalesce(more_evidence, []),
                          span -> {{'event_id': event_id, 'article_id': article_id,
                                   'evidence_start': span[1], 'evidence_end': span[2]}}))
            ORDER BY r.published, article_id, evidence_start)) AS mentions
FROM {reports} AS x JOIN articles r ON r.id = x.article_id GROUP BY merged_id
"""


def merge_map_sql(reliability: float = REPORT_RELIABILITY) -> str:
    """The merge map's SELECT (see `MAP_SQL`)."""
    return MAP_SQL.replace("$reliability", repr(float(reliability)))


def event_relation(merged: bool = True, *, reliability: float = REPORT_RELIABILITY,
                   merge_map: str | None = None, event_ids: list[str] | None = None) -> str:
    """A parenthesised subquery over the events of the store at the session's confidence
    threshold: merged events (one row per act), or every report (`merged=False`). Both have
    `RECORD_COLUMNS` and `MERGE_COLUMNS` but `mentions`; use it where a query would read
    `events`. `merge_map` names a relation holding `MAP_SQL`'s rows (`Store.event_relation`
    registers a cached one); by default the map is computed in the query. `event_ids` keeps
    only those rows (a page found first by its ids is then read whole in a few ms: joining
    the whole map costs about 0.1 s a million events)."""
    source = merge_map or f"({merge_map_sql(reliability)})"
    events = "events"
    if event_ids is not None:
        listed = ", ".join("'" + str(i).replace("'", "''") + "'" for i in event_ids) or "NULL"
        source = f"(SELECT * FROM {source} WHERE event_id IN ({listed}))"
        events = f"(SELECT * FROM events WHERE event_id IN ({listed}))"
    if merged:
        columns = ", ".join(f"{_MERGED_OVERRIDES.get(c, 'e.' + c)} AS {c}"
                            for c in RECORD_COLUMNS)
        return (f"(SELECT {columns}, m.merged_id, m.story_ids[1] AS story_id, {_SUPPORT} "
                f"FROM {events} e JOIN {source} m USING (event_id) WHERE m.is_lead)")
    columns = ", ".join("e." + c for c in RECORD_COLUMNS)
    return (f"(SELECT {columns}, m.merged_id, m.story_of AS story_id, {_SUPPORT} "
            f"FROM {events} e JOIN {source} m USING (event_id))")


def mentions_relation(reports: str) -> str:
    """Per merged event, every sentence that states it (see `MENTIONS_SQL`)."""
    return f"({MENTIONS_SQL.format(reports=reports)})"


class MergeMapCache:
    """The merge map of one store as an Arrow table, rebuilt when the events, their merge keys
    or the confidence threshold change; shared by a store and the per-request copies the API
    makes of it (each registers the table on its own cursor, without copying it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._table = None

    def table(self, con, min_confidence: float):
        version = (min_confidence, *con.execute(
            "SELECT (SELECT count(*) FROM events), count(*), "
            "sum(hash(event_id, merge_key, merged_date, merged_location)) "
            "FROM story_event_keys").fetchone())
        with self._lock:
            if version != self._version:
                self._table = con.execute(merge_map_sql()).to_arrow_table()
                self._version = version
            return self._table
