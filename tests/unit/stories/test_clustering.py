"""Near-duplicates and stories from hand-made articles (no spaCy model)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from story_writes import write

from eventlens.stories import get_story, list_stories, story_assignments, update_stories
from eventlens.stories.neardup import sketch_articles
from eventlens.stories.settings import DEFAULT_SETTINGS
from eventlens.stories.text import shingle_hashes


def _jaccard(a: str, b: str) -> float:
    sa, sb = set(shingle_hashes(a, 4).tolist()), set(shingle_hashes(b, 4).tolist())
    return len(sa & sb) / len(sa | sb)


def test_minhash_estimates_shingle_jaccard(articles):
    texts = {k: r.article.text for k, r in articles.items()}
    sketches = sketch_articles([(k, dt.date(2021, 12, 15), t) for k, t in texts.items()],
                               DEFAULT_SETTINGS)
    by_name = {s.article_id: s for s in sketches}
    for a, b in (("call", "copy"), ("call", "edit"), ("call", "trade")):
        estimate = np.mean(by_name[a].hashvalues == by_name[b].hashvalues)
        assert abs(estimate - _jaccard(texts[a], texts[b])) < 0.15


def test_shingles_ignore_case_and_spacing():
    assert np.array_equal(shingle_hashes("Putin met  Xi in\nBeijing", 4),
                          shingle_hashes("putin met xi in beijing", 4))


def test_copies_and_light_edits_are_one_story(store, articles):
    ids = write(store, articles["call"], articles["copy"], articles["edit"])
    update = update_stories(store, ids)
    assert update.articles == 3 and update.copy_links >= 1
    placed = story_assignments(store)
    assert len({placed[i] for i in ids}) == 1
    story = get_story(store, placed[ids[0]])
    assert story.article_count == 3 and story.outlet_count == 3
    assert story.copy_count >= 1  # the syndicated copy shares the wire report's copy group
    groups = {a.article_id: a.copy_group for a in story.articles}
    assert groups[ids[0]] == groups[ids[1]]


def test_paraphrase_from_another_outlet_joins_the_story(store, articles):
    ids = write(store, articles["call"], articles["paraphrase"])
    update = update_stories(store, ids)
    assert update.story_links == 1 and update.copy_links == 0
    assert len(set(story_assignments(store).values())) == 1


def test_same_actors_same_day_other_happening_stays_apart(store, articles):
    ids = write(store, articles["call"], articles["copy"], articles["paraphrase"],
                articles["trade"])
    update_stories(store, ids)
    placed = story_assignments(store)
    assert placed[ids[3]] not in {placed[i] for i in ids[:3]}
    assert len(set(placed.values())) == 2


def test_far_apart_in_time_is_another_story(store, articles):
    from story_corpus import coded

    later = coded(articles["paraphrase"].article.text, "2022-01-20",
                  title="Xi backs Putin on NATO guarantees", events=())
    ids = write(store, articles["call"], later)
    update_stories(store, ids)
    assert len(set(story_assignments(store).values())) == 2


def test_incremental_updates_equal_one_batch(tmp_path, articles):
    from eventlens.store import open_store

    order = ["trade", "paraphrase", "edit", "call", "copy"]
    with open_store(tmp_path / "batch.duckdb") as batch:
        write(batch, *(articles[k] for k in order))
        update_stories(batch)
        expected = story_assignments(batch)
        expected_groups = batch.rows("SELECT article_id, dup_group FROM story_articles")
    with open_store(tmp_path / "daily.duckdb") as daily:
        for name in order:  # one article per run, worst order: the first article comes late
            ids = write(daily, articles[name])
            update_stories(daily, ids)
        assert story_assignments(daily) == expected
        groups = daily.rows("SELECT article_id, dup_group FROM story_articles")
        key = lambda r: r["article_id"]  # noqa: E731
        assert sorted(groups, key=key) == sorted(expected_groups, key=key)
        assert daily.con.execute("SELECT count(*) FROM stories").fetchone()[0] == 2


def test_merging_two_stories_reports_the_rename(store, articles):
    ids = write(store, articles["copy"], articles["paraphrase"])
    first = update_stories(store, [ids[0]])
    second = update_stories(store, [ids[1]])
    assert first.new_stories and not second.new_stories
    assert second.grown_stories == first.new_stories
    call = write(store, articles["call"])
    third = update_stories(store, call)
    story = story_assignments(store)[call[0]]
    all_three = (articles[k].article for k in ("copy", "paraphrase", "call"))
    assert story == f"s-{min(a.id for a in all_three)}"  # same day: the smallest id names it
    assert set(story_assignments(store).values()) == {story}
    if story != first.new_stories[0]:
        assert third.merged_stories == {first.new_stories[0]: story}


def test_update_is_idempotent(store, articles):
    ids = write(store, articles["call"], articles["copy"])
    assert update_stories(store, ids).articles == 2
    again = update_stories(store, ids)
    assert again.articles == 0 and again.skipped == 2
    assert update_stories(store).articles == 0
    assert store.con.execute("SELECT count(*) FROM story_signatures").fetchone()[0] == 2
    assert store.con.execute("SELECT count(*) FROM story_lsh_buckets").fetchone()[0] == (
        2 * DEFAULT_SETTINGS.bands)


def test_list_stories_orders_and_filters(store, articles):
    ids = write(store, articles["call"], articles["copy"], articles["trade"])
    update_stories(store, ids)
    listed = list_stories(store)
    assert [s.article_count for s in listed] == [2, 1]
    assert listed[0].headline == "Putin and Xi agree to meet at Beijing Olympics"
    assert listed[0].first_seen == listed[0].last_seen == dt.date(2021, 12, 15)
    assert [s.article_count for s in list_stories(store, min_articles=2)] == [2]
    assert list_stories(store, since=dt.date(2022, 1, 1)) == []
    assert get_story(store, listed[0].story_id[2:8]).story_id == listed[0].story_id
    assert get_story(store, "nope") is None
