"""Merged events: one row per real-world act, merged across the reports that state it.

Story grouping (`eventlens.stories`) gives the raw events of a story a merge key in
`story_event_keys`; this module owns the one query that groups raw events by that key. It
yields two relations with the same columns, so that every face can offer both views:

- `merged` — one row per merged event: the lead report's columns (the earliest published),
  the merged date and place, and how many reports (raw event records), mentions (sentences),
  articles and outlets state it;
- `reports` — one row per raw event record, with the id and counts of the merged event it
  belongs to.

Raw events of articles not yet placed in a story are merged events of their own. The view is
computed at query time, so it is never stale.
"""

from __future__ import annotations

# Chance that one independent report of an event is right; a merged event's confidence is the
# noisy-OR over its independent reports (copies count once). `StorySettings` takes its default
# from here; docs/stories.md gives the reason for the value.
REPORT_RELIABILITY = 0.6

# The columns of a raw event record, in table order (and in `EventRecord`'s order).
RECORD_COLUMNS = (
    "event_id", "article_id", "plover_type", "cameo_root", "quad_class", "intensity", "status",
    "event_date", "date_text", "source_code", "source_country", "source_role", "source_name",
    "source_text", "source_start", "source_end", "source_how", "target_code", "target_country",
    "target_role", "target_name", "target_text", "target_start", "target_end", "target_how",
    "evidence_start", "evidence_end", "evidence", "trigger", "mode", "location", "coder",
    "coder_version", "confidence", "more_evidence", "why",
)
# What both relations add: the merged event a row is (or belongs to) and its support.
MERGE_COLUMNS = (
    "merged_id", "story_id", "report_count", "mention_count", "article_count", "source_count",
    "independent_sources", "article_ids", "story_ids", "mentions",
)

_MERGED_OVERRIDES = {
    "event_date": "g.merged_date", "date_text": "g.merged_date_text",
    "location": "coalesce(nullif(g.merged_location, ''), l.location)",
    "confidence": "b.confidence",
}
_SUPPORT = ("g.report_count, g.mention_count, g.article_count, g.source_count, "
            "b.independent_sources, g.article_ids, coalesce(g.story_ids, []) AS story_ids, g.mentions")

MERGED_SQL = f"""
WITH ev AS (
    SELECT e.*, a.published,
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
           arg_min(event_id, strftime(published, '%Y-%m-%d') || article_id
                   || lpad(evidence_start::VARCHAR, 10, '0')) AS lead_event,
           min(merged_date) AS merged_date,
           min(merged_date_text) AS merged_date_text,
           max(merged_location) AS merged_location,
           -- an event stated in several sentences of one article is one raw record
           -- (more_evidence holds the others): each sentence is a mention
           sum(1 + len(coalesce(more_evidence, [])))::BIGINT AS mention_count,
           count(*) AS report_count,
           count(DISTINCT article_id) AS article_count,
           count(DISTINCT outlet_key) AS source_count,
           list(DISTINCT article_id ORDER BY article_id) AS article_ids,
           list(DISTINCT story_of ORDER BY story_of) FILTER (WHERE story_of IS NOT NULL)
               AS story_ids,
           flatten(list(list_concat(
               [{{'event_id': event_id, 'article_id': article_id,
                 'evidence_start': evidence_start, 'evidence_end': evidence_end}}],
               list_transform(coalesce(more_evidence, []),
                              span -> {{'event_id': event_id, 'article_id': article_id,
                                       'evidence_start': span[1], 'evidence_end': span[2]}}))
                ORDER BY published, article_id, evidence_start)) AS mentions
    FROM ev GROUP BY merge_key),
merged AS (
    SELECT {", ".join(f"{_MERGED_OVERRIDES.get(c, 'l.' + c)} AS {c}" for c in RECORD_COLUMNS)},
           g.merge_key AS merged_id, g.story_ids[1] AS story_id, {_SUPPORT}
    FROM grouped g
    JOIN belief b USING (merge_key)
    JOIN events l ON l.event_id = g.lead_event),
reports AS (
    SELECT {", ".join("r." + c for c in RECORD_COLUMNS)},
           r.merge_key AS merged_id, r.story_of AS story_id, {_SUPPORT}
    FROM ev r
    JOIN grouped g USING (merge_key)
    JOIN belief b USING (merge_key))
"""


def event_relation(merged: bool = True, *, reliability: float = REPORT_RELIABILITY) -> str:
    """A parenthesised subquery over the events of the store at the session's confidence
    threshold: merged events (one row per act), or every report (`merged=False`). Both have
    `RECORD_COLUMNS + MERGE_COLUMNS`; use it where a query would read `events`."""
    body = MERGED_SQL.replace("$reliability", repr(float(reliability)))
    return f"({body} SELECT * FROM {'merged' if merged else 'reports'})"
