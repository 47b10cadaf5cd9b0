"""The command line: each command parses arguments, calls the library and prints the result."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventlens.errors import EventlensError

app = typer.Typer(help="eventlens: political event data from dated English news.",
                  no_args_is_help=True, add_completion=False)
# Not a terminal (a pipe, a log): wide enough that tables stay readable.
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file of the store.",
                                        envvar="EVENTLENS_DB")]
DEFAULT_DB = Path("eventlens.duckdb")


# Exit codes (docs/reliability.md): 0 done; 1 an unexpected failure (a bug: please report
# it); 2 an eventlens error stopped the command (bad settings, store locked or damaged,
# unknown id); 3 an ingest stored nothing and knew nothing already, and some input failed:
# every path missing, or every file or article refused.
EXIT_ERROR = 2
EXIT_NOTHING_READ = 3
SHOWN_ERRORS = 20


# Control characters (C0 but newline and tab, DEL, C1) and the bidirectional overrides: ingested
# text must not move the cursor, recolour or retitle the terminal, or reorder what is shown.
_UNPRINTABLE = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _safe(text) -> str:
    """Stored text made fit for the terminal: control characters dropped, markup escaped."""
    return escape(str(text if text is not None else "").translate(_UNPRINTABLE))


def _fail(exc: EventlensError) -> typer.Exit:
    err.print(f"[red]error[/red] {escape(str(exc))}")
    return typer.Exit(code=EXIT_ERROR)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{name} must be YYYY-MM-DD, got {value!r}") from exc


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
    workers: Annotated[int, typer.Option(min=1, help="Processes that parse and code in "
                                         "parallel (one spaCy pipeline each).")] = 1,
) -> None:
    """Read articles, code their events and store them (re-running adds nothing twice)."""
    from eventlens.ingest import IngestOptions, JsonlFields
    from eventlens.pipeline import ingest as run_ingest
    from eventlens.registry import get_coder
    from eventlens.store import open_store

    options = IngestOptions(jsonl_fields=JsonlFields(text=text_field, published=date_field))
    try:
        settings = _settings(config, db=db, actor_files=actors, batch_size=batch_size)
        coder = get_coder(settings.coder, actor_files=settings.actor_files)
        parallel = None
        if workers > 1:
            from eventlens.pipeline import ParallelCoder

            parallel = ParallelCoder(workers, coder_name=settings.coder,
                                     actor_files=settings.actor_files)
        try:
            with open_store(settings.db) as store, _progress() as progress:
                task = progress.add_task("coding articles", total=None)
                summary = run_ingest(paths, store, options=options,
                                     batch_size=settings.batch_size * max(1, workers),
                                     coder=coder, parallel=parallel,
                                     progress=lambda n, _e: progress.advance(task, n))
        finally:
            if parallel is not None:
                parallel.close()
        _print_run(summary)
        with open_store(settings.db, read_only=True) as store:
            _print_summary(store.summary())
    except EventlensError as exc:
        raise _fail(exc) from exc
    if summary.errors and summary.new == 0 and summary.duplicates == 0:
        err.print(f"[red]error[/red] nothing could be read: {len(summary.errors)} of the inputs "
                  f"failed (see `eventlens errors {summary.run_id}`)")
        raise typer.Exit(code=EXIT_NOTHING_READ)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)


def _print_run(summary) -> None:
    console.print(f"run {summary.run_id}: read {summary.read} articles, stored {summary.new} new "
                  f"with {summary.events} events, {summary.duplicates} already known, "
                  f"{len(summary.errors)} skipped, in {summary.seconds:.1f}s")
    for line in summary.resumed:
        console.print(f"  resumed: {escape(line)}")
    for reason, count in summary.skipped_by_reason.most_common():
        console.print(f"  skipped {count}: {escape(reason)}")
    for error in summary.errors[:SHOWN_ERRORS]:
        err.print(f"  [yellow]skip[/yellow] {escape(str(error))}")
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
    if s.get("events_hidden"):
        console.print(f"  ({s['events_hidden']} more events below confidence "
                      f"{s['min_confidence']:.2f} are hidden; --all shows them)")
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
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    status: Annotated[str | None, typer.Option(help="asserted|intended|denied|hypothetical")]
    = None,
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table|csv|jsonl|parquet")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="File for csv/jsonl/parquet.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows shown in the table.")] = 50,
    merged: Annotated[bool, typer.Option("--merged/--raw", help="One row per real-world event "
                                         "(merged across reports, the default) or per report.")]
    = True,
    columns: Annotated[str, typer.Option(help="Export columns: eventlens|plover|gdelt|icews.")]
    = "eventlens",
    min_confidence: MinConfidenceOption = None,
    all_events: AllEventsOption = False,
) -> None:
    """List or export events, filtered by actors, type, status, dates and confidence."""
    from eventlens.store import EventFilter, open_store

    flt = EventFilter(source=source, target=target, plover_type=type_, status=status,
                      since=_date(since, "--since"), until=_date(until, "--until"))
    try:
        with open_store(db, read_only=True,
                        min_confidence=_threshold(min_confidence, all_events)) as store:
            if fmt == "table":
                _events_table(store, EventFilter(**{**_fields(flt), "limit": limit}), merged)
                return
            if fmt == "parquet" and output is None:
                raise typer.BadParameter("--format parquet needs --output FILE")
            target_path = output or Path("/dev/stdout")
            if output is None:
                sys.stdout.flush()
            count = _export(store, flt, target_path, fmt, columns=columns, merged=merged)
            if output is not None:
                err.print(f"wrote {count} events to {output}")
    except EventlensError as exc:
        raise _fail(exc) from exc


def _fields(flt) -> dict:
    return {name: getattr(flt, name) for name in flt.__dataclass_fields__}


def _export(store, flt, path: Path, fmt: str, *, columns: str, merged: bool) -> int:
    """Merged events in eventlens' columns, or one row per report in any column set."""
    from eventlens.store.exports import export

    if merged and columns == "eventlens":
        from eventlens.stories import merged_events

        return store.write_relation(merged_events(store, flt).to_arrow_table(), path, fmt)
    return export(store, flt, path, fmt, columns=columns)


