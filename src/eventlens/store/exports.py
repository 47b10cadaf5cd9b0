"""Event exports in eventlens' own columns and in PLOVER-, GDELT- and ICEWS-style columns.

Every column is documented in docs/formats.md. Rows are merged events (one per real-world act,
with how many mentions, articles and outlets state it) unless the filter asks for every report
(`merged=False`). Codes stay strings: a CAMEO code is "042", never 42, in every format (CSV/TSV
quote the code columns so spreadsheet tools keep the zero). CAMEO codes, Goldstein values and
CAMEO quad classes come from GDELT's tables (`eventlens.cameo`). Text fields have their
whitespace normalised (runs of spaces, tabs, line breaks and other separators become one
space), so a CSV or TSV row is one line.
"""

from __future__ import annotations

import csv
import functools
import re
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)

from eventlens.cameo import cameo_codes, plover_cameo_codes
from eventlens.errors import EventlensError
from eventlens.vocabulary import country_names

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
    "e.coder_version", "e.confidence", "e.more_evidence", "e.why",
    "e.location_geonameid", "e.location_name", "e.location_country", "e.location_adm1",
    "e.location_adm1_name", "e.location_lat", "e.location_lon", "e.location_precision",
    "e.location_how",
    "e.merged_id", "e.story_id", "e.report_count", "e.mention_count", "e.article_count",
    "e.source_count",
    "e.independent_sources", "e.article_ids", "e.cameo_code", "c.goldstein",
    "a.title AS article_title", "a.url AS article_url",
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
    "CASE WHEN coalesce(e.location, '') = '' AND e.location_name IS NULL THEN NULL "
    "ELSE {'name': coalesce(e.location_name, e.location), 'geonameid': e.location_geonameid, "
    "'country': e.location_country, 'adm1': e.location_adm1, 'lat': e.location_lat, "
    "'lon': e.location_lon, 'precision': e.location_precision, 'how': e.location_how} END "
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
    "coalesce(e.location_name, nullif(e.location, '')) AS event_loc_name",
    "e.location_geonameid AS event_loc_geonameid", "e.location_country AS event_loc_country",
    "e.location_adm1 AS event_loc_adm1", "e.location_lat AS event_loc_lat",
    "e.location_lon AS event_loc_lon", "e.location_precision AS event_loc_precision",
    "e.location_how AS event_loc_how", "e.evidence AS event_text",
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
    "e.cameo_code AS EventCode",
    "left(e.cameo_code, 3) AS EventBaseCode",
    "left(e.cameo_code, 2) AS EventRootCode",
    "c.quad_class AS QuadClass",
    "c.goldstein AS GoldsteinScale",
    "e.mention_count AS NumMentions", "e.source_count AS NumSources",
    "e.article_count AS NumArticles",
    "CAST(NULL AS DOUBLE) AS AvgTone",
    # GDELT's ActionGeo: type 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    # (ADM1); FIPS 10-4 country codes, ADM1 as FIPS country + admin code (GDELT's form where
    # GeoNames keeps FIPS admin codes); the feature id is the GeoNames id (GDELT: GNS/GNIS)
    "CASE e.location_precision WHEN 'country' THEN 1 "
    "WHEN 'adm1' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END "
    "WHEN 'city' THEN CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END "
    "WHEN 'site' THEN CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END "
    "ELSE 0 END AS ActionGeo_Type",
    "CASE WHEN e.location_name IS NULL THEN coalesce(e.location, '') "
    "ELSE concat_ws(', ', CASE WHEN e.location_precision = 'country' THEN NULL "
    "ELSE e.location_name END, CASE WHEN e.location_precision IN ('city', 'site') "
    "THEN e.location_adm1_name END, coalesce(geo_c.name, e.location_country)) END "
    "AS ActionGeo_FullName",
    "coalesce(geo_c.fips, '') AS ActionGeo_CountryCode",
    "CASE WHEN e.location_adm1 IS NOT NULL AND e.location_precision <> 'country' "
    "THEN coalesce(geo_c.fips, '') || split_part(e.location_adm1, '.', 2) "
    "ELSE coalesce(geo_c.fips, '') END AS ActionGeo_ADM1Code",
    "e.location_lat AS ActionGeo_Lat", "e.location_lon AS ActionGeo_Long",
    "CASE WHEN e.location_precision = 'country' THEN coalesce(geo_c.fips, '') "
    "ELSE coalesce(CAST(e.location_geonameid AS VARCHAR), e.location_adm1, geo_c.fips, '') "
    "END AS ActionGeo_FeatureID",
    "CAST(strftime(a.ingested_at, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED",
    "coalesce(a.url, '') AS SOURCEURL",
    "e.plover_type AS eventlens_plover_type", "e.quad_class AS eventlens_quad_class",
    "e.status AS eventlens_status", "e.date_text AS eventlens_date_text",
    "e.article_id AS eventlens_article_id", "e.evidence AS eventlens_evidence",
    "e.merged_id AS eventlens_merged_id",
    "coalesce(e.location_precision, '') AS eventlens_location_precision",
    "coalesce(e.location_how, '') AS eventlens_location_how",
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
    "c.name AS \"Event Text\"",
    "e.cameo_code AS \"CAMEO Code\"",
    "c.goldstein AS \"Intensity\"",
    *_icews_actor("Target", "target"),
    "e.article_id AS \"Story ID\"",
    "CAST(NULL AS INTEGER) AS \"Sentence Number\"",
    "nullif(a.outlet, '') AS \"Publisher\"",
    "CASE WHEN e.location_precision IN ('city', 'site') THEN e.location_name END "
    "AS \"City\"", "CAST(NULL AS VARCHAR) AS \"District\"",
    "CASE WHEN e.location_precision = 'adm1' THEN e.location_name "
    "ELSE e.location_adm1_name END AS \"Province\"",
    "coalesce(geo_c.name, e.location_country) AS \"Country\"",
    "e.location_lat AS \"Latitude\"", "e.location_lon AS \"Longitude\"",
    "e.plover_type AS eventlens_plover_type", "e.status AS eventlens_status",
    "e.location AS eventlens_location", "e.evidence AS eventlens_evidence",
    "e.article_count AS eventlens_article_count", "e.merged_id AS eventlens_merged_id",
]

