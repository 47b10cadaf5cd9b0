"""eventlens: political event data from dated English news."""

__version__ = "0.1.0"


def __getattr__(name: str):
    # `eventlens.open` is imported on first use so that `import eventlens` stays instant.
    if name == "open":
        from eventlens.client import open

        return open
    raise AttributeError(f"module 'eventlens' has no attribute {name!r}")
