"""Reading stories: the list, and one story with its articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventlens.store.story_reads import (
    all_placements,
    story_article_rows,
    story_id_of,
    story_rows,
    story_rows_by_prefix,
)


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One report in a story."""

    article_id: str
    title: str
    outlet: str
    url: str
    published: dt.date
    copy_group: str  # the id shared by near-duplicate copies of one report


@dataclass(frozen=True, slots=True)
class Story:
    """Reports of one real-world happening, and the counts an analyst looks at first."""

    story_id: str
    headline: str
    first_seen: dt.date
    last_seen: dt.date
    article_count: int
    outlet_count: int  # distinct outlets (an article with no outlet counts alone)
    copy_count: int  # articles that are near-duplicates of another in the story
    event_count: int  # raw coded events in its articles
    articles: tuple[StoryArticle, ...] = ()

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(a.article_id for a in self.articles)


def list_stories(store, since: dt.date | None = None, limit: int | None = 50, *,
                 min_articles: int = 1, offset: int = 0,
                 with_articles: bool = True) -> list[Story]:
    """Stories last seen on or after `since`, the most recent and then the largest first.

    Args:
        min_articles: 2 lists only stories reported more than once.
        with_articles: False leaves `Story.articles` empty (faster for long listings).
    """
    rows = story_rows(store.con, min_articles=min_articles, since=since, limit=limit,
                      offset=offset)
    articles = _articles_of(store, [r[0] for r in rows]) if with_articles else {}
    return [Story(*row, articles=articles.get(row[0], ())) for row in rows]


def get_story(store, story_id: str) -> Story | None:
    """The story with this id (or unique id prefix, with or without the `s-`), or None."""
    wanted = story_id if story_id.startswith("s-") else f"s-{story_id}"
    rows = story_rows_by_prefix(store.con, wanted)
    if len(rows) != 1:
        return None
    row = rows[0]
    return Story(*row, articles=_articles_of(store, [row[0]]).get(row[0], ()))


def story_of(store, article_id: str) -> str | None:
    """The id of the story an article belongs to, or None if it is not placed yet."""
    return story_id_of(store.con, article_id)


def story_assignments(store) -> dict[str, str]:
    """Every placed article id -> its story id."""
    return all_placements(store.con)


def _articles_of(store, story_ids: list[str]) -> dict[str, tuple[StoryArticle, ...]]:
    if not story_ids:
        return {}
    rows = story_article_rows(store.con, story_ids)
    out: dict[str, list[StoryArticle]] = {}
    for story_id, *fields in rows:
        out.setdefault(story_id, []).append(StoryArticle(*fields))
    return {k: tuple(v) for k, v in out.items()}
