"""The REST API and the dashboard's server: `create_app(db_path)` returns a FastAPI app.

Every endpoint is a thin wrapper over `eventlens.analysis` (and `eventlens.store.exports` for
downloads). The store is opened read-only by default; each request reads through its own
DuckDB cursor, so requests run in parallel threads without sharing a connection. With an
`IngestSchedule` the app holds the store's one writer and ingests in a background thread
(`eventlens.api.scheduler`) while requests go on reading.
"""

import asyncio
import copy
import dataclasses
import datetime as dt
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import TypeAdapter
from starlette.background import BackgroundTask
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventlens import __version__, analysis
from eventlens.analysis.events import DEFAULT_STATUS, EventQuery
from eventlens.api.claims_routes import add_claim_routes
from eventlens.api.map_routes import add_map_routes
from eventlens.api.scheduler import IngestSchedule, IngestStatus, ScheduledIngest
from eventlens.client import event_query, store_codes, type_filter
from eventlens.errors import EventlensError, UnknownActorError
from eventlens.filters import actor_code, date_range, type_pattern
from eventlens.store import Store, open_store
from eventlens.store.exports import COLUMN_SETS, FORMATS, export
from eventlens.vocabulary import QUAD_CLASSES, PloverTypeInfo, actor_name, plover_types

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_DOWNLOAD = 1_000_000
# The largest offset a page may ask for: past it DuckDB's OFFSET (a signed 64-bit integer)
# overflowed into a 500. 2^53 - 1 is also the largest integer every JSON client reads exactly.
MAX_OFFSET = 2**53 - 1
# Responses kept per app (events pages and dyad timelines), each valid until the store changes.
CACHE_SIZE = 256
# API requests worked on at once (the others wait their turn, first come first served): on 2
# cores, 4 at a time answered 20 clients' uncached events pages with p95 250 ms where 40 at a
# time (Starlette's thread pool) took 430-630 ms, at the same throughput.
MAX_CONCURRENT = max(4, 2 * (os.cpu_count() or 1))
# Host names a server bound to a loopback address answers to (DNS rebinding is refused).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'; object-src 'none'; base-uri 'self'"),
    (b"referrer-policy", b"no-referrer"),
]

_MEDIA = {"csv": "text/csv", "tsv": "text/tab-separated-values",
          "jsonl": "application/x-ndjson", "json": "application/json",
          "parquet": "application/vnd.apache.parquet"}

ActorParam = Annotated[str | None, Query(description="Country/organisation (RUS) or code "
                                                     "(RUS:GOV).", examples=["RUS"])]
# What the API accepts, written into the OpenAPI document so that it is true: every value a
# pattern or an enum admits is answered, every other is refused (schemathesis checks both ways
# in the tests). They are declared, not enforced by FastAPI, so that a bad value gets the API's
# own 400 with a message and a hint rather than a 422 quoting the pattern. A date is a real
# calendar date from year 1000 (29 February in leap years only), a month or a year; empty
# means no filter.
_YEAR = "[1-9][0-9]{3}"
_LEAP_YEAR = "(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
_MONTH_DAY = ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
              "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))")
DATE_PATTERN = (f"^(?:|{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}"
                f"|{_LEAP_YEAR}-02-29)$")
# Two actors separated by one comma, each with something besides spaces; empty: no filter.
DYAD_PATTERN = r"^(?:|[^,]*[^,\s][^,]*,[^,]*[^,\s][^,]*)$"
STATUSES = ["asserted", "intended", "denied", "hypothetical", "all", "any", ""]
ADM1_PATTERN = r"^(?:|[A-Za-z]{2}\.[A-Za-z0-9]{1,20})$"
# min_lon,min_lat,max_lon,max_lat with longitudes in -180..180 and latitudes in -90..90
_LON = r"\s*-?(?:180(?:\.0+)?|1[0-7]\d(?:\.\d+)?|\d{1,2}(?:\.\d+)?)\s*"
_LAT = r"\s*-?(?:90(?:\.0+)?|[0-8]?\d(?:\.\d+)?)\s*"
BBOX_PATTERN = rf"^(?:|{_LON},{_LAT},{_LON},{_LAT})$"

