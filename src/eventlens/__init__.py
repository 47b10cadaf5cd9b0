"""eventlens: political event data from dated English news."""

__version__ = "0.1.0"


def __getattr__(name: str):
    # `eventlens.open` and `eventlens.read_events` are imported on first use so that
    # `import eventlens` stays instant.
    if name == "open":
        from eventlens.client import open

        return open
    if name == "read_events":
        from eventlens.store.exports import read_events

        return read_events
    raise AttributeError(f"module 'eventlens' has no attribute {name!r}")
