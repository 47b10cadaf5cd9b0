"""What the story placement holds: relations used inside the story transaction are let go
when their statement is done, and the term window ranked in numpy picks the key terms
DuckDB's window functions picked."""

from __future__ import annotations

import datetime as dt
import sys

import duckdb
import pyarrow as pa
import pytest

from eventlens.store.story_candidates import _term_window
from eventlens.store.story_tables import hold, let_go, registered, story_transaction


def test_a_relation_let_go_inside_the_transaction_is_not_kept() -> None:
    con = duckdb.connect()
    table = pa.table({"article_id": ["a", "b", "c"]})
    baseline = sys.getrefcount(table)
    with story_transaction(con):
        with registered(con, "_story_ids", table):
            assert con.execute("SELECT count(*) FROM _story_ids").fetchone() == (3,)
        # DuckDB would keep an unregistered relation, and its table, to the COMMIT
        assert sys.getrefcount(table) == baseline
        hold(con, "_story_ids", pa.table({"story_id": ["s1"], "n": [7]}))  # another schema
        assert con.execute("SELECT story_id, n FROM _story_ids").fetchall() == [("s1", 7)]
        let_go(con, "_story_ids")
        assert con.execute("SELECT count(*) FROM _story_ids").fetchone() == (0,)
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT * FROM _story_ids")


def test_a_rolled_back_transaction_lets_its_relations_go() -> None:
    con = duckdb.connect()
    with pytest.raises(KeyError), story_transaction(con):
        hold(con, "_story_ids", pa.table({"article_id": ["a"]}))
        raise KeyError("stop")
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT * FROM _story_ids")


# What build_term_window computed in DuckDB before (window functions over the weights).
_SQL_WINDOW = """
WITH unit AS (SELECT article_id, term, published,
                     w / sqrt(sum(w * w) OVER (PARTITION BY article_id)) AS u FROM weights)
SELECT article_id, term, published FROM (
    SELECT article_id, term, published,
           count(*) OVER (PARTITION BY term, published) AS holders
    FROM (SELECT article_id, term, published,
                 row_number() OVER (PARTITION BY article_id ORDER BY u DESC, term) AS rank
          FROM unit)
    WHERE rank <= $key_terms)
WHERE holders <= $max_daily"""


def test_the_term_window_ranks_as_duckdb_did() -> None:
    day, next_day = dt.date(2024, 5, 1), dt.date(2024, 5, 2)
    rows = [  # ties in weight are broken by the term; 'kyiv' is a key of three on one day
        ("a1", "kyiv", day, 3.0), ("a1", "grain", day, 2.0), ("a1", "deal", day, 2.0),
        ("a1", "port", day, 1.0),
        ("a2", "kyiv", day, 1.5), ("a2", "strike", day, 1.5), ("a2", "drone", day, 0.5),
        ("a3", "kyiv", day, 4.0), ("a3", "talks", day, 1.0),
        ("a4", "kyiv", next_day, 2.0), ("a4", "grain", next_day, 2.0),
    ]
    weights = pa.table({"article_id": [r[0] for r in rows], "term": [r[1] for r in rows],
                        "published": pa.array([r[2] for r in rows], pa.date32()),
                        "w": [r[3] for r in rows]})
    con = duckdb.connect()
    con.register("weights", weights)
    for key_terms, max_daily in ((2, 2), (2, 3), (3, 10)):
        window, keys = _term_window(weights, key_terms=key_terms, max_daily=max_daily)
        expected = con.execute(_SQL_WINDOW, {"key_terms": key_terms,
                                             "max_daily": max_daily}).fetchall()
        assert sorted(keys.to_pylist(), key=lambda r: (r["article_id"], r["term"])) == [
            {"article_id": a, "term": t, "published": p} for a, t, p in sorted(expected)]
        unit = {(r["article_id"], r["term"]): r["u"] for r in window.unit.to_pylist()}
        assert unit[("a3", "kyiv")] == pytest.approx(4.0 / (4.0 ** 2 + 1.0) ** 0.5)
        assert window.rows_of(pa.array(["a4", "zz"])).to_pylist() == [
            {"article_id": "a4", "term": "grain", "u": pytest.approx(0.5 ** 0.5)},
            {"article_id": "a4", "term": "kyiv", "u": pytest.approx(0.5 ** 0.5)}]
    # with max_daily 2, 'kyiv' (a key of a1, a2 and a3 on the first day) is no key there
    _, keys = _term_window(weights, key_terms=2, max_daily=2)
    assert ("a1", "kyiv") not in {(r["article_id"], r["term"]) for r in keys.to_pylist()}
