"""The embedded store: one DuckDB file with a versioned schema."""

from eventlens.store.duckdb_store import EventFilter, Store, open_store

__all__ = ["EventFilter", "Store", "open_store"]
