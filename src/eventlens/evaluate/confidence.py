"""The one confidence threshold every eval scorer applies to the coder's events."""

from __future__ import annotations

from dataclasses import replace

from eventlens.model import ArticleResult, Event


def confident_events(events, min_confidence: float) -> tuple[Event, ...]:
    """The events whose confidence is at least `min_confidence`, in their order."""
    return tuple(e for e in events if e.confidence >= min_confidence)


def confident_result(result: ArticleResult, min_confidence: float) -> ArticleResult:
    """The result with only its events at or above `min_confidence` (mentions and quotes kept:
    they are scored as found whatever the events' confidence)."""
    if min_confidence <= 0:
        return result
    return replace(result, events=confident_events(result.events, min_confidence))
