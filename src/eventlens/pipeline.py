"""Run the stages over many sources: read, parse, code, store — resumable and idempotent."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventlens.errors import EventlensError
from eventlens.model import Article, ArticleResult
from eventlens.registry import get_coder
from eventlens.store import Store

ProgressHook = Callable[[int, int], None]


@dataclass(slots=True)
class RunSummary:
    """What an ingest run did, and what it skipped and why."""

    run_id: str = ""
    new_ids: list[str] = field(default_factory=list)
    stories: object = None  # the StoryUpdate of this run
    read: int = 0
    new: int = 0
    duplicates: int = 0
    events: int = 0
    errors: list[EventlensError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def skipped_by_reason(self) -> Counter:
        return Counter(_reason(e) for e in self.errors)


def _reason(error: EventlensError) -> str:
    return error.message.split(":")[0].split(" (")[0]


def code_articles(articles: list[Article], *, coder=None, nlp=None,
                  batch_size: int = 32) -> list[ArticleResult]:
    """Parse and code articles in memory (no store): the library entry point for one batch."""
    from eventlens.nlp import parse

    coder = coder or get_coder()
    docs = parse((a.text for a in articles), batch_size=batch_size, nlp=nlp)
    return [coder.code(doc, article) for doc, article in zip(docs, articles, strict=True)]


_WORKER_CODER = None


def _worker_init(coder_name: str, actor_files: tuple) -> None:
    global _WORKER_CODER
    _WORKER_CODER = get_coder(coder_name, actor_files=actor_files)


def _worker_code(articles: list[Article]) -> list[ArticleResult]:
    return code_articles(articles, coder=_WORKER_CODER)


class ParallelCoder:
    """Codes batches in worker processes (one spaCy pipeline each); the caller stays the only
    writer of the store."""

    def __init__(self, workers: int, *, coder_name: str = "linguistic", actor_files=()) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        # spawn, not fork: the parent may hold threads (DuckDB, tokenizers) a fork would copy
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                                        initargs=(coder_name, tuple(actor_files)),
                                        mp_context=multiprocessing.get_context("spawn"))

    def code(self, articles: list[Article]) -> list[ArticleResult]:
        size = max(1, -(-len(articles) // self.workers))
        parts = [articles[i:i + size] for i in range(0, len(articles), size)]
        return [r for part in self.pool.map(_worker_code, parts) for r in part]

    def close(self) -> None:
        self.pool.shutdown()


def ingest(paths: Iterable[str | Path], store: Store, *, options=None, coder=None,
           batch_size: int = 32, progress: ProgressHook | None = None,
           parallel: ParallelCoder | None = None) -> RunSummary:
    """Read every source under `paths`, code new articles and write them to `store`.

    Bad files and records are recorded with their place and skipped; each batch is written in
    one transaction, so an interrupted run loses at most the batch in flight and a re-run
    resumes where it stopped (already stored articles are recognised by id and skipped).
    The new articles are then placed into stories (near-duplicates and reports of the same
    happening), incrementally; articles an interrupted run left unplaced are placed next time.
    """
    from eventlens.ingest import IngestOptions, read_sources

    started = time.perf_counter()
    coder = coder or get_coder()
    options = options or IngestOptions()
    summary = RunSummary()
    path_list = [str(p) for p in paths]
    summary.run_id = store.begin_run(path_list, coder=coder.name, coder_version=coder.version)
    seen: set[str] = set()
    batch: list[Article] = []
    status = "failed"
    try:
        for item in read_sources(path_list, options=options):
            if isinstance(item, EventlensError):
                summary.errors.append(item)
                store.record_error(summary.run_id, item)
                continue
            summary.read += 1
            if item.id in seen:
                summary.duplicates += 1
                continue
            seen.add(item.id)
            batch.append(item)
            if len(batch) >= batch_size:
                _flush(batch, store, coder, summary, progress, parallel)
                batch = []
        _flush(batch, store, coder, summary, progress, parallel)
        if summary.new_ids:
            from eventlens.stories import update_stories

            summary.stories = update_stories(store)  # also places what a crash left unplaced
        status = "done"
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, read=summary.read, new=summary.new,
                         duplicates=summary.duplicates, errors=len(summary.errors),
                         events=summary.events, status=status)
    return summary


def _flush(batch: list[Article], store: Store, coder, summary: RunSummary,
           progress: ProgressHook | None, parallel: ParallelCoder | None = None) -> None:
    if not batch:
        return
    known = store.known_article_ids(a.id for a in batch)
    fresh = [a for a in batch if a.id not in known]
    summary.duplicates += len(batch) - len(fresh)
    if fresh:
        results = parallel.code(fresh) if parallel else code_articles(fresh, coder=coder)
        summary.events += store.write_results(results, run_id=summary.run_id,
                                              coder_version=coder.version)
        summary.new += len(fresh)
        summary.new_ids.extend(a.id for a in fresh)
    if progress:
        progress(len(batch), summary.events)
