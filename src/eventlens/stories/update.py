"""`update_stories`: place newly ingested articles into stories, incrementally."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from eventlens.pausepoints import pause_point
from eventlens.store.story_reads import placements_of, stale_stories, unplaced_articles
from eventlens.store.story_tables import (
    clear_story_tables,
    insert_links,
    insert_placements,
    refresh_stories,
    rename_placements,
    story_transaction,
)
from eventlens.stories.grouping import Assignment, assign
from eventlens.stories.merge import rekey_story_events
from eventlens.stories.neardup import near_duplicate_pairs, sketch_articles, write_sketches
from eventlens.stories.settings import DEFAULT_SETTINGS, StorySettings
from eventlens.stories.similarity import story_links, write_terms

_CHUNK = 5000  # articles sketched and written per step: bounds memory on big backfills
_PENDING = "_story_pending"
_TOUCHED = "_story_touched"


@dataclass(frozen=True, slots=True)
class StoryUpdate:
    """What one `update_stories` call did."""

    articles: int = 0  # articles placed in stories by this call
    skipped: int = 0  # ids given that were already placed or are not in the store
    copy_links: int = 0  # near-duplicate pairs found
    story_links: int = 0  # paraphrase / other-outlet pairs linked
    new_stories: tuple[str, ...] = ()
    grown_stories: tuple[str, ...] = ()
    merged_stories: dict[str, str] = field(default_factory=dict)  # old id -> id merged into
    repaired_stories: tuple[str, ...] = ()  # stories whose merge keys or row were stale
    seconds: float = 0.0


def update_stories(store, article_ids: Iterable[str] | None = None, *,
                   settings: StorySettings = DEFAULT_SETTINGS) -> StoryUpdate:
    """Place articles into stories and key their events for merging.

    Call it at the end of each ingest run with the new article ids; `None` places every stored
    article not yet in a story (what this run and any interrupted run stored). Articles
    already placed are skipped, so calling it twice does nothing the second time. Only the new
    articles are sketched and queried against the stored LSH buckets and terms; stories they
    join are recomputed, nothing else. Stories whose merge keys or summary row are stale (an
    event of theirs without a key, a key of a gone event or article) are recomputed too.
    One transaction: an interrupted call (even kill -9) leaves the store as it was, and the
    next call does the whole work again.
    """
    asked = None if article_ids is None else list(dict.fromkeys(article_ids))
    return _update_in_transaction(store.con, asked, settings, clear=False)


def rebuild_stories(store, *, settings: StorySettings = DEFAULT_SETTINGS) -> StoryUpdate:
    """Drop every story table's rows and place all stored articles again, as one batch (after
    changing settings, or to refresh links judged with older term frequencies). One
    transaction, like `update_stories`."""
    return _update_in_transaction(store.con, None, settings, clear=True)


def _update_in_transaction(con, asked: list[str] | None, settings: StorySettings, *,
                           clear: bool) -> StoryUpdate:
    started = time.perf_counter()
    try:
        with story_transaction(con):
            pause_point("stories.begun")
            if clear:
                clear_story_tables(con)
            pending = unplaced_articles(con, asked)
            stale = stale_stories(con)
            result = _place(con, pending, settings) if pending else _NOTHING_PLACED
            repaired = tuple(sorted(stale - set(result[5])))
            if repaired:
                _recompute(con, repaired, settings)
            pause_point("stories.before-commit")
    finally:
        for view in (_PENDING, _TOUCHED):
            con.unregister(view)  # unregistering an absent view is a no-op
    pause_point("stories.committed")
    skipped = 0 if asked is None else len(asked) - len(pending)
    return StoryUpdate(articles=len(pending), skipped=skipped, copy_links=result[0],
                       story_links=result[1], new_stories=result[2], grown_stories=result[3],
                       merged_stories=result[4], repaired_stories=repaired,
                       seconds=round(time.perf_counter() - started, 3))


_NOTHING_PLACED = (0, 0, (), (), {}, ())


def _recompute(con, story_ids: Sequence[str], settings: StorySettings) -> None:
    con.register(_TOUCHED, pa.table({"story_id": pa.array(list(story_ids), pa.string())}))
    refresh_stories(con, _TOUCHED)
    rekey_story_events(con, _TOUCHED, settings)
    con.unregister(_TOUCHED)


def _place(con, pending: Sequence[tuple], settings: StorySettings):
    for start in range(0, len(pending), _CHUNK):
        chunk = pending[start : start + _CHUNK]
        write_sketches(con, sketch_articles(((a, d, f"{t}\n{x}") for a, d, t, x in chunk),
                                            settings), settings)
        write_terms(con, chunk)
        pause_point("stories.sketched")
    con.register(_PENDING, pa.table({"article_id": pa.array([p[0] for p in pending],
                                                            pa.string())}))
    copies = near_duplicate_pairs(con, _PENDING, settings)
    evidence = story_links(con, _PENDING, settings)
    copy_pairs = {(a, b) for a, b, _ in copies}
    links = [e for e in evidence if e.score >= settings.link_score
             and (e.article_a, e.article_b) not in copy_pairs]
    _write_links(con, copies, links, evidence)
    pause_point("stories.linked")
    new = {p[0]: p[1] for p in pending}
    ends = {x for a, b, _ in copies for x in (a, b)} | {x for e in links
                                                         for x in (e.article_a, e.article_b)}
    old, firsts = _stored_ends(con, ends - new.keys())
    result = assign(new, copy_pairs, [(e.article_a, e.article_b) for e in links], old, firsts)
    _write_assignment(con, result, new)
    pause_point("stories.assigned")
    con.register(_TOUCHED, pa.table({"story_id": pa.array(sorted(result.touched_stories),
                                                          pa.string())}))
    refresh_stories(con, _TOUCHED)
    rekey_story_events(con, _TOUCHED, settings)
    created = tuple(sorted(result.touched_stories - result.grown
                           - set(result.renamed_stories.values())))
    grown = tuple(sorted(result.grown | set(result.renamed_stories.values())))
    return (len(copies), len(links), created, grown, dict(sorted(result.renamed_stories.items())),
            tuple(result.touched_stories) + tuple(result.renamed_stories))


def _write_links(con, copies, links, evidence) -> None:
    cosine = {(e.article_a, e.article_b): e.cosine for e in evidence}
    rows = [(a, b, "copy", j, cosine.get((a, b)), j) for a, b, j in copies]
    rows += [(e.article_a, e.article_b, "story", e.score, e.cosine, None) for e in links]
    if rows:
        table = pa.table(list(zip(*rows, strict=True)),
                         names=["article_a", "article_b", "kind", "score", "cosine", "jaccard"])
        insert_links(con, table)


def _stored_ends(con, ids: set[str]):
    if not ids:
        return {}, {}
    rows = placements_of(con, ids)
    old = {a: (story, group) for a, story, group, _, _ in rows}
    firsts = {story: (day, first) for _, story, _, day, first in rows}
    return old, firsts


def _write_assignment(con, result: Assignment, new: dict) -> None:
    for mapping, column in ((result.renamed_groups, "dup_group"),
                            (result.renamed_stories, "story_id")):
        if mapping:
            rename_placements(con, mapping, column)
    ids = list(new)
    table = pa.table({"article_id": ids, "story_id": [result.story[a] for a in ids],
                      "dup_group": [result.dup_group[a] for a in ids]})
    insert_placements(con, table)
