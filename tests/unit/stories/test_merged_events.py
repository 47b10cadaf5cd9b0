"""Merged events: counts, sources, confidence, and the raw records kept beside them."""

from __future__ import annotations

import pytest
from story_corpus import coded
from story_writes import write

from eventlens.store import EventFilter
from eventlens.stories import StorySettings, merged_events, update_stories


def _rows(store, flt=None) -> list[dict]:
    cur = merged_events(store, flt or EventFilter())
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _one(rows, source, kind, target, status="asserted"):
    hits = [r for r in rows if (r["source_code"], r["plover_type"], r["target_code"],
                                r["status"]) == (source, kind, target, status)]
    assert len(hits) == 1, hits
    return hits[0]


def test_one_story_many_reports_one_event(store, articles):
    ids = write(store, articles["call"], articles["copy"], articles["edit"],
                articles["paraphrase"])
    update_stories(store, ids)
    raw = store.events(EventFilter(merged=False)).fetchall()
    rows = _rows(store)
    assert len(raw) == 5 + 5 + 4 + 4 and len(rows) == 5
    consult = _one(rows, "RUS:GOV", "CONSULT", "CHN:GOV")
    assert consult["mention_count"] == 3  # call, copy, edit (the paraphrase lacks it)
    assert consult["article_count"] == 3 and consult["source_count"] == 3
    # call and copy are one report syndicated, the edit is a copy too: not all independent
    assert consult["independent_sources"] < consult["article_count"]
    support = _one(rows, "CHN:GOV", "SUPPORT", "RUS:GOV")
    assert support["mention_count"] == 4
    assert sorted(support["article_ids"]) == sorted(ids)
    assert {m["article_id"] for m in support["mentions"]} == set(ids)
    assert all(m["evidence_end"] > m["evidence_start"] for m in support["mentions"])
    intended = _one(rows, "RUS:GOV", "CONSULT", "CHN:GOV", "intended")
    assert intended["date_text"] == "2022-02"


def test_confidence_grows_with_independent_sources(store):
    settings = StorySettings()
    event = (("USA:GOV", "ACCUSE", "IRN:GOV", "asserted", "2023-03-01"),)
    texts = [f"Report {n}: {body}" for n, body in enumerate((
        "The United States accused Iran of supplying drones used against Ukrainian cities, a "
        "State Department spokesman said, citing debris recovered near Kyiv.",
        "Washington on Wednesday charged Tehran with arming Moscow, saying drone wreckage found "
        "in Ukraine showed Iranian parts; Iran rejected the claim.",
        "American officials blamed Iran for the drones hitting Ukraine's power grid and "
        "promised to show evidence to the Security Council."))]
    results = [coded(t, "2023-03-01", events=event, confidence=0.5) for t in texts]
    confidences = []
    for result in results:
        write(store, result)
        update_stories(store, [result.article.id])
        rows = _rows(store, EventFilter(plover_type="ACCUSE"))
        assert len(rows) == 1
        confidences.append(rows[0]["confidence"])
    r = settings.report_reliability * 0.5
    # one report keeps its own (calibrated) confidence; each independent one adds to it
    assert confidences == pytest.approx([r, 1 - (1 - r) ** 2, 1 - (1 - r) ** 3], abs=1e-4)
    assert confidences[0] == pytest.approx(0.5)
    assert rows[0]["independent_sources"] == 3 and rows[0]["story_id"]


def test_copies_do_not_add_confidence(store, articles):
    write(store, articles["call"], articles["copy"])
    update_stories(store)
    support = _one(_rows(store), "CHN:GOV", "SUPPORT", "RUS:GOV")
    assert support["mention_count"] == 2 and support["independent_sources"] == 1
    assert support["confidence"] == pytest.approx(StorySettings().report_reliability)


def test_material_acts_of_other_stories_stay_apart_without_a_common_place(store):
    strike = ("RUS:MIL", "ASSAULT", "UKR", "asserted", "2022-03-01")
    a = coded("Russian forces shelled Kharkiv's central square, killing civilians and "
              "damaging the regional administration building, officials said.", "2022-03-01",
              events=(strike,))
    b = coded("A Russian missile struck the television tower in Kyiv, taking channels off the "
              "air and killing five people nearby, Ukrainian officials said.", "2022-03-01",
              events=(strike,))
    c = coded("Russian troops shelled the city of Kharkiv again in the evening, the mayor "
              "said, as residents sheltered in metro stations.", "2022-03-01",
              events=(strike + ("Kharkiv",),))
    write(store, a, b, c)
    update_stories(store)
    assert len(_rows(store, EventFilter(plover_type="ASSAULT"))) >= 2


def test_raw_events_stay_and_unplaced_articles_count_alone(store, articles):
    write(store, articles["call"], articles["copy"])
    assert len(_rows(store)) == 10  # before update_stories: nothing merged yet
    update_stories(store)
    assert len(_rows(store)) == 5
    assert len(store.events(EventFilter(merged=False)).fetchall()) == 10
    assert len(store.events().fetchall()) == 5  # merged is the default


def test_filters_apply_to_merged_events(store, articles):
    ids = write(store, articles["call"], articles["copy"], articles["trade"])
    update_stories(store, ids)
    assert {r["plover_type"] for r in _rows(store, EventFilter(source="CHN"))} == {
        "CONSULT", "SUPPORT", "COOPERATE"}
    assert len(_rows(store, EventFilter(article_id=ids[2]))) == 1
    assert len(_rows(store, EventFilter(status="intended"))) == 1
    assert len(_rows(store, EventFilter(limit=2))) == 2
