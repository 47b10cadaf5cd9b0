"""The run's event count is what the store holds: an act an article states twice and the
coder codes alike (the same event id) is stored once, and the run says how many were.

spaCy's blank English with a sentencizer and a stand-in coder: no trained model needed."""

from __future__ import annotations

import spacy

import eventlens.nlp
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.pipeline import ingest
from eventlens.store import open_store


class TwiceCoder:
    """One CONSULT event per article, given twice (as a coder might for a repeated act)."""

    name, version = "stand-in", "0"

    def code(self, doc, article: Article) -> ArticleResult:
        place = Mention(0, 9, "Ruritania", Actor("RUR", "GOV"), "test")
        event = Event(article.id, place, None, "CONSULT", "04", 1, 1.0, Status.ASSERTED,
                      article.published.isoformat(), 0, len(article.text), "met",
                      coder="test")
        return ArticleResult(article, (event, event), (), ())


def test_an_act_coded_twice_is_stored_once_and_counted_as_such(tmp_path, monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    monkeypatch.setattr(eventlens.nlp, "load_pipeline", lambda *a, **k: nlp)
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f" date 2021-12-15 Report {n}\n\n"
                                         f"Ruritania met Freedonia, report {n} said.\n")
    seen: list[str] = []
    with open_store(tmp_path / "s.duckdb") as store:
        summary = ingest([folder], store, coder=TwiceCoder(), batch_size=2,
                         on_file=lambda path: seen.append(path.name))
        stored = store.con.execute("SELECT count(*) FROM event_records").fetchone()[0]
    assert summary.events == stored == 3
    assert summary.same_act_twice == 3
    assert seen == ["0.txt", "1.txt", "2.txt"]