# Columns that hold codes: quoted in CSV/TSV so that "04" is read back as text.
_CODE_COLUMNS = {
    "eventlens": ["cameo_root", "cameo_code"],
    "plover": ["cameo_root"],
    "gdelt": ["EventCode", "EventBaseCode", "EventRootCode", "Actor1CountryCode",
              "Actor2CountryCode", "Actor1Code", "Actor2Code", "ActionGeo_ADM1Code",
              "ActionGeo_FeatureID"],
    "icews": ["\"CAMEO Code\""],
}


# Text columns of events and articles whose whitespace exports normalise.
_EVENT_TEXT = ("date_text", "source_name", "source_text", "target_name", "target_text",
               "evidence", "trigger", "mode", "location")
_ARTICLE_TEXT = ("title", "url", "outlet")
# Every run of white space, line or paragraph separators and control characters (tabs, line
# breaks, NEL ...) becomes one space.
_SPACE_RUNS = r"[\pZ\p{Cc}]+"


def clean_text(expr: str) -> str:
    """SQL: `expr` with its whitespace normalised (see `_SPACE_RUNS`) and trimmed."""
    return f"trim(regexp_replace({expr}, '{_SPACE_RUNS}', ' ', 'g'))"


def _events_source(flt, relation: str | None = None) -> tuple[str, list]:
    """The matching events (merged or every report, as `flt.merged` says; from `relation`
    when given) with their text normalised and the CAMEO code of their PLOVER type and mode
    (`cameo_code`)."""
    where, params = flt.where()
    cleaned = ", ".join(f"{clean_text(c)} AS {c}" for c in _EVENT_TEXT)
    return (f"(SELECT e.*, coalesce(pm.code, pt.code) AS cameo_code "
            f"FROM (SELECT * REPLACE ({cleaned}) FROM {relation or flt.relation()} AS e"
            f"{where}) e "
            "LEFT JOIN export_plover_codes pm ON pm.plover_type = e.plover_type "
            "AND pm.mode = lower(trim(coalesce(e.mode, ''))) "
            "LEFT JOIN export_plover_codes pt ON pt.plover_type = e.plover_type "
            "AND pt.mode = '')"), params


