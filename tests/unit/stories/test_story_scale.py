"""Story grouping at scale: chunked placement, updates in batches, and the blocked TF-IDF
comparison, each checked against the one-batch, all-pairs way on the story corpus (gold
events standing in for the coder; no spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from story_corpus import coded, gold_results

from eventlens.errors import ConfigError
from eventlens.store import open_store
from eventlens.store.story_candidates import (
    all_pairs_cosine,
    blocked_cosine_pairs,
    blocked_cosine_runs,
    build_lsh_pairs,
    build_term_window,
    drop_lsh_pairs,
    drop_term_window,
    lsh_candidate_pairs,
    window_days,
)
from eventlens.stories import (
    DEFAULT_SETTINGS,
    StorySettings,
    rebuild_stories,
    story_assignments,
    update_stories,
)
from eventlens.stories import update as story_update

CORPUS = Path(__file__).resolve().parents[3] / "examples" / "stories"
pytestmark = pytest.mark.skipif(not (CORPUS / "gold.jsonl").is_file(),
                                reason="examples/stories is absent")


@pytest.fixture(scope="module")
def corpus_results():
    """The story corpus as coded results, in date order."""
    _, results = gold_results(CORPUS)
    return sorted(results.values(), key=lambda r: (r.article.published, r.article.id))


def _state(store) -> dict:
    """Everything story grouping wrote, in a comparable form."""
    def rows(sql: str) -> list:
        return sorted(store.con.execute(sql).fetchall())

    return {
        "stories": story_assignments(store),
        "groups": rows("SELECT article_id, dup_group FROM story_articles"),
        "links": rows("SELECT article_a, article_b, kind, round(score, 4) FROM story_links"),
        "rows": rows("SELECT story_id, first_article, articles, outlets, copies, events "
                     "FROM stories"),
        "keys": rows("SELECT event_id, story_id, merge_key FROM story_event_keys"),
    }


def _placed(results, batches: list[list[int]] | None = None) -> tuple[dict, list]:
    with open_store(":memory:") as store:
        store.add_results(list(results), source="test", coder="test")
        updates = []
        for batch in batches or [list(range(len(results)))]:
            updates.append(update_stories(store, [results[i].article.id for i in batch]))
        return _state(store), updates


def test_chunked_placement_equals_one_chunk(corpus_results, monkeypatch):
    whole, (one,) = _placed(corpus_results)
    assert len(set(whole["stories"].values())) < len(corpus_results)  # stories formed
    monkeypatch.setattr(story_update, "_CHUNK", 7)
    chunked, (many,) = _placed(corpus_results)
    assert chunked == whole
    assert (many.articles, many.copy_links, many.story_links) == (
        one.articles, one.copy_links, one.story_links)
    assert many.new_stories == one.new_stories and not many.grown_stories


def test_two_batches_equal_one_batch(articles, monkeypatch):
    names = ["trade", "paraphrase", "edit", "call", "copy"]
    results = [articles[n] for n in names]
    whole, _ = _placed(results)
    monkeypatch.setattr(story_update, "_CHUNK", 1)
    split, (first, second) = _placed(results, [[0, 3], [1, 2, 4]])
    split.pop("links"), whole.pop("links")  # the links differ: a story is spanned both ways
    assert split == whole
    assert (first.articles, second.articles) == (2, 3)
    assert len(first.new_stories) == 2 and not second.new_stories
    assert len(second.grown_stories) == 1 and second.grown_stories[0] in first.new_stories


def test_a_second_batch_compares_only_its_own_articles(corpus_results):
    """The second update links only pairs with one of its articles, and rebuilding from
    scratch gives the one-batch stories (a link judged with the first batch's term
    frequencies alone may differ, see docs/stories.md)."""
    whole, _ = _placed(corpus_results)
    second = {r.article.id for r in corpus_results[1::2]}
    with open_store(":memory:") as store:
        store.add_results(list(corpus_results), source="test", coder="test")
        update_stories(store, [r.article.id for r in corpus_results[0::2]])
        before = set(store.con.execute("SELECT article_a, article_b FROM story_links")
                     .fetchall())
        update = update_stories(store, sorted(second))
        added = set(store.con.execute("SELECT article_a, article_b FROM story_links")
                    .fetchall()) - before
        assert update.articles == len(second) and update.grown_stories
        assert added and all(a in second or b in second for a, b in added)
        rebuild_stories(store)
        assert _state(store) == whole


def test_second_batch_chunked_reports_what_grew(corpus_results, monkeypatch):
    batches = [list(range(0, len(corpus_results), 2)), list(range(1, len(corpus_results), 2))]
    state, (_, whole) = _placed(corpus_results, batches)
    monkeypatch.setattr(story_update, "_CHUNK", 5)
    chunked_state, (_, chunked) = _placed(corpus_results, batches)
    assert chunked_state == state
    assert whole.grown_stories  # the corpus has stories across the two batches
    assert (chunked.new_stories, chunked.grown_stories, chunked.merged_stories) == (
        whole.new_stories, whole.grown_stories, whole.merged_stories)


def _pairs(store, settings: StorySettings) -> tuple[set, set]:
    con = store.con
    rows = con.execute("SELECT id, published FROM articles ORDER BY published, id").fetchall()
    con.register("_test_pending", pa.table({"article_id": [r[0] for r in rows],
                                            "chunk": pa.array([0] * len(rows), pa.int32())}))
    build_term_window(con, window_days([r[1] for r in rows], settings.story_days),
                      key_terms=settings.key_terms, max_daily=settings.key_max_daily)
    args = {"days": settings.story_days, "min_cosine": settings.candidate_cosine,
            "span": (rows[0][1], rows[-1][1])}
    exact = {(a, b) for a, b, _, _ in all_pairs_cosine(con, "_test_pending", 0, **args)}
    blocked = {(a, b) for a, b, _, _ in blocked_cosine_pairs(
        con, "_test_pending", 0, **args, min_shared=settings.min_shared_keys)}
    drop_term_window(con)
    return exact, blocked


def _shared_keys(store, settings: StorySettings, pairs: set) -> list[int]:
    """How many key terms each pair's two articles share (the term window of the store)."""
    con = store.con
    days = [d for (d,) in con.execute("SELECT DISTINCT published FROM articles").fetchall()]
    build_term_window(con, window_days(days, settings.story_days),
                      key_terms=settings.key_terms, max_daily=settings.key_max_daily)
    keys: dict[str, set] = {}
    for article, term in con.execute("SELECT article_id, term FROM _story_term_keys").fetchall():
        keys.setdefault(article, set()).add(term)
    drop_term_window(con)
    return sorted(len(keys.get(a, set()) & keys.get(b, set())) for a, b in pairs)


