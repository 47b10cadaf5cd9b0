"""`--workers`: the pool holds a bounded number of batches, handed back in order (the worker
function is replaced by a fake in threads, so no spaCy model is loaded)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from eventlens import pipeline
from eventlens.model import Article, ArticleResult
from eventlens.pipeline import CodedBatch, ParallelCoder


def _article(n: int) -> Article:
    return Article(id=f"a{n:04d}", text=f"Report number {n}.", published=dt.date(2024, 1, 2))


def test_parallel_coder_keeps_a_bounded_number_of_batches_in_flight(monkeypatch):
    parts: list[list[str]] = []

    def fake_code(articles, run_id):
        assert run_id == "run"
        parts.append([a.id for a in articles])
        return CodedBatch(results=[ArticleResult(a) for a in articles])

    monkeypatch.setattr(pipeline, "_worker_code", fake_code)
    coder = ParallelCoder(2, in_flight=2)
    coder.pool.shutdown()
    coder.pool = ThreadPoolExecutor(2)
    batches = [[_article(10 * b + i) for i in range(4)] for b in range(6)]
    handed_back: list[CodedBatch] = []
    try:
        for n, batch in enumerate(batches, start=1):
            handed_back += coder.submit(batch, run_id="run")
            # every batch but the last two submitted has come back to be stored
            assert len(handed_back) == max(0, n - 2)
        handed_back += coder.finish()
    finally:
        coder.close()
    assert [[r.article.id for r in b.results] for b in handed_back] == [
        [a.id for a in batch] for batch in batches]
    assert sorted(len(p) for p in parts) == [2] * 12  # each batch split between two workers


def test_the_parts_rows_built_by_the_workers_come_back_as_one_batch(monkeypatch):
    from eventlens.store.rows import result_tables

    def fake_code(articles, run_id):
        return CodedBatch(tables=result_tables([ArticleResult(a) for a in articles],
                                               run_id=run_id, coder_version="v"))

    monkeypatch.setattr(pipeline, "_worker_code", fake_code)
    coder = ParallelCoder(2)
    coder.pool.shutdown()
    coder.pool = ThreadPoolExecutor(2)
    try:
        batch = coder.code([_article(n) for n in range(5)], run_id="run")
    finally:
        coder.close()
    assert batch.results == []
    assert batch.tables.article_ids == [f"a{n:04d}" for n in range(5)]
    assert set(batch.tables.articles.column("run_id").to_pylist()) == {"run"}


def test_parts_whose_columns_are_all_null_join_the_others_types():
    import pyarrow as pa

    from eventlens.store.rows import ResultTables, joined_tables

    def part(ids, evidence):
        return ResultTables(pa.table({"id": ids}), pa.table({"more_evidence": evidence}),
                            pa.table({"x": [1]}), pa.table({"x": [2]}), events_coded=1)

    joined = joined_tables([part(["a"], [None]), part(["b"], [["a later sentence"]])])
    assert joined.article_ids == ["a", "b"]
    assert joined.event_records.column("more_evidence").to_pylist() == [
        None, ["a later sentence"]]
    assert joined.events_coded == 2
