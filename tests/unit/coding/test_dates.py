import datetime as dt

import pytest

from eventlens.nlp.dates import is_future, resolve_date

PUB = dt.date(2021, 12, 15)  # a Wednesday


@pytest.mark.parametrize(("text", "future", "want"), [
    ("on Friday", False, "2021-12-10"),
    ("on Friday", True, "2021-12-17"),
    ("on Wednesday", False, "2021-12-15"),
    ("next month", False, "2022-01"),
    ("last month", False, "2021-11"),
    ("in 2022", False, "2022"),
    ("in February", True, "2022-02"),
    ("in February", False, "2021-02"),
    ("February 2022", False, "2022-02"),
    ("yesterday", False, "2021-12-14"),
    ("4 February 2022", False, "2022-02-04"),
    ("next year", False, "2022"),
    ("on the 20th", False, "2021-11-20"),  # a day of the month alone: the last one before
    ("on the 20th", True, "2021-12-20"),
    ("the 31st", False, "2021-10-31"),  # November has no 31st
])
def test_resolves_against_publication_date(text, future, want):
    assert resolve_date(text, PUB, future=future) == want


@pytest.mark.parametrize("text", ["the past few days", "recent weeks", "now", ""])
def test_vague_expressions_give_no_date(text):
    assert resolve_date(text, PUB) is None


def test_future_is_judged_at_the_precision_given():
    assert is_future("2022-02", PUB)
    assert not is_future("2021-12", PUB)
    assert not is_future("2021", PUB)
    assert is_future("2021-12-16", PUB)


def test_leap_day_without_a_year_does_not_fail():
    assert resolve_date("February 29", dt.date(2020, 3, 1)) == "2020-02-29"
    assert resolve_date("February 29", dt.date(2020, 2, 1), future=True) == "2020-02-29"
    resolve_date("February 29", dt.date(2021, 3, 1), future=True)  # no error, whatever it says
