"""Run the stages over many sources: read, parse, code, store — resumable and idempotent."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from eventlens.actors.gazetteer import load_gazetteer
from eventlens.coding.geocode import place_events
from eventlens.errors import CodingError, EventlensError
from eventlens.model import Article, ArticleResult
from eventlens.pausepoints import pause_point
from eventlens.registry import get_coder
from eventlens.store import Store
from eventlens.store.rows import ResultTables, joined_tables, result_tables

# progress(articles, events, errors): articles just stored or skipped; events and errors so far
ProgressHook = Callable[[int, int, int], None]


@dataclass(slots=True)
class RunSummary:
    """What an ingest run did, and what it skipped and why."""

    run_id: str = ""
    new_ids: list[str] = field(default_factory=list)
    stories: object = None  # the StoryUpdate of this run
    claims: object = None  # the ClaimRefresh of this run (eventlens.claims)
    interrupted_runs: list[dict] = field(default_factory=list)  # closed by this run (resumed)
    read: int = 0
    new: int = 0
    duplicates: int = 0
    events: int = 0
    # event records the coder gave that the store already had from the same article (an act
    # stated twice, coded twice with the same id): written once, counted here
    same_act_twice: int = 0
    errors: list[EventlensError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def skipped_by_reason(self) -> Counter:
        return Counter(_reason(e) for e in self.errors)

    @property
    def resumed(self) -> list[str]:
        """What this run finished of earlier runs, one line each (empty when nothing)."""
        lines = [f"run {r['run_id']} was interrupted after storing {r['articles_new']} "
                 f"articles with {r['events']} events; marked 'interrupted'"
                 for r in self.interrupted_runs]
        placed = getattr(self.stories, "articles", 0) - len(self.new_ids)
        if placed > 0:
            lines.append(f"placed {placed} articles an earlier run stored into stories")
        repaired = getattr(self.stories, "repaired_stories", ())
        if repaired:
            lines.append(f"recomputed the merged events of {len(repaired)} stale stories")
        return lines


def _reason(error: EventlensError) -> str:
    return error.message.split(":")[0].split(" (")[0]


@dataclass(slots=True)
class CodedBatch:
    """The results of one batch, and an error for each article that could not be coded.

    `tables`, when set, holds the results as the store's rows (built where the coding ran, as
    a Dask worker does); `results` is then empty.
    """

    results: list[ArticleResult] = field(default_factory=list)
    errors: list[CodingError] = field(default_factory=list)
    tables: ResultTables | None = None


class CodingEngine(Protocol):
    """Codes batches of articles (in this process, in worker processes, on a Dask cluster) and
    hands back the coded batches; the caller stays the store's one writer."""

    def submit(self, articles: list[Article], *, run_id: str) -> Iterator[CodedBatch]:
        """Take a batch to code; yield the batches done meanwhile (any batch submitted so
        far, in any order). May block until one is done, to bound the work in flight."""
        ...

    def finish(self) -> Iterator[CodedBatch]:
        """Yield every batch submitted and not yet yielded, as each is done."""
        ...


class InProcessCoder:
    """Codes each batch here, when it is submitted."""

    def __init__(self, coder) -> None:
        self.coder = coder

    def submit(self, articles: list[Article], *, run_id: str) -> Iterator[CodedBatch]:
        yield code_batch(articles, coder=self.coder)

    def finish(self) -> Iterator[CodedBatch]:
        return iter(())


def code_articles(articles: list[Article], *, coder=None, nlp=None,
                  batch_size: int = 32) -> list[ArticleResult]:
    """Parse and code articles in memory (no store): the library entry point for one batch.

    One result per article, in order; a failure raises (use `code_batch` to go on past it).
    Texts longer than the parser takes are coded in pieces (`code_batch`).
    """
    return _code(articles, coder=coder, nlp=nlp, batch_size=batch_size, strict=True).results


