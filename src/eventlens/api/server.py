"""Run the API and dashboard with uvicorn: `serve("eventlens.duckdb", "127.0.0.1", 8000)`."""

from __future__ import annotations

from pathlib import Path


def serve(db_path: str | Path = "eventlens.duckdb", host: str = "127.0.0.1", port: int = 8000,
          *, read_only: bool = True, log_level: str = "info",
          min_confidence: float | None = None) -> None:
    """Serve the store at `db_path` on http://host:port/ until interrupted.

    Raises:
        SchemaError: no store at `db_path`, or it cannot be opened (before anything listens).
    """
    import uvicorn

    from eventlens.api.app import create_app

    app = create_app(db_path, read_only=read_only, min_confidence=min_confidence)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
