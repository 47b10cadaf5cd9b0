"""One parser for every face's filters: dates, statuses, types (PLOVER or CAMEO) and actors."""

import datetime as dt

import pytest

from eventlens.errors import EventlensError, FilterError
from eventlens.filters import (
    actor_code,
    cameo_crosswalk,
    date_range,
    event_types,
    nearest,
    parse_date,
    parse_status,
)


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ("2022-02", dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2022-02-03", dt.date(2022, 2, 3), dt.date(2022, 2, 3)),
    (" 2022-12 ", dt.date(2022, 12, 1), dt.date(2022, 12, 31)),
])
def test_a_year_or_month_is_its_first_day_as_since_and_its_last_as_until(text, first, last):
    assert parse_date(text) == first
    assert parse_date(text, end=True) == last
    assert date_range(text, text) == (first, last)


def test_dates_pass_through_and_empty_means_no_filter():
    day = dt.date(2022, 2, 24)
    assert parse_date(day) == day
    assert parse_date(dt.datetime(2022, 2, 24, 13, 5)) == day
    assert parse_date(None) is None and parse_date("") is None
    assert date_range(None, "2022") == (None, dt.date(2022, 12, 31))


@pytest.mark.parametrize("bad", ["2022-13", "2022-02-30", "22", "Feb 2022", "2022/02/03",
                                 "2022-02-03T10:00"])
def test_a_bad_date_is_a_filter_error_naming_the_forms(bad):
    with pytest.raises(FilterError, match="YYYY, YYYY-MM or YYYY-MM-DD") as caught:
        parse_date(bad, "until")
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, EventlensError)
    assert "until" in str(caught.value)


def test_an_inverted_range_is_an_error():
    with pytest.raises(FilterError, match="inverted"):
        date_range("2022-03", "2022-02")
    assert date_range("2022-02", "2022-02") == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))


def test_status_all_means_every_status_and_a_typo_names_the_nearest():
    assert parse_status(None) is None
    assert parse_status("all") is None and parse_status("ANY") is None
    assert parse_status("Denied") == "denied"
    with pytest.raises(FilterError) as caught:
        parse_status("asserted_", name="--status")
    message = str(caught.value)
    assert "did you mean 'asserted'" in message
    assert "intended" in message and "hypothetical" in message and "--status" in message


def test_types_take_plover_names_and_cameo_codes_through_the_crosswalk():
    assert event_types("assault") == ("ASSAULT",)
    assert event_types("ASSAULT, consult") == ("ASSAULT", "CONSULT")
    # CAMEO root 19 (fight): assaults, and blockades and occupations (191, 192) are COERCE
    assert event_types("19") == ("ASSAULT", "COERCE")
    assert event_types("190") == ("ASSAULT",)
    assert event_types("18") == ("ASSAULT",)
    assert set(event_types("08")) == {"CONCEDE", "RETREAT"}
    assert event_types("163") == ("COERCE",)  # sanctions imposed are COERCE in the crosswalk
    assert event_types(None) is None
    crosswalk = cameo_crosswalk()
    assert sorted(c for c in crosswalk if len(c) == 2) == [f"{r:02d}" for r in range(3, 21)]


@pytest.mark.parametrize(("bad", "said"), [
    ("ATTACK", "AGREE, CONSULT"), ("asault", "did you mean 'ASSAULT'"),
    ("01", "does not code roots 01"), ("99", "no PLOVER type"),
])
def test_an_unknown_type_names_the_accepted_values(bad, said):
    with pytest.raises(FilterError, match=said):
        event_types(bad)


@pytest.mark.parametrize(("value", "code"), [
    ("RUS", "RUS"), ("rus", "RUS"), ("Russia", "RUS"), ("Russian Federation", "RUS"),
    ("Russian", "RUS"), ("South Korea", "KOR"), ("Korea, Republic of", "KOR"),
    ("NATO", "NATO"), ("European Union", "EU"), ("RUS:GOV", "RUS:GOV"),
    ("Russia:mil", "RUS:MIL"), ("MIL", "MIL"), ("", None), (None, None),
    ("Turkey", "TUR"), ("Georgia", "GEO"),  # names ambiguous in prose, not in a filter
])
def test_actor_names_resolve_through_the_knowledge_base_and_iso_3166(value, code):
    assert actor_code(value) == code


def test_an_unknown_actor_is_an_error_with_the_nearest_name():
    with pytest.raises(FilterError, match="did you mean 'Russia' \\(RUS\\)"):
        actor_code("Rusia", name="--source")
    with pytest.raises(FilterError, match="unknown --source 'XYZ'"):
        actor_code("XYZ", name="--source")
    with pytest.raises(FilterError, match="role 'XX'"):
        actor_code("RUS:XX")
    # a code only a store holds (from a user's actor file) is accepted when the store says so
    assert actor_code("XYZ", known_codes=lambda: ["XYZ"]) == "XYZ"


def test_nearest_is_case_insensitive_and_none_when_nothing_is_close():
    assert nearest("csv ", ["table", "CSV"]) == "CSV"
    assert nearest("zzzz", ["table", "csv"]) is None
