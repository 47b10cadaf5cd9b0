"""Scoring the coder: PLV sentence pairs, annotated gold folders, throughput."""

from eventlens.evaluate.report import evaluate_path, render_report

__all__ = ["evaluate_path", "render_report"]
