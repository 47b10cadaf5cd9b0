"""Writes to the story tables: the store owns them, `eventlens.stories` decides what to write.

Story grouping (`stories.update`) sketches, links and places articles and keys their events;
every row it stores, renames or deletes goes through these functions, each over the store's
connection inside the one transaction `story_transaction` opens. New rows come as Arrow tables
(bulk: executemany is slow), registered under a `_story_` name for the one statement.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import pyarrow as pa

STORY_TABLES = ("story_signatures", "story_lsh_buckets", "story_terms", "story_term_df",
                "story_links", "story_articles", "stories", "story_event_keys")


class _Slot:
    """A relation registered once in a story transaction; the Arrow table it holds is swapped
    for each use. DuckDB reads it through the Arrow C stream interface, a stream per scan."""

    __slots__ = ("table",)

    def __init__(self, table: pa.Table) -> None:
        self.table = table

    def __arrow_c_stream__(self, requested_schema=None):
        return self.table.__arrow_c_stream__(requested_schema)


# The slots of each connection in a `story_transaction` (by the connection's id), by name.
_SLOTS: dict[int, dict[str, _Slot]] = {}


@contextmanager
def story_transaction(con) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back on any exception (even
    KeyboardInterrupt), which is raised again.

    Inside it, `hold` and `registered` keep one registration per name and swap its table:
    DuckDB keeps every relation unregistered inside a transaction, with the Python object it
    read, until the transaction ends (a run of 2,000 articles held each id list, insert and
    cosine run of the call to the end)."""
    con.execute("BEGIN TRANSACTION")
    _SLOTS[id(con)] = {}
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in _SLOTS.pop(id(con)):
            con.unregister(name)  # unregistering an absent view is a no-op


def hold(con, name: str, table: pa.Table) -> None:
    """`table` visible to the connection's queries as `name` until `let_go(con, name)`."""
    slots = _SLOTS.get(id(con))
    if slots is None:
        con.register(name, table)
    elif name in slots:
        slots[name].table = table
    else:
        slots[name] = _Slot(table)
        con.register(name, slots[name])


def let_go(con, name: str) -> None:
    """No longer show the table `hold` gave `name` (no-op when none); its memory is freed."""
    slots = _SLOTS.get(id(con))
    if slots is None or name not in slots:
        con.unregister(name)
    else:
        slots[name].table = slots[name].table.schema.empty_table()


@contextmanager
def registered(con, name: str, table: pa.Table) -> Iterator[None]:
    """`table` visible to the connection's queries as `name` for the block."""
    hold(con, name, table)
    try:
        yield
    finally:
        let_go(con, name)


def clear_story_tables(con) -> None:
    """Delete every row of every story table (a rebuild places all articles again)."""
    for table in STORY_TABLES:
        con.execute(f"DELETE FROM {table}")


def insert_sketches(con, signatures: pa.Table, buckets: pa.Table) -> None:
    """Append MinHash signatures (`story_signatures` columns) and their LSH band buckets."""
    with registered(con, "_story_new_signatures", signatures), \
            registered(con, "_story_new_buckets", buckets):
        con.execute("INSERT INTO story_signatures SELECT * FROM _story_new_signatures")
        con.execute("INSERT INTO story_lsh_buckets SELECT * FROM _story_new_buckets")


def insert_terms(con, terms: pa.Table) -> None:
    """Append content terms (article_id, term, tf, published) and add them to the document
    frequencies."""
    with registered(con, "_story_new_terms", terms):
        con.execute("INSERT INTO story_terms SELECT * FROM _story_new_terms")
        con.execute("""
            INSERT INTO story_term_df
            SELECT term, count(*) FROM _story_new_terms GROUP BY term
            ON CONFLICT (term) DO UPDATE SET df = df + excluded.df
        """)


def insert_links(con, links: pa.Table) -> None:
    """Append article links (article_a, article_b, kind, score, cosine, jaccard)."""
    with registered(con, "_story_new_links", links):
        con.execute("INSERT INTO story_links SELECT article_a, article_b, kind, "
                    "score::DOUBLE, cosine::DOUBLE, jaccard::DOUBLE FROM _story_new_links")


def rename_placements(con, mapping: Mapping[str, str], column: str) -> None:
    """Rename duplicate groups (`column` dup_group) or stories (`story_id`: their rows and
    event keys follow) from each old id to its new one."""
    if column not in ("dup_group", "story_id"):
        raise ValueError(f"cannot rename story_articles.{column}")
    renames = pa.table({"old": list(mapping), "new": list(mapping.values())})
    with registered(con, "_story_rename", renames):
        con.execute(f"UPDATE story_articles SET {column} = r.new FROM _story_rename r "
                    f"WHERE story_articles.{column} = r.old")
        if column == "story_id":
            con.execute("DELETE FROM stories WHERE story_id IN "
                        "(SELECT old FROM _story_rename)")
            con.execute("UPDATE story_event_keys SET story_id = r.new "
                        "FROM _story_rename r WHERE story_event_keys.story_id = r.old")


def insert_placements(con, placed: pa.Table) -> None:
    """Append articles placed in stories (article_id, story_id, dup_group)."""
    with registered(con, "_story_placed", placed):
        con.execute("INSERT INTO story_articles SELECT * FROM _story_placed")


def refresh_stories(con, story_view: str) -> None:
    """Recompute the `stories` rows of the stories named by `story_view` (a registered
    relation with a `story_id` column) from their articles and events."""
    con.execute(f"DELETE FROM stories WHERE story_id IN (SELECT story_id FROM {story_view})")
    con.execute(f"""
        INSERT INTO stories (story_id, headline, first_article, first_seen, last_seen,
                             articles, outlets, copies, events)
        SELECT sa.story_id,
               arg_min(coalesce(nullif(trim(a.title), ''), left(a.text, 120)),
                       strftime(a.published, '%Y-%m-%d') || a.id),
               arg_min(a.id, strftime(a.published, '%Y-%m-%d') || a.id),
               min(a.published), max(a.published), count(*),
               count(DISTINCT coalesce(nullif(a.outlet, ''), a.id)),
               count(*) - count(DISTINCT sa.dup_group),
               coalesce(sum(n.events), 0)
        FROM story_articles sa
        JOIN {story_view} t ON t.story_id = sa.story_id
        JOIN articles a ON a.id = sa.article_id
        LEFT JOIN (SELECT e.article_id, count(*) AS events FROM events e
                   JOIN story_articles s2 ON s2.article_id = e.article_id
                   JOIN {story_view} t2 ON t2.story_id = s2.story_id GROUP BY 1) n
               ON n.article_id = sa.article_id
        GROUP BY sa.story_id""")


def delete_event_keys(con, story_view: str) -> None:
    """Delete the merge keys of the stories named by `story_view`."""
    con.execute(f"""DELETE FROM story_event_keys WHERE story_id IN
                    (SELECT story_id FROM {story_view})""")


def insert_event_keys(con, keys: pa.Table) -> None:
    """Append merge keys (event_id, article_id, story_id, merge_key, merged_date,
    merged_date_text, merged_location)."""
    with registered(con, "_story_event_keys", keys):
        con.execute("INSERT INTO story_event_keys SELECT event_id, article_id, story_id, "
                    "merge_key, merged_date::DATE, merged_date_text, merged_location "
                    "FROM _story_event_keys")
