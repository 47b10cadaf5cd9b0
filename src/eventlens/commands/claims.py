"""`eventlens claims` and `eventlens claim ID`: the commitments tracker on the command line."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from eventlens.commands.common import console, err, fail
from eventlens.errors import EventlensError, FilterError

CLAIM_FORMATS = ("table", "csv", "jsonl", "json", "parquet")
_UNPRINTABLE = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_STATE_STYLE = {"open": "cyan", "fulfilled": "green", "carried-out": "red",
                "contradicted": "red", "overdue": "yellow", "lapsed": "dim"}

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file of the store.",
                                        envvar="EVENTLENS_DB")]
MinConfidenceOption = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Read claims and outcomes from events at or above this confidence (default: the "
         "`min_confidence` setting).")]
AllOption = Annotated[bool, typer.Option("--all", help="Every stored event, whatever its "
                                                       "confidence (--min-confidence 0).")]


def _safe(text) -> str:
    """Stored text made fit for the terminal: control characters dropped, markup escaped."""
    return escape(str(text if text is not None else "").translate(_UNPRINTABLE))


def _open(db: Path, min_confidence: float | None, all_events: bool):
    import eventlens
    from eventlens.config import load_settings

    threshold = 0.0 if all_events else load_settings(None).with_flags(
        min_confidence=min_confidence).min_confidence
    return eventlens.open(db, min_confidence=threshold)


def claims_list(
    db: DbOption = Path("eventlens.duckdb"),
    actor: Annotated[str | None, typer.Option(help="Claimant or target: country, "
                                                   "organisation, code or name.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Who made the claim.")] = None,
    target: Annotated[str | None, typer.Option(help="Whom the claim is about.")] = None,
    state: Annotated[str | None, typer.Option(help="open|fulfilled|overdue|contradicted|"
                                                   "carried-out|lapsed; comma-separated."
                                              )] = None,
    kind: Annotated[str | None, typer.Option(help="promise|plan|threat|demand|denial; "
                                                  "comma-separated.")] = None,
    since: Annotated[str | None, typer.Option(help="Claims made on or after: YYYY, YYYY-MM "
                                                   "or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Claims made on or before.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table|csv|jsonl|json|parquet")]
    = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="File for csv/jsonl/parquet.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many rows (default: "
                                              "50 in the table, all in files).")] = None,
    min_confidence: MinConfidenceOption = None,
    all_events: AllOption = False,
) -> None:
    """Promises, plans, threats, demands and denials, and what came of them (docs/claims.md)."""
    from eventlens.client import claim_filter, store_codes

    names = {"since": "--since", "until": "--until", "state": "--state", "kind": "--kind",
             "actor": "--actor", "claimant": "--claimant", "target": "--target"}
    try:
        if fmt not in CLAIM_FORMATS:
            raise FilterError(f"unknown --format {fmt!r}",
                              hint=f"use one of {', '.join(CLAIM_FORMATS)}")
        with _open(db, min_confidence, all_events) as database:
            values = dict(actor=actor, claimant=claimant, target=target, state=state,
                          kind=kind, since=since, until=until)
            flt = claim_filter(**values, limit=limit or (50 if fmt == "table" else None),
                               known_codes=lambda: store_codes(database.store),
                               names=names)
            if fmt == "table":
                _claims_table(database, flt)
            else:
                _write(database, flt, fmt, output)
    except EventlensError as exc:
        raise fail(exc) from exc


def _claims_table(database, flt) -> None:
    from eventlens import claims

    rows = claims.claim_rows(database.store, flt)
    counts = claims.claim_counts(database.store, flt)
    table = Table(expand=True)
    for name in ("id", "said", "claimant", "kind", "act", "due by", "state", "settled by"):
        table.add_column(name, no_wrap=True, max_width=24)
    table.add_column("evidence", overflow="fold", ratio=1, min_width=30)
    for c in rows:
        act = f"{c.plover_type} {c.target_code or '-'}"
        settled = (f"{c.outcome_date} ({_safe(c.outcome_why.split(' reported')[0])})"
                   if c.outcome_date else "")
        style = _STATE_STYLE.get(c.state, "")
        table.add_row(c.claim_id[:8], str(c.claim_date), _safe(c.claimant_code), c.kind,
                      _safe(act), str(c.due_by), f"[{style}]{c.state}[/{style}]", settled,
                      _safe(_clip(c.evidence, 110)))
    console.print(table)
    as_of = rows[0].as_of if rows else None
    summary = ", ".join(f"{s} {counts[s]}" for s in claims.STATES if counts.get(s))
    console.print(f"{len(rows)} claims shown" + (f" (as of {as_of})" if as_of else "")
                  + (f"; matching the other filters: {summary}" if summary else ""))


def _write(database, flt, fmt: str, output: Path | None) -> None:
    from eventlens import claims

    if fmt == "parquet" and output is None:
        raise FilterError("--format parquet needs --output FILE")
    if fmt == "json":
        rows = [_jsonable(dataclasses.asdict(r)) for r in claims.claim_rows(database.store, flt)]
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
            err.print(f"wrote {len(rows)} claims to {output}")
        return
    target = output or Path("/dev/stdout")
    if output is None:
        sys.stdout.flush()
    count = claims.export_claims(database.store, str(target), fmt, flt)
    if output is not None:
        err.print(f"wrote {count} claims to {output}")


def _jsonable(row: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def _clip(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def claim_show(
    claim_id: Annotated[str, typer.Argument(help="Claim id (or a unique prefix).")],
    db: DbOption = Path("eventlens.duckdb"),
    min_confidence: MinConfidenceOption = None,
    all_events: AllOption = False,
) -> None:
    """One claim: who said what, by when, the sentence, and what came of it with its sentence."""
    try:
        with _open(db, min_confidence, all_events) as database:
            c = database.claim(claim_id)
            if c is None:
                raise EventlensError(f"no claim with id {claim_id!r} (or the prefix is not "
                                     "unique)", hint="list ids with `eventlens claims`")
    except EventlensError as exc:
        raise fail(exc) from exc
    style = _STATE_STYLE.get(c.state, "")
    console.print(f"[bold]{c.kind}[/bold] by {_safe(c.claimant_code)}: {c.plover_type} "
                  f"{_safe(c.target_code or '-')}   [{style}]{c.state}[/{style}] as of {c.as_of}")
    console.print(f"  claim {c.claim_id}  said {c.claim_date}  confidence {c.confidence:.2f}"
                  f"  reports {c.reports}")
    window = f"{c.due_from} to {c.due_by}" if c.due_from != c.due_by else str(c.due_by)
    console.print(f"  due {window} ({c.due_how}{': ' + _safe(c.due_text) if c.due_text else ''})")
    console.print(f"  article {_safe(c.article_title)} ({c.article_id[:12]}), chars "
                  f"{c.evidence_start}-{c.evidence_end}")
    console.print(f"  “{_safe(' '.join(c.evidence.split()))}”")
    if c.outcome_event_id:
        console.print(f"\n[bold]{c.state}[/bold] on {c.outcome_date}: {_safe(c.outcome_why)}"
                      f" (match confidence {c.outcome_confidence:.2f})")
        console.print(f"  article {_safe(c.outcome_article_title)} "
                      f"({(c.outcome_article_id or '')[:12]}), chars "
                      f"{c.outcome_evidence_start}-{c.outcome_evidence_end}, event "
                      f"{c.outcome_event_id}")
        console.print(f"  “{_safe(' '.join((c.outcome_evidence or '').split()))}”")
    else:
        console.print(f"\n[bold]{c.state}[/bold]: {_safe(c.outcome_why)}")
