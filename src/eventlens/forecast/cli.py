"""`eventlens forecast ...`: thin commands over the forecasting library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventlens.errors import EventlensError

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
    console.print(f"fit {body['fit_seconds']:.1f}s on {'+'.join(result.fit_splits)}, "
                  f"predict {body['predict_seconds']:.1f}s, peak memory "
                  f"{body['peak_memory_mb']:.0f} MiB (max RSS), seed {seed}, tie policy {ties}")
    if report is not None:
        report.write_text(json.dumps(result.to_dict(), indent=2) + "\n",
                          encoding="utf-8")
        console.print(f"report written to {escape(str(report))}")