def export_sql(flt, columns: str = "eventlens", fmt: str = "csv", *,
               relation: str | None = None) -> tuple[str, list]:
    """The SELECT that produces the export rows for a filter (EventFilter or EventQuery; None
    for every merged event). Needs the lookups `_register_lookups` registers; `relation` is
    where the events come from (`Store.event_relation`, else computed in the query)."""
    if columns not in COLUMN_SETS:
        raise EventlensError(f"unknown column set {columns!r}", hint=f"use one of {COLUMN_SETS}")
    if flt is None:
        from eventlens.store.duckdb_store import EventFilter

        flt = EventFilter()
    source, params = _events_source(flt, relation)
    select = {
        "eventlens": _EVENTLENS,
        "plover": _PLOVER_FLAT if fmt in ("csv", "tsv") else _PLOVER_NESTED,
        "gdelt": _GDELT,
        "icews": _ICEWS,
    }[columns]
    if columns == "gdelt" and flt.merged:
        select = ["e.merged_id AS GLOBALEVENTID", *select[1:]]
    articles = ", ".join(f"{clean_text(c)} AS {c}" for c in _ARTICLE_TEXT)
    joins = (f" LEFT JOIN (SELECT * REPLACE ({articles}) FROM articles) a ON a.id = e.article_id"
             " LEFT JOIN export_cameo c ON c.code = e.cameo_code")
    if columns in ("gdelt", "icews"):
        joins += (" LEFT JOIN export_countries source_c ON source_c.code = e.source_country"
                  " LEFT JOIN export_countries target_c ON target_c.code = e.target_country"
                  " LEFT JOIN export_countries geo_c ON geo_c.code = e.location_country")
    if columns == "icews":
        joins += (" LEFT JOIN export_sectors source_s ON source_s.code = e.source_role"
                  " LEFT JOIN export_sectors target_s ON target_s.code = e.target_role")
    sql = (f"SELECT {', '.join(select)} FROM {source} e{joins} "
           "ORDER BY e.event_date DESC NULLS LAST, e.article_id, e.evidence_start, e.event_id")
    limit = getattr(flt, "limit", None)
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(getattr(flt, 'offset', 0) or 0)}"
    return sql, params


def _register_lookups(con) -> None:
    names = country_names()
    strings = lambda values: pa.array(list(values), pa.string())  # noqa: E731
    codes = list(cameo_codes().values())
    plover = plover_cameo_codes()
    fips = _fips_codes()
    lookups = {
        "export_countries": {"code": strings(names), "name": strings(names.values()),
                             "fips": strings(fips.get(c, "") for c in names)},
        "export_sectors": {"code": strings(_SECTORS), "name": strings(_SECTORS.values())},
        "export_cameo": {"code": strings(c.code for c in codes),
                         "name": strings(c.name for c in codes),
                         "goldstein": pa.array([c.goldstein for c in codes], pa.float64()),
                         "quad_class": pa.array([c.quad_class for c in codes], pa.int32())},
        "export_plover_codes": {"plover_type": strings(k for k, _ in plover),
                                "mode": strings(m for _, m in plover),
                                "code": strings(plover.values())},
    }
    for view, columns in lookups.items():
        con.register(view, pa.table(columns))


