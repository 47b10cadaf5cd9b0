"""Issue 16 item 4: story grouping is one transaction a crash cannot half-do, and the next
call finishes what an interrupted one left (unplaced articles, stale merge keys)."""

from __future__ import annotations

import pytest
from story_writes import write

import eventlens.stories.update as update_module
from eventlens.store import EventFilter
from eventlens.stories import merged_events, update_stories

STORY_TABLES = ("story_signatures", "story_lsh_buckets", "story_terms", "story_term_df",
                "story_links", "story_articles", "stories", "story_event_keys")


class Killed(BaseException):
    """Stands in for the process dying at a pause point (not an Exception: nothing may
    catch it on the way out)."""


def _story_state(store) -> dict:
    state = {t: sorted(map(repr, store.con.execute(f"SELECT * EXCLUDE (updated_at) FROM {t}"
                                                   if t == "stories" else f"SELECT * FROM {t}")
                           .fetchall())) for t in STORY_TABLES}
    state["merged"] = len(merged_events(store, EventFilter()).fetchall())
    return state


@pytest.mark.parametrize("point", ["stories.begun", "stories.sketched", "stories.linked",
                                   "stories.assigned", "stories.before-commit"])
def test_a_failure_inside_grouping_leaves_nothing_and_the_next_call_does_it_all(
        store, articles, monkeypatch, point, tmp_path):
    from eventlens.store import open_store

    with open_store(":memory:") as clean:
        write(clean, *articles.values())
        update_stories(clean)
        expected = _story_state(clean)

    write(store, *articles.values())
    empty = _story_state(store)

    def die(name):
        if name == point:
            raise Killed(name)

    monkeypatch.setattr(update_module, "pause_point", die)
    with pytest.raises(Killed):
        update_stories(store)
    assert _story_state(store) == empty  # rolled back, all of it
    monkeypatch.undo()

    done = update_stories(store)  # no ids: every article not yet placed
    assert done.articles == len(articles)
    assert _story_state(store) == expected
    again = update_stories(store)
    assert (again.articles, again.repaired_stories) == (0, ())


def test_stale_merge_keys_and_story_rows_are_recomputed(store, articles):
    write(store, *articles.values())
    update_stories(store)
    before = _story_state(store)
    story = store.con.execute("SELECT story_id FROM story_articles ORDER BY article_id "
                              "LIMIT 1").fetchone()[0]
    store.con.execute("DELETE FROM story_event_keys WHERE story_id = ?", [story])
    store.con.execute("DELETE FROM stories WHERE story_id = ?", [story])
    assert _story_state(store) != before

    repaired = update_stories(store)
    assert repaired.repaired_stories == (story,) and repaired.articles == 0
    assert _story_state(store) == before