def _events_table(store, flt, merged: bool) -> None:
    if merged:
        from eventlens.stories import merged_events

        cur = merged_events(store, flt)
    else:
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
            str(r["mention_count"]) if merged else r["article_id"][:8],
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
    console.print(f"\n[bold]{len(quotes)} quotes[/bold]")
    for q in quotes:
        console.print(f"  {_safe(q['speaker'] or '?')} ({_safe(q['actor_code'] or '?')}): "
                      f"“{_safe(_clip(q['text'], 120))}”")


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

    try:
        settings = _settings(config, actor_files=actors)
        when = _date(date, "--date") or dt.date.today()
        lines = explain(name, when, actor_files=settings.actor_files)
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

train_app = typer.Typer(help="Train the learned parts of the coder.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("plv")
def train_plv(
    path: Annotated[Path, typer.Argument(help="PLV-format TSV to train on.")],
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the "
                                                 "packaged model file).")] = None,
    folds: Annotated[int, typer.Option("--cv", min=0, help="Cross-validation folds (0: none).")]
    = 5,
    seed: Annotated[int, typer.Option(help="Random seed for the folds and the solver.")] = 13,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength.")] = 10.0,
    report: Annotated[Path | None, typer.Option(help="Write the CV scores as JSON here.")]
    = None,
    embeddings: Annotated[bool, typer.Option(
        "--embeddings", help="Train the dyad-given variant that adds sentence-embedding "
        "features (needs the `embeddings` extra); written to its own artefact.")] = False,
    finetune: Annotated[bool, typer.Option(
        "--finetune", help="Fine-tune the sentence encoder for the dyad-given classifier "
        "(needs the `embeddings` extra): one model per seed of the shipped ensemble (13, 14), "
        "about 10 CPU-minutes each, every CV fold too; written to their own artefacts (with "
        "--out, the second beside it as NAME-seed14.pt.gz).")] = False,
) -> None:
    """Train the PLOVER type classifier on a PLV file; report k-fold CV scores first."""
    from eventlens.coding import classifier, training
    from eventlens.evaluate.plv import read_plv

    encoder_name = None
    if finetune:
        _train_finetuned(path, out=out, folds=folds, seed=seed, report=report)
        return
    try:
        items = read_plv(path)
        if embeddings:
            from eventlens.coding import embeddings as emb

            if not emb.available():
                raise EventlensError("--embeddings needs the `embeddings` extra",
                                     hint=emb.INSTALL_HINT)
            encoder_name = emb.ENCODER_NAME
    except EventlensError as exc:
        raise _fail(exc) from exc
    with _progress() as progress:
        task = progress.add_task("parsing", total=len(items))
        docs, examples = training.featurize(items,
                                            progress=lambda n: progress.advance(task, n))
        if embeddings:
            # The variant serves only the dyad-given classifier, which never answers NONE:
            # the clause candidates teach NONE and cost it accuracy (0.767 vs 0.802 CV macro-F1)
            examples = [ex for ex in examples if ex.marked]
            task = progress.add_task("embedding", total=None)
            try:
                examples = training.add_embeddings(items, examples,
                                                   progress=lambda n: progress.advance(task, n))
            except EventlensError as exc:
                raise _fail(exc) from exc
        result: dict = {}
        if folds > 1:
            task = progress.add_task("cross-validating", total=folds)
            # The coder does not use embeddings, so the variant is scored dyad-given only.
            result["cv"] = training.cross_validate(items, docs, examples, folds=folds, seed=seed,
                                                   c=c, end_to_end=not embeddings,
                                                   progress=lambda n: progress.advance(task, n))
    for name in ("dyad_given", "end_to_end"):
        cv = result.get("cv", {}).get(name)
        if cv:
            console.print(f"{folds}-fold CV {name}: accuracy {cv['accuracy']['mean']:.3f} "
                          f"± {cv['accuracy']['std']:.3f}, macro-F1 {cv['macro_f1']['mean']:.3f} "
                          f"± {cv['macro_f1']['std']:.3f}")
    meta = training.training_meta(path, items, seed=seed, c=c, embeddings=encoder_name)
    model = training.fit([ex.feats for ex in examples], [ex.label for ex in examples], c=c,
                         seed=seed, meta=meta)
    if embeddings:
        from eventlens.coding import embeddings as emb

        target = out or emb.packaged_path()
    else:
        target = out or classifier.packaged_path()
    digest = classifier.save_model(model, target)
    console.print(f"wrote {target} ({target.stat().st_size // 1024} KiB, sha256 {digest[:16]}…,"
                  f" {len(model.features)} features)")
    if report is not None:
        report.write_text(json.dumps({**result, "model": meta, "sha256": digest}, indent=2,
                                     sort_keys=True) + "\n", encoding="utf-8")


