"""Event exports in eventlens' own columns and in PLOVER-, GDELT- and ICEWS-style columns.

Every column is documented in docs/formats.md. Codes stay strings: a CAMEO root is "04",
never 4, in every format (CSV/TSV quote the code columns so spreadsheet tools keep the zero).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from eventlens.analysis.vocabulary import CAMEO_ROOTS as _CAMEO_ROOTS
from eventlens.errors import EventlensError

FORMATS = ("csv", "tsv", "jsonl", "json", "parquet")
COLUMN_SETS = ("eventlens", "plover", "gdelt", "icews")

# ICEWS-style sector names for our roles.
_SECTORS = {"GOV": "Government", "MIL": "Military", "LEG": "Legislative / Parliamentary",
            "JUD": "Judicial", "OPP": "Opposition", "REB": "Rebel", "MED": "Media",
            "BUS": "Business", "CVL": "Civilian", "IGO": "International Organization"}

_EVENTLENS = [
    "e.event_id", "e.article_id", "e.plover_type", "e.cameo_root", "e.quad_class", "e.intensity",
    "e.status", "e.event_date", "e.date_text", "e.source_code", "e.source_country",
    "e.source_role", "e.source_name", "e.source_text", "e.source_start", "e.source_end",
    "e.source_how", "e.target_code", "e.target_country", "e.target_role", "e.target_name",
    "e.target_text", "e.target_start", "e.target_end", "e.target_how", "e.evidence_start",
    "e.evidence_end", "e.evidence", "e.trigger", "e.mode", "e.location", "e.coder",
    "e.coder_version", "e.confidence", "e.more_evidence", "e.why", "a.title AS article_title",
    "a.url AS article_url",
    "a.outlet AS article_outlet", "a.published AS article_published",
]


def _actor_struct(side: str) -> str:
    return (f"{{'code': e.{side}_country, 'sector': nullif(e.{side}_role, ''), "
            f"'actor_text': e.{side}_text, 'identifier_text': nullif(e.{side}_name, '')}}")


_PLOVER_NESTED = [
    "e.event_id AS id",
    "strftime(e.event_date, '%Y-%m-%d') AS date",
    f"[{_actor_struct('source')}] AS source",
    f"CASE WHEN coalesce(e.target_code, '') = '' AND coalesce(e.target_text, '') = '' "
    f"THEN [] ELSE [{_actor_struct('target')}] END AS recipient",
    "[e.plover_type] AS event",
    "nullif(e.mode, '') AS mode",
    "CAST(NULL AS VARCHAR) AS context",
    "e.quad_class AS quad_code",
    "e.intensity AS event_scale",
    "CASE WHEN coalesce(e.location, '') = '' THEN NULL ELSE {'name': e.location} END "
    "AS event_loc",
    "[e.evidence] AS event_text",
    "{'start': e.evidence_start, 'end': e.evidence_end} AS text_info",
    "{'citation': e.article_id, 'url': nullif(a.url, ''), 'title': nullif(a.title, ''), "
    "'publication': nullif(a.outlet, ''), 'language': 'en'} AS cite_info",
    "e.coder || CASE WHEN coalesce(e.coder_version, '') = '' THEN '' "
    "ELSE ' ' || e.coder_version END AS coder",
    "strftime(a.ingested_at, '%Y-%m-%d') AS coded_date",
    "e.status AS status",
    "e.date_text AS date_text",
    "e.cameo_root AS cameo_root",
    "e.trigger AS trigger",
    "e.confidence AS confidence",
]

_PLOVER_FLAT = [
    "e.event_id AS id",
    "strftime(e.event_date, '%Y-%m-%d') AS date",
    "e.source_country AS source_code", "nullif(e.source_role, '') AS source_sector",
    "e.source_text AS source_actor_text", "nullif(e.source_name, '') AS source_identifier_text",
    "nullif(e.target_country, '') AS recipient_code",
    "nullif(e.target_role, '') AS recipient_sector",
    "e.target_text AS recipient_actor_text",
    "nullif(e.target_name, '') AS recipient_identifier_text",
    "e.plover_type AS event", "nullif(e.mode, '') AS mode", "CAST(NULL AS VARCHAR) AS context",
    "e.quad_class AS quad_code", "e.intensity AS event_scale",
    "nullif(e.location, '') AS event_loc_name", "e.evidence AS event_text",
    "e.evidence_start AS text_start", "e.evidence_end AS text_end",
    "e.article_id AS cite_citation", "nullif(a.url, '') AS cite_url",
    "nullif(a.title, '') AS cite_title", "nullif(a.outlet, '') AS cite_publication",
    "e.coder || CASE WHEN coalesce(e.coder_version, '') = '' THEN '' "
    "ELSE ' ' || e.coder_version END AS coder",
    "strftime(a.ingested_at, '%Y-%m-%d') AS coded_date",
    "e.status AS status", "e.date_text AS date_text", "e.cameo_root AS cameo_root",
    "e.trigger AS trigger", "e.confidence AS confidence",
]


def _gdelt_actor(n: int, side: str) -> list[str]:
    return [
        f"CASE WHEN coalesce(e.{side}_country, '') = '' THEN '' "
        f"ELSE e.{side}_country || coalesce(e.{side}_role, '') END AS Actor{n}Code",
        f"upper(coalesce(nullif(e.{side}_name, ''), {side}_c.name, e.{side}_text, '')) "
        f"AS Actor{n}Name",
        f"CASE WHEN {side}_c.code IS NOT NULL THEN e.{side}_country ELSE '' END "
        f"AS Actor{n}CountryCode",
        f"CASE WHEN {side}_c.code IS NULL THEN coalesce(e.{side}_country, '') ELSE '' END "
        f"AS Actor{n}KnownGroupCode",
        f"coalesce(e.{side}_role, '') AS Actor{n}Type1Code",
    ]


_GDELT = [
    "e.event_id AS GLOBALEVENTID",
    "CAST(strftime(e.event_date, '%Y%m%d') AS INTEGER) AS SQLDATE",
    "CAST(strftime(e.event_date, '%Y%m') AS INTEGER) AS MonthYear",
    "year(e.event_date) AS Year",
    "round(year(e.event_date) + (dayofyear(e.event_date) - 1) / 365.0, 4) AS FractionDate",
    *_gdelt_actor(1, "source"),
    *_gdelt_actor(2, "target"),
    "1 AS IsRootEvent",
    "e.cameo_root || '0' AS EventCode",
    "e.cameo_root || '0' AS EventBaseCode",
    "e.cameo_root AS EventRootCode",
    "CASE WHEN e.cameo_root BETWEEN '01' AND '05' THEN 1 WHEN e.cameo_root BETWEEN '06' AND '09' "
    "THEN 2 WHEN e.cameo_root BETWEEN '10' AND '14' THEN 3 WHEN e.cameo_root BETWEEN '15' AND "
    "'20' THEN 4 END AS QuadClass",
    "e.intensity AS GoldsteinScale",
    "1 AS NumMentions", "1 AS NumSources", "1 AS NumArticles",
    "CAST(NULL AS DOUBLE) AS AvgTone",
    "coalesce(e.location, '') AS ActionGeo_FullName",
    "CAST(strftime(a.ingested_at, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED",
    "coalesce(a.url, '') AS SOURCEURL",
    "e.plover_type AS eventlens_plover_type", "e.quad_class AS eventlens_quad_class",
    "e.status AS eventlens_status", "e.date_text AS eventlens_date_text",
    "e.article_id AS eventlens_article_id", "e.evidence AS eventlens_evidence",
]


def _icews_actor(prefix: str, side: str) -> list[str]:
    return [
        f"coalesce(nullif(e.{side}_name, ''), {side}_c.name, e.{side}_country, "
        f"e.{side}_text) AS \"{prefix} Name\"",
        f"{side}_s.name AS \"{prefix} Sectors\"",
        f"coalesce({side}_c.name, nullif(e.{side}_country, '')) AS \"{prefix} Country\"",
    ]


_ICEWS = [
    "e.event_id AS \"Event ID\"",
    "strftime(e.event_date, '%Y-%m-%d') AS \"Event Date\"",
    *_icews_actor("Source", "source"),
    "r.name AS \"Event Text\"",
    "e.cameo_root || '0' AS \"CAMEO Code\"",
    "e.intensity AS \"Intensity\"",
    *_icews_actor("Target", "target"),
    "e.article_id AS \"Story ID\"",
    "CAST(NULL AS INTEGER) AS \"Sentence Number\"",
    "nullif(a.outlet, '') AS \"Publisher\"",
    "CAST(NULL AS VARCHAR) AS \"City\"", "CAST(NULL AS VARCHAR) AS \"District\"",
    "CAST(NULL AS VARCHAR) AS \"Province\"", "CAST(NULL AS VARCHAR) AS \"Country\"",
    "CAST(NULL AS DOUBLE) AS \"Latitude\"", "CAST(NULL AS DOUBLE) AS \"Longitude\"",
    "e.plover_type AS eventlens_plover_type", "e.status AS eventlens_status",
    "e.location AS eventlens_location", "e.evidence AS eventlens_evidence",
]

# Columns that hold codes: quoted in CSV/TSV so that "04" is read back as text.
_CODE_COLUMNS = {
    "eventlens": ["cameo_root"],
    "plover": ["cameo_root"],
    "gdelt": ["EventCode", "EventBaseCode", "EventRootCode", "Actor1CountryCode",
              "Actor2CountryCode", "Actor1Code", "Actor2Code"],
    "icews": ["\"CAMEO Code\""],
}


def export_sql(flt, columns: str = "eventlens", fmt: str = "csv") -> tuple[str, list]:
    """The SELECT that produces the export rows for a filter (EventFilter or EventQuery)."""
    if columns not in COLUMN_SETS:
        raise EventlensError(f"unknown column set {columns!r}", hint=f"use one of {COLUMN_SETS}")
    where, params = flt.where() if flt is not None else ("", [])
    select = {
        "eventlens": _EVENTLENS,
        "plover": _PLOVER_FLAT if fmt in ("csv", "tsv") else _PLOVER_NESTED,
        "gdelt": _GDELT,
        "icews": _ICEWS,
    }[columns]
    joins = " LEFT JOIN articles a ON a.id = e.article_id"
    if columns in ("gdelt", "icews"):
        joins += (" LEFT JOIN export_countries source_c ON source_c.code = e.source_country"
                  " LEFT JOIN export_countries target_c ON target_c.code = e.target_country")
    if columns == "icews":
        joins += (" LEFT JOIN export_sectors source_s ON source_s.code = e.source_role"
                  " LEFT JOIN export_sectors target_s ON target_s.code = e.target_role"
                  " LEFT JOIN export_cameo r ON r.code = e.cameo_root")
    sql = (f"SELECT {', '.join(select)} FROM (SELECT * FROM events{where}) e{joins} "
           "ORDER BY e.event_date DESC NULLS LAST, e.article_id, e.evidence_start, e.event_id")
    limit = getattr(flt, "limit", None)
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(getattr(flt, 'offset', 0) or 0)}"
    return sql, params


def _register_lookups(con) -> None:
    from eventlens.analysis.vocabulary import country_names

    names = country_names()
    lookups = {
        "export_countries": (list(names), list(names.values())),
        "export_sectors": (list(_SECTORS), list(_SECTORS.values())),
        "export_cameo": (list(_CAMEO_ROOTS), list(_CAMEO_ROOTS.values())),
    }
    for view, (codes, labels) in lookups.items():
        con.register(view, pa.table({"code": pa.array(codes, pa.string()),
                                     "name": pa.array(labels, pa.string())}))


def export(store, flt, path: str | Path, fmt: str, columns: str = "eventlens") -> int:
    """Write the events matching `flt` to `path`; returns the number of rows written.

    Args:
        store: an open `Store` (read-only is enough).
        flt: an `EventFilter` or `EventQuery` (or None for every event).
        fmt: csv, tsv, jsonl (one JSON object a line), json (one array) or parquet.
        columns: eventlens, plover, gdelt or icews (see docs/formats.md).
    """
    if fmt not in FORMATS:
        raise EventlensError(f"unknown export format {fmt!r}", hint=f"use one of {FORMATS}")
    sql, params = export_sql(flt, columns, fmt)
    _register_lookups(store.con)
    quoted = ", ".join(_CODE_COLUMNS[columns])
    options = {
        "csv": f"FORMAT csv, HEADER true, FORCE_QUOTE ({quoted})",
        "tsv": f"FORMAT csv, HEADER true, DELIMITER '\t', FORCE_QUOTE ({quoted})",
        "jsonl": "FORMAT json",
        "json": "FORMAT json, ARRAY true",
        "parquet": "FORMAT parquet",
    }[fmt]
    target = str(path).replace("'", "''")
    try:
        result = store.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchone()
    except Exception as exc:  # duckdb.Error and OSError both mean: the file was not written
        raise EventlensError(f"cannot export to {path}: {exc}") from exc
    return int(result[0]) if result else 0


def export_arrow(store, flt, columns: str = "eventlens") -> pa.Table:
    """The same rows as `export`, as an Arrow table (nested PLOVER fields as structs)."""
    sql, params = export_sql(flt, columns, "parquet")
    _register_lookups(store.con)
    return store.con.execute(sql, params).to_arrow_table()
