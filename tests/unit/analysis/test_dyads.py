import datetime as dt

import pytest

from eventlens.analysis import DyadCube, dyad_timeline, period_end, period_start
from eventlens.errors import EventlensError


@pytest.mark.parametrize(("freq", "start", "end"), [
    ("day", dt.date(2022, 2, 24), dt.date(2022, 2, 24)),
    ("week", dt.date(2022, 2, 21), dt.date(2022, 2, 27)),
    ("month", dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
    ("quarter", dt.date(2022, 1, 1), dt.date(2022, 3, 31)),
    ("year", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
])
def test_periods(freq, start, end):
    assert period_start(dt.date(2022, 2, 24), freq) == start
    assert period_end(start, freq) == end


def test_weekly_counts_both_directions(store):
    rows = dyad_timeline(store, "RUS", "UKR", freq="week")
    week = {(r.period, r.source): r for r in rows}
    feb21 = week[(dt.date(2022, 2, 21), "RUS")]
    assert (feb21.material_conflict, feb21.total, feb21.mean_intensity) == (2, 2, -10.0)
    assert week[(dt.date(2022, 2, 21), "UKR")].verbal_conflict == 1
    assert week[(dt.date(2022, 3, 7), "RUS")].verbal_cooperation == 1
    # The empty week between is filled with zeros, for both directions.
    quiet = week[(dt.date(2022, 2, 28), "UKR")]
    assert quiet.total == 0 and quiet.mean_intensity is None
    assert [r.period for r in rows] == sorted(r.period for r in rows)
    assert rows[0].period_end == dt.date(2022, 2, 27)


def test_status_and_fill_options(store):
    asserted = dyad_timeline(store, "RUS", "UKR", freq="month", fill=False)
    every = dyad_timeline(store, "RUS", "UKR", freq="month", status="all", fill=False)
    assert sum(r.total for r in every) == sum(r.total for r in asserted) + 1  # the denied one
    assert all(r.total for r in asserted)


def test_full_codes_and_dates_narrow_the_dyad(store):
    mil = dyad_timeline(store, "RUS:MIL", "UKR", freq="year", fill=False)
    assert [(r.source, r.total) for r in mil] == [("RUS:MIL", 1)]
    late = dyad_timeline(store, "RUS", "UKR", since=dt.date(2022, 3, 1), fill=False)
    assert sum(r.total for r in late) == 1


def test_unknown_frequency(store):
    with pytest.raises(EventlensError, match="frequency"):
        dyad_timeline(store, "RUS", "UKR", freq="fortnight")


def test_no_events_gives_no_rows(store):
    assert dyad_timeline(store, "RUS", "CHN") == []


@pytest.mark.parametrize("freq", ["day", "week", "month"])
@pytest.mark.parametrize("status", ["asserted", "all", "denied"])
def test_cube_gives_the_same_timeline_as_a_scan(store, freq, status):
    cube = DyadCube()
    for a, b in (("RUS", "UKR"), ("UKR", "RUS"), ("USA", "RUS"), ("RUS", "RUS")):
        scanned = dyad_timeline(store, a, b, freq=freq, status=status)
        assert dyad_timeline(store, a, b, freq=freq, status=status, cube=cube) == scanned
    since = dt.date(2022, 2, 25)
    assert dyad_timeline(store, "RUS", "UKR", since=since, cube=cube) == dyad_timeline(
        store, "RUS", "UKR", since=since)


def test_cube_leaves_full_codes_to_the_scan(store):
    cube = DyadCube()
    assert not cube.covers("RUS:MIL", "UKR") and cube.covers("RUS", "NATO")
    assert dyad_timeline(store, "RUS:MIL", "UKR", cube=cube) == dyad_timeline(
        store, "RUS:MIL", "UKR")


def _periods(totals: dict[str, int], freq: str = "month"):
    from eventlens.analysis import DyadPeriod, period_end

    out = []
    for day, n in totals.items():
        start = dt.date.fromisoformat(day)
        out.append(DyadPeriod(start, period_end(start, freq), "RUS", "UKR", 0, 0, 0, n, n, -5.0))
    return out


def test_focus_leaves_out_a_stray_report_years_away():
    from eventlens.analysis import focus_range

    months = {f"2022-{m:02d}-01": 10 + m for m in range(1, 7)}
    focus = focus_range(_periods({"2014-03-01": 1, "2021-12-01": 2, **months}))
    # December 2021 is next to the rest and stays; the 2014 report is left out, and said to be
    assert (focus.start, focus.end) == (dt.date(2021, 12, 1), dt.date(2022, 6, 30))
    assert (focus.inside, focus.outside) == (2 + sum(months.values()), 1)
    everything = focus_range(_periods(months))
    assert (everything.start, everything.outside) == (dt.date(2022, 1, 1), 0)
    assert focus_range(_periods({"2022-01-01": 0})) is None
