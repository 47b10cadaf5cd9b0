"""Exports in eventlens, PLOVER, GDELT-style and ICEWS-style columns; codes stay strings."""

import csv
import datetime as dt
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from eventlens.analysis import EventQuery
from eventlens.errors import EventlensError
from eventlens.model import Actor, Article, ArticleResult, Event, Mention, Status
from eventlens.store import EventFilter, open_store
from eventlens.store.exports import COLUMN_SETS, FORMATS, export, export_arrow

TEXT = ("Moscow held talks with Kyiv. NATO accused Russian forces of shelling. "
        "The army shelled the town.")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    aid = "exp1"
    art = Article(aid, TEXT, dt.date(2022, 3, 1), title="Talks", url="https://x.example/1",
                  outlet="X")
    moscow = Mention(0, 6, "Moscow", Actor("RUS", "GOV", "Vladimir Putin"), "metonym")
    kyiv = Mention(23, 27, "Kyiv", Actor("UKR", "GOV"), "metonym")
    nato = Mention(29, 33, "NATO", Actor("NATO", "IGO"), "organisation")
    forces = Mention(42, 56, "Russian forces", Actor("RUS", "MIL"), "adjective")
    army = Mention(71, 79, "The army", Actor("", "MIL"), "role")
    events = (
        Event(aid, moscow, kyiv, "CONSULT", "04", 1, 1.0, Status.ASSERTED, "2022-03-01", 0, 28,
              "hold talks with", mode="meet"),
        Event(aid, nato, forces, "ACCUSE", "11", 3, -2.0, Status.ASSERTED, "2022-03", 29, 70,
              "accuse"),
        Event(aid, army, None, "ASSAULT", "19", 4, -10.0, Status.ASSERTED, "2022-03-01", 71,
              len(TEXT), "shell", location="the town"),
    )
    path = tmp_path_factory.mktemp("exports") / "e.duckdb"
    with open_store(path) as s:
        s.add_results([ArticleResult(art, events)], coder="test", coder_version="1")
    with open_store(path, read_only=True) as s:
        yield s


def _csv(path, delimiter=","):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