def test_blocking_finds_every_pair_all_pairs_finds(corpus_results):
    one_key = StorySettings(min_shared_keys=1)
    with open_store(":memory:") as store:
        store.add_results(list(corpus_results), source="test", coder="test")
        update_stories(store)
        exact, blocked = _pairs(store, one_key)
        assert len(exact) > 30 and blocked == exact
        # one key term per article is too few: the check above can fail
        _, narrow = _pairs(store, StorySettings(key_terms=1, min_shared_keys=1))
        assert narrow < exact


def test_two_shared_key_terms_miss_only_pairs_sharing_one(corpus_results):
    """The default blocking (two shared key terms) misses only the corpus's pairs that share
    a single key term, and links and places every article as blocking on one key term does."""
    with open_store(":memory:") as store:
        store.add_results(list(corpus_results), source="test", coder="test")
        update_stories(store)
        exact, blocked = _pairs(store, DEFAULT_SETTINGS)
        missed = exact - blocked
        assert blocked < exact and len(blocked) > 30
        assert _shared_keys(store, DEFAULT_SETTINGS, missed) == [1] * len(missed)
        assert min(_shared_keys(store, DEFAULT_SETTINGS, blocked)) >= 2
        placed = _state(store)
        rebuild_stories(store, settings=StorySettings(min_shared_keys=1))
        assert _state(store) == placed


def test_a_pair_sharing_one_key_term_is_no_candidate():
    texts = ["Zanzibar ferry capsized near Pemba harbour with passengers aboard.",
             "Zanzibar ferry rescuers pulled passengers from the water.",
             "Zanzibar cricketers celebrated their trophy in Stone Town."]
    results = [coded(t, "2024-03-02") for t in texts]
    ferry = {r.article.id for r in results[:2]}
    with open_store(":memory:") as store:
        store.add_results(results, source="test", coder="test")
        update_stories(store)
        con = store.con
        day = results[0].article.published
        con.register("_test_pending", pa.table({
            "article_id": [r.article.id for r in results],
            "chunk": pa.array([0] * len(results), pa.int32())}))
        build_term_window(con, window_days([day], 1), key_terms=50, max_daily=10)

        def pairs(min_shared: int) -> list[set]:
            rows = blocked_cosine_pairs(con, "_test_pending", 0, days=1, min_cosine=0.0,
                                        span=(day, day), min_shared=min_shared)
            return sorted(({a, b} for a, b, _, _ in rows), key=sorted)

        assert pairs(2) == [ferry]  # zanzibar, ferry and passengers
        assert len(pairs(1)) == 3  # the cricket report shares zanzibar alone with each
        assert pairs(4) == []
        drop_term_window(con)