def code_batch(articles: list[Article], *, coder=None, nlp=None,
               batch_size: int = 32) -> CodedBatch:
    """Parse and code articles; an article whose parsing or coding fails becomes a
    `CodingError` naming its origin and the reason, and the others are coded.

    A text longer than `MAX_PIECE_CHARS` (or the pipeline's `max_length`) is parsed and coded
    in pieces cut at paragraph breaks (`eventlens.nlp.pieces.text_pieces`); every offset in
    the result is into the whole article text. Events are not merged across pieces, and a
    name resolved in one piece is not carried into the next.
    """
    return _code(articles, coder=coder, nlp=nlp, batch_size=batch_size, strict=False)


def _code(articles: list[Article], *, coder, nlp, batch_size: int, strict: bool) -> CodedBatch:
    from eventlens.nlp import load_pipeline
    from eventlens.nlp.pieces import MAX_PIECE_CHARS, text_pieces

    coder = coder or get_coder()
    nlp = nlp or load_pipeline()
    gazetteer = load_gazetteer(getattr(coder, "kb", None))
    limit = min(MAX_PIECE_CHARS, nlp.max_length)
    # keyed by position, not id: a batch may hold one text twice (two records of one sentence)
    jobs = [(n, article, start, piece) for n, article in enumerate(articles)
            for start, piece in text_pieces(article.text, limit)]
    done: dict[int, list[ArticleResult]] = {}
    failed: dict[int, CodingError] = {}
    for (n, article, start, piece), doc in zip(jobs, _parsed([j[1:] for j in jobs], nlp,
                                                             batch_size, strict), strict=True):
        if n in failed:
            continue
        try:
            if isinstance(doc, Exception):
                raise doc
            whole = start == 0 and len(piece) == len(article.text)
            result = coder.code(doc, article if whole else replace(article, text=piece))
            result = place_events(doc, result, gazetteer)
            done.setdefault(n, []).append(shift_result(result, start, article))
        # The per-article error handler: whatever one text does to the parser or the coder
        # costs that article only.
        except Exception as exc:  # noqa: BLE001
            if strict:
                raise
            failed[n] = _coding_error(article, start, piece, exc)
    batch = CodedBatch(errors=list(failed.values()))
    for n, article in enumerate(articles):
        if n not in failed and n in done:
            batch.results.append(_joined(article, done.pop(n)))
    return batch


def _parsed(jobs, nlp, batch_size: int, strict: bool):
    """A Doc per job, in order, or the exception parsing that job raised."""
    from eventlens.nlp import parse

    texts = [piece for _, _, piece in jobs]
    given = 0
    try:
        for doc in parse(texts, batch_size=batch_size, nlp=nlp):
            given += 1
            yield doc
        return
    except Exception:
        if strict:
            raise
    for text in texts[given:]:  # the batch failed somewhere: find where, one text at a time
        try:
            yield next(iter(parse([text], batch_size=1, nlp=nlp)))
        except Exception as exc:  # noqa: BLE001
            yield exc


def _coding_error(article: Article, start: int, piece: str, exc: Exception) -> CodingError:
    where = article.origin or f"article {article.id}"
    place = (f" (characters {start:,}-{start + len(piece):,})"
             if len(piece) != len(article.text) else "")
    return CodingError(f"article {article.id} could not be coded{place}: "
                       f"{type(exc).__name__}: {str(exc)[:200]}", where=where,
                       hint="please report this article to the eventlens maintainers")


def shift_result(result: ArticleResult, offset: int, article: Article) -> ArticleResult:
    """`result` of a piece starting at `offset` of `article`, with offsets into the whole
    text and the whole article."""
    if offset == 0 and result.article is article:
        return result

    def mention(m):
        return None if m is None else replace(m, start=m.start + offset, end=m.end + offset)

    events = tuple(replace(e, source=mention(e.source), target=mention(e.target),
                           evidence_start=e.evidence_start + offset,
                           evidence_end=e.evidence_end + offset,
                           more_evidence=tuple((a + offset, b + offset)
                                               for a, b in e.more_evidence))
                   for e in result.events)
    quotes = tuple(replace(q, start=q.start + offset, end=q.end + offset) for q in result.quotes)
    return ArticleResult(article, events, quotes, tuple(mention(m) for m in result.mentions),
                         tuple((a + offset, b + offset) for a, b in result.sentences))


