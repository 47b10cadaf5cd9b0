"""A small hand-made store for the analysis tests (no spaCy model)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.store import open_store

TYPES = {"ASSAULT": ("19", 4, -10.0), "ACCUSE": ("11", 3, -2.0), "CONSULT": ("04", 1, 1.0),
         "AID": ("07", 2, 7.0), "SANCTION": ("16", 4, -4.0)}


def make_result(aid: str, published: str, sentences: list[tuple]) -> ArticleResult:
    """One article of sentences `(source, src_actor, type, target, tgt_actor, status, date)`,
    each written as 'Source <type-verb> target.'."""
    text, events, mentions = "", [], []
    for src_text, src_actor, ptype, tgt_text, tgt_actor, status, date in sentences:
        start = len(text)
        sentence = f"{src_text} {ptype.lower()}ed {tgt_text} in the capital."
        text += sentence + " "
        src = Mention(start, start + len(src_text), src_text, src_actor, "test")
        t_at = start + len(src_text) + len(ptype) + 4
        tgt = Mention(t_at, t_at + len(tgt_text), tgt_text, tgt_actor, "test")
        cameo, quad, intensity = TYPES[ptype]
        events.append(Event(aid, src, tgt, ptype, cameo, quad, intensity, status, date, start,
                            start + len(sentence), ptype.lower(), coder="test"))
        mentions += [src, tgt]
    art = Article(aid, text.strip(), dt.date.fromisoformat(published), title=f"Title {aid}")
    return ArticleResult(art, tuple(events), (), tuple(mentions))


RUS, UKR, USA = Actor("RUS", "GOV"), Actor("UKR", "GOV"), Actor("USA", "GOV")
A, D = Status.ASSERTED, Status.DENIED

RESULTS = [
    make_result("a1", "2022-02-24", [("Moscow", Actor("RUS", "MIL"), "ASSAULT", "Kyiv", UKR, A,
                                      "2022-02-24"),
                                     ("Kyiv", UKR, "ACCUSE", "Moscow", RUS, A, "2022-02-24")]),
    make_result("a2", "2022-02-25", [("Moscow", RUS, "ASSAULT", "Kyiv", UKR, A, "2022-02-25"),
                                     ("Moscow", RUS, "ASSAULT", "Lviv", Actor("UKR"), D,
                                      "2022-02-25")]),
    make_result("a3", "2022-03-10", [("Moscow", RUS, "CONSULT", "Kyiv", UKR, A, "2022-03-10"),
                                     ("Washington", USA, "SANCTION", "Moscow", RUS, A,
                                      "2022-03-10"),
                                     ("Washington", USA, "AID", "Kyiv", UKR, A, "2022-03-11")]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "a.duckdb"
    with open_store(path) as s:
        s.add_results(RESULTS, source="hand-made", coder="test", coder_version="0")
    with open_store(path, read_only=True) as s:
        yield s
