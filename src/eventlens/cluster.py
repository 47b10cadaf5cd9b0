"""Code on a Dask cluster: partitions of articles go to the scheduler, the rows come back.

The ingest run itself does not change (`eventlens.pipeline.ingest`): this process reads the
sources, drops what it has seen or stored already, and hands each batch of fresh articles to a
`DaskCoder` as one partition. A worker codes the partition with the spaCy pipeline and actor
knowledge base it loaded once (`CoderPlugin`, run when the worker joins) and returns the
store's rows as Arrow tables (`eventlens.store.rows`); this process, the store's one writer,
writes each partition in one transaction as it comes back, and places the new articles into
stories once, after the last.

What makes it safe to run at scale:

- A partition is a pure function of its articles: a worker that dies mid-partition has it
  recomputed elsewhere by the scheduler, and the rows are the same (their ids are hashes of
  what they state); the writer skips articles it already stored, so nothing lands twice.
- A re-run after an interruption reads its inputs again and submits only the articles the
  store does not have yet.
- At most `in_flight` partitions are out at once, so memory stays bounded on both sides
  whatever the input's size.
"""

from __future__ import annotations

import copy
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from eventlens.errors import ClusterError, ModelError
from eventlens.model import Article
from eventlens.pipeline import CodedBatch, coded_rows, joined_batches
from eventlens.registry import get_coder

LOCAL = "local"

# Users' actor files travel with the work as (file name, contents): a worker needs no shared
# filesystem, and codes with exactly the dictionaries the writer validated.
ActorTexts = tuple[tuple[str, bytes], ...]

# Dask settings of the local cluster (see `connect`). Its scheduler and nannies run in this
# process, beside the store's writer, on the same cores as the coding workers.
LOCAL_CONFIG = {
    # Dask's statistical profiler samples the coding thread's stack every 10 ms: about a tenth
    # of the coding rate.
    "distributed.worker.profile.enabled": False,
    # Dask starts each worker process with MALLOC_TRIM_THRESHOLD_=65536 (to hand freed memory
    # back to the system sooner); setting it also fixes glibc's mmap threshold, so each of
    # spaCy's large arrays is mapped and unmapped by the kernel: a sixth of a worker's time
    # went to system calls. Without it a worker allocates as a `--workers` process does.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # Every Dask server (the scheduler, each nanny, each worker) times its event loop every
    # 20 ms, samples the system every 500 ms and checks a worker's memory every 100 ms; on a
    # machine whose cores the workers keep busy, that is CPU taken from the coding.
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}

_CODERS: dict[tuple, object] = {}
# One spaCy pipeline per worker process: a worker with several threads codes one partition at
# a time (start workers with one thread each, several processes per machine).
_CODER_LOCK = threading.Lock()


def actor_texts(actor_files) -> ActorTexts:
    """The users' actor files as the workers receive them."""
    return tuple((Path(f).name, Path(f).read_bytes()) for f in actor_files)


def worker_coder(coder_name: str, actors: ActorTexts = ()):
    """The coder of this process (loaded on first use, with its spaCy pipeline and the users'
    actor files written to a folder of this process)."""
    from eventlens.nlp import load_pipeline

    digest = hashlib.sha256(b"".join(n.encode() + b"\0" + t for n, t in actors)).hexdigest()
    key = (coder_name, digest)
    with _CODER_LOCK:
        if key not in _CODERS:
            folder = Path(tempfile.mkdtemp(prefix="eventlens-actors-")) if actors else None
            paths = []
            for n, (name, text) in enumerate(actors):
                # numbered: two files of one name from different folders stay two files
                path = folder / f"{n:03d}-{name}"
                path.write_bytes(text)
                paths.append(path)
            coder = get_coder(coder_name, actor_files=tuple(paths))
            load_pipeline()
            _CODERS[key] = coder
        return _CODERS[key]


class CoderPlugin(WorkerPlugin):
    """Loads the coder, its actor knowledge base and the spaCy pipeline once per worker, when
    the worker joins (and again in a worker restarted after a crash), so that no partition
    pays for it and a worker without the pinned model fails at once, by name."""

    idempotent = True

    def __init__(self, coder_name: str, actors: ActorTexts) -> None:
        self.coder_name = coder_name
        self.actors = actors
        self.name = f"eventlens-coder-{coder_name}"

    def setup(self, worker) -> None:
        worker_coder(self.coder_name, self.actors)


def code_partition(articles: list[Article], *, run_id: str, coder_name: str,
                   user_actors: ActorTexts, coder_version: str) -> CodedBatch:
    """Code one partition on a worker: its rows as Arrow tables, and an error for each article
    that could not be coded (naming the article's file and place). `user_actors` are the
    users' actor files (`actor_texts`; not `actors`, which `Client.submit` takes itself)."""
    coder = worker_coder(coder_name, user_actors)
    if coder.version != coder_version:
        raise ModelError(f"worker {os.uname().nodename} codes with coder version "
                         f"{coder.version}, the writer with {coder_version}",
                         hint="install the same eventlens and wheel set on every worker "
                              "(docs/scale.md)")
    with _CODER_LOCK:
        return coded_rows(articles, coder=coder, run_id=run_id)


