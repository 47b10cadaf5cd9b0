"""The REST API and dashboard server (FastAPI): `create_app(db_path)` and `serve(...)`."""

from __future__ import annotations


def __getattr__(name: str):
    # FastAPI is imported only when the API is used.
    if name == "create_app":
        from eventlens.api.app import create_app

        return create_app
    if name == "serve":
        from eventlens.api.server import serve

        return serve
    raise AttributeError(f"module 'eventlens.api' has no attribute {name!r}")


__all__ = ["create_app", "serve"]