def test_lsh_pairs_found_once_for_the_call_are_split_by_chunk(corpus_results):
    """The bucket join runs once per call; each chunk then takes its own pairs, so chunks of
    7 find every copy-candidate pair of one chunk, each once and the same way round."""
    ids = [r.article.id for r in corpus_results]

    def pairs(chunk_size: int) -> list[tuple[str, str]]:
        con.register("_test_pending", pa.table({
            "article_id": ids,
            "chunk": pa.array([n // chunk_size for n in range(len(ids))], pa.int32())}))
        build_lsh_pairs(con, "_test_pending")
        found = [p for chunk in range(-(-len(ids) // chunk_size))
                 for p in lsh_candidate_pairs(con, chunk)]
        drop_lsh_pairs(con)
        return found

    with open_store(":memory:") as store:
        store.add_results(list(corpus_results), source="test", coder="test")
        update_stories(store)
        con = store.con
        whole = pairs(len(ids))
        chunked = pairs(7)
        assert len(whole) >= 5 and len(set(chunked)) == len(chunked)
        assert sorted(chunked) == sorted(whole)
        copies = set(con.execute("SELECT article_a, article_b FROM story_links "
                                 "WHERE kind = 'copy'").fetchall())
        assert copies <= set(whole)


def test_min_shared_keys_must_be_positive():
    with pytest.raises(ConfigError):
        StorySettings(min_shared_keys=0)


def test_a_term_too_many_articles_of_a_day_hold_is_no_key():
    texts = ["Zanzibar ferry capsized off Pemba island; rescuers searched the harbour.",
             "Zanzibar harbour authorities counted passengers after the ferry capsized.",
             "Zanzibar fishermen pulled survivors from the water near Pemba."]
    results = [coded(t, "2024-03-02") for t in texts]
    with open_store(":memory:") as store:
        store.add_results(results, source="test", coder="test")
        update_stories(store)
        con = store.con
        days = window_days([results[0].article.published], 0)

        def keys(max_daily: int) -> set:
            build_term_window(con, days, key_terms=50, max_daily=max_daily)
            found = set(con.execute("SELECT term FROM _story_term_keys").fetchall())
            drop_term_window(con)
            return {t for (t,) in found}

        assert "zanzibar" in keys(3)
        assert "zanzibar" not in keys(2) and "pemba" in keys(2)  # pemba: two articles
        assert "pemba" not in keys(1) and "passenger" in keys(1)


def test_each_chunk_weighs_only_its_own_days(corpus_results, monkeypatch):
    """Chunks of 7 build the term window of their own days (a new window only when a chunk
    reaches a day the last one lacks) and give the stories of one chunk with one window."""
    whole, _ = _placed(corpus_results)
    built = []
    real = story_update.build_term_window
    monkeypatch.setattr(story_update, "build_term_window",
                        lambda con, days, **kw: (built.append(days.num_rows),
                                                 real(con, days, **kw)))
    monkeypatch.setattr(story_update, "_CHUNK", 7)
    chunked, _ = _placed(corpus_results)
    assert chunked == whole
    every_day = window_days([r.article.published for r in corpus_results],
                            DEFAULT_SETTINGS.story_days).num_rows
    assert len(built) > 1 and max(built) < every_day


def test_cosines_are_the_dot_products_of_the_term_weights(corpus_results, monkeypatch):
    """The cosine of each candidate pair, summed a run of pairs at a time over sparse rows,
    is the dot product of the two articles' unit TF-IDF vectors; runs of 3 pairs give every
    pair of one run."""
    with open_store(":memory:") as store:
        store.add_results(list(corpus_results), source="test", coder="test")
        update_stories(store)
        con = store.con
        rows = con.execute("SELECT id, published FROM articles ORDER BY published, id").fetchall()
        con.register("_test_pending", pa.table({"article_id": [r[0] for r in rows],
                                                "chunk": pa.array([0] * len(rows), pa.int32())}))
        build_term_window(con, window_days([r[1] for r in rows], 3), key_terms=30,
                          max_daily=200)
        args = {"days": 3, "min_cosine": 0.0, "span": (rows[0][1], rows[-1][1]), "min_shared": 2}
        pairs = blocked_cosine_pairs(con, "_test_pending", 0, **args)
        vectors: dict[str, dict[str, float]] = {}
        for article, term, weight in con.execute(
                "SELECT article_id, term, u FROM _story_term_unit").fetchall():
            vectors.setdefault(article, {})[term] = weight
        monkeypatch.setattr("eventlens.store.story_candidates._SLICE_PAIRS", 3)
        runs = list(blocked_cosine_runs(con, "_test_pending", 0, **args))
        drop_term_window(con)
    assert len(pairs) > 30 and len(runs) > 10
    assert sorted(p for run in runs for p in run) == sorted(pairs)
    for a, b, cosine, _ in pairs:
        expected = sum(w * vectors[b].get(t, 0.0) for t, w in vectors[a].items())
        assert cosine == pytest.approx(expected, abs=1e-12)
        assert a < b  # two pending articles: smaller id first
