import datetime as dt

import pytest

from eventlens.analysis import EventQuery, count_events, events_arrow, list_events
from eventlens.analysis.events import check_status, parse_date
from eventlens.errors import EventlensError


def test_filters_combine(store):
    assert count_events(store) == 6  # asserted events by default
    assert count_events(store, EventQuery(status=None)) == 7
    assert count_events(store, EventQuery(dyad=("UKR", "RUS"))) == 4
    assert count_events(store, EventQuery(actor="USA")) == 2
    assert count_events(store, EventQuery(source="RUS", plover_type="assault",
                                          status="asserted")) == 2
    assert count_events(store, EventQuery(quad_class=2)) == 1
    assert count_events(store, EventQuery(text="LVIV", status=None)) == 1
    assert count_events(store, EventQuery(text="100%_")) == 0


def test_records_are_typed_and_newest_first(store):
    rows = list_events(store, EventQuery(limit=3))
    assert [r.event_date for r in rows] == sorted((r.event_date for r in rows), reverse=True)
    assert rows[0].event_date == dt.date(2022, 3, 11) and rows[0].cameo_root == "07"
    page2 = list_events(store, EventQuery(limit=3, offset=3))
    assert not {r.event_id for r in rows} & {r.event_id for r in page2}


def test_arrow_has_every_column(store):
    table = events_arrow(store, EventQuery(source="USA"))
    assert table.num_rows == 2 and "evidence" in table.column_names
    assert str(table.schema.field("cameo_root").type) == "string"


@pytest.mark.parametrize(("text", "day"), [("2022-02-24", dt.date(2022, 2, 24)),
                                          ("2022-02", dt.date(2022, 2, 1)),
                                          ("2022", dt.date(2022, 1, 1)), (None, None)])
def test_parse_date(text, day):
    assert parse_date(text) == day


def test_bad_date_and_status():
    with pytest.raises(EventlensError, match="YYYY-MM-DD"):
        parse_date("24.02.2022")
    with pytest.raises(EventlensError, match="status"):
        check_status("rumoured")
    assert check_status("all") is None and check_status("Denied") == "denied"
