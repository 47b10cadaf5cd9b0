"""Issue 16 item 4: an ingest run first finishes what a killed run left — its run record,
and the articles it stored but never placed in a story — even when nothing new arrives.

spaCy's blank English with a sentencizer and a stand-in coder: no trained model needed."""

from __future__ import annotations

import pytest
import spacy

import eventlens.nlp
from eventlens.ingest import read_sources
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.pipeline import code_batch, ingest
from eventlens.store import duckdb_store, open_store

TEXTS = [
    "The foreign ministers of Ruritania and Freedonia met in Geneva on Tuesday and agreed "
    "to resume talks on the border next month, officials of both governments said.",
    "Foreign ministers from Ruritania and Freedonia met in Geneva on Tuesday, agreeing to "
    "resume border talks next month, officials from both governments said.",
    "Floods closed the main railway line in the north after a week of heavy rain, and "
    "engineers expect repairs to take until the end of the month.",
]


class GenevaCoder:
    """One CONSULT event for each sentence naming Geneva."""

    name, version = "stand-in", "0"

    def code(self, doc, article: Article) -> ArticleResult:
        events = []
        for sent in doc.sents:
            found = sent.text.find("Geneva")
            if found >= 0:
                start = sent.start_char + found
                place = Mention(start, start + 6, "Geneva", Actor("CHE"), "test")
                events.append(Event(article.id, place, None, "CONSULT", "04", 1, 1.0,
                                    Status.ASSERTED, article.published.isoformat(),
                                    sent.start_char, sent.end_char, "met", coder="test"))
        return ArticleResult(article, tuple(events), (), ())


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    monkeypatch.setattr(eventlens.nlp, "load_pipeline", lambda *a, **k: nlp)
    out = tmp_path / "news"
    out.mkdir()
    for n, text in enumerate(TEXTS):
        (out / f"{n}.txt").write_text(f" date 2021-12-15 Report {n}\n\n{text}\n")
    return out


def _killed_during_grouping(store, folder) -> str:
    """What kill -9 after the last batch was written and before stories committed leaves."""
    run = store.begin_run([str(folder)], coder="stand-in", coder_version="0")
    articles = [a for a in read_sources([str(folder)]) if isinstance(a, Article)]
    store.write_results(code_batch(articles, coder=GenevaCoder()).results, run_id=run,
                        coder_version="0")
    duckdb_store._RUNS_IN_PROGRESS.discard(run)  # its process is gone
    return run


def _stories(store) -> list[list[str]]:
    rows = store.con.execute("SELECT story_id, list(article_id ORDER BY article_id) "
                             "FROM story_articles GROUP BY 1 ORDER BY 1").fetchall()
    return [ids for _, ids in rows]


def test_a_rerun_with_nothing_new_finishes_the_killed_run(folder, tmp_path):
    with open_store(tmp_path / "reference.duckdb") as reference:
        ingest([folder], reference, coder=GenevaCoder())
        expected = _stories(reference)
    assert sorted(len(s) for s in expected) == [1, 2]  # the Geneva reports are one story

    with open_store(tmp_path / "killed.duckdb") as store:
        killed = _killed_during_grouping(store, folder)
        assert _stories(store) == []
        summary = ingest([folder], store, coder=GenevaCoder())
        assert summary.new == 0 and summary.duplicates == 3  # "0 new", and yet:
        assert _stories(store) == expected
        assert [r["run_id"] for r in summary.interrupted_runs] == [killed]
        assert summary.resumed == [
            f"run {killed} was interrupted after storing 3 articles with 2 events; "
            "marked 'interrupted'",
            "placed 3 articles an earlier run stored into stories"]
        status = dict(store.con.execute("SELECT run_id, status FROM ingest_runs").fetchall())
        assert status == {killed: "interrupted", summary.run_id: "done"}
        assert ingest([folder], store, coder=GenevaCoder()).resumed == []
