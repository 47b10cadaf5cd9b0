"""Issue 17 in the browser: every dashboard page counts merged events as the API does, the stat
cards follow the filters, every chart has a legend, the dyad axis spans where the events are,
and an inverted date range says so. The demo store has syndicated copies (merged by story
grouping) and one stray 2014 report."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _api(page, path: str, **params):
    response = page.request.get(page.base + path, params=params)
    assert response.ok, response.text()
    return response.json()


def _number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text.split()[0]))


def test_events_page_counts_merged_events_and_the_cards_follow_the_filters(page, shot):
    merged = _api(page, "/api/events", limit=1)["total"]
    raw = _api(page, "/api/events", limit=1, merged="false")["total"]
    assert merged < raw  # the copies' acts are merged
    page.goto(page.base + "/#/events")
    page.wait_for_selector("table.events tbody tr")
    assert _number(page.inner_text("#events-total")) == merged
    assert _number(page.inner_text("#tile-events")) == merged
    assert _number(page.inner_text("#tile-reports")) == raw
    assert _number(page.inner_text("#store-stats")) == merged
    counts = [int(x) for x in page.locator("table.events .reports").evaluate_all(
        "els => els.map((e) => e.dataset.reports)")]
    assert counts and max(counts) >= 2
    assert page.locator("#event-histogram .legend").count() == 1
    # the stray 2014 report does not squash the months where the events are
    page.wait_for_selector("#histogram-focus-note")
    assert "1 falls outside" in page.inner_text("#histogram-focus-note")
    first = page.evaluate("document.querySelector('#event-histogram')._fullLayout.xaxis.range[0]")
    assert str(first) >= "2021-10"
    shot(page, "events-merged")
    # Filtered: the cards count what the table lists.
    page.fill("#f-source", "usa")
    page.click("#apply-filters")
    page.wait_for_function("location.hash.includes('source=USA')")
    usa = _api(page, "/api/summary", source="USA")
    page.wait_for_function(f"document.querySelector('#tile-events').textContent.replace(/\\D/g, '')"
                           f" === '{usa['events']}'")
    assert _number(page.inner_text("#events-total")) == usa["events"] < merged
    assert _number(page.inner_text("#tile-articles")) == usa["articles"]
    assert _number(page.inner_text("#tile-actors")) == usa["actors"]
    # Every report, on request, with the same option the API takes.
    page.select_option("#f-merged", "false")
    page.click("#apply-filters")
    page.wait_for_function("location.hash.includes('merged=false')")
    page.wait_for_selector("#events-total")
    assert _number(page.inner_text("#events-total")) == usa["reports"]
    href = page.get_attribute("#downloads a:has-text('GDELT')", "href")
    assert "merged=false" in href and "source=USA" in href


def test_dyad_page_counts_merged_events_and_focuses_its_axis(page, shot):
    data = _api(page, "/api/dyad", a="RUS", b="UKR", freq="week")
    total = sum(p["total"] for p in data["periods"])
    raw = sum(p["total"] for p in _api(page, "/api/dyad", a="RUS", b="UKR", freq="week",
                                       merged="false")["periods"])
    assert total < raw
    assert total == _api(page, "/api/events", dyad="RUS,UKR", limit=1)["total"]
    page.goto(page.base + "/#/dyad?a=RUS&b=UKR&freq=week")
    page.wait_for_selector("#dyad-chart .main-svg")
    assert int(page.get_attribute("#dyad-total", "data-total")) == total
    assert page.locator("#dyad-chart .legend").count() == 1
    # The 2014 report does not stretch the axis: it starts in the demo's 2021-2022 span.
    first = page.evaluate("document.querySelector('#dyad-chart')._fullLayout.xaxis.range[0]")
    assert str(first) >= "2021-11"
    assert "1 falls outside" in page.inner_text("#focus-note")
    shot(page, "dyad-focused")
    page.click("#show-all-periods")
    page.wait_for_function("String(document.querySelector('#dyad-chart')._fullLayout.xaxis"
                           ".range[0]) < '2015'")
    # A bar's events, listed, are as many as the bar counts.
    page.goto(page.base + "/#/dyad?a=RUS&b=UKR&freq=month")
    page.wait_for_selector("#dyad-chart .main-svg")
    box = page.evaluate("""() => {
        const bars = [...document.querySelectorAll('#dyad-chart .bars .point path')]
            .map((p) => p.getBoundingClientRect()).filter((r) => r.height > 2);
        bars.sort((a, b) => b.height - a.height);
        return {x: bars[0].x + bars[0].width / 2, y: bars[0].y + bars[0].height / 2};
    }""")
    page.mouse.click(box["x"], box["y"])
    page.wait_for_selector("#period-total")
    period = page.evaluate("location.hash")
    start = re.search(r"period=([\d-]+)", period).group(1)
    end = re.search(r"period_end=([\d-]+)", period).group(1)
    month = _api(page, "/api/dyad", a="RUS", b="UKR", freq="month", since=start, until=end)
    assert int(page.get_attribute("#period-total", "data-total")) == sum(
        p["total"] for p in month["periods"])


def test_network_page_counts_merged_events(page):
    net = _api(page, "/api/network")
    raw = _api(page, "/api/network", merged="false")
    merged_total = sum(e["events"] for e in net["edges"])
    assert merged_total < sum(e["events"] for e in raw["edges"])
    page.goto(page.base + "/#/network")
    page.wait_for_selector("#net-chart .main-svg")
    assert int(page.get_attribute("#net-total [data-total]", "data-total")) == merged_total
    page.select_option("#n-merged", "false")
    page.click("#show-network")
    page.wait_for_function("location.hash.includes('merged=false')")
    page.wait_for_function(
        "document.querySelector('#net-total [data-total]') && document.querySelector("
        f"'#net-total [data-total]').dataset.total === '{sum(e['events'] for e in raw['edges'])}'")


def test_search_and_article_pages_say_how_many_reports_an_event_has(page, shot):
    hits = _api(page, "/api/search", q="sanctions", limit=30)["hits"]
    copied = next(h for h in hits if any(e["report_count"] > 1 for e in h["evidence"]))
    page.goto(page.base + "/#/search?q=sanctions")
    page.wait_for_selector(".hit h3 a")
    shown = page.locator(".hit .reports").evaluate_all("els => els.map((e) => e.dataset.reports)")
    assert max(int(x) for x in shown) >= 2
    page.goto(page.base + f"/#/article/{copied['article_id']}")
    page.wait_for_selector("#article-events li[data-event]")
    view = _api(page, f"/api/articles/{copied['article_id']}")
    shown = page.locator("#article-events .reports").evaluate_all(
        "els => els.map((e) => Number(e.dataset.reports))")
    assert shown == [e["report_count"] for e in view["events"]] and max(shown) >= 2
    assert f"one of {max(shown)} reports" in page.inner_text("#article-events")
    shot(page, "article-reports")


@pytest.mark.parametrize("where", ["events", "dyad?a=RUS&b=UKR&", "network"])
def test_an_inverted_date_range_says_so(page, where):
    sep = "" if where.endswith("&") else "?"
    page.goto(page.base + f"/#/{where}{sep}since=2022-05-01&until=2022-01-01")
    page.wait_for_selector("#range-error")
    assert "after the end date" in page.inner_text("#range-error")
