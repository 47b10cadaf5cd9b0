"""Read-only analyses over a store: event queries, dyad timelines, actors, networks, search.

Plain functions that take a `Store` (anything with a DuckDB connection in `.con`) and return
frozen dataclasses; the Python API (`eventlens.open`), the REST API and the dashboard call them.
"""

from eventlens.analysis.actors import (
    ActorSummary,
    Network,
    NetworkEdge,
    NetworkNode,
    actor_list,
    actor_network,
)
from eventlens.analysis.articles import ArticleView, MentionRecord, QuoteRecord, article_view
from eventlens.analysis.dyads import (
    DyadCube,
    DyadFocus,
    DyadPeriod,
    dyad_timeline,
    focus_range,
    period_end,
    period_start,
)
from eventlens.analysis.events import (
    DEFAULT_STATUS,
    EVENT_COLUMNS,
    FREQUENCIES,
    STATUSES,
    EventQuery,
    EventRecord,
    PeriodCount,
    count_events,
    event_counts,
    events_arrow,
    list_events,
)
from eventlens.analysis.fulltext import EvidenceHit, SearchHit, SearchIndex, search
from eventlens.analysis.overview import Overview, TopDyad, overview

__all__ = [
    "DEFAULT_STATUS", "EVENT_COLUMNS", "FREQUENCIES", "STATUSES", "ActorSummary", "ArticleView",
    "DyadCube", "DyadFocus", "DyadPeriod",
    "EventQuery", "EventRecord", "EvidenceHit", "MentionRecord", "Network", "NetworkEdge",
    "NetworkNode", "Overview", "PeriodCount", "QuoteRecord", "SearchHit", "SearchIndex", "TopDyad",
    "actor_list", "actor_network", "article_view", "count_events", "dyad_timeline", "focus_range",
    "event_counts",
    "events_arrow", "list_events", "overview", "period_end", "period_start", "search",
]
