"""The command line: each command parses arguments, calls the library and prints the result."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import psutil
import typer
from rich.markup import escape
from rich.table import Table

from eventlens import filters
from eventlens.commands.claims import claim_show, claims_list

# EXIT_ERROR is imported by callers of this module with the other exit code
from eventlens.commands.common import EXIT_ERROR, EXIT_NOTHING_READ, console, err  # noqa: F401
from eventlens.commands.common import fail as _fail
from eventlens.commands.common import progress as _progress
from eventlens.commands.train import classify, train_app
from eventlens.errors import EventlensError, FilterError

app = typer.Typer(help="eventlens: political event data from dated English news.",
                  no_args_is_help=True, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


def _print_version(value: bool) -> None:
    if value:
        from eventlens import __version__

        console.print(f"eventlens {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="Print the version and exit.")] = False) -> None:
    """eventlens: political event data from dated English news."""

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file of the store.",
                                        envvar="EVENTLENS_DB")]
DEFAULT_DB = Path("eventlens.duckdb")


SHOWN_ERRORS = 20


# Control characters (C0 but newline and tab, DEL, C1) and the bidirectional overrides: ingested
# text must not move the cursor, recolour or retitle the terminal, or reorder what is shown.
_UNPRINTABLE = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _safe(text) -> str:
    """Stored text made fit for the terminal: control characters dropped, markup escaped."""
    return escape(str(text if text is not None else "").translate(_UNPRINTABLE))


def _date(value: str | None, name: str, *, end: bool = False) -> dt.date | None:
    try:
        return filters.parse_date(value, name, end=end)
    except FilterError as exc:
        raise typer.BadParameter(exc.message) from exc


EVENT_FORMATS = ("table", "csv", "tsv", "jsonl", "json", "parquet")


def _check_choice(name: str, value: str, accepted: tuple[str, ...]) -> None:
    """An option with a fixed set of values: an unknown one is an error naming them all."""
    if value not in accepted:
        near = filters.nearest(value, accepted)
        raise FilterError(f"unknown {name} {value!r}",
                          hint=(f"did you mean {near!r}? " if near else "")
                          + f"use one of {', '.join(accepted)}")


def _filter_values(*, source, target, type_, status, since, until) -> dict:
    """The event filters as the store takes them, each parsed by `eventlens.filters` (the
    parser every face shares): names resolved to codes, CAMEO codes to PLOVER types, a year
    or month `--until` to its last day."""
    first, last = filters.date_range(since, until, names=("--since", "--until"))
    types = filters.event_types(type_, name="--type")
    return {"source": filters.actor_code(source, name="--source"),
            "target": filters.actor_code(target, name="--target"),
            "plover_type": _one_or_all(types),
            "status": filters.parse_status(status, name="--status"),
            "since": first, "until": last}


def _one_or_all(types: tuple[str, ...] | None):
    return types[0] if types and len(types) == 1 else types


ActorsOption = Annotated[list[Path] | None, typer.Option(
    "--actors", help="A user actor dictionary (TSV/YAML, see docs/actors.md); repeatable.")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="Settings file (default: $EVENTLENS_CONFIG or ./eventlens.toml).")]


MinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Hide events whose calibrated confidence is below this (default: the "
         "`min_confidence` setting; docs/coder.md).")]
AllEventsOption = Annotated[bool, typer.Option(
    "--all", help="Show every stored event, whatever its confidence (--min-confidence 0).")]


def _threshold(min_confidence: float | None, all_events: bool) -> float:
    """The confidence threshold a face applies: --all, else the flag, else the setting."""
    if all_events:
        return 0.0
    return _settings(None, min_confidence=min_confidence).min_confidence


def _settings(config: Path | None, **flags):
    from eventlens.config import load_settings

    return load_settings(config).with_flags(**flags)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs to read.")],
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB file of the store.",
                                            envvar="EVENTLENS_DB")] = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the article text.")] = "text",
    date_field: Annotated[str, typer.Option(help="JSONL field holding the publication date.")]
    = "published",
    batch_size: Annotated[int | None, typer.Option(min=1, help="Articles per parse/write batch.")]
    = None,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Processes that parse and code in parallel (one spaCy pipeline each); "
                    "with --dask local, the local cluster's worker processes.")] = None,
    dask: Annotated[str | None, typer.Option(
        "--dask", help="Code on a Dask cluster: 'local' (one worker process per core, or "
                       "--workers) or a scheduler address (tcp://HOST:PORT). docs/scale.md")]
    = None,
    out_parquet: Annotated[str | None, typer.Option(
        "--out-parquet", help="After the run, also write the store as Parquet shards by month "
                              "to this folder or fsspec URL (readable as a store: "
                              "--db FOLDER). docs/scale.md")] = None,
) -> None:
    """Read articles, code their events and store them (re-running adds nothing twice)."""
    from eventlens.ingest import IngestOptions, JsonlFields
    from eventlens.pipeline import ingest as run_ingest
    from eventlens.registry import get_coder
    from eventlens.store import open_store

    options = IngestOptions(jsonl_fields=JsonlFields(text=text_field, published=date_field))
    files, missing = _input_files(paths)
    if not files:
        # Nothing to read: say why, and leave the store alone (none is created).
        for error in missing:
            err.print(f"  [yellow]skip[/yellow] {escape(str(error))}", soft_wrap=True)
        given = "the path given names no file" if len(missing) == 1 else \
            f"none of the {len(missing)} paths given names a file"
        err.print(f"[red]error[/red] nothing could be read: {given}")
        raise typer.Exit(code=EXIT_NOTHING_READ)
    try:
        settings = _settings(config, db=db, actor_files=actors, batch_size=batch_size)
        coder = get_coder(settings.coder, actor_files=settings.actor_files)
        with _coding_engine(settings, coder, workers=workers, dask=dask) as (engine, per_batch), \
                open_store(settings.db, memory_limit=settings.db_memory_limit,
                           temp_directory=settings.db_temp_directory) as store, \
                _progress(in_bytes=True) as progress:
            tracker = _IngestProgress(progress, files)
            summary = run_ingest(paths, store, options=options, batch_size=per_batch,
                                 coder=coder, parallel=engine, progress=tracker.stored,
                                 on_file=tracker.reading)
            tracker.done()
        _print_run(summary)
        if out_parquet:
            _write_shards(settings.db, out_parquet, new_ids=summary.new_ids)
        with open_store(settings.db, read_only=True) as store:
            _print_summary(store.summary())
    except EventlensError as exc:
        raise _fail(exc) from exc
    if summary.errors and summary.new == 0 and summary.duplicates == 0:
        err.print(f"[red]error[/red] nothing could be read: {len(summary.errors)} of the inputs "
                  f"failed (see `eventlens errors {summary.run_id}`)")
        raise typer.Exit(code=EXIT_NOTHING_READ)


@contextlib.contextmanager
def _coding_engine(settings, coder, *, workers: int | None, dask: str | None):
    """The engine an ingest codes with (None: in this process) and the articles per batch."""
    if dask:
        from eventlens import cluster

        client, local = cluster.connect(dask, workers=workers)
        try:
            engine = cluster.DaskCoder(client, coder_name=settings.coder,
                                       actor_files=settings.actor_files,
                                       coder_version=coder.version)
            threads = sum(client.nthreads().values())
            where = "a local cluster" if local is not None else dask
            console.print(f"coding on {escape(where)}: {len(client.nthreads())} workers, "
                          f"{threads} threads")
            try:
                yield engine, settings.batch_size
            finally:
                engine.close()
        finally:
            cluster.close(client, local)
        return
    if workers and workers > 1:
        from eventlens.pipeline import ParallelCoder

        parallel = ParallelCoder(workers, coder_name=settings.coder,
                                 actor_files=settings.actor_files)
        try:
            yield parallel, settings.batch_size * workers
        finally:
            parallel.close()
        return
    yield None, settings.batch_size


def _write_shards(db: Path, folder: str, *, new_ids: list[str] | None = None,
                  months: list[str] | None = None) -> None:
    """Write the store at `db` as Parquet shards: after an ingest into a folder that has
    shards already, only the months of its new articles (and the story and run tables)."""
    from eventlens.store import open_store
    from eventlens.store.shards import article_months, is_shard_folder, write_shards

    with open_store(db, read_only=True) as store:
        if new_ids is not None and is_shard_folder(folder):
            months = article_months(store, new_ids)
        written = write_shards(store, folder, months=months)
    console.print(f"wrote {written.files} Parquet shards ({written.rows:,} rows; "
                  f"{len(written.months)} months of articles) to {escape(folder)}")


@app.command("export-shards")
def export_shards(
    folder: Annotated[str, typer.Argument(help="Folder or fsspec URL (s3://bucket/events) to "
                                               "write the shards to.")],
    db: DbOption = DEFAULT_DB,
    month: Annotated[list[str] | None, typer.Option(
        "--month", help="Write only this month (YYYY-MM) of articles, events, quotes and "
                        "mentions; repeatable (default: every month).")] = None,
) -> None:
    """Write the store as Parquet shards by month, queryable in place (--db FOLDER)."""
    try:
        _write_shards(db, folder, months=month or None)
    except EventlensError as exc:
        raise _fail(exc) from exc


def _input_files(paths: list[str]) -> tuple[list[Path], list[EventlensError]]:
    """The files `paths` name (counted first, for the progress total) and an error for each
    path that names none."""
    from eventlens.ingest import expand_paths

    files, missing = [], []
    for raw in paths:
        try:
            files.extend(expand_paths([raw]))
        except EventlensError as exc:
            missing.append(exc)
    return files, missing


class _IngestProgress:
    """Ingest progress by bytes of input: the files before the one being read, and how far
    into that one the reader is (its offset, where the system tells it: Linux), so that the
    time left holds for one JSONL or WARC file of thousands of articles as for thousands of
    one-article files. Where the offset is unknown, a file counts once the next is read."""

    def __init__(self, progress, files: list[Path]) -> None:
        self.progress = progress
        self.sizes = {}
        for path in files:
            try:
                self.sizes[str(path)] = path.stat().st_size
            except OSError:
                self.sizes[str(path)] = 0
        self.started = time.monotonic()
        self.read_bytes, self.current, self.articles, self.events, self.errors = 0, 0, 0, 0, 0
        self.current_path, self.shown = "", 0
        self.task = progress.add_task(self._describe(), total=sum(self.sizes.values()) or 1)

    def _describe(self) -> str:
        """Articles so far and their rate, events, and inputs skipped so far (the bar shows
        the bytes read and the time left)."""
        rate = self.articles / max(time.monotonic() - self.started, 1e-9)
        text = f"coding: {self.articles:,} articles ({rate:,.1f}/s), {self.events:,} events"
        return text + (f", {self.errors:,} skipped" if self.errors else "")

    def reading(self, path: Path) -> None:
        self.read_bytes += self.current
        self.current = self.sizes.get(str(path), 0)
        self.current_path = os.path.realpath(path)

    def _offset(self) -> int:
        """Bytes read so far of the file being read, if this process has it open."""
        if not self.current:
            return 0
        try:
            for f in psutil.Process().open_files():
                if f.path == self.current_path:
                    return min(getattr(f, "position", 0), self.current)
        except psutil.Error:
            pass
        return 0

    def stored(self, articles: int, events: int, errors: int = 0) -> None:
        self.articles += articles
        self.events, self.errors = events, errors
        # never backwards: a file closed before the next is opened has no offset for a while
        self.shown = max(self.shown, self.read_bytes + self._offset())
        self.progress.update(self.task, completed=self.shown, description=self._describe())

    def done(self) -> None:
        self.progress.update(self.task, completed=self.read_bytes + self.current,
                             description=self._describe())


def _print_run(summary) -> None:
    console.print(f"run {summary.run_id}: read {summary.read} articles, stored {summary.new} new "
                  f"with {summary.events} event reports, {summary.duplicates} already known, "
                  f"{len(summary.errors)} skipped, in {summary.seconds:.1f}s")
    if summary.same_act_twice:
        console.print(f"  ({summary.same_act_twice} more event records coded were an act an "
                      "article states twice, coded alike: stored once)")
    for line in summary.resumed:
        console.print(f"  resumed: {escape(line)}")
    for reason, count in summary.skipped_by_reason.most_common():
        console.print(f"  skipped {count}: {escape(reason)}")
    for error in summary.errors[:SHOWN_ERRORS]:
        err.print(f"  [yellow]skip[/yellow] {escape(str(error))}", soft_wrap=True)
    if len(summary.errors) > SHOWN_ERRORS:
        err.print(f"  and {len(summary.errors) - SHOWN_ERRORS} more "
                  f"(see `eventlens errors {summary.run_id}`)")


@app.command("errors")
def errors_command(
    run: Annotated[str | None, typer.Argument(help="Run id or a unique prefix (default: the "
                                               "latest run).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Every input an ingest run skipped, with its place and the reason."""
    from eventlens.store import open_store

    try:
        with open_store(db, read_only=True) as store:
            info, rows = store.run_errors(run)
    except EventlensError as exc:
        raise _fail(exc) from exc
    started = f"{info['started_at']:%Y-%m-%d %H:%M:%S}" if info["started_at"] else "?"
    console.print(f"run {info['run_id']} ({info['status']}, started {started}): "
                  f"{len(rows)} skipped")
    if info["status"] == "interrupted":
        console.print(f"  stopped before it finished (killed or crashed) after storing "
                      f"{info['articles_new']} articles with {info['events']} events; the next "
                      f"ingest finishes its work (stories, merged events)")
    for row in rows:
        line = f"[{row['code']}] {row['location'] or ''}: {row['message']}"
        console.print(f"  {escape(line)}", soft_wrap=True)


