"""Coded articles built by hand for the tracker's tests (no spaCy model): each event names the
sentence of the article that states it."""

from __future__ import annotations

import datetime as dt

from eventlens.ingest import article_id
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status

_QUADS = {"CONSULT": 1, "AGREE": 1, "AID": 2, "RETREAT": 2, "CONCEDE": 2, "REQUEST": 1,
          "THREATEN": 3, "ASSAULT": 4, "SANCTION": 3, "COERCE": 4, "MOBILIZE": 4}


def actor(code: str) -> Actor:
    country, _, role = code.partition(":")
    return Actor(country, role)


def coded(published: str, sentences: list[str], events: list[tuple], *,
          outlet: str = "") -> ArticleResult:
    """An article of `sentences`, with events (sentence index, source, type, target, status,
    date[, confidence])."""
    text = " ".join(sentences)
    aid = article_id(text)
    article = Article(aid, text, dt.date.fromisoformat(published), title=sentences[0][:40],
                      outlet=outlet)
    starts, pos = [], 0
    for sentence in sentences:
        starts.append(pos)
        pos += len(sentence) + 1
    out = []
    for index, source, kind, target, status, date, *confidence in events:
        start, end = starts[index], starts[index] + len(sentences[index])
        src = Mention(start, start + 1, source, actor(source), "test")
        tgt = Mention(start + 1, start + 2, target, actor(target), "test") if target else None
        out.append(Event(aid, src, tgt, kind, "01", _QUADS.get(kind, 1), 0.0, Status(status),
                         date, start, end, kind.lower(), coder="test",
                         confidence=confidence[0] if confidence else 0.9))
    return ArticleResult(article, tuple(out), (), ())


# A small world: a plan kept, a denial contradicted, a threat carried out, a demand ignored, a
# promise still open, each with its later report.
PLAN = coded("2022-01-10", [
    "Ruritania and Freedonia will hold talks in Geneva next month, officials said on Monday.",
    "The Ruritanian government has denied that it plans to attack Freedonia."],
    [(0, "RUS:GOV", "CONSULT", "CHN:GOV", "intended", "2022-02"),
     (1, "RUS:GOV", "ASSAULT", "CHN", "denied", "2022-01-10")])
TALKS = coded("2022-02-15", [
    "Russian and Chinese envoys held talks in Geneva on Monday."],
    [(0, "CHN:GOV", "CONSULT", "RUS:GOV", "asserted", "2022-02-14")])
ATTACK = coded("2022-03-01", [
    "Russian forces attacked Chinese border posts on Tuesday."],
    [(0, "RUS:MIL", "ASSAULT", "CHN", "asserted", "2022-03-01")])
THREAT = coded("2022-01-20", [
    "The United States warned Russia on Thursday that it would face severe sanctions."],
    [(0, "USA:GOV", "THREATEN", "RUS:GOV", "asserted", "2022-01-20")])
SANCTIONS = coded("2022-02-23", [
    "The United States imposed sanctions on Russian banks on Tuesday."],
    [(0, "USA:GOV", "SANCTION", "RUS:BUS", "asserted", "2022-02-22")])
DEMAND = coded("2022-04-01", [
    "Freedonia demanded that Ruritania withdraw its troops within 48 hours."],
    [(0, "CHN:GOV", "REQUEST", "RUS:GOV", "asserted", "2022-04-01")])
PROMISE = coded("2022-05-01", [
    "Germany promised to send Ukraine air defence systems."],
    [(0, "DEU:GOV", "AID", "UKR:GOV", "intended", "2022-05-01")])
LATER = coded("2022-05-20", [
    "Officials met in Brussels on Friday to discuss the budget."],
    [(0, "BEL:GOV", "CONSULT", "EU", "asserted", "2022-05-20")])
WORLD = [PLAN, TALKS, ATTACK, THREAT, SANCTIONS, DEMAND, PROMISE, LATER]
