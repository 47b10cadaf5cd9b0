"""Shared fixtures: the spaCy pipeline and the coder are loaded once per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from eventlens.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def coder():
    from eventlens.registry import get_coder

    return get_coder("linguistic")


@pytest.fixture(scope="session")
def code_text(nlp, coder):
    """Code a text as an article published on a given date; returns the ArticleResult."""
    from eventlens.ingest import article_id
    from eventlens.model import Article
    from eventlens.nlp import parse

    def run(text: str, published: str = "2021-12-15", title: str = ""):
        article = Article(article_id(text), text, dt.date.fromisoformat(published),
                          title=title)
        return coder.code(next(iter(parse([text], nlp=nlp))), article)

    return run


@pytest.fixture(scope="session")
def propose_text(nlp):
    """Like `code_text`, but keeping events with an unresolved side: what the rules found
    as arguments, before the coder drops a source or target it cannot place."""
    from eventlens.ingest import article_id
    from eventlens.model import Article
    from eventlens.nlp import parse
    from eventlens.registry import get_coder

    coder = get_coder("linguistic")
    coder.resolved_only = False

    def run(text: str, published: str = "2021-12-15", title: str = ""):
        article = Article(article_id(text), text, dt.date.fromisoformat(published),
                          title=title)
        return coder.code(next(iter(parse([text], nlp=nlp))), article)

    return run


def event_triples(result) -> set[tuple[str, str, str, str]]:
    """(source code, type, target code or '-', status) of every event in a result."""
    return {(e.source.actor.code, e.plover_type, e.target.actor.code if e.target else "-",
             e.status.value) for e in result.events}


@pytest.fixture(scope="session")
def triples():
    return event_triples


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a user's clone)")
    return SHARED


# Five acts of 2022-2023 written to a store by hand (no model), for the filter tests of every
# face: (source, type, cameo root, quad, target, status, date).
FILTER_ACTS = [
    ("RUS", "CONSULT", "04", 1, "USA", "intended", "2022-01-10"),
    ("RUS", "ASSAULT", "19", 4, "UKR", "asserted", "2022-02-24"),
    ("USA", "SANCTION", "16", 4, "RUS", "asserted", "2022-02-26"),
    ("RUS", "COERCE", "17", 4, "UKR", "asserted", "2022-03-01"),
    ("UKR", "ACCUSE", "11", 3, "RUS", "denied", "2023-05-02"),
]


@pytest.fixture(scope="session")
def filter_acts():
    return list(FILTER_ACTS)


@pytest.fixture(scope="session")
def filter_store(tmp_path_factory) -> Path:
    """A store holding FILTER_ACTS, one article each."""
    from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
    from eventlens.store import open_store

    def result(i: int, act) -> ArticleResult:
        source, plover, root, quad, target, status, day = act
        text = f"{source} did {plover.lower()} to {target}."
        art = Article(f"a{i}", text, dt.date.fromisoformat(day), title=f"act {i}")
        src = Mention(0, 3, source, Actor(source, "GOV"), "country")
        tgt = Mention(len(text) - 4, len(text) - 1, target, Actor(target, "GOV"), "country")
        event = Event(f"a{i}", src, tgt, plover, root, quad, -5.0, Status(status), day, 0,
                      len(text), plover.lower(), coder="test", confidence=0.9)
        return ArticleResult(art, (event,), (), (src, tgt), ((0, len(text)),))

    path = tmp_path_factory.mktemp("filters") / "f.duckdb"
    with open_store(path) as store:
        run = store.begin_run(["x"], coder="test", coder_version="0")
        store.write_results([result(i, a) for i, a in enumerate(FILTER_ACTS)], run_id=run,
                            coder_version="0")
    return path
