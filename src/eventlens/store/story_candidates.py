"""Candidate pairs for story grouping: which stored articles a new article is compared with.

Pending articles (those one `update_stories` call places) are listed in a registered relation
with the columns `article_id` and `chunk`; they are placed chunk by chunk, in order. A query
for chunk k pairs each of its articles with stored articles, with pending articles of earlier
chunks and with later articles of its own chunk, so every pair is found once whatever the
chunking. A pair of two pending articles comes smaller id first, a pair with a stored article
new article first: the same pairs, the same way round, as one chunk of everything.

The TF-IDF weights of the articles published on the days a chunk's articles can reach
(`story_days` either side) are computed once per chunk (`build_term_window`: weighted in
DuckDB, normalised and ranked in numpy) and held as Arrow tables the chunk's query reads.
Blocking keeps the cosine linear in the number of articles: two articles
are compared only when they share `min_shared` *key terms* — each article's `key_terms`
heaviest terms, unless more than `max_daily` articles published that day hold it as a key (a
term that common says little about which happening an article reports). One shared key term
is not enough: an article's rarer words are among its keys too, and how many articles within
three days hold such a word grows with the articles per day, so pairs sharing one key term
doubled per article when articles per day doubled (7.6 to 13.8 per article from 25k to 50k
made-up documents over a year, nearly all of them different happenings), while pairs sharing
two stayed flat (1.74 to 1.81) and held every same-happening pair. `all_pairs_cosine` is the
exact reference without blocking (quadratic in articles per day), kept for measuring the
blocking.

A chunk's candidate pairs are found first, as an Arrow table sorted by first article; their
cosine is then summed for runs of at most `_SLICE_PAIRS` pairs at a time, each run taking the
term weights of its own pairs' articles only from the window (so a day added to a large
index is not slowed by many runs), as the dot products of sparse rows (`_pair_cosines`).
Summed in SQL, a pair was held once per term of its first article in DuckDB's hash joins: all
of a busy week's pairs at once took 6 GB for 2,000 articles, runs of 20,000 pairs still
300-400 MB more than the process held before; as sparse rows, runs of 5,000 pairs (no slower
than 20,000: a run reads only its own articles) take about 60 MB there
(docs/benchmarks-notes.md, "Memory"). Nothing a chunk builds is a temporary table or a
relation registered and dropped: inside the story transaction DuckDB keeps those to its end
(`store.story_tables.story_transaction`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from eventlens.store.story_tables import hold, let_go, registered

_UNIT = "_story_term_unit"
_KEYS = "_story_term_keys"
_LSH = "_story_lsh_pairs"
_SLICE_PAIRS = 5_000  # candidate pairs whose cosine one run sums
# Rows per Arrow batch of a query's result: DuckDB allocates a whole batch's buffers before
# filling them, and its default of 1,000,000 rows held about 24 MB for a run of 5,000 pairs.
_ARROW_ROWS = 16_384

# The TF-IDF weight of every term of the articles published on the window's days (normalised
# and ranked by `_term_window`).
_WEIGHT_SQL = """
WITH total AS (SELECT count(*)::DOUBLE AS n FROM story_signatures)
SELECT t.article_id, t.term, t.published,
       (1 + ln(t.tf)) * (ln((total.n + 1) / (d.df + 1)) + 1) AS w
FROM story_terms t JOIN story_term_df d USING (term)
JOIN _story_window_days USING (published), total"""

# Which pairs of a chunk's query are kept, and which way round (see the module docstring).
_PAIR_FILTER = """
    ({other} IS NULL OR {other} < $chunk OR ({other} = $chunk AND {a} < {b}))"""
_ORIENT = """
    CASE WHEN {other} IS NULL THEN {a} ELSE least({a}, {b}) END AS a,
    CASE WHEN {other} IS NULL THEN {b} ELSE greatest({a}, {b}) END AS b"""


# A chunk's candidate pairs: its articles with those sharing $min_shared key terms within
# `days` (one joined row per shared term).
# Each step is a materialised CTE: inside the transaction that has just written the tables,
# DuckDB's join order would join every term with every term first (quadratic).
_CAND_SQL = """
WITH near_keys AS (SELECT * FROM {keys} WHERE published BETWEEN $low AND $high),
fresh AS MATERIALIZED (
    SELECT f.* FROM near_keys f
    JOIN {pending} pf ON pf.article_id = f.article_id AND pf.chunk = $chunk)
