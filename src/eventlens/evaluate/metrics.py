"""The metric functions, kept importable here; they live in `eventlens.metrics` (below coding,
whose cross-validation scores with them)."""

from eventlens.metrics import classification_scores, coverage_prf, prf

__all__ = ["classification_scores", "coverage_prf", "prf"]