@functools.lru_cache(maxsize=1)
def _fips_codes() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 country code (GDELT's geography codes), from the packaged
    geo_countries.tsv (tools/build_places.py)."""
    path = resources.files("eventlens.data").joinpath("actors/geo_countries.tsv")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return {row["iso3"]: row["fips"] for row in csv.DictReader(lines, delimiter="\t")}


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
    if flt is None:
        from eventlens.store.duckdb_store import EventFilter

        flt = EventFilter()
    sql, params = export_sql(flt, columns, fmt, relation=store.event_relation(flt.merged))
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
    if flt is None:
        from eventlens.store.duckdb_store import EventFilter

        flt = EventFilter()
    sql, params = export_sql(flt, columns, "parquet", relation=store.event_relation(flt.merged))
    _register_lookups(store.con)
    return store.con.execute(sql, params).to_arrow_table()


# Columns read back as text whatever they look like: codes ("04", "042"), ids (a hex id may be
# all digits), actor codes. Matched by name in every column set.
_TEXT_COLUMN = re.compile(r"(?i)(code|cameo|(^|_)ids?$|ID$|citation)")
# Columns read back as dates (ISO 8601, as every export writes them).
_DATE_COLUMNS = frozenset({"event_date", "article_published", "date", "Event Date"})
_READ_INTO = ("pandas", "polars", "arrow")


def read_events(path: str | Path, *, into: str = "pandas"):
    """Read an events file that `export` (or `eventlens events -o`) wrote, with the types
    analysts expect: codes and ids as text (a CAMEO code keeps its leading zero), dates as
    dates (`event_date` becomes datetime64 in pandas), numbers as numbers.

    Args:
        path: a .csv, .tsv, .jsonl, .json or .parquet file.
        into: pandas (a DataFrame; needs pandas), polars (needs polars) or arrow.
    Raises:
        EventlensError: an unknown extension or `into`, a file that cannot be read, or the
            data frame library is not installed.
    """
    if into not in _READ_INTO:
        raise EventlensError(f"unknown read_events target {into!r}", hint=f"use one of {_READ_INTO}")
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise EventlensError(f"cannot read {path}: not one of {FORMATS}")
    name = str(path).replace("'", "''")
    con = duckdb.connect()
    try:
        if fmt in ("csv", "tsv"):
            header = con.execute(f"SELECT * FROM read_csv('{name}', delim = "
                                 f"'{',' if fmt == 'csv' else chr(9)}', header = true, "
                                 "all_varchar = true) LIMIT 0").description
            types = {col[0]: ("DATE" if col[0] in _DATE_COLUMNS else "VARCHAR")
                     for col in header
                     if col[0] in _DATE_COLUMNS or _TEXT_COLUMN.search(col[0])}
            spec = ", ".join(f"'{k.replace(chr(39), chr(39) * 2)}': '{v}'"
                             for k, v in types.items())
            sql = (f"SELECT * FROM read_csv('{name}', delim = '{',' if fmt == 'csv' else chr(9)}'"
                   f", header = true, quote = '\"'{', types = {' + spec + '}' if spec else ''})")
        elif fmt == "parquet":
            sql = f"SELECT * FROM read_parquet('{name}')"
        else:
            shape = "newline_delimited" if fmt == "jsonl" else "array"
            sql = f"SELECT * FROM read_json('{name}', format = '{shape}')"
        table = con.execute(sql).to_arrow_table()
    except duckdb.Error as exc:
        raise EventlensError(f"cannot read {path}: {exc}") from exc
    finally:
        con.close()
    table = _dates_as_dates(table)
    if into == "arrow":
        return table
    if into == "polars":
        try:
            import polars
        except ImportError as exc:
            raise EventlensError("polars is not installed",
                                 hint='pip install "eventlens[polars]", or into="arrow"') from exc
        return polars.from_arrow(table)
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise EventlensError("pandas is not installed",
                             hint='pip install "eventlens[pandas]", or into="arrow"') from exc
    return table.to_pandas(date_as_object=False)


def _dates_as_dates(table: pa.Table) -> pa.Table:
    """ISO date strings (JSON has no date type) of the date columns as Arrow dates."""
    for i, field in enumerate(table.schema):
        if field.name in _DATE_COLUMNS and pa.types.is_string(field.type):
            table = table.set_column(i, field.name, pa.compute.cast(
                pa.compute.strptime(table.column(i), format="%Y-%m-%d", unit="s"), pa.date32()))
    return table
