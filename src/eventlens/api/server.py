"""Run the API and dashboard with uvicorn: `serve("eventlens.duckdb", "127.0.0.1", 8765)`."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from eventlens.api.scheduler import IngestSchedule


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db_path: str | Path = "eventlens.duckdb", host: str = "127.0.0.1", port: int = 8765,
          *, read_only: bool = True, log_level: str = "info",
          min_confidence: float | None = None, ingest: IngestSchedule | None = None) -> None:
    """Serve the store at `db_path` on http://host:port/ until interrupted.

    Bound to a loopback address, the server answers only requests for a loopback host name
    (a web page elsewhere cannot reach it through DNS rebinding). With `ingest`, the server
    opens the store for writing and ingests those paths on schedule while it serves.

    Raises:
        SchemaError: no store at `db_path`, or it cannot be opened (before anything listens).
    """
    import uvicorn

    from eventlens.api.app import LOOPBACK_HOSTS, create_app

    hosts = [*LOOPBACK_HOSTS, *([host] if host not in LOOPBACK_HOSTS else [])]
    app = create_app(db_path, read_only=read_only, min_confidence=min_confidence, ingest=ingest,
                     allowed_hosts=hosts if is_loopback(host) else None)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