def _print_summary(s: dict) -> None:
    console.print(f"store: {s['articles']} articles, {s['events']} events, {s['quotes']} quotes")
    # Every event report stored is accounted for: shown, merged into one act with others
    # that state the same act, or hidden below the confidence threshold (still stored).
    reports = s.get("reports")
    if reports is not None and reports != s["events"]:
        console.print(f"  ({reports} event reports shown, merged into {s['events']} events: "
                      f"{reports - s['events']} reports state an act another report states)")
    if s.get("events_hidden"):
        console.print(f"  ({s['events_hidden']} more event reports below confidence "
                      f"{s['min_confidence']:.2f} are stored but hidden; --all shows them)")
    if s["by_type"]:
        console.print("  by type: " + ", ".join(f"{t} {n}" for t, n in s["by_type"]))
        console.print("  by status: " + ", ".join(f"{t} {n}" for t, n in s["by_status"]))
    if s["top_dyads"]:
        console.print("  top dyads: " + ", ".join(f"{a}→{b} {n}" for a, b, n in s["top_dyads"]))


@app.command()
def summary(db: DbOption = DEFAULT_DB, min_confidence: MinConfidenceOption = None,
            all_events: AllEventsOption = False) -> None:
    """Counts of what the store holds: articles, events by type and status, top dyads."""
    from eventlens.store import open_store

    try:
        with open_store(db, read_only=True,
                        min_confidence=_threshold(min_confidence, all_events)) as store:
            _print_summary(store.summary())
    except EventlensError as exc:
        raise _fail(exc) from exc


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    source: Annotated[str | None, typer.Option(help="Source country/organisation or code.")] = None,
    target: Annotated[str | None, typer.Option(help="Target country/organisation or code.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type (ASSAULT) or "
                                              "CAMEO code (19, 190); comma-separated.")] = None,
    status: Annotated[str, typer.Option(help="asserted (the default on every face)|intended|"
                                        "denied|hypothetical|all")] = "asserted",
    since: Annotated[str | None, typer.Option(help="First event date: YYYY, YYYY-MM or "
                                                   "YYYY-MM-DD (from its first day).")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date: YYYY, YYYY-MM or "
                                                   "YYYY-MM-DD (to its last day).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table|csv|tsv|jsonl|json|parquet")]
    = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="File for csv/jsonl/parquet.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows, in every "
                                              "format (default: 50 in the table, all in files).")]
    = None,
    merged: Annotated[bool, typer.Option("--merged/--raw", help="One row per real-world event "
                                         "(merged across reports, the default) or per report.")]
    = True,
    columns: Annotated[str, typer.Option(help="Export columns: eventlens|plover|gdelt|icews.")]
    = "eventlens",
    min_confidence: MinConfidenceOption = None,
    all_events: AllEventsOption = False,
    location_country: Annotated[str | None, typer.Option(
        help="Where it happened: country code (UKR) or name.")] = None,
    location_adm1: Annotated[str | None, typer.Option(
        help="Where it happened: GeoNames admin1 code (UA.12).")] = None,
    bbox: Annotated[str | None, typer.Option(
        help="Where it happened: min_lon,min_lat,max_lon,max_lat (docs/places.md).")] = None,
) -> None:
    """List or export events, filtered by actors, type, status, dates, place and confidence."""
    from eventlens.store import EventFilter, open_store

    try:
        _check_choice("--format", fmt, EVENT_FORMATS)
        flt = EventFilter(**_filter_values(source=source, target=target, type_=type_,
                                           status=status, since=since, until=until),
                          limit=limit, merged=merged,
                          location_country=filters.place_country(
                              location_country, name="--location-country"),
                          location_adm1=filters.adm1_code(location_adm1, name="--location-adm1"),
                          bbox=filters.parse_bbox(bbox, name="--bbox"))
        with open_store(db, read_only=True,
                        min_confidence=_threshold(min_confidence, all_events)) as store:
            if fmt == "table":
                _events_table(store, EventFilter(**{**_fields(flt), "limit": limit or 50}),
                              merged)
                return
            if fmt == "parquet" and output is None:
                raise typer.BadParameter("--format parquet needs --output FILE")
            target_path = output or Path("/dev/stdout")
            if output is None:
                sys.stdout.flush()
            try:
                count = _export(store, flt, target_path, fmt, columns=columns, merged=merged)
            except Exception as exc:
                # DuckDB writing to a closed pipe (`| head`) says so in its own exception
                if output is None and "Broken pipe" in str(exc):
                    raise BrokenPipeError(str(exc)) from exc
                raise
            if output is not None:
                err.print(f"wrote {count} events to {output}")
    except EventlensError as exc:
        raise _fail(exc) from exc