@pytest.mark.parametrize("columns", COLUMN_SETS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_and_column_set_writes_all_rows(store, tmp_path, fmt, columns):
    out = tmp_path / f"e.{fmt}"
    assert export(store, EventFilter(), out, fmt, columns) == 3
    assert out.stat().st_size > 0


def test_eventlens_csv_keeps_leading_zeros(store, tmp_path):
    out = tmp_path / "e.csv"
    export(store, EventFilter(plover_type="CONSULT"), out, "csv")
    row = _csv(out)[0]
    assert row["cameo_root"] == "04" and row["article_title"] == "Talks"
    assert '"04"' in out.read_text()  # quoted, so spreadsheet tools keep it text
    as_text = duckdb.sql(f"SELECT cameo_root FROM read_csv('{out}', all_varchar = true)")
    assert as_text.fetchone()[0] == "04"


def test_gdelt_columns(store, tmp_path):
    out = tmp_path / "g.csv"
    export(store, EventQuery(limit=10), out, "csv", "gdelt")
    rows = {r["eventlens_plover_type"]: r for r in _csv(out)}
    consult = rows["CONSULT"]
    assert (consult["EventRootCode"], consult["EventBaseCode"], consult["EventCode"]) == (
        "04", "040", "040")
    assert (consult["Actor1Code"], consult["Actor1CountryCode"], consult["Actor1Type1Code"]) == (
        "RUSGOV", "RUS", "GOV")
    assert consult["Actor1Name"] == "VLADIMIR PUTIN" and consult["Actor2Name"] == "UKRAINE"
    assert (consult["SQLDATE"], consult["MonthYear"], consult["Year"]) == ("20220301", "202203",
                                                                          "2022")
    assert consult["QuadClass"] == "1" and consult["GoldsteinScale"] == "1.0"
    accuse = rows["ACCUSE"]
    assert (accuse["Actor1CountryCode"], accuse["Actor1KnownGroupCode"]) == ("", "NATO")
    assert accuse["QuadClass"] == "3" and accuse["eventlens_date_text"] == "2022-03"
    assault = rows["ASSAULT"]
    assert assault["Actor2Code"] == "" and assault["ActionGeo_FullName"] == "the town"
    assert assault["SOURCEURL"] == "https://x.example/1"


def test_gdelt_quad_class_follows_cameo_not_plover(store, tmp_path):
    # PLOVER puts SANCTION, PROTEST in material conflict; GDELT derives QuadClass from the
    # CAMEO root. Both are kept: QuadClass (GDELT's rule) and eventlens_quad_class (ours).
    table = export_arrow(store, None, "gdelt")
    pairs = set(zip(table.column("EventRootCode").to_pylist(),
                    table.column("QuadClass").to_pylist(), strict=True))
    assert pairs == {("04", 1), ("11", 3), ("19", 4)}


def test_icews_columns(store, tmp_path):
    out = tmp_path / "i.tsv"
    export(store, EventFilter(), out, "tsv", "icews")
    rows = {r["eventlens_plover_type"]: r for r in _csv(out, "\t")}
    consult = rows["CONSULT"]
    assert consult["CAMEO Code"] == "040" and consult["Event Text"] == "Consult, not specified below"
    assert (consult["Source Name"], consult["Source Sectors"], consult["Source Country"]) == (
        "Vladimir Putin", "Government", "Russia")
    assert consult["Target Country"] == "Ukraine" and consult["Story ID"] == "exp1"
    assert consult["Event Date"] == "2022-03-01" and consult["Publisher"] == "X"
    assert rows["ACCUSE"]["Source Country"] == "NATO"


def test_plover_jsonl_is_nested_and_csv_is_flat(store, tmp_path):
    out = tmp_path / "p.jsonl"
    export(store, EventFilter(), out, "jsonl", "plover")
    records = {r["event"][0]: r for r in map(json.loads, out.read_text().splitlines())}
    consult = records["CONSULT"]
    assert consult["source"] == [{"code": "RUS", "sector": "GOV", "actor_text": "Moscow",
                                  "identifier_text": "Vladimir Putin"}]
    assert consult["recipient"][0]["code"] == "UKR"
    assert consult["mode"] == "meet" and consult["quad_code"] == 1
    assert consult["text_info"] == {"start": 0, "end": 28}
    assert consult["cite_info"]["url"] == "https://x.example/1"
    assert consult["cameo_root"] == "04" and consult["status"] == "asserted"
    assert records["ASSAULT"]["recipient"] == []
    # a place as written that the gazetteer did not resolve: a name, no point
    assert records["ASSAULT"]["event_loc"]["name"] == "the town"
    assert records["ASSAULT"]["event_loc"]["lat"] is None
    flat = tmp_path / "p.csv"
    export(store, EventFilter(), flat, "csv", "plover")
    row = {r["event"]: r for r in _csv(flat)}["CONSULT"]
    assert (row["source_code"], row["recipient_code"], row["cameo_root"]) == ("RUS", "UKR", "04")


def test_parquet_keeps_types(store, tmp_path):
    out = tmp_path / "e.parquet"
    export(store, EventFilter(), out, "parquet", "icews")
    table = pq.read_table(out)
    assert str(table.schema.field("CAMEO Code").type) == "string"
    assert sorted(table.column("CAMEO Code").to_pylist()) == ["040", "110", "190"]


def test_filters_and_limits_apply(store, tmp_path):
    assert export(store, EventFilter(source="NATO"), tmp_path / "a.csv", "csv", "gdelt") == 1
    assert export(store, EventQuery(limit=2), tmp_path / "b.json", "json") == 2
    assert len(json.loads((tmp_path / "b.json").read_text())) == 2


def test_bad_arguments(store, tmp_path):
    with pytest.raises(EventlensError, match="format"):
        export(store, EventFilter(), tmp_path / "x.xlsx", "xlsx")
    with pytest.raises(EventlensError, match="column set"):
        export(store, EventFilter(), tmp_path / "x.csv", "csv", "cameo")
    with pytest.raises(EventlensError, match="cannot export"):
        export(store, EventFilter(), tmp_path / "missing-dir" / "x.csv", "csv")
