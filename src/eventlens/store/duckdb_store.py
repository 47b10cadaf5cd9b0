"""DuckDB store: migrations, the single writer, and event queries."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eventlens.config import DEFAULT_MIN_CONFIDENCE
from eventlens.errors import ConfigError, EventlensError, SchemaError
from eventlens.model import ArticleResult
from eventlens.store.merged import MergeMapCache, event_relation, mentions_relation
from eventlens.store.rows import ResultTables, result_tables
from eventlens.store.schema import LATEST_VERSION, MIGRATIONS
from eventlens.store.shards import connect_shards, is_shard_folder

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
# Runs this process began and has not finished: any other run still `running` was left by a
# process that died (DuckDB admits one writing process per file).
_RUNS_IN_PROGRESS: set[str] = set()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to return. Actor filters match a country/organisation code or a full code.

    `merged` (the default) reads one row per real-world act, merged across the reports that
    state it; `merged=False` one row per report (see `eventlens.store.merged`). `status` None
    keeps every status here; the faces default to asserted events (`EventQuery`).
    """

    source: str | None = None
    target: str | None = None
    plover_type: str | tuple[str, ...] | None = None
    status: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article_id: str | None = None
    limit: int | None = None
    offset: int = 0
    merged: bool = True
    # where the event happened (docs/places.md): ISO alpha-3 country, GeoNames admin1 code
    # ("UA.12"), and a box (min_lon, min_lat, max_lon, max_lat; min_lon > max_lon crosses the
    # antimeridian). An event with no place matches none of them.
    location_country: str | None = None
    location_adm1: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def relation(self) -> str:
        """The SQL relation these events come from (merged events or every report)."""
        return event_relation(self.merged)

    def where(self) -> tuple[str, list]:
        """The WHERE clause over `relation()` (with a leading ' WHERE ', or '') and its
        parameters. A merged event matches an article when that article is one of its
        reports."""
        clauses, params = [], []
        for column, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(f"({column}_country = ? OR {column}_code = ?)")
                params += [value.upper(), value.upper()]
        if self.plover_type:
            # one type, or several (a CAMEO root stands for every type it holds)
            types = ([self.plover_type] if isinstance(self.plover_type, str)
                     else list(self.plover_type))
            clauses.append(f"plover_type IN ({', '.join('?' * len(types))})")
            params += [t.upper() for t in types]
        if self.status:
            clauses.append("status = ?")
            params.append(self.status.lower())
        if self.since:
            clauses.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("event_date <= ?")
            params.append(self.until)
        if self.article_id:
            clauses.append("list_contains(article_ids, ?)" if self.merged else "article_id = ?")
            params.append(self.article_id)
        if self.location_country:
            clauses.append("location_country = ?")
            params.append(self.location_country.upper())
        if self.location_adm1:
            clauses.append("location_adm1 = ?")
            params.append(self.location_adm1.upper())
        if self.bbox:
            clause, args = bbox_clause(self.bbox)
            clauses.append(clause)
            params += args
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def bbox_clause(bbox: tuple[float, float, float, float]) -> tuple[str, list]:
    """SQL keeping events whose point lies in the box (min_lon, min_lat, max_lon, max_lat),
    edges included; a box whose min_lon exceeds its max_lon crosses the antimeridian."""
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in bbox)
    lon = "location_lon BETWEEN ? AND ?" if min_lon <= max_lon else \
        "(location_lon >= ? OR location_lon <= ?)"
    return (f"(location_lat BETWEEN ? AND ? AND {lon})", [min_lat, max_lat, min_lon, max_lon])


def open_store(path: str | Path, *, read_only: bool = False,
               min_confidence: float | None = None, memory_limit: str | None = None,
               temp_directory: str | Path | None = None) -> Store:
    """Open (and create or migrate, unless read-only) the store at `path`; its `events` hide
    events below `min_confidence` (default `DEFAULT_MIN_CONFIDENCE`). `memory_limit` ('2GB')
    and `temp_directory` are DuckDB's settings for this connection (None: DuckDB's own)."""
    return Store(path, read_only=read_only, min_confidence=min_confidence,
                 memory_limit=memory_limit, temp_directory=temp_directory)


