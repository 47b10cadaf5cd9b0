"""What every command shares: the consoles, the exit codes, errors and progress on stderr."""

from __future__ import annotations

import sys
import time

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from eventlens.errors import EventlensError

# Not a terminal (a pipe, a log): wide enough that tables stay readable.
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

# Exit codes (docs/reliability.md): 0 done; 1 an unexpected failure (a bug: please report
# it); 2 an eventlens error stopped the command (bad settings, bad filter values, store locked
# or damaged, unknown id); 3 an ingest stored nothing and knew nothing already, and some input
# failed: every path missing, or every file or article refused.
EXIT_ERROR = 2
EXIT_NOTHING_READ = 3


def fail(exc: EventlensError) -> typer.Exit:
    """Print an eventlens error on stderr; the Exit to raise (code 2)."""
    err.print(f"[red]error[/red] {escape(str(exc))}")
    return typer.Exit(code=EXIT_ERROR)


class LineProgress:
    """Progress for a log or a pipe (stderr is not a terminal): one plain line each time a
    task moves on by a tenth of its total (by `every` steps when the total is unknown) or
    after `seconds` without one, with the total and the time left, and one when it ends."""

    def __init__(self, stream=None, *, every: int = 50, seconds: float = 30.0,
                 in_bytes: bool = False) -> None:
        self.stream = stream
        self.every = every
        self.seconds = seconds
        self.in_bytes = in_bytes
        self.tasks: dict[int, dict] = {}

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc) -> None:
        for task in self.tasks.values():
            if exc[0] is None and task["completed"] != task["printed"]:
                self._line(task)

    def add_task(self, description: str, total: float | None = None, **_fields) -> int:
        key = len(self.tasks)
        self.tasks[key] = {"description": description, "total": total, "completed": 0,
                           "printed": 0, "started": time.monotonic(), "unit": ""}
        return key

    def update(self, key: int, *, total: float | None = None, completed: float | None = None,
               description: str | None = None, advance: float | None = None, **_fields) -> None:
        task = self.tasks[key]
        if total is not None:
            task["total"] = total
        if description is not None:
            task["description"] = description
        if completed is not None:
            task["completed"] = completed
        if advance:
            task["completed"] += advance
        self._maybe_print(task)

    def advance(self, key: int, steps: float = 1) -> None:
        self.update(key, advance=steps)

    def _maybe_print(self, task: dict) -> None:
        total = task["total"]
        step = max(1.0, total / 10) if total else self.every
        quiet_for = time.monotonic() - task.get("last_line", task["started"])
        if task["completed"] - task["printed"] >= step or (
                total and task["completed"] >= total > task["printed"]) or (
                quiet_for >= self.seconds and task["completed"] > task["printed"]):
            self._line(task)

    def _line(self, task: dict) -> None:
        task["printed"] = task["completed"]
        task["last_line"] = time.monotonic()
        done, total = task["completed"], task["total"]
        elapsed = time.monotonic() - task["started"]
        amount = _size if self.in_bytes else "{:,.0f}".format
        text = f"{task['description']}: {amount(done)}"
        if total:
            text += f" of {amount(total)} ({min(done / total, 1):.0%})"
            if 0 < done < total:
                text += f", about {_duration(elapsed * (total - done) / done)} left"
        text += f", {_duration(elapsed)} elapsed"
        print(text, file=self.stream or sys.stderr, flush=True)


def _size(size: float) -> str:
    if size < 1e6:
        return f"{size / 1e3:,.0f} kB"
    return f"{size / 1e6:,.1f} MB"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def progress(*, in_bytes: bool = False) -> Progress | LineProgress:
    """A progress display on stderr: a bar with the count (or bytes), total and time left on a
    terminal, else plain lines (LineProgress)."""
    if not err.is_terminal:
        return LineProgress(in_bytes=in_bytes)
    count = DownloadColumn() if in_bytes else MofNCompleteColumn()
    return Progress(TextColumn("{task.description}"), BarColumn(), count,
                    TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=True)
