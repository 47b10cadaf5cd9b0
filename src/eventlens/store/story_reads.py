"""Reads of the story tables: the store owns the SQL, `eventlens.stories` decides what to do
with the rows (`store.story_tables` holds the writes).

Each function takes the store's connection; a `*_view` argument names a relation the caller
registered (new article ids, touched story ids). Ids passed as lists are registered under a
`_story_` name for the one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pyarrow as pa

from eventlens.store.story_tables import registered

STORY_COLUMNS = "story_id, headline, first_seen, last_seen, articles, outlets, copies, events"


def _ids(article_ids: Iterable[str]) -> pa.Table:
    return pa.table({"article_id": pa.array(sorted(set(article_ids)), pa.string())})


# -- placing articles ---------------------------------------------------------------------------
def unplaced_articles(con, asked: list[str] | None) -> list[tuple]:
    """(id, published) of the asked articles (None: every stored one) not yet in a story, by
    date (texts are read a chunk at a time by `article_texts`)."""
    sql = ("SELECT a.id, a.published FROM articles a {join} "
           "WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id) "
           "ORDER BY a.published, a.id")
    if asked is None:
        return con.execute(sql.format(join="")).fetchall()
    with registered(con, "_story_asked", pa.table({"id": pa.array(asked, pa.string())})):
        return con.execute(sql.format(join="JOIN _story_asked USING (id)")).fetchall()


def article_texts(con, article_ids: Iterable[str]) -> list[tuple]:
    """(id, published, title, text) of the stored articles among `article_ids`, by date."""
    with registered(con, "_story_text_ids", _ids(article_ids)):
        return con.execute("SELECT a.id, a.published, coalesce(a.title, ''), a.text "
                           "FROM articles a JOIN _story_text_ids t ON t.article_id = a.id "
                           "ORDER BY a.published, a.id").fetchall()


def stale_stories(con) -> set[str]:
    """Stories whose merge keys or `stories` row disagree with their articles and events.

    Placing articles, keying their events and writing the story rows happen in one
    transaction, so this finds nothing in a store only eventlens wrote; it repairs a store
    whose event records changed under placed articles, or one written before that held.
    """
    rows = con.execute("""
        SELECT sa.story_id FROM story_articles sa
        JOIN event_records e ON e.article_id = sa.article_id
        LEFT JOIN story_event_keys k ON k.event_id = e.event_id AND k.story_id = sa.story_id
        WHERE k.event_id IS NULL
        UNION
        SELECT k.story_id FROM story_event_keys k
        LEFT JOIN event_records e ON e.event_id = k.event_id
        LEFT JOIN story_articles sa ON sa.article_id = k.article_id AND sa.story_id = k.story_id
        WHERE e.event_id IS NULL OR sa.article_id IS NULL
        UNION
        SELECT story_id FROM story_articles WHERE story_id NOT IN (SELECT story_id FROM stories)
        UNION
        SELECT story_id FROM stories WHERE story_id NOT IN (SELECT story_id FROM story_articles)
        """).fetchall()
    return {r[0] for r in rows}


def placements_of(con, article_ids: Iterable[str]) -> list[tuple]:
    """(article id, story id, duplicate group, story's first_seen, story's first_article) of
    placed articles among `article_ids`."""
    with registered(con, "_story_ends", _ids(article_ids)):
        return con.execute("SELECT sa.article_id, sa.story_id, sa.dup_group, s.first_seen, "
                           "s.first_article FROM story_articles sa JOIN _story_ends USING "
                           "(article_id) JOIN stories s ON s.story_id = sa.story_id").fetchall()


def story_event_rows(con, story_view: str) -> list[tuple]:
    """The raw events of the stories named by `story_view`, with what their merge key reads:
    (event_id, article_id, story_id, source_code, plover_type, target_code, status,
    event_date, date_text, location, quad_class)."""
    return con.execute(f"""
        SELECT e.event_id, e.article_id, sa.story_id, coalesce(e.source_code, ''),
               e.plover_type, coalesce(e.target_code, ''), e.status, e.event_date,
               coalesce(e.date_text, ''), coalesce(e.location, ''), e.quad_class
        FROM event_records e
        JOIN story_articles sa ON sa.article_id = e.article_id
        JOIN {story_view} v ON v.story_id = sa.story_id""").fetchall()


# -- near-duplicates ----------------------------------------------------------------------------
def stored_sketch_id(con) -> str | None:
    """The sketch settings id of the stored MinHash signatures (None when none is stored)."""
    row = con.execute("SELECT sketch FROM story_signatures LIMIT 1").fetchone()
    return row[0] if row else None


def signature_rows(con, article_ids: Iterable[str]) -> list[tuple]:
    """(article id, published, hash values as bytes) of the stored signatures."""
    with registered(con, "_story_wanted", _ids(article_ids)):
        return con.execute("SELECT s.article_id, s.published, s.hashvalues FROM story_signatures s "
                           "JOIN _story_wanted USING (article_id)").fetchall()


# -- paraphrases --------------------------------------------------------------------------------
def feature_rows(con, article_ids: Iterable[str]) -> tuple[list, list, list]:
    """What the articles' records say about the happening they report: (events: article id,
    source country, type, target country), (leads: article id, date of its first asserted,
    day-dated event), (actors: article id, a country mentioned)."""
    with registered(con, "_story_feature_ids", _ids(article_ids)):
        events = con.execute("""
            SELECT e.article_id, coalesce(e.source_country, ''), e.plover_type,
                   coalesce(e.target_country, '')
            FROM event_records e JOIN _story_feature_ids f USING (article_id)""").fetchall()
        leads = con.execute("""
            SELECT e.article_id, arg_min(e.event_date, e.evidence_start)
            FROM event_records e JOIN _story_feature_ids f USING (article_id)
            WHERE e.status = 'asserted' AND length(e.date_text) = 10
            GROUP BY 1""").fetchall()
        actors = con.execute("""
            SELECT m.article_id, m.country FROM mentions m
            JOIN _story_feature_ids f USING (article_id)
            WHERE coalesce(m.country, '') <> ''""").fetchall()
    return events, leads, actors


# -- reading stories ----------------------------------------------------------------------------
def story_rows(con, *, min_articles: int, since: dt.date | None, limit: int | None,
               offset: int) -> list[tuple]:
    """`STORY_COLUMNS` of stories with at least `min_articles`, last seen on or after `since`,
    the most recent and then the largest first."""
    sql = f"SELECT {STORY_COLUMNS} FROM stories WHERE articles >= ?"
    params: list = [int(min_articles)]
    if since is not None:
        sql += " AND last_seen >= ?"
        params.append(since)
    sql += " ORDER BY last_seen DESC, articles DESC, story_id"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return con.execute(sql, params).fetchall()


def story_rows_by_prefix(con, prefix: str) -> list[tuple]:
    """`STORY_COLUMNS` of at most two stories whose id starts with `prefix`."""
    return con.execute(f"SELECT {STORY_COLUMNS} FROM stories WHERE story_id LIKE ? || '%' "
                       "LIMIT 2", [prefix]).fetchall()


def story_id_of(con, article_id: str) -> str | None:
    """The story an article is placed in, or None."""
    row = con.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                      [article_id]).fetchone()
    return row[0] if row else None


def all_placements(con) -> dict[str, str]:
    """Every placed article id -> its story id."""
    return dict(con.execute("SELECT article_id, story_id FROM story_articles").fetchall())


def story_article_rows(con, story_ids: list[str]) -> list[tuple]:
    """(story id, article id, title, outlet, url, published, duplicate group) of the stories'
    articles, by story and date."""
    return con.execute("""
        SELECT sa.story_id, a.id, coalesce(a.title, ''), coalesce(a.outlet, ''),
               coalesce(a.url, ''), a.published, sa.dup_group
        FROM story_articles sa JOIN articles a ON a.id = sa.article_id
        WHERE list_contains(?, sa.story_id)
        ORDER BY sa.story_id, a.published, a.id""", [story_ids]).fetchall()