def _fields(flt) -> dict:
    return {name: getattr(flt, name) for name in flt.__dataclass_fields__}


def _export(store, flt, path: Path, fmt: str, *, columns: str, merged: bool) -> int:
    """Merged events (or every report: `flt.merged`) in any column set."""
    from eventlens.store.exports import export

    return export(store, flt, path, fmt, columns=columns)


def _events_table(store, flt, merged: bool) -> None:
    cur = store.events(flt)
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    table = Table(show_lines=False, expand=True)
    for name in ("date", "source", "type", "target", "status", "reports" if merged else "article"):
        table.add_column(name, no_wrap=True, max_width=18)
    table.add_column("evidence", overflow="fold", ratio=1, min_width=30)
    for row in rows:
        r = dict(zip(cols, row, strict=True))
        table.add_row(*map(_safe, (
            r["date_text"], r["source_code"] or f"({r['source_text']})", r["plover_type"],
            r["target_code"] or (r["target_text"] or "-"), r["status"],
            str(r["report_count"]) if merged else r["article_id"][:8],
            _clip(r["evidence"], 100))))
    console.print(table)
    console.print(f"{len(rows)} {'merged ' if merged else ''}events shown")


def _clip(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def show(article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
         db: DbOption = DEFAULT_DB, min_confidence: MinConfidenceOption = None,
         all_events: AllEventsOption = False) -> None:
    """An article with its events (and their confidence), quotes and evidence marked."""
    from eventlens.store import open_store

    try:
        with open_store(db, read_only=True,
                        min_confidence=_threshold(min_confidence, all_events)) as store:
            article = store.article(article_id)
            if article is None:
                raise EventlensError(f"no article with id {article_id!r} (or the prefix is "
                                     "not unique)", hint="list ids with `eventlens events`")
            evs = store.rows("SELECT * FROM events WHERE article_id = ? ORDER BY evidence_start",
                             [article["id"]])
            quotes = store.rows("SELECT * FROM quotes WHERE article_id = ? ORDER BY start_char",
                                [article["id"]])
    except EventlensError as exc:
        raise _fail(exc) from exc
    console.print(f"[bold]{_safe(article['title'])}[/bold]  {article['published']}  "
                  f"{_safe(article['id'])}  {_safe(article['url'] or article['origin'])}")
    console.print(_marked_text(article["text"], evs))
    console.print(f"\n[bold]{len(evs)} events[/bold]")
    for e in evs:
        console.print(f"  {_safe(e['date_text'])}  {_safe(e['source_code'] or '?')} "
                      f"[bold]{_safe(e['plover_type'])}[/bold] {_safe(e['target_code'] or '-')}"
                      f"  ({_safe(e['status'])}; {_safe(e['trigger'])}; source by "
                      f"{_safe(e['source_how'])}; "
                      f"confidence {e['confidence'] if e['confidence'] is not None else 1:.2f})"
                      f"  chars {', '.join(f'{a}-{b}' for a, b in _evidence_spans(e))}")
        if e.get("why"):
            console.print(f"    why: {_safe(', '.join(e['why']))}")
        place = place_line(e)
        if place:
            console.print(f"    where: {_safe(place)}")
    console.print(f"\n[bold]{len(quotes)} quotes[/bold]")
    for q in quotes:
        console.print(f"  {_safe(q['speaker'] or '?')} ({_safe(q['actor_code'] or '?')}): "
                      f"“{_safe(_clip(q['text'], 120))}”")


def place_line(event: dict) -> str:
    """Where an event row says it happened, as `show` prints it: "Kharkiv, Kharkiv (UA.07),
    UKR at 49.98, 36.25 (city; by trigger)", the place as written where the gazetteer did
    not know it, or ''."""
    if event.get("location_lat") is None:
        text = event.get("location") or ""
        return f"{text} (not in the gazetteer: no point)" if text else ""
    parts = [event.get("location_name") or ""]
    if event.get("location_adm1_name") and event.get("location_precision") != "adm1":
        parts.append(f"{event['location_adm1_name']} ({event.get('location_adm1') or '?'})")
    parts.append(event.get("location_country") or "")
    return (f"{', '.join(p for p in parts if p)} at {event['location_lat']:.2f}, "
            f"{event['location_lon']:.2f} ({event.get('location_precision')}; by "
            f"{event.get('location_how')})")


def _evidence_spans(event: dict) -> list[tuple[int, int]]:
    """Every sentence an event row rests on: its evidence, then the further ones."""
    more = event.get("more_evidence") or []
    return [(event["evidence_start"], event["evidence_end"]), *((a, b) for a, b in more)]


def _marked_text(text: str, evs: list[dict]) -> str:
    """The article with evidence sentences underlined."""
    spans = sorted({span for e in evs for span in _evidence_spans(e)})
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out.append(_safe(text[pos:start]))
        out.append(f"[underline yellow]{_safe(text[start:end])}[/underline yellow]")
        pos = end
    out.append(_safe(text[pos:]))
    return "".join(out)


@app.command("eval")
def evaluate(
    path: Annotated[Path, typer.Argument(
        help="A gold folder, or a file: PLV TSV, confliBERT cameo_class TSV or cameo_ner BIO "
             "text, WikiEvents or IndiaPoliceEvents JSON lines (told apart by content).")],
    report: Annotated[Path | None, typer.Option(help="Write the scores as JSON here.")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N items.")] = None,
    throughput: Annotated[bool, typer.Option(help="Also time the pipeline against spaCy alone.")]
    = True,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Ignore events below this confidence in every score (default: the "
             "`min_confidence` setting).")] = None,
    config: ConfigOption = None,
) -> None:
    """Score the coder on a gold folder or an evaluation file (see docs/evaluation.md)."""
    from eventlens.evaluate import evaluate_path, render_report

    try:
        threshold = _settings(config, min_confidence=min_confidence).min_confidence
        result = evaluate_path(path, limit=limit, throughput=throughput,
                               min_confidence=threshold)
    except EventlensError as exc:
        raise _fail(exc) from exc
    render_report(result, console)
    if report is not None:
        report.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        err.print(f"wrote {report}")


actors_app = typer.Typer(help="The actor knowledge base.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name, title or phrase: 'Lavrov', 'the Kremlin', "
                                             "'Russian foreign minister'.")],
    date: Annotated[str | None, typer.Option("--date", help="As of YYYY-MM-DD (default today).")]
    = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """How a name resolves on a date, and why: the entries it matches and the actor chosen."""
    from eventlens.actors.lookup import explain
    from eventlens.nlp import load_pipeline

    try:
        settings = _settings(config, actor_files=actors)
        when = _date(date, "--date") or dt.date.today()
        lines = explain(name, when, load_nlp=load_pipeline, actor_files=settings.actor_files)
    except EventlensError as exc:
        raise _fail(exc) from exc
    for line in lines:
        console.print(escape(line))


