"""One article with everything extracted from it, ready to show with its spans marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventlens.analysis.events import EventQuery, EventRecord, list_events
from eventlens.store import Store


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    quote_id: str
    article_id: str
    speaker: str | None
    actor_code: str | None
    actor_country: str | None
    text: str | None
    start_char: int | None
    end_char: int | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class MentionRecord:
    article_id: str
    start_char: int | None
    end_char: int | None
    text: str | None
    actor_code: str | None
    country: str | None
    role: str | None
    name: str | None
    how: str | None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article's stored row plus its events (by position), quotes and actor mentions."""

    id: str
    title: str
    url: str
    outlet: str
    published: dt.date
    text: str
    origin: str
    events: tuple[EventRecord, ...]
    quotes: tuple[QuoteRecord, ...]
    mentions: tuple[MentionRecord, ...]


def article_view(store: Store, article_id: str) -> ArticleView | None:
    """The article with this id (or unique id prefix), or None when there is no such article."""
    row = store.article(article_id)
    if row is None:
        return None
    aid = row["id"]
    # Every report of this article, whatever its status; each says which merged event it is.
    events = sorted(list_events(store, EventQuery(article_id=aid, merged=False, status=None)),
                    key=lambda e: (e.evidence_start, e.source_start or 0, e.event_id))
    quotes = [QuoteRecord(*r) for r in store.con.execute(
        "SELECT quote_id, article_id, speaker, actor_code, actor_country, text, start_char, "
        "end_char, kind FROM quotes WHERE article_id = ? ORDER BY start_char", [aid]).fetchall()]
    mentions = [MentionRecord(*r) for r in store.con.execute(
        "SELECT article_id, start_char, end_char, text, actor_code, country, role, name, how "
        "FROM mentions WHERE article_id = ? ORDER BY start_char", [aid]).fetchall()]
    return ArticleView(aid, row.get("title") or "", row.get("url") or "", row.get("outlet") or "",
                       row["published"], row["text"], row.get("origin") or "", tuple(events),
                       tuple(quotes), tuple(mentions))
