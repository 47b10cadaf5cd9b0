"""`update_stories`: place newly ingested articles into stories, incrementally."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from eventlens.pausepoints import pause_point
from eventlens.store.story_candidates import (
    build_lsh_pairs,
    build_term_window,
    drop_lsh_pairs,
    drop_term_window,
    window_days,
)
from eventlens.store.story_reads import (
    article_texts,
    placements_of,
    stale_stories,
    unplaced_articles,
)
from eventlens.store.story_tables import (
    clear_story_tables,
    hold,
    insert_links,
    insert_placements,
    let_go,
    refresh_stories,
    registered,
    rename_placements,
    story_transaction,
)
from eventlens.stories.grouping import Assignment, assign
from eventlens.stories.memory import arrow_from_malloc, give_back_free_memory
from eventlens.stories.merge import rekey_story_events
from eventlens.stories.neardup import near_duplicate_pairs, sketch_words, write_sketches
from eventlens.stories.settings import DEFAULT_SETTINGS, StorySettings
from eventlens.stories.similarity import story_links, write_term_counts
from eventlens.stories.text import word_content_terms, words

# Articles read, sketched, linked and placed per step: what a step holds grows with it (and
# with the articles a day brings), so it bounds the writer's memory. Every pair is judged the
# same way whatever the chunking, so the stories do not depend on it. 1,000: chunks of 5,000
# held 25-30 MB more at 2,000 articles; chunks of 500 cost a backfill of 20,000 articles over
# a year 1.7 times the CPU of chunks of 1,000 (a chunk's days' term window is built anew).
_CHUNK = 1000
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
    articles are sketched and queried against the stored LSH buckets and key terms (a chunk
    of new articles at a time, in date order); stories they join are recomputed, nothing
    else. Stories whose merge keys or summary row are stale (an event of theirs without a
    key, a key of a gone event or article) are recomputed too.
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
    with arrow_from_malloc(), story_transaction(con):
        pause_point("stories.begun")
        if clear:
            clear_story_tables(con)
        pending = unplaced_articles(con, asked)
        stale = stale_stories(con)
        placed = _place(con, pending, settings) if pending else _Placed()
        repaired = tuple(sorted(stale - placed.touched))
        if repaired:
            _recompute(con, repaired, settings)
        pause_point("stories.before-commit")
    pause_point("stories.committed")
    skipped = 0 if asked is None else len(asked) - len(pending)
    created, grown, merged = placed.outcome()
    return StoryUpdate(articles=len(pending), skipped=skipped, copy_links=placed.copies,
                       story_links=placed.links, new_stories=created, grown_stories=grown,
                       merged_stories=merged, repaired_stories=repaired,
                       seconds=round(time.perf_counter() - started, 3))


@dataclass(slots=True)
class _Placed:
    """What the chunks of one call did to stories, told as one batch would tell it."""

    copies: int = 0
    links: int = 0
    touched: set[str] = field(default_factory=set)  # every story id touched or renamed away
    created: set[str] = field(default_factory=set)  # story ids a chunk of this call made
    before: set[str] = field(default_factory=set)  # stories reached that existed before
    alias: dict[str, str] = field(default_factory=dict)  # renamed story id -> its new id

    def add(self, result: Assignment, copies: int, links: int) -> None:
        renamed = result.renamed_stories
        self.copies += copies
        self.links += links
        self.before |= (result.grown | set(renamed)) - self.created
        self.created |= result.touched_stories - result.grown - set(renamed.values())
        self.alias.update(renamed)
        self.touched |= result.touched_stories | set(renamed)

    def _final(self, story: str) -> str:
        while story in self.alias:
            story = self.alias[story]
        return story

    def outcome(self) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]:
        """(new stories, grown stories, {story that existed before: story merged into})."""
        final = {self._final(s) for s in self.touched}
        merged = {s: self._final(s) for s in self.before if self._final(s) != s}
        grown = {s for s in final if s in self.before} | set(merged.values())
        return tuple(sorted(final - grown)), tuple(sorted(grown)), dict(sorted(merged.items()))


def _recompute(con, story_ids: Sequence[str], settings: StorySettings) -> None:
    with registered(con, _TOUCHED,
                    pa.table({"story_id": pa.array(list(story_ids), pa.string())})):
        refresh_stories(con, _TOUCHED)
        rekey_story_events(con, _TOUCHED, settings)


def _place(con, pending: Sequence[tuple], settings: StorySettings) -> _Placed:
    """Sketch and index every pending (id, published) article, then link and place them a
    chunk at a time; a chunk's articles are compared with stored articles, earlier chunks'
    and each other (`store.story_candidates`). Memory each step freed is given back before
    the next (`give_back_free_memory`)."""
    give_back_free_memory()  # what the ingest's batches left
    for start in range(0, len(pending), _CHUNK):
        # each text split into words once, for its shingles and its terms
        rows = [(a, day, words(title), words(text)) for a, day, title, text
                in article_texts(con, [p[0] for p in pending[start : start + _CHUNK]])]
        write_sketches(con, sketch_words(((a, day, t + x) for a, day, t, x in rows), settings),
                       settings)
        write_term_counts(con, ((a, day, word_content_terms(t, x)) for a, day, t, x in rows))
        del rows
        give_back_free_memory()
        pause_point("stories.sketched")
    hold(con, _PENDING, pa.table({
        "article_id": pa.array([p[0] for p in pending], pa.string()),
        "chunk": pa.array([n // _CHUNK for n in range(len(pending))], pa.int32())}))
    build_lsh_pairs(con, _PENDING)
    give_back_free_memory()
    placed = _Placed()
    window: set = set()
    try:
        for number, start in enumerate(range(0, len(pending), _CHUNK)):
            new = dict(pending[start : start + _CHUNK])
            days = window_days(new.values(), settings.story_days)
            if not set(days["published"].to_pylist()) <= window:
                # the term window of this chunk's days only: one for the whole call held
                # every day a backfill reaches (a term's holders on a day count every article
                # of that day, so a chunk's pairs and weights are the same either way)
                build_term_window(con, days, key_terms=settings.key_terms,
                                  max_daily=settings.key_max_daily)
                window = set(days["published"].to_pylist())
                give_back_free_memory()
            placed.add(*_place_chunk(con, new, number, settings))
            give_back_free_memory()
    finally:
        drop_term_window(con)
        let_go(con, _PENDING)
    drop_lsh_pairs(con)  # on failure the transaction's rollback drops it
    return placed


def _place_chunk(con, new: dict, chunk: int, settings: StorySettings
                 ) -> tuple[Assignment, int, int]:
    copies = near_duplicate_pairs(con, chunk, settings)
    copy_pairs = {(a, b) for a, b, _ in copies}
    evidence = story_links(con, _PENDING, chunk, settings,
                           span=(min(new.values()), max(new.values())), copies=copy_pairs)
    links = [e for e in evidence if e.score >= settings.link_score
             and (e.article_a, e.article_b) not in copy_pairs]
    _write_links(con, copies, links, evidence)
    pause_point("stories.linked")
    ends = {x for a, b, _ in copies for x in (a, b)} | {x for e in links
                                                         for x in (e.article_a, e.article_b)}
    old, firsts = _stored_ends(con, ends - new.keys())
    result = assign(new, copy_pairs, [(e.article_a, e.article_b) for e in links], old, firsts)
    _write_assignment(con, result, new)
    pause_point("stories.assigned")
    _recompute(con, sorted(result.touched_stories), settings)
    return result, len(copies), len(links)


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
