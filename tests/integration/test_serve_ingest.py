"""Issue 16 item 6: the server is the store's one writer and ingests on a schedule while the
API keeps answering; after the run the API shows the new events.

The parser is spaCy's blank English with a sentencizer and the coder a slow stand-in (one
RUS→UKR ASSAULT per sentence naming Kharkiv), so the ingest lasts long enough to be watched
and no trained model is needed. The articles are JSONL lines written here."""

from __future__ import annotations

import datetime as dt
import json
import time
import warnings

import pytest
import spacy

from eventlens.api.scheduler import IngestSchedule, parse_every
from eventlens.errors import ConfigError
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

NEW_ARTICLES = 24


class SlowKharkivCoder:
    """One ASSAULT by Russia on Ukraine per sentence naming Kharkiv, 0.1 s per article."""

    name, version = "slow-stand-in", "0"

    def code(self, doc, article: Article) -> ArticleResult:
        time.sleep(0.1)
        events, mentions = [], []
        for sent in doc.sents:
            at = sent.text.find("Kharkiv")
            if at < 0:
                continue
            src = Mention(sent.start_char, sent.start_char + 6, "Russia", Actor("RUS", "MIL"),
                          "test")
            start = sent.start_char + at
            tgt = Mention(start, start + 7, "Kharkiv", Actor("UKR"), "test")
            mentions += [src, tgt]
            events.append(Event(article.id, src, tgt, "ASSAULT", "19", 4, -10.0,
                                Status.ASSERTED, article.published.isoformat(), sent.start_char,
                                sent.end_char, "shelled", coder="test"))
        return ArticleResult(article, tuple(events), (), tuple(mentions))


@pytest.fixture
def blank_parser(monkeypatch):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    monkeypatch.setattr("eventlens.nlp.load_pipeline", lambda *a, **k: nlp)
    return nlp


def _seed_store(path) -> None:
    text = "Russia shelled Kharkiv overnight."
    src = Mention(0, 6, "Russia", Actor("RUS", "MIL"), "test")
    tgt = Mention(15, 22, "Kharkiv", Actor("UKR"), "test")
    event = Event("seed000000000001", src, tgt, "ASSAULT", "19", 4, -10.0, Status.ASSERTED,
                  "2022-05-02", 0, len(text), "shelled", coder="test")
    result = ArticleResult(Article("seed000000000001", text, dt.date(2022, 5, 2),
                                   title="Seed"), (event,), (), (src, tgt))
    with open_store(path) as store:
        store.add_results([result], source="seed", coder="test", coder_version="0")


def _write_feed(folder) -> None:
    folder.mkdir()
    lines = [json.dumps({"text": f"Russia shelled Kharkiv again on day {i}. Officials counted "
                                 f"the damage in district {i}.",
                         "published": (dt.date(2022, 6, 1) + dt.timedelta(days=i)).isoformat(),
                         "title": f"Shelling, day {i}"})
             for i in range(NEW_ARTICLES)]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_api_answers_throughout_a_scheduled_ingest_and_then_shows_the_new_events(
        tmp_path, blank_parser):
    from eventlens.api import create_app

    db = tmp_path / "store.duckdb"
    _seed_store(db)
    _write_feed(tmp_path / "feed")
    schedule = IngestSchedule((str(tmp_path / "feed"),), every=3600, coder=SlowKharkivCoder())
    app = create_app(db, ingest=schedule)
    answered_while_running, totals = 0, []
    with TestClient(app) as client:
        deadline = time.monotonic() + 120
        while True:
            status = client.get("/api/ingest").json()
            # every report: the count grows as batches commit (merging waits for the run's end)
            events = client.get("/api/events", params={"dyad": "RUS,UKR", "limit": 5,
                                                       "merged": "false"})
            dyad = client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "freq": "month"})
            summary = client.get("/api/summary")
            assert events.status_code == dyad.status_code == summary.status_code == 200
            totals.append(events.json()["total"])
            if status["running"]:
                answered_while_running += 1
            if status["runs"] >= 1:
                break
            assert time.monotonic() < deadline, "the scheduled ingest did not finish"
            time.sleep(0.05)
        assert status["last_error"] is None and status["last_new_articles"] == NEW_ARTICLES
        assert status["last_events"] == NEW_ARTICLES and status["next_run"]
        assert answered_while_running >= 3
        assert totals[0] == 1 and totals == sorted(totals)  # batches appear as they commit
        after = client.get("/api/events", params={"dyad": "RUS,UKR", "limit": 5,
                                                  "merged": "false"}).json()
        assert after["total"] == 1 + NEW_ARTICLES
        assert after["events"][0]["evidence"] == "Russia shelled Kharkiv again on day 23."
        months = client.get("/api/dyad", params={"a": "RUS", "b": "UKR", "freq": "month",
                                                 "merged": "false"}).json()["periods"]
        assert sum(p["total"] for p in months) == 1 + NEW_ARTICLES
        # merged (the default): the day-to-day reports of one story chain into fewer events,
        # and the timeline counts what the events list counts
        merged = client.get("/api/events", params={"dyad": "RUS,UKR"}).json()["total"]
        months = client.get("/api/dyad", params={"a": "RUS", "b": "UKR",
                                                 "freq": "month"}).json()["periods"]
        assert sum(p["total"] for p in months) == merged <= 1 + NEW_ARTICLES
        assert client.get("/api/summary").json()["articles"] == 1 + NEW_ARTICLES
    # The lifespan stopped the scheduler; once the app lets go of the store, other
    # processes may open it.
    app.state.holder.close()
    with open_store(db, read_only=True) as store:
        assert store.summary()["reports"] == 1 + NEW_ARTICLES


def test_a_second_run_adds_only_what_is_new(tmp_path, blank_parser):
    from eventlens.api import create_app

    db = tmp_path / "store.duckdb"
    _seed_store(db)
    _write_feed(tmp_path / "feed")
    app = create_app(db, ingest=IngestSchedule((str(tmp_path / "feed"),), every=3600,
                                               coder=SlowKharkivCoder()))
    holder = app.state.holder
    holder.ingest.run_once()
    first = holder.generation
    holder.ingest.run_once()  # the same files again: nothing new, the run is still recorded
    assert holder.generation == first + 1
    assert holder.ingest.status.last_new_articles == 0 and holder.ingest.status.runs == 2
    with TestClient(app) as client:
        assert client.get("/api/events", params={"merged": "false"}).json()["total"] \
            == 1 + NEW_ARTICLES


def test_every_reads_durations():
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("1h") == 3600
    assert parse_every("90") == 90 and parse_every("1.5h") == 5400
    for bad in ("", "soon", "-5m", "0s", "15 minutes"):
        with pytest.raises(ConfigError):
            parse_every(bad)


def test_serve_refuses_a_bad_schedule_before_listening(tmp_path):
    from typer.testing import CliRunner

    from eventlens.cli import app as cli

    _seed_store(tmp_path / "store.duckdb")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "store.duckdb"),
                                      "--ingest", str(tmp_path), "--every", "soon"])
    assert result.exit_code == 2
    assert "--every must be a duration" in result.output