DateParam = Annotated[str | None, Query(json_schema_extra={"pattern": DATE_PATTERN},
                                        description="YYYY-MM-DD, YYYY-MM or YYYY (inclusive).",
                                        examples=["2022-02-24"])]
# PLOVER types in any case and the CAMEO codes the crosswalk maps, comma-separated; exactly
# what eventlens.filters.event_types accepts.
TypeParam = Annotated[str | None, Query(json_schema_extra={"pattern": type_pattern()},
                                        description="PLOVER type (ASSAULT) or CAMEO code (19, "
                                                    "190); several comma-separated.",
                                        examples=["ASSAULT"])]
StatusParam = Annotated[str | None, Query(json_schema_extra={"enum": STATUSES},
                                          description="Only events with this status (default "
                                                      "asserted, as on every face); 'all' for "
                                                      "every status.")]
MergedParam = Annotated[bool, Query(description="One row per real-world act, merged across "
                                                "the reports that state it (default), or "
                                                "false: one row per report.")]
DyadParam = Annotated[str | None, Query(json_schema_extra={"pattern": DYAD_PATTERN},
                                        description="Two actors, either direction: RUS,UKR",
                                        examples=["RUS,UKR"])]


@dataclass(frozen=True, slots=True)
class ErrorBody:
    """A request the API cannot answer as asked (400): a coded message and what to do."""

    error: str
    message: str
    hint: str | None = None


BAD_REQUEST = {400: {"model": ErrorBody, "description": "A value the API cannot use (an "
                     "unknown status or type, a date that is not ISO, an inverted date range, "
                     "a malformed dyad ...): the message and hint name what is accepted."},
               404: {"model": ErrorBody, "description": "An actor (source, target, actor, "
                     "dyad, a, b) no country, organisation, group or role of that code or name "
                     "(E701), with the nearest known name."}}


