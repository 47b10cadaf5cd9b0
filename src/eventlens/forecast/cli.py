"""`eventlens forecast ...`: thin commands over the forecasting library."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventlens.errors import EventlensError, ForecastError

app = typer.Typer(help="Forecast events: temporal knowledge graph benchmarks and dyad forecasts.",
                  no_args_is_help=True, add_completion=False)
console = Console()
err = Console(stderr=True)


class _RichHook:
    """Adapts a Rich progress display to the library's ProgressHook."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = None

    def start(self, phase: str, total: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, visible=False)
        self.task = self.progress.add_task(phase, total=total)

    def advance(self, steps: int = 1) -> None:
        self.progress.advance(self.task, steps)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)


@app.callback()
def forecast() -> None:
    """Forecast events: temporal knowledge graph benchmarks and dyad forecasts."""


def _fail(exc: EventlensError) -> typer.Exit:
    err.print(f"[red]error[/red] {escape(str(exc))}")
    return typer.Exit(code=2)


@app.command()
def bench(
    data_dir: Annotated[Path, typer.Argument(help="Folder with train/valid/test.txt and id files.")],
    split: Annotated[str, typer.Option(help="Evaluate 'test' (fit on train+valid) or 'valid' "
                                            "(fit on train; the split to tune on).")] = "test",
    report: Annotated[Path | None, typer.Option(help="Write the results as JSON here.")] = None,
    seed: Annotated[int, typer.Option(help="Seed of query sampling and of the ranker.")] = 0,
    ties: Annotated[str, typer.Option(help="Tie policy: pessimistic, average or optimistic.")]
    = "pessimistic",
) -> None:
    """Fit the forecaster and report filtered MRR and Hits@1/3/10 on a benchmark split."""
    from eventlens.forecast.bench import run_benchmark

    try:
        with _progress() as progress:
            result = run_benchmark(data_dir, split=split, seed=seed, ties=ties,
                                   progress=_RichHook(progress))
    except EventlensError as exc:
        raise _fail(exc) from exc
    body = result.to_dict()["forecast"]
    table = Table(title=f"{escape(result.dataset)} / {split} — single-step, ties {ties}")
    for column in ("filter", "MRR", "Hits@1", "Hits@3", "Hits@10", "queries"):
        table.add_column(column, justify="left" if column == "filter" else "right")
    for mode in ("time_aware", "static", "raw"):
        row = body[mode]
        table.add_row(mode.replace("_", "-"), *(f"{100 * row[k]:.2f}" for k in
                                               ("mrr", "hits@1", "hits@3", "hits@10")),
                      str(row["n_queries"]))
    console.print(table)
    console.print(f"fit {body['fit_seconds']:.1f}s (cpu {body['fit_cpu_seconds']:.1f}s) on "
                  f"{'+'.join(result.fit_splits)}, predict {body['predict_seconds']:.1f}s "
                  f"(cpu {body['predict_cpu_seconds']:.1f}s), peak memory "
                  f"{body['peak_memory_mb']:.0f} MiB (max RSS), seed {seed}, tie policy {ties}")
    if report is not None:
        report.write_text(json.dumps(result.to_dict(), indent=2) + "\n",
                          encoding="utf-8")
        console.print(f"report written to {escape(str(report))}")


def _date(value: str, name: str, *, end: bool = False):
    """A date as every face reads one (`eventlens.filters.parse_date`): YYYY, YYYY-MM or
    YYYY-MM-DD; with `end`, a year or month stands for its last day."""
    from eventlens.filters import parse_date

    try:
        return parse_date(value, name, end=end)
    except EventlensError as exc:
        raise typer.BadParameter(exc.message) from exc


DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file of the store.",
                                        envvar="EVENTLENS_DB")]


def _open(db: Path):
    """The store at `db`, read-only, its `events` view at the default confidence threshold:
    a forecast counts the events every other face shows."""
    from eventlens.store import open_store

    if not db.exists():
        raise ForecastError("no such database", where=str(db), hint="pass --db FILE")
    return open_store(db, read_only=True)


