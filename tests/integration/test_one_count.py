"""Issue 17, items 1, 2, 7, 8 and 9: one count on every face, and exports analysts can read.

A small store where one signing is reported by three outlets (copies of one wire story) and
merged by story grouping; every face (Python, REST, CLI, every export column set) must count
it once by default, count every report on request with the same option, and agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import eventlens
from eventlens.api import create_app
from eventlens.cameo import cameo_codes
from eventlens.cli import app as cli_app
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.store import open_store
from eventlens.store.exports import COLUMN_SETS
from eventlens.stories import update_stories

WIRE = ("Poland and Ukraine signed a grain transit agreement in Warsaw on Tuesday, officials "
        "of both governments said. Kyiv asked Warsaw to open two more border crossings for "
        "trucks carrying wheat and maize to Baltic ports. The two prime ministers will meet "
        "again in April to review the first shipments, a Polish spokesman said, adding that "
        "inspections at the border would be shared by customs officers of both countries. "
        "Farmers' groups in eastern Poland said they would watch the deal closely.")
PLOVER = {"AGREE": ("03", 1, 4.0), "REQUEST": ("10", 3, -1.0), "CONSULT": ("04", 1, 1.0),
          "ACCUSE": ("11", 3, -2.0), "RETREAT": ("08", 2, 5.0)}
POL, UKR = Actor("POL", "GOV"), Actor("UKR", "GOV")


def _result(text: str, published: str, outlet: str, events: list[tuple]) -> ArticleResult:
    """An article with events (source, type, target, status, date, evidence, mode)."""
    aid = f"{outlet[:3].lower()}{abs(hash(text)) % 10**10:010d}"
    art = Article(aid, text, dt.date.fromisoformat(published), title=f"{outlet}: grain deal",
                  url=f"https://{outlet.lower().replace(' ', '')}.example/{aid}", outlet=outlet)
    out, mentions = [], []
    for source, kind, target, status, date, evidence, mode in events:
        start = text.index(evidence)
        src = Mention(start, start + 4, text[start:start + 4], source, "test")
        tgt = Mention(start + 5, start + 9, text[start + 5:start + 9], target, "test")
        root, quad, intensity = PLOVER[kind]
        out.append(Event(aid, src, tgt, kind, root, quad, intensity, Status(status), date,
                         start, start + len(evidence), kind.lower(), mode=mode, coder="test",
                         confidence=0.9))
        mentions += [src, tgt]
    return ArticleResult(art, tuple(out), (), tuple(mentions))


def _wire_events(text: str) -> list[tuple]:
    first = text[text.index("Poland and Ukraine"):text.index("said.") + 5]
    second = text[text.index("Kyiv asked"):text.index("ports.") + 6]
    third = text[text.index("The two prime"):text.index("shipments,") + 10]
    return [(POL, "AGREE", UKR, "asserted", "2022-03-01", first, ""),
            (UKR, "REQUEST", POL, "asserted", "2022-03-01", second, ""),
            (POL, "CONSULT", UKR, "intended", "2022-04", third, "")]


RESULTS = [
    _result(WIRE, "2022-03-01", "Harbour Wire", _wire_events(WIRE)),
    _result("WARSAW (Capital Daily) - " + WIRE, "2022-03-01", "Capital Daily",
            _wire_events(WIRE)),
    _result("KYIV, March 1 (Steppe News) - " + WIRE + " Editing by the desk.", "2022-03-01",
            "Steppe News", _wire_events(WIRE)),
]
PHONE = ("Ukraine's prime minister spoke by phone with his Polish counterpart about the "
         "winter harvest and the railway gauge at the border.")
OUTLIER = ("Polish officials criticised Ukraine over a border incident, in a dispute that was "
           "settled within a week.")
# An evidence sentence that runs over lines, with a tab and trailing blank lines, as scraped
# text often has.
MESSY = "Ukraine\twithdrew   its complaint\nagainst Poland over\r\nthe trucks.\n\n\nMore later."
MORE = [
    _result(PHONE, "2022-03-20", "Harbour Wire",
            [(UKR, "CONSULT", POL, "asserted", "2022-03-20", PHONE, "phone")]),
    _result(OUTLIER, "2014-05-02", "Capital Daily",
            [(POL, "ACCUSE", UKR, "asserted", "2014-05-02", OUTLIER, "")]),
    _result(MESSY, "2022-03-25", "Steppe News",
            [(UKR, "RETREAT", POL, "asserted", "2022-03-25", MESSY[:MESSY.index("More")], "")]),
]
# asserted: the signing and the request (3 reports each), the call, the 2014 accusation and the
# withdrawal; intended: the April meeting (3 reports)
MERGED, RAW = 5, 9
MERGED_ALL, RAW_ALL = 6, 12


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("one-count") / "one.duckdb"
    with open_store(path) as store:
        store.add_results(RESULTS + MORE, source="hand-made", coder="test", coder_version="0")
        update_stories(store)
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path)) as c:
        yield c


def _cli_rows(db_path, *args) -> list[dict]:
    out = db_path.parent / "cli.csv"
    result = CliRunner().invoke(cli_app, ["events", "--db", str(db_path), "--format", "csv",
                                          "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _download(client, fmt="csv", **params) -> list[dict]:
    response = client.get(f"/api/events.{fmt}", params=params)
    assert response.status_code == 200, response.text
    if fmt == "jsonl":
        return [json.loads(line) for line in response.text.splitlines()]
    return list(csv.DictReader(io.StringIO(response.text), delimiter="\t" if fmt == "tsv"
                               else ","))


def test_every_face_counts_merged_events_by_default(db_path, client, tmp_path):
    with eventlens.open(db_path) as db:
        counts = {
            "python events()": len(db.events()),
            "python count()": db.count(),
            "python overview()": db.overview().events,
            "python dyad()": sum(p.total for p in db.dyad("POL", "UKR", freq="month")),
            "python network()": sum(e.events for e in db.network().edges),
            "rest /api/events": client.get("/api/events").json()["total"],
            "rest /api/summary": client.get("/api/summary").json()["events"],
            "rest /api/dyad": sum(p["total"] for p in client.get(
                "/api/dyad", params={"a": "POL", "b": "UKR"}).json()["periods"]),
            "rest /api/events/counts": sum(p["total"] for p in client.get(
                "/api/events/counts").json()),
            "cli events --format csv": len(_cli_rows(db_path)),
        }
        for columns in COLUMN_SETS:
            counts[f"export {columns}"] = db.export(tmp_path / f"{columns}.csv", columns=columns)
            counts[f"rest download {columns}"] = len(_download(client, columns=columns))
            counts[f"cli --columns {columns}"] = len(_cli_rows(db_path, "--columns", columns))
    assert counts == dict.fromkeys(counts, MERGED)


def test_every_face_gives_every_report_with_merged_false(db_path, client, tmp_path):
    with eventlens.open(db_path) as db:
        counts = {
            "python events()": len(db.events(merged=False)),
            "python count()": db.count(merged=False),
            "python overview()": db.overview().reports,
            "python dyad()": sum(p.total for p in db.dyad("POL", "UKR", freq="year",
                                                          merged=False)),
            "python network()": sum(e.events for e in db.network(merged=False).edges),
            "rest /api/events": client.get("/api/events", params={"merged": "false"}).json()[
                "total"],
            "rest /api/summary": client.get("/api/summary").json()["reports"],
            "rest /api/dyad": sum(p["total"] for p in client.get(
                "/api/dyad", params={"a": "POL", "b": "UKR", "merged": "false"}).json()[
                "periods"]),
            "cli events --raw": len(_cli_rows(db_path, "--raw")),
        }
        for columns in COLUMN_SETS:
            counts[f"export {columns}"] = db.export(tmp_path / f"{columns}.csv", columns=columns,
                                                    merged=False)
            counts[f"rest download {columns}"] = len(_download(client, columns=columns,
                                                               merged="false"))
            counts[f"cli --raw --columns {columns}"] = len(_cli_rows(db_path, "--raw",
                                                                     "--columns", columns))
    assert counts == dict.fromkeys(counts, RAW)


def test_a_signing_reported_three_times_counts_once_with_its_reports(db_path, client):
    with eventlens.open(db_path) as db:
        [signing] = db.events(type="AGREE").rows
        assert (signing.report_count, signing.article_count, signing.source_count) == (3, 3, 3)
        assert signing.independent_sources == 1  # copies of one wire story
        assert len(db.events(type="AGREE", merged=False)) == 3
        march = [p for p in db.dyad("POL", "UKR", freq="month")
                 if p.period == dt.date(2022, 3, 1) and p.source == "POL"]
        assert [p.total for p in march] == [1]
    [row] = _download(client, columns="gdelt", type="AGREE")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "3")
    assert row["GLOBALEVENTID"] == signing.merged_id
    [tile] = [client.get("/api/summary", params={"type": "AGREE"}).json()]
    assert (tile["events"], tile["reports"], tile["articles"]) == (1, 3, 3)


def test_one_status_default_on_every_face(db_path, client):
    with eventlens.open(db_path) as db:
        assert {e.status for e in db.events()} == {"asserted"}
        assert sum(p.total for p in db.dyad("POL", "UKR")) == MERGED
        assert len(db.events(status="all")) == MERGED_ALL
        assert sum(p.total for p in db.dyad("POL", "UKR", status="all")) == MERGED_ALL
        assert db.overview().by_status == {"asserted": MERGED, "intended": 1}
    assert client.get("/api/events", params={"status": "all"}).json()["total"] == MERGED_ALL
    assert len(_cli_rows(db_path, "--status", "all")) == MERGED_ALL
    assert len(_cli_rows(db_path, "--status", "all", "--raw")) == RAW_ALL


def test_tsv_has_one_line_per_row_and_no_raw_whitespace(db_path, tmp_path):
    with eventlens.open(db_path) as db:
        for columns in COLUMN_SETS:
            out = tmp_path / f"{columns}.tsv"
            rows = db.export(out, columns=columns, merged=False, status="all")
            with out.open(encoding="utf-8", newline="") as f:
                lines = f.read().split("\n")
            assert lines[-1] == "" and len(lines) - 1 == rows + 1, columns
            widths = {line.count("\t") for line in lines[:-1]}
            assert len(widths) == 1, (columns, widths)
            assert not any("\r" in line for line in lines)
        [messy] = [r for r in db.events(type="RETREAT")]
        assert "\n" in messy.evidence  # the store keeps the text as it was
    icews = list(csv.DictReader((tmp_path / "icews.tsv").open(encoding="utf-8"),
                                delimiter="\t"))
    evidence = next(r["eventlens_evidence"] for r in icews if r["eventlens_plover_type"]
                    == "RETREAT")
    assert evidence == "Ukraine withdrew its complaint against Poland over the trucks."


def test_gdelt_and_icews_codes_come_from_the_cameo_tables(db_path, client):
    table = cameo_codes()
    rows = {r["eventlens_plover_type"]: r for r in _download(client, columns="gdelt",
                                                              status="all")}
    phone = next(r for r in _download(client, columns="gdelt", type="CONSULT")
                 if r["eventlens_status"] == "asserted")
    assert (phone["EventCode"], phone["EventBaseCode"], phone["EventRootCode"]) == (
        "041", "041", "04")  # CONSULT by phone: the crosswalk's code for the mode
    request = rows["REQUEST"]
    # GDELT gives root 10 (Demand) -5.0 and quad class 3, whatever our own scale says
    assert (request["EventCode"], request["GoldsteinScale"], request["QuadClass"]) == (
        "100", "-5.0", "3")
    retreat = rows["RETREAT"]
    assert (retreat["EventCode"], retreat["QuadClass"]) == ("084", "2")  # root 08: quad 2
    for row in rows.values():
        code = table[row["EventCode"]]
        assert float(row["GoldsteinScale"]) == code.goldstein
        assert int(row["QuadClass"]) == code.quad_class
    icews = {r["eventlens_plover_type"]: r for r in _download(client, "tsv", columns="icews")}
    assert icews["CONSULT"]["CAMEO Code"] == "041"
    assert icews["CONSULT"]["Event Text"] == table["041"].name
    assert float(icews["REQUEST"]["Intensity"]) == table["100"].goldstein


def test_csv_reads_back_with_dates_as_dates_and_codes_as_text(db_path, tmp_path):
    pandas = pytest.importorskip("pandas")
    with eventlens.open(db_path) as db:
        db.export(tmp_path / "e.csv")
        db.export(tmp_path / "g.csv", columns="gdelt")
        db.export(tmp_path / "e.parquet")
    frame = eventlens.read_events(tmp_path / "e.csv")
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert set(frame["cameo_root"]) == {"03", "04", "10", "11", "08"}
    assert frame["event_date"].max() == pandas.Timestamp("2022-03-25")
    gdelt = eventlens.read_events(tmp_path / "g.csv")
    assert "041" in set(gdelt["EventCode"]) and "04" in set(gdelt["EventRootCode"])
    # plain pandas: ISO dates parse, and dtype=str keeps the codes (docs/formats.md)
    plain = pandas.read_csv(tmp_path / "e.csv", parse_dates=["event_date"], dtype={
        "cameo_root": str, "cameo_code": str})
    assert str(plain["event_date"].dtype).startswith("datetime64")
    assert "04" in set(plain["cameo_root"])
    parquet = eventlens.read_events(tmp_path / "e.parquet", into="arrow")
    assert str(parquet.schema.field("cameo_code").type) == "string"


def test_read_events_into_polars(db_path, tmp_path):
    polars = pytest.importorskip("polars")
    with eventlens.open(db_path) as db:
        db.export(tmp_path / "e.tsv", columns="icews")
    frame = eventlens.read_events(tmp_path / "e.tsv", into="polars")
    assert frame.schema["Event Date"] == polars.Date and frame.schema["CAMEO Code"] == polars.Utf8


def test_dyad_api_says_where_most_events_are(client):
    data = client.get("/api/dyad", params={"a": "POL", "b": "UKR", "freq": "month"}).json()
    # the 2014 accusation stays in the counts but outside the span a chart should show
    assert data["periods"][0]["period"] == "2014-05-01"
    assert data["focus"] == {"start": "2022-03-01", "end": "2022-03-31", "inside": MERGED - 1,
                             "outside": 1}


def test_the_cached_merge_follows_new_reports_and_stories(tmp_path):
    from eventlens.store import EventFilter

    with open_store(tmp_path / "grow.duckdb") as store:
        store.add_results(RESULTS[:1], source="hand-made", coder="test", coder_version="0")
        agree = EventFilter(plover_type="AGREE")
        assert len(store.events(agree).fetchall()) == 1
        store.add_results(RESULTS[1:], source="hand-made", coder="test", coder_version="0")
        # new reports, not yet in a story: each is an event of its own
        assert len(store.events(agree).fetchall()) == 3
        update_stories(store)
        rows = store.events(agree).fetchall()
        assert len(rows) == 1 and len(store.events(EventFilter(plover_type="AGREE",
                                                               merged=False)).fetchall()) == 3
