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