def _horizon(text: str) -> int:
    """Days in a horizon written as 30, 30d or 4w."""
    match = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text.lower())
    if not match or int(match.group(1)) < 1:
        raise typer.BadParameter(f"--horizon must look like 30, 7d or 2w, got {text!r}")
    return int(match.group(1)) * (7 if match.group(2) == "w" else 1)


def _last_day(con):
    from eventlens.store.event_counts import last_event_date

    day = last_event_date(con)
    if day is None:
        raise ForecastError("the store has no dated events", hint="ingest some news first")
    return day


@app.command()
def dyad(
    source: Annotated[str, typer.Argument(help="Source country or organisation: code (USA) "
                                               "or name (United States).")],
    target: Annotated[str, typer.Argument(help="Target country or organisation: code (CHN) "
                                               "or name (China).")],
    as_of: Annotated[str | None, typer.Option(help="Last known day, YYYY-MM-DD (a year or month: "
                                                    "its last day; default: the store's last "
                                                    "event date).")] = None,
    db: DbOption = Path("eventlens.duckdb"),
    horizon: Annotated[str, typer.Option("--horizon", "--horizon-days",
                                         help="Days ahead: 30, 7d or 2w.")] = "30",
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Probability of at least one SOURCE -> TARGET event per PLOVER type and quad class."""
    from eventlens.filters import actor_code
    from eventlens.forecast.dyad import dyad_codes, forecast_dyad

    horizon_days = _horizon(horizon)
    try:
        with _open(db) as store:
            con = store.con
            day = _date(as_of, "--as-of", end=True) if as_of else _last_day(con)
            # Names resolve as in every filter; a code no knowledge base nor store knows is
            # an error, not a forecast for an actor that does not exist.
            codes = functools.partial(dyad_codes, con)
            source = actor_code(source, name="source", known_codes=codes, required=True)
            target = actor_code(target, name="target", known_codes=codes, required=True)
            result = forecast_dyad(con, source, target, as_of=day, horizon_days=horizon_days)
    except EventlensError as exc:
        raise _fail(exc) from exc
    if json_out:
        console.print_json(json.dumps(result.to_dict()))
        return
    table = Table(title=f"{escape(source)} → {escape(target)}, {horizon_days} days after {day}")
    table.add_column("category")
    table.add_column("P(at least one event)", justify="right")
    for name, p in sorted(result.by_type.items(), key=lambda item: -item[1]):
        table.add_row(escape(name), f"{p:.3f}")
    for quad, p in sorted(result.by_quad.items()):
        table.add_row(f"quad class {quad}", f"{p:.3f}")
    console.print(table)


@app.command()
def backtest(
    start: Annotated[str, typer.Option(help="First cut-off, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option(help="Last cut-off, YYYY-MM-DD.")],
    db: DbOption = Path("eventlens.duckdb"),
    horizon: Annotated[str, typer.Option("--horizon", "--horizon-days",
                                         help="Days ahead: 30, 7d or 2w.")] = "30",
    step_days: Annotated[int, typer.Option(min=1, help="Days between cut-offs.")] = 30,
    report: Annotated[Path | None, typer.Option(help="Write the results as JSON here.")] = None,
) -> None:
    """Brier score and reliability of dyad forecasts against base-rate and persistence."""
    from eventlens.forecast.dyad import backtest as run_backtest

    first, last = _date(start, "--start"), _date(end, "--end", end=True)
    try:
        with _open(db) as store:
            con = store.con
            result = run_backtest(con, start=first, end=last, horizon_days=_horizon(horizon),
                                  step_days=step_days)
    except EventlensError as exc:
        raise _fail(exc) from exc
    table = Table(title=f"{len(result.cutoffs)} cut-offs, {result.predictions} forecasts, "
                        f"{result.positives} with an event")
    table.add_column("forecaster")
    table.add_column("Brier", justify="right")
    for name, value in result.brier.items():
        table.add_row(name, f"{value:.4f}")
    console.print(table)
    reliability = Table(title="reliability of the model")
    for column in ("bin", "forecasts", "mean predicted", "observed"):
        reliability.add_column(column, justify="right")
    for b in result.reliability["model"]:
        reliability.add_row(f"{b.low:.1f}–{b.high:.1f}", str(b.count), f"{b.mean_predicted:.3f}",
                            f"{b.observed:.3f}")
    console.print(reliability)
    if report is not None:
        report.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