class Store:
    """One DuckDB file (or, read-only, a folder of Parquet shards by month). All writes go
    through this object (DuckDB has a single writer)."""

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 min_confidence: float | None = None, memory_limit: str | None = None,
                 temp_directory: str | Path | None = None) -> None:
        """`min_confidence` is the threshold the `events` view applies for this connection
        (default `DEFAULT_MIN_CONFIDENCE`; 0 shows every stored event); `memory_limit` and
        `temp_directory` are DuckDB's (None keeps DuckDB's default)."""
        self.path = str(path)
        self.shards = is_shard_folder(self.path)
        if self.shards:
            # A folder of Parquet shards (eventlens.store.shards): read where it lies.
            if not read_only:
                raise SchemaError(f"{self.path} is a folder of Parquet shards, which is read "
                                  "only", hint="ingest into a DuckDB file (--db FILE) and write "
                                  "shards from it with --out-parquet or `eventlens export-shards`")
            try:
                self.con = connect_shards(self.path)
            except duckdb.Error as exc:
                raise SchemaError(f"cannot read the shards in {self.path}: {exc}") from exc
        elif read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise SchemaError(f"no store at {self.path}", hint="run `eventlens ingest` first")
        else:
            try:
                self.con = duckdb.connect(self.path, read_only=read_only)
            except duckdb.Error as exc:
                raise SchemaError(f"cannot open {self.path}: {exc}") from exc
        self._limit_memory(memory_limit, temp_directory)
        if not read_only:
            self.migrate()
        self._check_version()
        self.set_min_confidence(DEFAULT_MIN_CONFIDENCE if min_confidence is None
                                else min_confidence)
        # Shared with the copies the API makes for its requests (copy.copy keeps the object).
        self._merge_maps = MergeMapCache()

    def _limit_memory(self, memory_limit: str | None,
                      temp_directory: str | Path | None) -> None:
        """Give DuckDB a memory limit and a folder to spill to (before any query runs)."""
        for name, value in (("temp_directory", temp_directory), ("memory_limit", memory_limit)):
            if value is None:
                continue
            try:
                self.con.execute(f"SET {name} = ?", [str(value)])
            except duckdb.Error as exc:
                self.con.close()
                hint = "a size such as '2GB'" if name == "memory_limit" else "a folder path"
                raise ConfigError(f"{name} {str(value)!r} is not accepted by DuckDB: {exc}",
                                  hint=hint) from exc

    def set_min_confidence(self, value: float) -> None:
        """Hide events below `value` from every query of this connection (the `events` view;
        the table `event_records` keeps them all)."""
        value = float(value)
        if not 0.0 <= value <= 1.0:
            raise SchemaError(f"min_confidence must be from 0 to 1, not {value}")
        self.min_confidence = value
        self.con.execute(f"SET VARIABLE eventlens_min_confidence = {value!r}")

    def cursor(self):
        """A new DuckDB cursor of this store, with the same confidence threshold (DuckDB's
        session variables belong to one connection)."""
        cursor = self.con.cursor()
        cursor.execute(f"SET VARIABLE eventlens_min_confidence = {self.min_confidence!r}")
        return cursor

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> int:
        """Apply the migrations this file lacks, each in its own transaction."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(version INTEGER, description VARCHAR, applied_at TIMESTAMP)")
        current = self.schema_version()
        for version, description, sql in MIGRATIONS:
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                                 [version, description])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise SchemaError(f"migration {version} failed on {self.path}: {exc}") from exc
        return self.schema_version()

    def _check_version(self) -> None:
        version = self.schema_version()
        if version > LATEST_VERSION:
            raise SchemaError(
                f"{self.path} has schema version {version}, newer than this eventlens "
                f"({LATEST_VERSION})", hint="upgrade eventlens")

    # -- writing ------------------------------------------------------------------------------
    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        known: set[str] = set()
        # An IN list of parameters, not list_contains(?, id): DuckDB hashes the list and probes
        # it with the id column, where list_contains is evaluated row by row (10x slower on a
        # store of a million articles; ingest asks twice per batch).
        for i in range(0, len(ids), 1000):
            part = ids[i:i + 1000]
            rows = self.con.execute(f"SELECT id FROM articles WHERE id IN "
                                    f"({', '.join('?' * len(part))})", part).fetchall()
            known.update(r[0] for r in rows)
        return known

    def begin_run(self, paths: list[str], *, coder: str, coder_version: str) -> str:
        """Record a run as `running` and return its id (`finish_run` closes it)."""
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, paths, coder, coder_version, status) "
            "VALUES (?, current_timestamp, ?, ?, ?, 'running')",
            [run_id, "\n".join(paths), coder, coder_version])
        _RUNS_IN_PROGRESS.add(run_id)
        return run_id

    def finish_run(self, run_id: str, *, read: int, new: int, duplicates: int, errors: int,
                   events: int, status: str = "done") -> None:
        self.con.execute(
            "UPDATE ingest_runs SET finished_at = current_timestamp, articles_read = ?, "
            "articles_new = ?, duplicates = ?, errors = ?, events = ?, status = ? WHERE run_id = ?",
            [read, new, duplicates, errors, events, status, run_id])
        _RUNS_IN_PROGRESS.discard(run_id)

    def close_interrupted_runs(self) -> list[dict]:
        """Mark the runs a killed process left `running` as `interrupted`, with the articles,
        event records and errors each had stored; returns those runs (oldest first).

        DuckDB lets one process write a file, so a run still `running` that this process did
        not begin belongs to a process that died (kill -9, power loss) before `finish_run`.
        One transaction: a kill during it leaves the runs `running` for the next call.
        """
        running = [r for r in self.rows("SELECT run_id FROM ingest_runs WHERE status = "
                                        "'running' ORDER BY started_at, run_id")
                   if r["run_id"] not in _RUNS_IN_PROGRESS]
        if not running:
            return []
        ids = [r["run_id"] for r in running]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("""
                UPDATE ingest_runs r SET status = 'interrupted',
                    articles_new = (SELECT count(*) FROM articles a WHERE a.run_id = r.run_id),
                    events = (SELECT count(*) FROM event_records e JOIN articles a
                              ON a.id = e.article_id WHERE a.run_id = r.run_id),
                    errors = (SELECT count(*) FROM ingest_errors x WHERE x.run_id = r.run_id)
                WHERE list_contains(?, r.run_id) AND r.status = 'running'""", [ids])
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return self.rows("SELECT run_id, started_at, articles_new, events, errors "
                         "FROM ingest_runs WHERE list_contains(?, run_id) "
                         "ORDER BY started_at, run_id", [ids])

    def record_error(self, run_id: str, error: EventlensError) -> None:
        self.con.execute("INSERT INTO ingest_errors VALUES (?, ?, ?, ?)",
                         [run_id, error.where, error.code, error.message])

    def run_errors(self, run: str | None = None) -> tuple[dict, list[dict]]:
        """An ingest run (its id or a unique prefix; the latest run when None) and every
        error it recorded, in the order recorded.

        Raises:
            SchemaError: no such run, or the prefix names several.
        """
        if run is None:
            runs = self.rows("SELECT * FROM ingest_runs ORDER BY started_at DESC LIMIT 1")
        else:
            runs = self.rows("SELECT * FROM ingest_runs WHERE starts_with(run_id, ?) "
                             "ORDER BY started_at DESC LIMIT 2", [run])
        if not runs:
            raise SchemaError("no ingest run" + (f" with id {run!r}" if run else "s yet"),
                              hint="`eventlens ingest` prints each run's id")
        if len(runs) > 1:
            raise SchemaError(f"run id {run!r} is ambiguous", hint="give more of the id")
        errors = self.rows("SELECT location, code, message FROM ingest_errors "
                           "WHERE run_id = ? ORDER BY rowid", [runs[0]["run_id"]])
        return runs[0], errors

    def write_results(self, results: list[ArticleResult], *, run_id: str,
                      coder_version: str) -> int:
        """Store articles with their events, quotes and mentions in one transaction.

        Articles already stored are skipped, so a re-run or a resumed run adds nothing twice.
        Returns the number of event records written (an event an article states twice with
        the same id is one record).
        """
        known = self.known_article_ids(x.article.id for x in results)
        fresh = [r for r in results if r.article.id not in known]
        if not fresh:
            return 0
        return self.write_tables(result_tables(fresh, run_id=run_id,
                                               coder_version=coder_version))

    def write_tables(self, tables: ResultTables) -> int:
        """Store the rows of coded articles (`eventlens.store.rows`, built wherever the coding
        ran) in one transaction; the rows of articles already stored are skipped. Returns the
        number of event records written."""
        known = self.known_article_ids(tables.article_ids)
        tables = tables.without_articles(known)
        if tables.articles.num_rows == 0:
            return 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert_table("articles", tables.articles)
            self._insert_table("event_records", tables.event_records, ignore=True)
            self._insert_table("quotes", tables.quotes, ignore=True)
            self._insert_table("mentions", tables.mentions)
            self.con.execute("COMMIT")
        except duckdb.Error:
            self.con.execute("ROLLBACK")
            raise
        return tables.event_records.num_rows

    def add_results(self, results: list[ArticleResult], *, source: str = "library",
                    coder: str = "", coder_version: str = "") -> int:
        """Store results coded outside `eventlens ingest` as one recorded run; returns the
        number of events written (articles already stored are skipped)."""
        known = self.known_article_ids(r.article.id for r in results)
        run_id = self.begin_run([source], coder=coder, coder_version=coder_version)
        events = self.write_results(results, run_id=run_id, coder_version=coder_version)
        self.finish_run(run_id, read=len(results), new=len(results) - len(known),
                        duplicates=len(known), errors=0, events=events)
        return events

    def _insert_table(self, table: str, data, *, ignore: bool = False) -> None:
        """Bulk insert an Arrow table whose columns are named as the table's (row-by-row
        inserts are slow in DuckDB)."""
        if data.num_rows == 0:
            return
        columns = ", ".join(data.column_names)
        self.con.register("_eventlens_rows", data)
        try:
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            self.con.execute(f"{verb} INTO {table} ({columns}) "
                             f"SELECT {columns} FROM _eventlens_rows")
        finally:
            self.con.unregister("_eventlens_rows")

    # -- reading ------------------------------------------------------------------------------
    def event_relation(self, merged: bool = True, *, event_ids: list[str] | None = None) -> str:
        """The SQL relation of merged events (or every report; only `event_ids` when given),
        as `merged.event_relation`, reading the merge map from this store's cache: registered
        on this connection, rebuilt when the events or merge keys change. Use it in queries run
        on `self.con`."""
        table = self._merge_maps.table(self.con, self.min_confidence)
        # Registering costs a few ms: once per connection and table (the API's per-request
        # copies of the store have a connection of their own, so they register again).
        if getattr(self, "_registered_map", None) != (id(self.con), id(table)):
            self.con.register("_eventlens_merge_map", table)
            self._registered_map = (id(self.con), id(table))
        return event_relation(merged, merge_map="_eventlens_merge_map", event_ids=event_ids)

    def merged_with_mentions(self, flt: EventFilter | None = None, *,
                             reliability: float | None = None):
        """Merged events matching `flt` with `mentions` (article id and evidence offsets of
        every sentence stating each), newest first; `reliability` other than the default
        computes the map afresh."""
        flt = flt or EventFilter()
        if reliability is None:
            merged, reports = self.event_relation(True), self.event_relation(False)
        else:
            merged = event_relation(True, reliability=reliability)
            reports = event_relation(False, reliability=reliability)
        where, params = flt.where()
        sql = (f"SELECT e.*, coalesce(x.mentions, []) AS mentions FROM {merged} AS e "
               f"LEFT JOIN {mentions_relation(reports)} x USING (merged_id){where} "
               "ORDER BY event_date DESC, article_id, evidence_start")
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)} OFFSET {int(flt.offset)}"
        return self.con.execute(sql, params)

    def events(self, flt: EventFilter | None = None):
        """A DuckDB result of the events matching the filter (merged events unless
        `flt.merged` is false), newest first."""
        flt = flt or EventFilter()
        where, params = flt.where()
        sql = (f"SELECT * FROM {self.event_relation(flt.merged)} AS e{where} "
               "ORDER BY event_date DESC, article_id, evidence_start")
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)} OFFSET {int(flt.offset)}"
        return self.con.execute(sql, params)

    def export_events(self, flt: EventFilter, path: str | Path, fmt: str) -> int:
        """Write matching events to a CSV, JSONL or Parquet file; returns the row count."""
        if fmt not in EXPORT_FORMATS:
            raise EventlensError(f"unknown export format {fmt!r}", hint=f"use one of {EXPORT_FORMATS}")
        where, params = flt.where()
        options = {"csv": "FORMAT csv, HEADER true", "jsonl": "FORMAT json",
                   "parquet": "FORMAT parquet"}[fmt]
        relation = self.event_relation(flt.merged)
        query = (f"SELECT * FROM {relation} AS e{where} "
                 "ORDER BY event_date DESC, article_id, evidence_start")
        self.con.execute(f"COPY ({query}) TO '{_sql_path(path)}' ({options})", params)
        return self.con.execute(f"SELECT count(*) FROM {relation} AS e{where}",
                                params).fetchone()[0]

    def write_relation(self, table, path: str | Path, fmt: str) -> int:
        """Write an Arrow table to CSV, JSONL or Parquet with DuckDB; returns the row count."""
        if fmt not in EXPORT_FORMATS:
            raise EventlensError(f"unknown export format {fmt!r}", hint=f"use one of {EXPORT_FORMATS}")
        options = {"csv": "FORMAT csv, HEADER true", "jsonl": "FORMAT json",
                   "parquet": "FORMAT parquet"}[fmt]
        self.con.register("_eventlens_out", table)
        try:
            self.con.execute(f"COPY (SELECT * FROM _eventlens_out) TO '{_sql_path(path)}' ({options})")
        finally:
            self.con.unregister("_eventlens_out")
        return table.num_rows

    def article(self, article_id: str) -> dict | None:
        """The article's row as a dict, or None. Accepts a unique id prefix (matched as
        text: `%` and `_` are no wildcards)."""
        rows = self.con.execute("SELECT * FROM articles WHERE starts_with(id, ?) LIMIT 2",
                                [article_id]).fetchall()
        if len(rows) != 1:
            return None
        cols = [d[0] for d in self.con.description]
        return dict(zip(cols, rows[0], strict=True))

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def summary(self) -> dict:
        """Counts for a run summary: articles, merged events (and the reports behind them) by
        type and status, top dyads. Every status is counted; `by_status` tells them apart."""
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        merged = self.event_relation(True)
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "events": one(f"SELECT count(*) FROM {merged} AS e"),
            "reports": one("SELECT count(*) FROM events"),
            "events_hidden": one("SELECT count(*) FROM event_records")
            - one("SELECT count(*) FROM events"),
            "min_confidence": self.min_confidence,
            "quotes": one("SELECT count(*) FROM quotes"),
            "by_type": self.con.execute(
                f"SELECT plover_type, count(*) n FROM {merged} AS e "
                "GROUP BY 1 ORDER BY n DESC, 1").fetchall(),
            "by_status": self.con.execute(
                f"SELECT status, count(*) n FROM {merged} AS e "
                "GROUP BY 1 ORDER BY n DESC, 1").fetchall(),
            "top_dyads": self.con.execute(
                f"SELECT source_country, target_country, count(*) n FROM {merged} AS e "
                "WHERE source_country <> '' AND target_country <> '' "
                "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10").fetchall(),
        }


def _sql_path(path: str | Path) -> str:
    return str(path).replace("'", "''")
