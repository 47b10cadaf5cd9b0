"""The dashboard shows why a filter matches nothing it could: the API's message and hint, with
the nearest known value (issue 17 item 4), not an empty table."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("fragment", "said"), [
    ("#/events?source=RUSIA", "did you mean 'Russia' (RUS)"),
    ("#/network?actor=XYZ", "unknown actor 'XYZ'"),
    ("#/dyad?a=RUS&b=QQQ", "unknown b 'QQQ'"),
    ("#/map?location_country=Atlantis", "unknown location_country 'Atlantis'"),
])
def test_an_unknown_filter_value_is_explained_on_the_page(browser, live_server, fragment, said):
    # its own page: the browser logs the refused request (404) as a console error by design
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    thrown: list[str] = []
    page.on("pageerror", lambda exc: thrown.append(str(exc)))
    page.goto(f"{live_server}/{fragment}")
    page.wait_for_selector(".error")
    text = " ".join(page.locator(".error").all_inner_texts())
    context.close()
    assert said in text, text
    assert not thrown
