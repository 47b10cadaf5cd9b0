"""eventlens: political event data from dated English news."""

__version__ = "0.1.0"