def _joined(article: Article, parts: list[ArticleResult]) -> ArticleResult:
    if len(parts) == 1:
        return parts[0]
    return ArticleResult(article, tuple(e for p in parts for e in p.events),
                         tuple(q for p in parts for q in p.quotes),
                         tuple(m for p in parts for m in p.mentions),
                         tuple(s for p in parts for s in p.sentences))


def coded_rows(articles: list[Article], *, coder, run_id: str) -> CodedBatch:
    """Code a batch where the work runs (a worker process, a Dask worker) and hand back its
    rows as Arrow tables, so that the store's one writer only writes them."""
    batch = code_batch(articles, coder=coder)
    return CodedBatch(errors=batch.errors,
                      tables=result_tables(batch.results, run_id=run_id,
                                           coder_version=coder.version))


def joined_batches(parts: list[CodedBatch]) -> CodedBatch:
    """Coded batches of different articles as one batch (stored in one transaction)."""
    if len(parts) == 1:
        return parts[0]
    batch, tables = CodedBatch(), []
    for part in parts:
        batch.results.extend(part.results)
        batch.errors.extend(part.errors)
        if part.tables is not None:
            tables.append(part.tables)
    if tables:
        batch.tables = joined_tables(tables)
    return batch


_WORKER_CODER = None


def _worker_init(coder_name: str, actor_files: tuple) -> None:
    global _WORKER_CODER
    _WORKER_CODER = get_coder(coder_name, actor_files=actor_files)


def _worker_code(articles: list[Article], run_id: str) -> CodedBatch:
    return coded_rows(articles, coder=_WORKER_CODER, run_id=run_id)