@app.command("stories")
def stories_list(
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="Stories last seen on or after YYYY-MM-DD.")]
    = None,
    limit: Annotated[int, typer.Option(min=1)] = 30,
    min_articles: Annotated[int, typer.Option(min=1, help="Only stories with this many reports.")]
    = 1,
) -> None:
    """Stories, the most recent and largest first."""
    from eventlens.store import open_store
    from eventlens.stories import list_stories

    try:
        with open_store(db, read_only=True) as store:
            found = list_stories(store, since=_date(since, "--since"), limit=limit,
                                 min_articles=min_articles, with_articles=False)
    except EventlensError as exc:
        raise _fail(exc) from exc
    table = Table("story", "first seen", "last seen", "reports", "outlets", "events", "headline")
    for st in found:
        table.add_row(st.story_id, str(st.first_seen), str(st.last_seen), str(st.article_count),
                      str(st.outlet_count), str(st.event_count), escape(_clip(st.headline, 70)))
    console.print(table)


@app.command("story")
def stories_show(story_id: Annotated[str, typer.Argument(help="Story id or a unique prefix.")],
                 db: DbOption = DEFAULT_DB) -> None:
    """One story: its reports and the merged events they support."""
    from eventlens.store import EventFilter, open_store
    from eventlens.stories import get_story, merged_events

    try:
        with open_store(db, read_only=True) as store:
            story = get_story(store, story_id)
            if story is None:
                raise EventlensError(f"no story {story_id!r}", hint="see `eventlens stories`")
            cur = merged_events(store, EventFilter())
            cols = [d[0] for d in cur.description]
            evs = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    except EventlensError as exc:
        raise _fail(exc) from exc
    console.print(f"[bold]{escape(story.headline)}[/bold]  {story.story_id}  "
                  f"{story.first_seen} → {story.last_seen}")
    for art in story.articles:
        console.print(f"  {art.published}  {art.article_id[:12]}  {escape(art.outlet or '-')}  "
                      f"{escape(art.title)}")
    mine = [e for e in evs if story.story_id in (e.get("story_ids") or [e.get("story_id")])]
    console.print(f"\n[bold]{len(mine)} merged events[/bold]")
    for e in mine:
        console.print(f"  {e['date_text']}  {e['source_code'] or '?'} [bold]{e['plover_type']}"
                      f"[/bold] {e['target_code'] or '-'}  ({e['status']}; {e['mention_count']} "
                      f"reports, confidence {e['confidence']:.2f})")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    min_confidence: MinConfidenceOption = None,
    all_events: AllEventsOption = False,
    ingest: Annotated[list[str] | None, typer.Option(
        "--ingest", help="Also ingest these files, folders, globs or feed files on a schedule "
                         "(repeatable): the server is then the store's one writer.")] = None,
    every: Annotated[str, typer.Option(help="How often to ingest: 30s, 15m, 1h.")] = "15m",
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the REST API and the dashboard over the store (read-only unless --ingest)."""
    from eventlens.api.scheduler import IngestSchedule, parse_every
    from eventlens.api.server import serve as run_server

    try:
        schedule = None
        if ingest:
            settings = _settings(config, actor_files=actors)
            schedule = IngestSchedule(tuple(ingest), parse_every(every),
                                      coder_name=settings.coder,
                                      actor_files=tuple(settings.actor_files))
            console.print(f"ingesting {', '.join(escape(p) for p in ingest)} every {every}")
        console.print(f"dashboard: http://{host}:{port}/   API: http://{host}:{port}/api   "
                      f"OpenAPI: http://{host}:{port}/openapi.json")
        run_server(db, host=host, port=port, ingest=schedule,
                   min_confidence=_threshold(min_confidence, all_events))
    except EventlensError as exc:
        raise _fail(exc) from exc


def _forecast_app():
    from eventlens.forecast.cli import app as forecast_app

    return forecast_app


app.add_typer(_forecast_app(), name="forecast")

app.add_typer(train_app, name="train")
app.command()(classify)
app.command("claims")(claims_list)
app.command("claim")(claim_show)


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do; point stdout
        # at devnull so that flushing it at exit does not raise again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)


if __name__ == "__main__":
    main()