@train_app.command("scorer")
def train_scorer_command(
    gold: Annotated[list[Path] | None, typer.Option(
        "--gold", help="A gold folder (ANNOTATION.md format) whose `dev` articles to learn "
        "from; its `sealed` articles are only scored. Repeatable.")] = None,
    conflibert_class: Annotated[Path | None, typer.Option(
        help="A ConfliBERT cameo_class TSV (real news, quad class per sentence).")] = None,
    conflibert_ner: Annotated[Path | None, typer.Option(
        help="The matching cameo_ner BIO file (source/target spans).")] = None,
    wikievents: Annotated[Path | None, typer.Option(
        help="WikiEvents JSON lines (real articles with KAIROS events).")] = None,
    classifier_data: Annotated[Path | None, typer.Option(
        help="The type classifier's training file (PLV TSV): its sentences are left out, "
             "since the classifier's probabilities on them are in-sample.")] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write the scorer (default: the "
                                                 "packaged scorer file).")] = None,
    folds: Annotated[int, typer.Option("--cv", min=2, help="Folds for out-of-fold "
                                                            "calibration.")] = 5,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength.")] = 1.0,
    report: Annotated[Path | None, typer.Option(help="Write calibration and scores as JSON "
                                                    "here.")] = None,
) -> None:
    """Train the event scorer: the calibrated probability that a careful coder records each
    proposed event (docs/coder.md). Calibration is fitted out of fold; the default threshold
    is chosen on the out-of-fold dev gold; the sealed split is scored, never learned from."""
    from eventlens.coding.scorer import scorer_path
    from eventlens.evaluate.scorer_training import train_from_files

    target = out or scorer_path()
    with _progress() as progress:
        def tick(description: str, total: int):
            task = progress.add_task(description, total=total)
            return lambda n: progress.advance(task, n)

        try:
            result = train_from_files(list(gold or []), conflibert_class=conflibert_class,
                                      conflibert_ner=conflibert_ner, wikievents=wikievents,
                                      classifier_data=classifier_data, out=target, c=c,
                                      folds=folds, progress=tick)
        except EventlensError as exc:
            raise _fail(exc) from exc
    oof = result["out_of_fold"]
    console.print(f"{oof['n']} proposals, {oof['base_rate']:.0%} right; out-of-fold Brier "
                  f"{oof['brier']:.3f}; default threshold {result['threshold']:.2f}")
    sealed = result.get("sealed")
    if sealed:
        cal = sealed["calibration"]
        console.print(f"sealed split: {cal['n']} proposals, Brier {cal['brier']:.3f}")
        for name in ("all", "at_threshold"):
            if name in sealed:
                s = sealed[name]["lenient"]
                console.print(f"  {name}: lenient P {s['precision']:.3f} R {s['recall']:.3f} "
                              f"F1 {s['f1']:.3f}, strict F1 {sealed[name]['strict']['f1']:.3f}")
    console.print(f"wrote {target} (sha256 {result['sha256'][:16]}…)")
    if report is not None:
        report.write_text(json.dumps(result, indent=2, sort_keys=True, default=float) + "\n",
                          encoding="utf-8")