class ParallelCoder:
    """Codes batches in worker processes (one spaCy pipeline each); the caller stays the only
    writer of the store. Each worker hands back its part's rows as Arrow tables
    (`coded_rows`, as a Dask worker does), so the writer does no coding work of its own.

    `submit` hands a batch to the pool (split into one part per worker) and returns at once
    while fewer than `in_flight` batches are out; past that it waits for the oldest. Batches
    come back in the order they were submitted, so the store is written as in one process,
    and at most `in_flight` batches are held in memory whatever the input's size.
    """

    def __init__(self, workers: int, *, coder_name: str = "linguistic", actor_files=(),
                 in_flight: int = 2) -> None:
        import multiprocessing
        from collections import deque
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.in_flight = max(1, in_flight)
        self._out: deque = deque()  # futures of each submitted batch's parts, oldest first
        # spawn, not fork: the parent may hold threads (DuckDB, tokenizers) a fork would copy
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                                        initargs=(coder_name, tuple(actor_files)),
                                        mp_context=multiprocessing.get_context("spawn"))

    def submit(self, articles: list[Article], *, run_id: str) -> Iterator[CodedBatch]:
        self._out.append([self.pool.submit(_worker_code, part, run_id)
                          for part in self._parts(articles)])
        while len(self._out) > self.in_flight:
            yield self._joined(self._out.popleft())

    def finish(self) -> Iterator[CodedBatch]:
        while self._out:
            yield self._joined(self._out.popleft())

    def code(self, articles: list[Article], *, run_id: str = "") -> CodedBatch:
        """Code one batch and wait for it."""
        return self._joined([self.pool.submit(_worker_code, part, run_id)
                             for part in self._parts(articles)])

    def _parts(self, articles: list[Article]) -> list[list[Article]]:
        size = max(1, -(-len(articles) // self.workers))
        return [articles[i:i + size] for i in range(0, len(articles), size)]

    @staticmethod
    def _joined(futures) -> CodedBatch:
        return joined_batches([future.result() for future in futures])

    def close(self) -> None:
        for futures in self._out:  # an interrupted run: drop what was never stored
            for future in futures:
                future.cancel()
        self._out.clear()
        self.pool.shutdown()


def ingest(paths: Iterable[str | Path], store: Store, *, options=None, coder=None,
           batch_size: int = 32, progress: ProgressHook | None = None,
           parallel: CodingEngine | None = None,
           on_file: Callable[[Path], None] | None = None) -> RunSummary:
    """Read every source under `paths`, code new articles and write them to `store`.

    Bad files and records are recorded with their place and skipped; each batch is written in
    one transaction, so an interrupted run loses at most the batch in flight and a re-run
    resumes where it stopped (already stored articles are recognised by id and skipped).
    The new articles are then placed into stories (near-duplicates and reports of the same
    happening), incrementally, in one transaction.

    Every run first finishes what an interrupted run (kill -9, power loss) left: its run
    record, still `running`, is closed as `interrupted` (`summary.interrupted_runs`), and the
    articles it stored but did not place are placed with this run's (`summary.resumed`).

    `parallel` codes the batches elsewhere (`ParallelCoder`, `eventlens.cluster.DaskCoder`);
    without it they are coded here. `progress(articles, events, errors)` is called after each
    batch is stored; `on_file(path)` before each file is read (reading runs at most one batch
    ahead of storing, or as many as `parallel` keeps in flight).
    """
    from eventlens.claims import refresh_claims
    from eventlens.ingest import IngestOptions, read_sources
    from eventlens.stories import update_stories

    started = time.perf_counter()
    coder = coder or get_coder()
    options = options or IngestOptions()
    summary = RunSummary()
    path_list = [str(p) for p in paths]
    summary.interrupted_runs = store.close_interrupted_runs()
    summary.run_id = store.begin_run(path_list, coder=coder.name, coder_version=coder.version)
    pause_point("run.begun")
    engine = parallel or InProcessCoder(coder)
    # ids read and not yet stored (the store knows the others): bounded by the batches in
    # flight and the articles that failed, not by the input's size
    seen: set[str] = set()
    batch: list[Article] = []
    status = "failed"
    try:
        for item in read_sources(path_list, options=options, on_file=on_file):
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
                seen -= _flush(batch, store, coder, summary, progress, engine)
                batch = []
        _flush(batch, store, coder, summary, progress, engine)
        for coded in engine.finish():
            _store(coded, store, coder, summary, progress)
        pause_point("run.stored")
        # Always, even with nothing new: this also places what an interrupted run stored
        # and did not place, and recomputes stale merged events.
        summary.stories = update_stories(store)
        # claims depend on the events and their merged events: recomputed when they changed
        summary.claims = refresh_claims(store)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, read=summary.read, new=summary.new,
                         duplicates=summary.duplicates, errors=len(summary.errors),
                         events=summary.events, status=status)
    pause_point("run.finished")
    return summary


def _flush(batch: list[Article], store: Store, coder, summary: RunSummary,
           progress: ProgressHook | None, engine: CodingEngine) -> set[str]:
    """Hand `batch` to the engine and store the batches it gives back; the ids the store
    now holds (of those batches, and of the articles of `batch` it held already)."""
    if not batch:
        return set()
    known = store.known_article_ids(a.id for a in batch)
    fresh = [a for a in batch if a.id not in known]
    summary.duplicates += len(batch) - len(fresh)
    if progress and len(fresh) < len(batch):
        progress(len(batch) - len(fresh), summary.events, len(summary.errors))
    stored = set(known)
    if fresh:
        for coded in engine.submit(fresh, run_id=summary.run_id):
            stored.update(_store(coded, store, coder, summary, progress))
    return stored


def _store(coded: CodedBatch, store: Store, coder, summary: RunSummary,
           progress: ProgressHook | None) -> list[str]:
    """Write one coded batch in one transaction and count it; the ids of its articles."""
    for error in coded.errors:
        summary.errors.append(error)
        store.record_error(summary.run_id, error)
    tables = coded.tables or result_tables(coded.results, run_id=summary.run_id,
                                           coder_version=coder.version)
    written = store.write_tables(tables)
    ids = tables.article_ids
    summary.events += written
    summary.same_act_twice += tables.events_coded - written
    summary.new += len(ids)
    summary.new_ids.extend(ids)
    pause_point("run.batch-stored")
    if progress:
        progress(len(ids) + len(coded.errors), summary.events, len(summary.errors))
    return ids
