"""The store as a folder of Parquet shards by month, which DuckDB queries where it lies.

Layout (hive partitioning; `month` is the month the article was published, `YYYY-MM`):

    events/
      eventlens-shards.json                  the manifest: format, schema version, tables
      articles/month=2021-12/data.parquet    article-keyed tables, one file per month
      event_records/month=2021-12/data.parquet
      quotes/...  mentions/...  story_articles/...  story_event_keys/...  story_links/...
      stories/month=2021-12/data.parquet     by the month of the story's first article
      claims/month=2021-12/data.parquet      by the month of the claim's article
      ingest_runs/data.parquet  ingest_errors/data.parquet  claims_state/data.parquet

`write_shards` writes it from a DuckDB store (the one writer), month by month, each file to a
temporary name first and then moved into place, so that a reader never sees half a file.
`connect_shards` opens it: an in-memory DuckDB connection with the store's schema in which
every table with shards by month is a view over `read_parquet(..., hive_partitioning = true)`
(the small run tables are copied in), so that
every query the store, the analyses, the REST API and the dashboard run works unchanged,
read-only, with no import step. The story index (signatures, LSH buckets, terms) is not
written: it serves adding articles, which only the DuckDB file does.

Paths may be fsspec URLs (`s3://bucket/events`, `gs://...`, `memory://...`): the files are
written through fsspec, and DuckDB reads them through the same filesystem.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from eventlens.errors import SchemaError
from eventlens.store.schema import LATEST_VERSION, MIGRATIONS

MANIFEST = "eventlens-shards.json"
FORMAT = "eventlens-shards/1"
SHARD_FILE = "data.parquet"

_ARTICLE_MONTH = "strftime(a.published, '%Y-%m')"
# table -> (the join from a row `t` to its article `a`, the month (YYYY-MM) of the row)
PARTITIONED: dict[str, tuple[str, str]] = {
    "articles": ("", "strftime(t.published, '%Y-%m')"),
    "event_records": ("JOIN articles a ON a.id = t.article_id", _ARTICLE_MONTH),
    "quotes": ("JOIN articles a ON a.id = t.article_id", _ARTICLE_MONTH),
    "mentions": ("JOIN articles a ON a.id = t.article_id", _ARTICLE_MONTH),
    "story_articles": ("JOIN articles a ON a.id = t.article_id", _ARTICLE_MONTH),
    "story_event_keys": ("JOIN articles a ON a.id = t.article_id", _ARTICLE_MONTH),
    "story_links": ("JOIN articles a ON a.id = t.article_a", _ARTICLE_MONTH),
    "stories": ("JOIN articles a ON a.id = t.first_article", _ARTICLE_MONTH),
    "claims": ("JOIN articles a ON a.id = t.article_id", _ARTICLE_MONTH),
}
WHOLE = ("ingest_runs", "ingest_errors", "claims_state")
# Tables whose rows never change once written (rows are only added with new articles): a
# write limited to some months leaves their other months alone. Story tables change as
# stories grow and merge, so every write rewrites them whole.
APPEND_ONLY = ("articles", "event_records", "quotes", "mentions")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(slots=True)
class ShardsWritten:
    """What `write_shards` wrote."""

    files: int = 0
    rows: int = 0
    months: list[str] = field(default_factory=list)


def _filesystem(folder: str | Path):
    from fsspec.core import url_to_fs

    return url_to_fs(str(folder))


def is_shard_folder(path: str | Path) -> bool:
    """True when `path` (a folder or fsspec URL) holds a shard manifest."""
    text = str(path)
    if "://" not in text and not Path(text).is_dir():
        return False
    try:
        fs, root = _filesystem(text)
        return fs.exists(f"{root.rstrip('/')}/{MANIFEST}")
    except (ImportError, ValueError, OSError):
        return False


def write_shards(store, folder: str | Path, *, months: list[str] | None = None) -> ShardsWritten:
    """Write the store's tables to `folder` as Parquet shards by month (see the module doc).

    `months` limits the append-only tables (articles, events, quotes, mentions) to the months
    given (those of a run's new articles); the story and run tables are rewritten whole. By
    default every month is written, and months the store no longer has are removed.
    """
    for month in months or ():
        _check_month(month)
    fs, root = _filesystem(folder)
    root = root.rstrip("/")
    fs.makedirs(root, exist_ok=True)
    con = store.con
    every = [r[0] for r in con.execute(
        "SELECT DISTINCT strftime(published, '%Y-%m') FROM articles ORDER BY 1").fetchall()]
    wanted = every if months is None else sorted(set(months) & set(every))
    written = ShardsWritten(months=wanted)
    for table, (join, month_sql) in PARTITIONED.items():
        table_months = wanted if table in APPEND_ONLY else every
        for month in table_months:
            query = f"SELECT t.* FROM {table} t {join} WHERE {month_sql} = '{month}'"
            _write_file(con, fs, f"{root}/{table}/month={month}/{SHARD_FILE}", query, written)
        if months is None or table not in APPEND_ONLY:
            _remove_stale(fs, f"{root}/{table}", keep=set(every))
    for table in WHOLE:  # in the order recorded
        _write_file(con, fs, f"{root}/{table}/{SHARD_FILE}",
                    f"SELECT * FROM {table} ORDER BY rowid", written)
    version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    manifest = {"format": FORMAT, "schema_version": int(version),
                "tables": sorted([*PARTITIONED, *WHOLE]), "partitioning": "month"}
    _put_text(fs, f"{root}/{MANIFEST}", json.dumps(manifest, indent=2) + "\n")
    return written


def article_months(store, article_ids: list[str]) -> list[str]:
    """The months (YYYY-MM) in which the articles `article_ids` were published."""
    if not article_ids:
        return []
    rows = store.con.execute("SELECT DISTINCT strftime(published, '%Y-%m') FROM articles "
                             "WHERE list_contains(?, id) ORDER BY 1", [article_ids]).fetchall()
    return [r[0] for r in rows]


def _check_month(month: str) -> None:
    if not _MONTH.match(month or ""):
        raise SchemaError(f"not a month: {month!r}", hint="months are written YYYY-MM")


def _write_file(con, fs, path: str, query: str, written: ShardsWritten) -> None:
    """Stream the rows of `query` into a Parquet file at `path` (moved into place when
    complete); no rows: no file (an earlier one is removed)."""
    import pyarrow.parquet as pq

    reader = con.execute(query).to_arrow_reader(64_000)
    tmp = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    rows = 0
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(tmp, "wb") as out, pq.ParquetWriter(out, reader.schema,
                                                     compression="zstd") as writer:
        for batch in reader:
            rows += batch.num_rows
            writer.write_batch(batch)
    if rows == 0:
        fs.rm(tmp)
        if fs.exists(path):
            fs.rm(path)
        return
    fs.mv(tmp, path)
    written.files += 1
    written.rows += rows


def _remove_stale(fs, table_dir: str, *, keep: set[str]) -> None:
    if not fs.exists(table_dir):
        return
    for entry in fs.ls(table_dir, detail=False):
        name = entry.rstrip("/").rsplit("/", 1)[-1]
        if name.startswith("month=") and name[len("month="):] not in keep:
            fs.rm(entry, recursive=True)


def _put_text(fs, path: str, text: str) -> None:
    tmp = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    with fs.open(tmp, "w", encoding="utf-8") as out:
        out.write(text)
    fs.mv(tmp, path)


def read_manifest(folder: str | Path) -> dict:
    """The shard folder's manifest.

    Raises:
        SchemaError: no manifest, another format, or a schema newer than this eventlens.
    """
    fs, root = _filesystem(folder)
    path = f"{root.rstrip('/')}/{MANIFEST}"
    try:
        with fs.open(path, "r", encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as exc:
        raise SchemaError(f"no shard manifest in {folder}: {exc}",
                          hint="write one with `eventlens export-shards` or ingest "
                               "--out-parquet") from exc
    if manifest.get("format") != FORMAT:
        raise SchemaError(f"{folder} holds {manifest.get('format')!r}, not {FORMAT}")
    if int(manifest.get("schema_version", 0)) > LATEST_VERSION:
        raise SchemaError(f"{folder} has schema version {manifest['schema_version']}, newer "
                          f"than this eventlens ({LATEST_VERSION})", hint="upgrade eventlens")
    return manifest


def connect_shards(folder: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection whose store tables read the shards in `folder`."""
    manifest = read_manifest(folder)
    fs, root = _filesystem(folder)
    root = root.rstrip("/")
    con = duckdb.connect(":memory:")
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    if protocol not in ("file", "local"):
        con.register_filesystem(fs)
        prefix = f"{protocol}://{root}"
    else:
        prefix = root
    # The store's schema, empty, at the manifest's version: tables without shards stay so.
    con.execute("CREATE TABLE schema_version "
                "(version INTEGER, description VARCHAR, applied_at TIMESTAMP)")
    for version, description, sql in MIGRATIONS:
        if version <= int(manifest["schema_version"]):
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, NULL)", [version, description])
    for table in manifest["tables"]:
        partitioned = table in PARTITIONED
        pattern = f"{table}/*/*.parquet" if partitioned else f"{table}/*.parquet"
        if not fs.glob(f"{root}/{pattern}"):
            continue  # no rows: the empty table stays
        _shard_view(con, table, f"{prefix}/{pattern}", partitioned)
    con.execute("SET VARIABLE eventlens_min_confidence = 0.0")
    return con


def _shard_view(con, table: str, pattern: str, partitioned: bool) -> None:
    """Replace the empty `table` by a view over its shards, with the table's columns in
    order (a column older shards lack reads as NULL)."""
    columns = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                          "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    source = (f"read_parquet('{_sql_text(pattern)}', hive_partitioning = "
              f"{'true' if partitioned else 'false'}, union_by_name = true)")
    present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    select = ", ".join(name if name in present else f"CAST(NULL AS {kind}) AS {name}"
                       for name, kind in columns)
    if partitioned:
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS SELECT {select} FROM {source}")
    else:
        # The run tables are small, and read in the order they were recorded (rowid): copied.
        con.execute(f"INSERT INTO {table} SELECT {select} FROM {source}")


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
