"""Due windows read from a claim's sentence, against the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from eventlens.claims.windows import due_window, period_bounds

D = dt.date.fromisoformat
PUBLISHED = D("2021-12-15")  # a Wednesday


@pytest.mark.parametrize(("sentence", "kind", "start", "end", "how"), [
    ("Putin and Xi will meet in person during the Beijing Olympics, the Kremlin said on "
     "Wednesday.", "plan", "2022-02-04", "2022-02-20", "named-period"),
    ("The leaders will meet at the G20 summit in Bali.", "plan", "2022-11-15", "2022-11-16",
     "named-period"),
    ("He promised to deliver the tanks before Christmas.", "promise", "2021-12-15",
     "2021-12-24", "named-period"),
    ("The bloc gave the junta seven days to reinstate the president.", "demand", "2021-12-15",
     "2021-12-22", "explicit"),
    ("Hamas must release the hostages within 48 hours, Israel said.", "demand", "2021-12-15",
     "2021-12-17", "explicit"),
    ("It promised to withdraw all its troops within 14 months.", "promise", "2021-12-15",
     "2023-02-15", "explicit"),
    ("The EU will decide on new sanctions by the end of the year.", "threat", "2021-12-15",
     "2021-12-31", "explicit"),
    ("Russia said it would withdraw by March 1.", "promise", "2021-12-15", "2022-03-01",
     "explicit"),
    ("The talks will be held next month in Geneva.", "plan", "2022-01-01", "2022-01-31",
     "explicit"),
    ("Blinken will travel to China early next year.", "plan", "2022-01-01", "2022-06-30",
     "explicit"),
    ("He plans to talk to Zelensky on Thursday.", "plan", "2021-12-16", "2021-12-16",
     "explicit"),
    ("He was due to meet G7 leaders by video later on Wednesday.", "plan", "2021-12-15",
     "2021-12-15", "explicit"),
    ("The first tanks will arrive in September, officials said on Monday.", "plan",
     "2022-09-01", "2022-09-30", "explicit"),
    ("Officials said they would meet again soon.", "plan", "2021-12-15", "2022-01-14", "vague"),
    ("The Kremlin has denied that it plans to invade.", "denial", "2021-12-15", "2022-12-15",
     "default"),
])
def test_window_from_the_sentence(sentence, kind, start, end, how):
    window = due_window(sentence, PUBLISHED, kind=kind)
    assert (window.start, window.end, window.how) == (D(start), D(end), how)


def test_a_day_the_statement_was_made_is_no_deadline():
    # "said on Wednesday" and "reached on Wednesday" say when, not by when
    said = due_window("Russia will retaliate, the Kremlin said on Wednesday.", PUBLISHED,
                      kind="threat")
    reached = due_window("The armies will talk again under an agreement reached on Wednesday.",
                         PUBLISHED, kind="plan")
    assert said.how == reached.how == "default"
    assert said.end == PUBLISHED + dt.timedelta(days=180)


def test_the_coders_date_when_the_sentence_names_none():
    window = due_window("Biden plans to speak to Zelensky.", PUBLISHED, kind="plan",
                        date_text="2022-01")
    assert (window.start, window.end, window.how) == (D("2022-01-01"), D("2022-01-31"),
                                                      "coder-date")
    # a date on or before the article is when something was said: the default applies
    past = due_window("Biden plans to speak to Zelensky.", PUBLISHED, kind="plan",
                      date_text="2021-12-15")
    assert past.how == "default"


def test_a_named_period_picks_the_instance_the_sentence_names():
    paris = due_window("The two leaders will meet during the Paris Olympics.", PUBLISHED,
                       kind="plan")
    assert (paris.start, paris.end) == (D("2024-07-26"), D("2024-08-11"))
    after = due_window("They will meet at the next G20 summit.", D("2022-11-20"), kind="plan")
    assert after.start == D("2023-09-09")  # Bali is over: New Delhi comes next


def test_period_bounds():
    assert period_bounds("2024") == (D("2024-01-01"), D("2024-12-31"))
    assert period_bounds("2024-02") == (D("2024-02-01"), D("2024-02-29"))
    assert period_bounds("2024-02-10") == (D("2024-02-10"), D("2024-02-10"))
    assert period_bounds("soon") == (None, None)