@dataclass(frozen=True, slots=True)
class ArticleBrief:
    id: str
    title: str
    published: dt.date
    url: str


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of events with the articles they come from."""

    total: int
    limit: int
    offset: int
    next_offset: int | None
    events: list[analysis.EventRecord]
    articles: dict[str, ArticleBrief]


@dataclass(frozen=True, slots=True)
class DyadTimeline:
    a: str
    b: str
    a_name: str
    b_name: str
    freq: str
    status: str
    merged: bool
    periods: list[analysis.DyadPeriod]
    # the span holding most events (a chart's default time axis), and what falls outside it
    focus: analysis.DyadFocus | None = None


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    backend: str  # "fts" (DuckDB BM25) or "ilike" (fallback)
    hits: list[analysis.SearchHit]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    plover_types: list[PloverTypeInfo]
    quad_classes: dict[int, str]
    statuses: list[str]
    frequencies: list[str]
    export_formats: list[str]
    column_sets: list[str]


class _StoreHolder:
    """The app's one connection; hands each request a cursor of it, keeps the responses that
    are asked for again until the store changes, and runs the scheduled ingest if any."""

    def __init__(self, db_path: str | Path, read_only: bool,
                 min_confidence: float | None = None, *, cache_size: int = CACHE_SIZE,
                 ingest: IngestSchedule | None = None) -> None:
        self.store = open_store(db_path, read_only=read_only and ingest is None,
                                min_confidence=min_confidence)
        # A server has no terminal to draw DuckDB's progress bar on. One DuckDB thread per
        # query: the queries are small and requests run in parallel already (measured at 20
        # clients on 2 cores: 15-25 % more requests per second than two threads per query).
        self.store.con.execute("SET enable_progress_bar = false")
        self.store.con.execute("SET threads = 1")
        # Bumped after every scheduled ingest; with the count of event records it versions
        # the cached responses (event records are only ever inserted).
        self.generation = 0
        self._cache: OrderedDict[tuple, tuple[tuple, bytes]] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self.ingest = (ScheduledIngest(self.store, ingest, on_done=self._store_changed)
                       if ingest is not None else None)
        self.store.con.execute("SET threads = 1")
        self.search_index = analysis.SearchIndex(self.store)
        self.dyad_cube = analysis.DyadCube()
        # Build the cube while the server starts, so the first chart does not wait for it.
        threading.Thread(target=self._build_cube, name="eventlens-dyad-cube", daemon=True).start()

    def _build_cube(self) -> None:
        # The merge map and the dyad cube of merged events, built while the server starts so
        # that the first requests do not wait for them.
        view = copy.copy(self.store)
        view.con = cursor = self.store.cursor()
        try:
            self.dyad_cube.ensure(cursor, True, view.event_relation(True))
        except Exception:  # a failed build only means dyads are scanned; log it, go on
            logging.getLogger(__name__).exception("could not build the dyad cube")
        finally:
            cursor.close()

    def view(self) -> Iterator[Store]:
        view = copy.copy(self.store)
        view.con = self.store.cursor()
        try:
            yield view
        finally:
            view.con.close()

    def close(self) -> None:
        """Stop the scheduled ingest (waiting for a run in progress) and close the store."""
        if self.ingest is not None:
            self.ingest.stop()
        self.store.close()

    def _store_changed(self) -> None:
        self.generation += 1
        with self._cache_lock:
            self._cache.clear()

    def cached_json(self, store: Store, key: tuple, build: Callable[[], bytes]) -> Response:
        """The JSON response for `key`, built once per version of the store."""
        if self._cache_size <= 0:
            return Response(build(), media_type="application/json")
        count = store.con.execute("SELECT count(*) FROM event_records").fetchone()[0]
        version = (self.generation, int(count))
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                self._cache.move_to_end(key)
                return Response(hit[1], media_type="application/json")
        body = build()
        with self._cache_lock:
            self._cache[key] = (version, body)
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return Response(body, media_type="application/json")


class _ConcurrencyLimit:
    """Lets `limit` API requests run at once and queues the rest in arrival order.

    Requests that all run at once share the cores and all finish late; in turn, each waits
    for those before it and then runs at full speed, so the slowest answers come much sooner.
    Downloads (`/api/events.csv` ...) stream for as long as the client reads and are not held
    back, nor is anything outside /api/.
    """

    def __init__(self, app, limit: int = MAX_CONCURRENT) -> None:
        self.app = app
        self.limit = limit
        self._semaphore: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith("/api/") or path.startswith("/api/events."):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # one queue per event loop (a test client may start several)
            self._semaphore, self._loop = asyncio.Semaphore(self.limit), loop
        async with self._semaphore:
            await self.app(scope, receive, send)


class _SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every response (a plain ASGI middleware: no per-request
    task, unlike Starlette's BaseHTTPMiddleware)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_path: str | Path, *, read_only: bool = True, max_limit: int = MAX_LIMIT,
               max_download: int = MAX_DOWNLOAD, min_confidence: float | None = None,
               ingest: IngestSchedule | None = None,
               allowed_hosts: Sequence[str] | None = None,
               cache_size: int = CACHE_SIZE, max_concurrent: int = MAX_CONCURRENT) -> FastAPI:
    """The API (under /api), the dashboard (at /) and the OpenAPI docs (/docs, /openapi.json).
    Events below `min_confidence` (default `DEFAULT_MIN_CONFIDENCE`) are hidden from all of it.

    Args:
        ingest: ingest these paths on a schedule while serving; the app then opens the store
            for writing and is its one writer (see `eventlens.api.scheduler`).
        allowed_hosts: answer only requests whose Host header is one of these (`serve` passes
            `LOOPBACK_HOSTS` when bound to a loopback address); None accepts any.
        cache_size: events pages and dyad timelines kept until the store changes (0: none).
        max_concurrent: API requests worked on at once; the rest wait in arrival order.
    Raises:
        SchemaError: the store is missing or cannot be opened.
    """
    holder = _StoreHolder(db_path, read_only, min_confidence, cache_size=cache_size,
                          ingest=ingest)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if holder.ingest is not None:
            holder.ingest.start()
        try:
            yield
        finally:
            if holder.ingest is not None:
                holder.ingest.stop()

    app = FastAPI(title="eventlens", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="Political event data from dated English news: who did what to "
                              "whom, when, traceable to the sentence.")
    app.state.holder = holder
    app.add_middleware(_ConcurrencyLimit, limit=max_concurrent)
    app.add_middleware(_SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    StoreDep = Annotated[Store, Depends(holder.view)]

    @app.exception_handler(EventlensError)
    def _eventlens_error(_request: Request, exc: EventlensError) -> JSONResponse:
        status = 404 if isinstance(exc, UnknownActorError) else 400
        return JSONResponse(status_code=status, content={
            "error": exc.code, "message": exc.message, "hint": exc.hint})

    def _query(source, target, actor, dyad, type_, quad, status, since, until, article, q,
               limit, offset, merged=True, known_codes=None, places=None):
        pair = None
        if dyad:
            pair = [x.strip() for x in dyad.split(",")]
            if len(pair) != 2 or not all(pair):
                raise EventlensError(f"dyad must be two actors separated by a comma, got "
                                     f"{dyad!r}", hint="dyad=RUS,UKR")
        return event_query(source=source, target=target, actor=actor, dyad=pair, type=type_,
                           quad_class=quad, status=status, since=since, until=until,
                           article=article, q=q, limit=limit, offset=offset, merged=merged,
                           known_codes=known_codes, **(places or {}))

    def filters(
        store: StoreDep,
        source: ActorParam = None, target: ActorParam = None,
        actor: Annotated[str | None, Query(description="Source or target.")] = None,
        dyad: DyadParam = None,
        type: TypeParam = None,  # noqa: A002
        quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
        status: StatusParam = DEFAULT_STATUS, since: DateParam = None, until: DateParam = None,
        article: Annotated[str | None, Query(description="Article id.")] = None,
        q: Annotated[str | None, Query(description="Text in the evidence sentence.")] = None,
        merged: MergedParam = True,
        location_country: Annotated[str | None, Query(
            description="Where the event happened: ISO alpha-3 country (UKR) or its name.")]
        = None,
        location_adm1: Annotated[str | None, Query(
            json_schema_extra={"pattern": ADM1_PATTERN},
            description="Where the event happened: GeoNames admin1 code (UA.12).")] = None,
        bbox: Annotated[str | None, Query(
            json_schema_extra={"pattern": BBOX_PATTERN},
            description="Events whose point lies in min_lon,min_lat,max_lon,max_lat.")] = None,
    ) -> EventQuery:
        """The event filters every events endpoint and the summary take."""
        # eventlens.filters reads every value (names, CAMEO codes, whole months); a code
        # only this store knows (users' actor files) is asked of it on a miss
        return _query(source, target, actor, dyad, type, quad, status, since, until, article,
                      q, None, 0, merged, known_codes=lambda: store_codes(store),
                      places={"location_country": location_country,
                              "location_adm1": location_adm1, "bbox": bbox})

    Filters = Annotated[EventQuery, Depends(filters)]

    @app.get("/api/summary", response_model=analysis.Overview, tags=["store"],
             responses=BAD_REQUEST)
    def summary(store: StoreDep, query: Filters) -> analysis.Overview:
        """Counts of the events the filters select (by default merged asserted events, as
        /api/events counts them), the reports, articles and actors behind them, their date
        range, statuses and busiest dyads; the store's article and quote totals."""
        return analysis.overview(store, query)

    @app.get("/api/vocabulary", response_model=Vocabulary, tags=["store"])
    def vocabulary() -> Vocabulary:
        """PLOVER types (CAMEO root, quad class, intensity), statuses, frequencies, formats."""
        return Vocabulary(list(plover_types()), QUAD_CLASSES, list(analysis.STATUSES),
                          list(analysis.FREQUENCIES), list(FORMATS), list(COLUMN_SETS))

    @app.get("/api/events", response_model=EventPage, tags=["events"],
             responses=BAD_REQUEST)
    def events(
        store: StoreDep, matching: Filters,
        limit: Annotated[int, Query(ge=1, le=max_limit)] = DEFAULT_LIMIT,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> EventPage:
        """Events matching every filter, newest first, one page at a time: merged events
        (each with its report, mention, article and outlet counts) unless merged=false."""
        query = dataclasses.replace(matching, limit=limit, offset=offset)

        def page() -> bytes:
            rows = analysis.list_events(store, query)
            # A short page is the last one: its total is known without counting again.
            short = len(rows) < limit and (rows or offset == 0)
            total = offset + len(rows) if short else analysis.count_events(store, query)
            nxt = offset + limit if offset + limit < total else None
            return _EVENT_PAGE.dump_json(EventPage(total, limit, offset, nxt, rows,
                                                   _briefs(store, rows)))

        return holder.cached_json(store, ("events", query), page)

    @app.get("/api/events/counts", response_model=list[analysis.PeriodCount], tags=["events"],
             responses=BAD_REQUEST)
    def event_counts(
        store: StoreDep, query: Filters,
        freq: Literal["day", "week", "month", "quarter", "year"] = "month",
    ) -> list[analysis.PeriodCount]:
        """How many events match the filters, per period and quad class (for a histogram)."""
        return analysis.event_counts(store, query, freq=freq)

    @app.get("/api/events.{fmt}", tags=["events"],
             responses={200: {"content": {m: {} for m in _MEDIA.values()},
                              "description": "The file."}, **BAD_REQUEST})
    def events_download(
        store: StoreDep,
        fmt: Literal["csv", "tsv", "jsonl", "json", "parquet"],
        matching: Filters,
        columns: Annotated[Literal["eventlens", "plover", "gdelt", "icews"],
                           Query(description="Column set, see docs/formats.md.")] = "eventlens",
        limit: Annotated[int, Query(ge=1, le=max_download)] = max_download,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> Response:
        """Download matching events as CSV, TSV, JSONL, JSON or Parquet (up to `limit` rows),
        merged events unless merged=false, the same rows /api/events pages through."""
        query = dataclasses.replace(matching, limit=limit, offset=offset)
        fd, tmp = tempfile.mkstemp(prefix="eventlens-export-", suffix=f".{fmt}")
        os.close(fd)
        try:
            export(store, query, tmp, fmt, columns)
        except Exception:
            os.unlink(tmp)
            raise
        name = f"events.{fmt}" if columns == "eventlens" else f"events-{columns}.{fmt}"
        return FileResponse(tmp, media_type=_MEDIA[fmt], filename=name,
                            background=BackgroundTask(os.unlink, tmp))

    @app.get("/api/dyad", response_model=DyadTimeline, tags=["analysis"],
             responses=BAD_REQUEST)
    def dyad(
        store: StoreDep,
        a: Annotated[str, Query(description="First actor.", examples=["RUS"])],
        b: Annotated[str, Query(description="Second actor.", examples=["UKR"])],
        freq: Literal["day", "week", "month", "quarter", "year"] = "week",
        since: DateParam = None, until: DateParam = None,
        status: Annotated[str, Query(json_schema_extra={"enum": STATUSES},
                                     description="Count only this status (default asserted); "
                                                 "'all' counts every status.")] = DEFAULT_STATUS,
        fill: bool = True,
        merged: MergedParam = True,
    ) -> DyadTimeline:
        """Counts by quad class and mean intensity per period, a→b and b→a, of merged events
        (as /api/events counts them; merged=false counts every report). `focus` is the span
        where most events are (`focus_range`), which the dashboard's time axis shows."""
        first, last = date_range(since, until)
        a, b = (actor_code(x, name=n, known_codes=lambda: store_codes(store), required=True)
                for x, n in ((a, "a"), (b, "b")))

        def timeline() -> bytes:
            periods = analysis.dyad_timeline(store, a, b, freq=freq, since=first, until=last,
                                             status=status, fill=fill, cube=holder.dyad_cube,
                                             merged=merged)
            return _DYAD_TIMELINE.dump_json(DyadTimeline(
                a.upper(), b.upper(), actor_name(a.upper()), actor_name(b.upper()), freq,
                status or "all", merged, periods, analysis.focus_range(periods)))

        return holder.cached_json(store, ("dyad", a, b, freq, first, last, status, fill,
                                          merged), timeline)

    @app.get("/api/actors", response_model=list[analysis.ActorSummary], tags=["analysis"],
             responses=BAD_REQUEST)
    def actors(store: StoreDep, q: str | None = None,
               limit: Annotated[int, Query(ge=1, le=max_limit)] = 200,
               min_events: Annotated[int, Query(ge=1)] = 1) -> list[analysis.ActorSummary]:
        """Countries and organisations, most active first; `q` matches code or name."""
        return analysis.actor_list(store, q=q, limit=limit, min_events=min_events)

    @app.get("/api/network", response_model=analysis.Network, tags=["analysis"],
             responses=BAD_REQUEST)
    def network(store: StoreDep, since: DateParam = None, until: DateParam = None,
                status: StatusParam = DEFAULT_STATUS, actor: ActorParam = None,
                type: TypeParam = None,  # noqa: A002
                min_events: Annotated[int, Query(ge=1)] = 1,
                max_nodes: Annotated[int, Query(ge=2, le=300)] = 40,
                merged: MergedParam = True) -> analysis.Network:
        """Who acts on whom: nodes and directed edges with cooperation and conflict counts
        (merged events, as /api/events counts them; merged=false counts every report)."""
        first, last = date_range(since, until)
        actor = actor_code(actor, name="actor", known_codes=lambda: store_codes(store))
        return analysis.actor_network(store, since=first, until=last,
                                      status=status, actor=actor, plover_type=type_filter(type),
                                      min_events=min_events, max_nodes=max_nodes,
                                      merged=merged)

    @app.get("/api/articles/{article_id}", response_model=analysis.ArticleView,
             tags=["articles"], responses={404: {"description": "No such article."}})
    def article(store: StoreDep, article_id: str) -> analysis.ArticleView:
        """The article's text with its events (evidence offsets), quotes and mentions."""
        view = analysis.article_view(store, article_id)
        if view is None:
            raise HTTPException(404, f"no article with id {article_id!r} (or the prefix is not "
                                     "unique)")
        return view

    @app.get("/api/search", response_model=SearchResults, tags=["articles"],
             responses=BAD_REQUEST)
    def search(store: StoreDep,
               q: Annotated[str, Query(min_length=1, description="Words to look for.")],
               limit: Annotated[int, Query(ge=1, le=200)] = 20) -> SearchResults:
        """Articles ranked by full-text match (BM25), each with its matching evidence."""
        hits = holder.search_index.search(q, limit=limit, con=store.con)
        return SearchResults(q, holder.search_index.backend, hits)

    @app.get("/api/ingest", response_model=IngestStatus | None, tags=["store"])
    def ingest_status() -> IngestStatus | None:
        """What the server's scheduled ingest (`serve --ingest`) has done; null without one."""
        return holder.ingest.status if holder.ingest is not None else None

    add_claim_routes(app, StoreDep, date_param=DateParam, actor_param=ActorParam,
                     bad_request=BAD_REQUEST, max_limit=max_limit)
    add_map_routes(app, StoreDep, Filters, bad_request=BAD_REQUEST, max_limit=max_limit,
                   max_offset=MAX_OFFSET, cached_json=holder.cached_json)
    _mount_faces(app)
    return app


_EVENT_PAGE = TypeAdapter(EventPage)
_DYAD_TIMELINE = TypeAdapter(DyadTimeline)


def _briefs(store: Store, rows: list[analysis.EventRecord]) -> dict[str, ArticleBrief]:
    ids = sorted({r.article_id for r in rows})
    if not ids:
        return {}
    # The ids are written into the SQL as quoted literals: DuckDB binds each string parameter
    # slowly (50 parameters took 5-8 ms, the literals 1 ms, under load the page's main cost).
    listed = ", ".join("'" + i.replace("'", "''") + "'" for i in ids)
    found = store.con.execute("SELECT id, coalesce(title, ''), published, coalesce(url, '') "
                              f"FROM articles WHERE id IN ({listed})").fetchall()
    return {r[0]: ArticleBrief(*r) for r in found}


def _static_dir() -> Path:
    return Path(str(resources.files("eventlens.web").joinpath("static")))


def plotly_bundle() -> Path | None:
    """plotly.min.js as shipped inside the `plotly` Python package, if it is installed."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("plotly")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def _mount_faces(app: FastAPI) -> None:
    static = _static_dir()

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((static / "index.html").read_text(encoding="utf-8"))

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        path = plotly_bundle()
        if path is None:
            return Response("/* plotly is not installed: pip install plotly */",
                            media_type="text/javascript", status_code=404)
        return FileResponse(path, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json",
                                   title="eventlens API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=static), name="static")
