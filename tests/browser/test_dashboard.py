"""The dashboard as a user sees it: filters, a dyad timeline, the network and an article."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_events_page_filters_and_pages(page, shot):
    page.goto(page.base + "/")
    page.wait_for_selector("table.events tbody tr")
    assert "events" in page.inner_text("#store-stats")
    shot(page, "events")
    page.fill("#f-source", "rus")
    page.select_option("#f-type", "ASSAULT")
    page.click("#apply-filters")
    page.wait_for_function("location.hash.includes('type=ASSAULT')")
    page.wait_for_selector("table.events tbody tr")
    types = page.locator("table.events tbody tr td:nth-child(3)").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    sources = page.locator("table.events tbody tr td.who a.actor:first-child").all_inner_texts()
    assert all(s.startswith("RUS") for s in sources)
    assert page.locator("table.events .evidence .src").count() >= len(types)
    # each row says how likely a careful coder is to record it, as a percentage
    lines = page.locator("table.events .source-line").all_inner_texts()
    assert lines and all(re.search(r"confidence (\d{1,3})%", line) for line in lines)
    shot(page, "events-filtered")
    href = page.get_attribute("#downloads a:has-text('GDELT')", "href")
    assert "columns=gdelt" in href and "type=ASSAULT" in href


def test_histogram_click_narrows_to_a_month(page):
    page.goto(page.base + "/#/events?actor=UKR")
    page.wait_for_selector("#event-histogram .main-svg")
    box = page.evaluate("""() => {
        const bars = [...document.querySelectorAll('#event-histogram .bars .point path')]
            .map((p) => p.getBoundingClientRect()).filter((r) => r.height > 2);
        bars.sort((a, b) => b.height - a.height);
        return {x: bars[0].x + bars[0].width / 2, y: bars[0].y + bars[0].height / 2};
    }""")
    page.mouse.click(box["x"], box["y"])
    page.wait_for_function("location.hash.includes('since=') && location.hash.includes('until=')")
    page.wait_for_selector("table.events tbody tr")
    since = page.input_value("#f-since")
    dates = page.locator("table.events td.date").all_inner_texts()
    assert dates and all(d[:7] == since[:7] for d in dates)
    assert page.input_value("#f-actor") == "UKR"


def test_events_paging(page):
    page.goto(page.base + "/#/events")
    page.wait_for_selector("table.events tbody tr")
    first = page.inner_text("table.events tbody tr:first-child")
    page.click("#next-page")
    page.wait_for_function("location.hash.includes('offset=50')")
    page.wait_for_selector("table.events tbody tr")
    assert page.inner_text("table.events tbody tr:first-child") != first


def test_dyad_timeline_click_lists_period_events(page, shot):
    page.goto(page.base + "/#/dyad?a=RUS&b=UKR&freq=week")
    page.wait_for_selector("#dyad-chart .main-svg")
    shot(page, "dyad")
    # Click the middle of the tallest bar, as a user would (Plotly picks the nearest point).
    box = page.evaluate("""() => {
        const bars = [...document.querySelectorAll('#dyad-chart .bars .point path')]
            .map((p) => p.getBoundingClientRect()).filter((r) => r.height > 2);
        bars.sort((a, b) => b.height - a.height);
        const r = bars[0];
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};
    }""")
    page.mouse.click(box["x"], box["y"])
    page.wait_for_selector("#period-events table.events tbody tr")
    heading = page.inner_text("#period-events h2")
    assert "Russia" in heading and "Ukraine" in heading
    rows = page.locator("#period-events table.events tbody tr td.who").all_inner_texts()
    assert rows and all(re.search(r"(RUS|UKR).*→.*(RUS|UKR)", r) for r in rows)
    shot(page, "dyad-period")


def test_network_draws_actors(page, shot):
    page.goto(page.base + "/#/network")
    page.wait_for_selector("#net-chart .main-svg")
    labels = page.locator("#net-chart .textpoint text").all_text_contents()
    assert {"RUS", "UKR", "USA"} <= set(labels)
    shot(page, "network")


def test_article_marks_evidence_and_quotes(page, shot):
    page.goto(page.base + "/#/search?q=grain%20export")
    page.wait_for_selector(".hit h3 a")
    assert "BM25" in page.inner_text("#search-backend")
    shot(page, "search")
    page.click(".hit h3 a")
    page.wait_for_selector("#article-text mark.ev")
    assert page.locator("#article-events li[data-event]").count() >= 1
    assert "confidence" in page.inner_text("#article-events li[data-event] >> nth=0")
    # and the rules that made each event
    rules = page.locator("#article-events li[data-event] .why").all_inner_texts()
    assert rules and all(re.match(r"why: (frame|reading|learned):", r) for r in rules)
    page.hover("#article-events li[data-event]")
    assert page.locator("#article-text mark.ev.focus").count() >= 1
    shot(page, "article")


def test_article_with_quote(page, shot):
    page.goto(page.base + "/#/events?q=told")
    page.goto(page.base + "/#/search?q=reporters")
    page.wait_for_selector(".hit h3 a")
    page.click(".hit h3 a")
    page.wait_for_selector("#article-text .quote")
    assert page.locator("#article-quotes li").count() >= 1
    shot(page, "article-quote")


def test_api_docs_load_offline(page, shot):
    page.goto(page.base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock-summary-path").count() >= 6
    shot(page, "api-docs")


def test_dashboard_works_under_the_security_headers_and_refuses_framing(page, browser):
    response = page.goto(page.base + "/")
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_selector("table.events tbody tr")
    page.goto(page.base + "/#/dyad?a=RUS&b=UKR")
    page.wait_for_selector("#dyad-chart .main-svg", timeout=15000)
    # A page of another origin that frames the dashboard gets nothing drawn in the frame.
    other = browser.new_context()
    framing = other.new_page()
    framing.set_content(f'<iframe id="f" src="{page.base}/" width="800" height="600"></iframe>')
    framing.wait_for_timeout(1500)
    frame = framing.frame_locator("#f")
    assert frame.locator("table.events").count() == 0
    other.close()