def _train_finetuned(path: Path, *, out: Path | None, folds: int, seed: int,
                     report: Path | None) -> None:
    """`eventlens train plv --finetune`: k-fold CV of the fine-tuned encoder, then the model
    trained on the whole file."""
    from eventlens.coding import finetuned, training
    from eventlens.evaluate.plv import PLV_LABELS, read_plv

    try:
        items = read_plv(path)
        if not finetuned.available():
            raise EventlensError("--finetune needs the `embeddings` extra",
                                 hint=finetuned.INSTALL_HINT)
    except EventlensError as exc:
        raise _fail(exc) from exc
    # the fold split follows --seed; the models are one per seed of the shipped ensemble
    seeds = finetuned.SEEDS
    epochs = finetuned.DEFAULTS["epochs"]
    result: dict = {}
    models = []
    with _progress() as progress:
        if folds > 1:
            task = progress.add_task("cross-validating (epochs)",
                                     total=folds * epochs * len(seeds))
            result["cv"] = training.cross_validate_finetuned(
                items, folds=folds, seed=seed, model_seeds=seeds,
                progress=lambda n: progress.advance(task, n))
        for model_seed in seeds:
            task = progress.add_task(f"training, seed {model_seed} (epochs)", total=epochs)
            models.append(finetuned.train(
                [(it.sentence, it.source, it.target) for it in items],
                [it.gold for it in items], PLV_LABELS, config={"seed": model_seed},
                progress=lambda n, task=task: progress.advance(task, n)))
    cv = result.get("cv", {}).get("dyad_given_finetuned")
    if cv:
        console.print(f"{folds}-fold CV dyad_given (fine-tuned, seeds {seeds}): accuracy "
                      f"{cv['accuracy']['mean']:.3f} ± {cv['accuracy']['std']:.3f}, macro-F1 "
                      f"{cv['macro_f1']['mean']:.3f} ± {cv['macro_f1']['std']:.3f}")
    digests = {}
    for model_seed, model in zip(seeds, models, strict=True):
        meta = {k: v for k, v in training.training_meta(path, items, seed=model_seed,
                                                        c=0.0).items() if k != "c"}
        target = finetuned.packaged_path(model_seed) if out is None else (
            out if model_seed == seeds[0]
            else out.with_name(out.name.removesuffix(".pt.gz") + f"-seed{model_seed}.pt.gz"))
        data = finetuned.save(model, target, extra_meta=meta)
        digests[target.name] = hashlib.sha256(data).hexdigest()
        console.print(f"wrote {target} ({len(data) // 1024} KiB, sha256 "
                      f"{digests[target.name][:16]}…)")
    if report is not None:
        report.write_text(json.dumps({**result, "model_seeds": list(seeds),
                                      "sha256": digests}, indent=2,
                                     sort_keys=True) + "\n", encoding="utf-8")


@app.command()
def classify(
    sentence: Annotated[str, typer.Argument(help="The sentence; mark spans as <s>…</s> and "
                                                  "<t>…</t>, or give --source/--target.")],
    source: Annotated[str | None, typer.Option(help="Text of the source span.")] = None,
    target: Annotated[str | None, typer.Option(help="Text of the target span.")] = None,
) -> None:
    """The PLOVER type of what SOURCE does to TARGET in SENTENCE (dyad given)."""
    from eventlens.coding.dyad import classify as classify_dyad
    from eventlens.coding.dyad import default_model
    from eventlens.evaluate.plv import marked_spans

    marked = marked_spans(sentence)
    if marked is not None:
        text, src, tgt = marked
    else:
        text = sentence
        src, tgt = _find(text, source, "--source"), _find(text, target, "--target")
    try:
        model = default_model()
        result = classify_dyad(text, src, tgt, model=model)
    except EventlensError as exc:
        raise _fail(exc) from exc
    from eventlens.coding.dyad import is_finetuned

    with_emb = ""
    if model is not None and is_finetuned(model):
        with_emb = "; fine-tuned encoder" + (", ONNX int8" if "onnx" in model.meta["format"]
                                             else "")
    elif model is not None and model.meta.get("embeddings"):
        with_emb = "; with sentence embeddings"
    console.print(f"{result.plover_type} (PLV {result.label}, p={result.score:.2f}; "
                  f"status {result.status}; mode {result.mode or '-'}; frames said "
                  f"{result.rule_type or 'nothing'}{with_emb})")


def _find(text: str, part: str | None, name: str) -> tuple[int, int] | None:
    if part is None:
        return None
    start = text.find(part)
    if start < 0:
        raise typer.BadParameter(f"{name} {part!r} is not in the sentence")
    return start, start + len(part)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