class DaskCoder:
    """A `CodingEngine` that codes each submitted batch as one task on a Dask cluster.

    Args:
        client: a connected `distributed.Client` (see `connect`).
        coder_name, actor_files, coder_version: the coder the workers load, with the users'
            actor files (read here, sent to the workers); a worker whose coder version differs
            from `coder_version` (another install) fails its partition.
        in_flight: partitions out at once (default: three per worker thread).
        partition_task: the function a worker runs on a partition (tests replace it).

    The partitions come back as they are done, one per worker thread at a time joined into
    one batch (as `--workers` joins a batch's parts), so that the writer stores them in one
    transaction: a transaction costs about as much for 32 articles as for 64.
    """

    def __init__(self, client: Client, *, coder_name: str = "linguistic",
                 actor_files=(), coder_version: str, in_flight: int | None = None,
                 partition_task: Callable[..., CodedBatch] = code_partition) -> None:
        self.client = client
        self.coder_name = coder_name
        actors = actor_texts(actor_files)
        # sent to every worker once; each task names it
        self.actors = client.scatter([actors], broadcast=True)[0] if actors else ()
        self.coder_version = coder_version
        self.partition_task = partition_task
        threads = sum(client.nthreads().values())
        self.in_flight = in_flight or max(2, 3 * threads)
        # partitions joined per write; fewer than in flight, so the workers have work meanwhile
        self.per_write = max(1, min(threads, self.in_flight - 1))
        self._pending = as_completed()
        self._origins: dict[str, str] = {}
        client.register_plugin(CoderPlugin(coder_name, actors))

    def submit(self, articles: list[Article], *, run_id: str) -> Iterator[CodedBatch]:
        key = "eventlens-partition-" + hashlib.sha256(
            "\x1f".join([run_id, *(a.id for a in articles)]).encode()).hexdigest()[:24]
        future = self.client.submit(self.partition_task, articles, run_id=run_id,
                                    coder_name=self.coder_name, user_actors=self.actors,
                                    coder_version=self.coder_version, key=key, pure=False,
                                    retries=0)
        self._origins[key] = _span(articles)
        self._pending.add(future)
        while self._pending.count() >= self.in_flight:
            yield self._collect_some()

    def finish(self) -> Iterator[CodedBatch]:
        while self._pending.count():
            yield self._collect_some()

    def _collect_some(self) -> CodedBatch:
        """The next `per_write` partitions done (fewer at the end) as one batch."""
        return joined_batches([self._collect(next(self._pending))
                               for _ in range(min(self.per_write, self._pending.count()))])

    def _collect(self, future) -> CodedBatch:
        where = self._origins.pop(future.key, "")
        try:
            coded = future.result()
        except Exception as exc:  # noqa: BLE001 - whatever the worker raised, named with its partition
            if isinstance(exc, ModelError):
                raise
            raise ClusterError(f"a partition failed on the cluster: {type(exc).__name__}: "
                               f"{str(exc)[:300]}", where=where,
                               hint="the articles stored so far stay stored; run the same "
                                    "ingest again to resume") from exc
        finally:
            future.release()
        return coded

    def close(self) -> None:
        """Cancel what is still out (an interrupted run)."""
        futures = list(self._pending.futures)
        self._pending.clear()
        if futures:
            self.client.cancel(futures)


def _span(articles: list[Article]) -> str:
    first, last = articles[0].origin or articles[0].id, articles[-1].origin or articles[-1].id
    return first if first == last else f"{first} .. {last}"


def connect(address: str, *, workers: int | None = None) -> tuple[Client, LocalCluster | None]:
    """A client of the scheduler at `address`, or of a new local cluster when it is 'local'.

    The local cluster runs `workers` worker processes (default: one per core this process may
    use) of one thread each with the settings of `LOCAL_CONFIG` (no statistical profiler,
    glibc's own malloc settings, quieter monitors), listens on 127.0.0.1 only and serves no
    dashboard.

    Raises:
        ClusterError: the scheduler cannot be reached, or the local cluster cannot start.
    """
    if address == LOCAL:
        import dask
        from dask.system import CPU_COUNT

        try:
            # Read when the scheduler and each nanny are made, and given whole to each worker
            # (a nanny replaces its worker's top-level configuration sections with it), so
            # that a worker the nanny restarts after a crash runs with them too.
            with dask.config.set(LOCAL_CONFIG):
                cluster = LocalCluster(n_workers=workers or CPU_COUNT, threads_per_worker=1,
                                       processes=True, host="127.0.0.1",
                                       dashboard_address=None, worker_dashboard_address=None,
                                       config=copy.deepcopy(dask.config.config))
        except Exception as exc:  # noqa: BLE001 - any start-up failure is one clear error
            raise ClusterError(f"could not start a local Dask cluster: {exc}") from exc
        return Client(cluster), cluster
    if workers is not None:
        raise ClusterError("--workers sizes a local cluster; a scheduler at an address has "
                           "the workers started for it", hint="leave --workers out, or use "
                           "--dask local")
    try:
        return Client(address, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}",
                           hint="start one with `dask scheduler` (docs/scale.md), or use "
                                "--dask local") from exc


def close(client: Client, cluster: LocalCluster | None) -> None:
    """Close the client, and the local cluster if this process started it."""
    client.close()
    if cluster is not None:
        cluster.close()
