"""Full-text search over articles, with the evidence sentences that match.

DuckDB's `fts` extension (BM25 with English stemming) comes from the pinned
`duckdb-extension-fts` wheel and is loaded from that package's file, so nothing is downloaded
or written to ~/.duckdb. The index is built in a private in-memory DuckDB (the store itself may
be open read-only, and a search should not write to it) from the store's articles; it is rebuilt
when the number of articles changes. Where the extension cannot be loaded, search falls back to
case-insensitive substring matching (ILIKE) and says so in `SearchIndex.backend`.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eventlens.store import Store

log = logging.getLogger(__name__)

_WORD = re.compile(r"[\w'-]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class EvidenceHit:
    event_id: str
    plover_type: str
    quad_class: int | None
    source_code: str | None
    target_code: str | None
    status: str
    evidence: str | None
    evidence_start: int
    evidence_end: int
    merged_id: str | None = None  # the merged event this report states
    report_count: int = 1  # reports of that merged event, in every article


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article that matches, its score (higher is better) and a snippet."""

    article_id: str
    title: str
    published: dt.date
    url: str
    score: float
    snippet: str
    events: int  # how many events the article has
    evidence: tuple[EvidenceHit, ...]  # its events whose evidence sentence matches


def fts_extension_path() -> Path | None:
    """The fts extension file shipped by `duckdb-extension-fts` for this DuckDB, if any."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    root = Path(duckdb_extension_fts.__file__).parent / "extensions"
    exact = root / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if exact.is_file():
        return exact
    found = sorted(root.glob("*/fts.duckdb_extension"))
    return found[-1] if found else None


class SearchIndex:
    """A BM25 index of a store's articles (title and text), or the ILIKE fallback."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.backend = "unbuilt"
        self.reason = ""
        self._mem: duckdb.DuckDBPyConnection | None = None
        self._built_for = -1
        self._lock = threading.Lock()

    def _article_count(self, con) -> int:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])

    def ensure(self, con=None) -> str:
        """Build (or rebuild) the index if the articles changed; returns the backend name."""
        con = con or self.store.con
        count = self._article_count(con)
        with self._lock:
            if count == self._built_for and self.backend != "unbuilt":
                return self.backend
            self._build(con, count)
            return self.backend

    def _build(self, con, count: int) -> None:
        ext = fts_extension_path()
        if ext is None:
            self._fallback("the duckdb-extension-fts package is not installed")
            return
        mem = duckdb.connect(":memory:")
        try:
            mem.execute(f"LOAD '{str(ext).replace(chr(39), chr(39) * 2)}'")
            docs = con.execute("SELECT id, coalesce(title, '') AS title, text "
                               "FROM articles").to_arrow_table()
            mem.register("docs_in", docs)
            mem.execute("CREATE TABLE docs AS SELECT * FROM docs_in")
            mem.unregister("docs_in")
            if count:
                mem.execute("PRAGMA create_fts_index('docs', 'id', 'title', 'text', "
                            "stemmer = 'english', stopwords = 'english', overwrite = 1)")
        except duckdb.Error as exc:
            mem.close()
            self._fallback(f"the fts extension did not load: {exc}")
            return
        if self._mem is not None:
            self._mem.close()
        self._mem, self._built_for = mem, count
        self.backend, self.reason = "fts", f"DuckDB fts (BM25) from {ext.name}"

    def _fallback(self, reason: str) -> None:
        log.warning("full-text search falls back to ILIKE: %s", reason)
        self.backend, self.reason = "ilike", reason
        self._built_for = -1

    def search(self, text: str, *, limit: int = 20, con=None) -> list[SearchHit]:
        """Articles matching `text`, best first, each with its matching evidence sentences."""
        con = con or self.store.con
        terms = [t.lower() for t in _WORD.findall(text or "") if len(t) > 1]
        if not terms:
            return []
        self.ensure(con)
        if self.backend == "fts" and self._built_for > 0:
            with self._lock:
                ranked = self._mem.execute(
                    "SELECT id, score FROM (SELECT id, fts_main_docs.match_bm25(id, ?) AS score "
                    "FROM docs) WHERE score IS NOT NULL ORDER BY score DESC, id LIMIT ?",
                    [" ".join(terms), int(limit)]).fetchall()
        elif self.backend == "fts":
            ranked = []
        else:
            ranked = _ilike_rank(con, terms, limit)
        reader = copy.copy(self.store)  # the store's merge map, read through `con`
        reader.con = con
        reports = _reports(con, [article_id for article_id, _ in ranked],
                           reader.event_relation(False))
        return [_hit(con, article_id, float(score), terms, reports.get(article_id, []))
                for article_id, score in ranked]


def _ilike_rank(con, terms: list[str], limit: int) -> list[tuple[str, float]]:
    clauses = " AND ".join(["(title ILIKE ? OR text ILIKE ?)"] * len(terms))
    params = [p for t in terms for p in (f"%{t}%", f"%{t}%")]
    score = " + ".join(["(length(lower(text)) - length(replace(lower(text), ?, ''))) "
                        f"/ {max(len(t), 1)}" for t in terms])
    return con.execute(f"SELECT id, {score} AS score FROM articles WHERE {clauses} "
                       "ORDER BY score DESC, id LIMIT ?", [*terms, *params, limit]).fetchall()


def _stems(terms: list[str]) -> list[str]:
    # Crude prefix stems so "sanctions" finds "sanctioned" in the evidence list, as BM25's
    # Porter stemmer does for the ranking; short words are kept whole.
    return [t[: max(4, len(t) - 3)] if len(t) > 5 else t for t in terms]


def _reports(con, article_ids: list[str], relation: str) -> dict[str, list[tuple]]:
    """The event reports of these articles (every status), with their merged event's id and
    report count; one query for all hits (the merge is computed once)."""
    out: dict[str, list[tuple]] = {}
    if not article_ids:
        return out
    rows = con.execute(
        "SELECT article_id, event_id, plover_type, quad_class, source_code, target_code, status, "
        "evidence, evidence_start, evidence_end, merged_id, report_count "
        f"FROM {relation} AS e WHERE list_contains(?, article_id) "
        "ORDER BY evidence_start, event_id", [article_ids]).fetchall()
    for row in rows:
        out.setdefault(row[0], []).append(row[1:])
    return out


def _hit(con, article_id: str, score: float, terms: list[str], rows: list[tuple]) -> SearchHit:
    title, published, url, text = con.execute(
        "SELECT coalesce(title, ''), published, coalesce(url, ''), text FROM articles "
        "WHERE id = ?", [article_id]).fetchone()
    stems = _stems(terms)
    matching = tuple(EvidenceHit(*r) for r in rows
                     if any(s in (r[6] or "").lower() for s in stems))
    return SearchHit(article_id, title, published, url, round(score, 4),
                     _snippet(text, stems), len(rows), matching)


def _snippet(text: str, stems: list[str], width: int = 220) -> str:
    low = text.lower()
    positions = [p for p in (low.find(s) for s in stems) if p >= 0]
    if not positions:
        return _clip(text, 0, width)
    start = max(0, min(positions) - width // 3)
    return _clip(text, start, width)


def _clip(text: str, start: int, width: int) -> str:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    piece = " ".join(text[start:start + width].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


def search(store: Store, text: str, *, limit: int = 20,
           index: SearchIndex | None = None) -> list[SearchHit]:
    """Full-text search of the store's articles (see `SearchIndex`)."""
    return (index or SearchIndex(store)).search(text, limit=limit)
