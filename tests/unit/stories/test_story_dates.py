"""Issue 16 item 3: a stored article dated at the calendar's end (written before the readers
refused such dates) does not stop story grouping, for it or for later articles."""

from __future__ import annotations

import datetime as dt

from story_writes import write

from eventlens.model import Article, ArticleResult
from eventlens.stories import update_stories

TEXT = ("The foreign ministers of Freedonia and Ruritania met in Geneva on Tuesday for talks "
        "on the border dispute, officials said, and agreed to meet again next month.")


def _result(text: str, day: dt.date) -> ArticleResult:
    return ArticleResult(Article(id=f"id{day.year:05d}{len(text):04d}", text=text,
                                 published=day))


def test_extreme_dates_in_the_store_do_not_stop_story_grouping(store):
    write(store, _result(TEXT, dt.date(9999, 12, 31)), _result(TEXT + " Late.", dt.date.min))
    update_stories(store)
    write(store, _result(TEXT + " Again.", dt.date(2021, 12, 15)))
    update_stories(store)
    placed = store.rows("SELECT count(*) AS n FROM story_articles")[0]["n"]
    assert placed == 3