SELECT f.article_id AS fa, o.article_id AS ob, po.chunk,
       abs(date_diff('day', f.published, o.published)) AS days
FROM fresh f
JOIN near_keys o ON o.term = f.term AND o.article_id <> f.article_id
    AND o.published BETWEEN f.published - $days::INTEGER AND f.published + $days::INTEGER
LEFT JOIN {pending} po ON po.article_id = o.article_id
WHERE {pair_filter}
GROUP BY ALL
HAVING count(*) >= $min_shared"""

def window_days(dates, days: int) -> pa.Table:
    """Every day within `days` of one of `dates` (a story link never reaches further)."""
    out: set[dt.date] = set()
    for day in set(dates):
        for shift in range(-days, days + 1):
            try:
                out.add(day + dt.timedelta(days=shift))
            except OverflowError:  # a stored date near year 1 or 9999
                continue
    return pa.table({"published": pa.array(sorted(out), pa.date32())})


@dataclass(frozen=True, slots=True)
class _TermWindow:
    """The unit TF-IDF vectors of a window's articles (`unit`: article_id, term, published, u;
    by article, then term) and where each article's rows start (`offsets`, one more than
    `articles`, the sorted article ids)."""

    unit: pa.Table
    articles: pa.Array
    offsets: np.ndarray

    def rows_of(self, article_ids: pa.Array) -> pa.Table:
        """The (article_id, term, u) rows of the given articles (those in the window)."""
        found = pc.index_in(article_ids, value_set=self.articles).drop_null().to_numpy()
        starts, lengths = self.offsets[found], np.diff(self.offsets)[found]
        rows = (np.arange(lengths.sum(), dtype=np.int64)
                + np.repeat(starts - np.cumsum(lengths) + lengths, lengths))
        return self.unit.select(["article_id", "term", "u"]).take(rows)


# The window of each connection (by its id) between `build_term_window` and `drop_term_window`.
_WINDOWS: dict[int, _TermWindow] = {}


def build_term_window(con, days: pa.Table, *, key_terms: int, max_daily: int) -> None:
    """Weight the terms of the articles published on `days` and pick their key terms, for
    the chunk queries to read (until `drop_term_window`, or the next window replaces them).

    The weights are read from DuckDB; normalising and ranking them is done here, in Arrow
    and numpy, and the tables are held for the queries (`store.story_tables.hold`): DuckDB's
    window functions took about 55 MB for 2,000 articles, and a temporary table replaced
    inside the story transaction is kept until it ends."""
    drop_term_window(con)  # the last window's tables go before this one's are built
    with registered(con, "_story_window_days", days):
        weights = _arrow(con, _WEIGHT_SQL)
    window, keys = _term_window(weights, key_terms=key_terms, max_daily=max_daily)
    _WINDOWS[id(con)] = window
    hold(con, _UNIT, window.unit)
    hold(con, _KEYS, keys)


def drop_term_window(con) -> None:
    """Let go of the tables of `build_term_window` (no-op when absent)."""
    _WINDOWS.pop(id(con), None)
    let_go(con, _KEYS)
    let_go(con, _UNIT)


def _term_window(weights: pa.Table, *, key_terms: int, max_daily: int
                 ) -> tuple[_TermWindow, pa.Table]:
    """Unit vectors of (article_id, term, published, w) rows, and the key terms (article_id,
    term, published): each article's `key_terms` heaviest terms (ties: the term first in
    byte order), except a term more than `max_daily` articles of one day hold as a key."""
    weights = weights.take(pc.sort_indices(weights, [("article_id", "ascending"),
                                                     ("term", "ascending")]))
    articles = weights["article_id"].combine_chunks().dictionary_encode()
    codes = articles.indices.to_numpy()
    w = weights["w"].to_numpy()
    u = w / np.sqrt(np.bincount(codes, weights=w * w, minlength=len(articles.dictionary)))[codes]
    unit = pa.table({"article_id": weights["article_id"], "term": weights["term"],
                     "published": weights["published"], "u": pa.array(u, pa.float64())})
    offsets = np.searchsorted(codes, np.arange(len(articles.dictionary) + 1))
    order = pc.sort_indices(unit, [("article_id", "ascending"), ("u", "descending"),
                                   ("term", "ascending")]).to_numpy()
    rank = np.arange(len(order)) - np.repeat(offsets[:-1], np.diff(offsets))
    ranked = unit.take(order).filter(pa.array(rank < key_terms))
    day_terms = pc.binary_join_element_wise(ranked["term"], pc.cast(ranked["published"],
                                                                     pa.string()), "\x00")
    day_terms = day_terms.combine_chunks().dictionary_encode().indices.to_numpy()
    holders = np.bincount(day_terms)[day_terms] if len(day_terms) else day_terms
    keys = ranked.select(["article_id", "term", "published"]).filter(
        pa.array(holders <= max_daily))
    return _TermWindow(unit, articles.dictionary, offsets), keys


def blocked_cosine_runs(con, pending_view: str, chunk: int, *, days: int,
                        min_cosine: float, span: tuple[dt.date, dt.date],
                        min_shared: int) -> Iterator[list[tuple]]:
    """(a, b, TF-IDF cosine, days apart) of the chunk's pairs that share at least
    `min_shared` key terms, are at most `days` apart in publication and reach `min_cosine`,
    a run of at most `_SLICE_PAIRS` candidate pairs at a time (so a caller need not hold a
    busy chunk's pairs all at once); `span` is the chunk's first and last publication date."""
    yield from _cosine_runs(con, pending_view, chunk, keys=_KEYS, days=days,
                            min_cosine=min_cosine, span=span, min_shared=min_shared)


def blocked_cosine_pairs(con, pending_view: str, chunk: int, *, days: int,
                         min_cosine: float, span: tuple[dt.date, dt.date],
                         min_shared: int) -> list[tuple]:
    """Every pair of `blocked_cosine_runs`, in one list."""
    return [pair for run in blocked_cosine_runs(con, pending_view, chunk, days=days,
                                                min_cosine=min_cosine, span=span,
                                                min_shared=min_shared) for pair in run]


def all_pairs_cosine(con, pending_view: str, chunk: int, *, days: int,
                     min_cosine: float, span: tuple[dt.date, dt.date]) -> list[tuple]:
    """As `blocked_cosine_pairs`, comparing every pair that shares any term (exact; the
    reference the blocking is measured against)."""
    return [pair for run in _cosine_runs(con, pending_view, chunk, keys=_UNIT, days=days,
                                         min_cosine=min_cosine, span=span, min_shared=1)
            for pair in run]


def _cosine_runs(con, pending_view: str, chunk: int, *, keys: str, days: int,
                 min_cosine: float, span: tuple[dt.date, dt.date], min_shared: int
                 ) -> Iterator[list[tuple]]:
    # The candidate pairs are found first; their cosine is then summed a run of pairs at a
    # time, over sparse term vectors read for the run's articles (`_pair_cosines`).
    low, high = (_shifted(span[0], -days), _shifted(span[1], days))
    params = {"chunk": int(chunk), "days": int(days), "low": low, "high": high,
              "min_shared": int(min_shared)}
    candidates = _arrow(con, _CAND_SQL.format(
        keys=keys, pending=pending_view,
        pair_filter=_PAIR_FILTER.format(a="f.article_id", b="o.article_id", other="po.chunk")),
        params)
    window = _WINDOWS[id(con)]
    # sorted by first article: a run is a slice (an article's pairs in one run, as before)
    candidates = candidates.sort_by("fa")
    firsts = candidates["fa"].combine_chunks().dictionary_encode()
    counts = np.bincount(firsts.indices.to_numpy(), minlength=len(firsts.dictionary))
    start = first = 0
    for run in _slices(list(zip(firsts.dictionary.to_pylist(), counts.tolist(), strict=True)),
                       _SLICE_PAIRS):
        size = int(counts[first : first + len(run)].sum())
        pairs = candidates.slice(start, size)
        start, first = start + size, first + len(run)
        ends = pc.unique(pa.concat_arrays([pairs["fa"].combine_chunks(),
                                           pairs["ob"].combine_chunks()]))
        yield _kept_pairs(pairs, _pair_cosines(pairs, window.rows_of(ends)), min_cosine)


def _arrow(con, sql: str, params: dict | None = None) -> pa.Table:
    """The query's result as an Arrow table, in batches of `_ARROW_ROWS` rows."""
    return con.execute(sql, params or {}).to_arrow_table(_ARROW_ROWS)


def _pair_cosines(pairs: pa.Table, unit: pa.Table) -> np.ndarray:
    """The cosine of each pair (fa, ob): the dot product of the two articles' unit TF-IDF
    vectors (`unit`: article_id, term, u), as sparse rows. Summed in SQL, each pair was held
    once per term of its first article (a run of 20,000 pairs took 300-400 MB in DuckDB's
    hash joins); as sparse rows, a run holds each pair's nonzero terms once."""
    articles = unit["article_id"].combine_chunks().dictionary_encode()
    # terms numbered in their sorted order: each pair's products are summed term by term in
    # that order, so a cosine does not depend on which run its pair fell in
    vocabulary = pc.unique(unit["term"]).sort()
    terms = pc.index_in(unit["term"], value_set=vocabulary).to_numpy()
    shape = (len(articles.dictionary) + 1, len(vocabulary))  # last row: no terms
    vectors = sparse.csr_matrix((unit["u"].to_numpy(), (articles.indices.to_numpy(), terms)),
                                shape=shape)
    vectors.sort_indices()

    def rows_of(column: str) -> np.ndarray:
        found = pc.index_in(pairs[column], value_set=articles.dictionary)
        return pc.fill_null(found, shape[0] - 1).to_numpy()

    products = vectors[rows_of("fa")].multiply(vectors[rows_of("ob")])
    return np.asarray(products.sum(axis=1)).ravel()


def _kept_pairs(pairs: pa.Table, cosines: np.ndarray, min_cosine: float) -> list[tuple]:
    """(a, b, cosine, days) of the pairs reaching `min_cosine`, turned as the module
    docstring says (a pair with a stored article: new article first)."""
    out = []
    keep = np.flatnonzero(cosines >= min_cosine)
    columns = [pairs[name].take(keep).to_pylist() for name in ("fa", "ob", "chunk", "days")]
    for fa, ob, chunk, apart, cosine in zip(*columns, cosines[keep].tolist(), strict=True):
        a, b = (fa, ob) if chunk is None else (min(fa, ob), max(fa, ob))
        out.append((a, b, cosine, apart))
    return out


def _slices(counts: list[tuple[str, int]], budget: int) -> list[list[str]]:
    """The first articles of the pairs, in runs whose pairs stay within `budget` (an article
    with more pairs than that is a run of its own)."""
    out: list[list[str]] = []
    run: list[str] = []
    held = 0
    for article, pairs in counts:
        if run and held + pairs > budget:
            out.append(run)
            run, held = [], 0
        run.append(article)
        held += pairs
    if run:
        out.append(run)
    return out


def _shifted(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:  # a stored date near year 1 or 9999
        return dt.date.min if days < 0 else dt.date.max


def build_lsh_pairs(con, pending_view: str) -> None:
    """Every pair of a pending article with an article sharing an LSH bucket in some band,
    into a temporary table the chunks read (`lsh_candidate_pairs`; dropped by
    `drop_lsh_pairs`). One bucket join for the whole call: joined a chunk at a time, each
    chunk picked its articles' buckets out of the whole index by article id (0.4 s a chunk
    at 50k documents, inside the transaction that has just written them), which made the
    probe grow with the square of the articles placed."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {_LSH} AS
        SELECT DISTINCT n.article_id AS na, o.article_id AS ob, pn.chunk, po.chunk AS ob_chunk
        FROM story_lsh_buckets n
        JOIN {pending_view} pn ON pn.article_id = n.article_id
        JOIN story_lsh_buckets o ON o.band = n.band AND o.bucket = n.bucket
        LEFT JOIN {pending_view} po ON po.article_id = o.article_id
        WHERE o.article_id <> n.article_id""")


def drop_lsh_pairs(con) -> None:
    """Drop the temporary table of `build_lsh_pairs` (no-op when absent)."""
    con.execute(f"DROP TABLE IF EXISTS {_LSH}")


def lsh_candidate_pairs(con, chunk: int) -> list[tuple[str, str]]:
    """Pairs (a, b) of the chunk's articles with any article sharing an LSH bucket in some
    band, kept and turned as described in the module docstring (`build_lsh_pairs` first)."""
    rows = con.execute(f"""
        SELECT DISTINCT {_ORIENT.format(a="na", b="ob", other="ob_chunk")}
        FROM {_LSH}
        WHERE chunk = $chunk
          AND {_PAIR_FILTER.format(a="na", b="ob", other="ob_chunk")}
    """, {"chunk": int(chunk)}).fetchall()
    return [(a, b) for a, b in rows]
