"""Build coded articles by hand: from short texts, or from a gold folder's records (gold events
standing in for the coder's output), so story tests need no spaCy model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from eventlens.ingest import article_id
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status

PLOVER = yaml.safe_load((Path(__file__).resolve().parents[3] / "src/eventlens/data/plover.yaml")
                        .read_text(encoding="utf-8"))


def actor(code: str) -> Actor:
    country, _, role = (code or "").partition(":")
    return Actor(country.strip().upper(), role.strip().upper())


def coded(text: str, published: str, *, title: str = "", outlet: str = "",
          events: tuple[tuple, ...] = (), confidence: float = 1.0) -> ArticleResult:
    """An article with events given as (source, type, target, status, date[, location]),
    each of that confidence; each event's evidence is the article's first sentence."""
    aid = article_id(text)
    art = Article(aid, text, dt.date.fromisoformat(published), title=title, outlet=outlet)
    end = text.find(". ") + 1 or len(text)
    out, mentions = [], []
    for source, kind, target, status, date, *place in events:
        src = Mention(0, 1, source, actor(source), "test")
        tgt = Mention(1, 2, target, actor(target), "test") if target else None
        info = PLOVER[kind]
        out.append(Event(aid, src, tgt, kind, info["cameo"], info["quad"], info["intensity"],
                         Status(status), date, 0, end, kind.lower(),
                         location=place[0] if place else "", coder="test",
                         confidence=confidence))
        mentions += [m for m in (src, tgt) if m]
    return ArticleResult(art, tuple(out), (), tuple(mentions))


def gold_results(folder: Path) -> tuple[list, dict[str, ArticleResult]]:
    """The folder's `GoldArticle`s and, per gold id, an ArticleResult carrying its gold events
    (evidence located in the text) and its gold entities as mentions."""
    from eventlens.evaluate.gold import read_gold

    gold = read_gold(folder)
    results = {}
    for item in gold:
        art = item.article
        events, mentions = [], []
        for ev in item.record.get("events", []):
            start = max(art.text.find(ev.get("evidence", "")), 0)
            end = start + len(ev.get("evidence", ""))
            src = Mention(start, start + 1, ev["source"], actor(ev["source"]), "gold")
            tgt = (Mention(start, start + 1, ev["target"], actor(ev["target"]), "gold")
                   if ev.get("target") else None)
            info = PLOVER[ev["type"]]
            events.append(Event(art.id, src, tgt, ev["type"], info["cameo"], info["quad"],
                                info["intensity"], Status(ev.get("status", "asserted")),
                                ev.get("date", str(art.published)), start, end, "gold",
                                coder="gold", confidence=1.0))
        for ent in item.record.get("entities", []):
            mentions.append(Mention(0, 0, ent["name"], actor(ent["actor"]), "gold"))
        results[item.id] = ArticleResult(art, tuple(events), (), tuple(mentions))
    return gold, results
