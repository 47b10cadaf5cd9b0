"""HTML pages (trafilatura) and RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import datetime as dt

from ingest_builders import page_html, split

from eventlens.ingest import IngestOptions, read_sources

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example</link>
<item><title>Ministers meet in Geneva</title><link>https://wire.example/1</link>
<pubDate>Wed, 15 Dec 2021 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The foreign ministers &lt;b&gt;met&lt;/b&gt; in Geneva.&lt;/p&gt;
&lt;p&gt;They agreed to meet again.&lt;/p&gt;</description></item>
<item><title>Undated item</title><link>https://wire.example/2</link>
<description>Sanctions were announced on Tuesday.</description></item>
<item><title>Empty item</title><pubDate>Thu, 16 Dec 2021 10:00:00 GMT</pubDate></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Talks resume</title><link href="https://atom.example/1"/>
<published>2022-02-04T09:00:00+08:00</published>
<content type="html">&lt;p&gt;Xi and Putin met in Beijing before the Olympic Games.&lt;/p&gt;
</content>
</entry></feed>
"""


def test_html_page_without_boilerplate(write):
    path = write("page.html", page_html(1))
    [article] = list(read_sources([path]))
    assert article.title == "Leaders meet in round 1 of talks"
    assert article.published == dt.date(2021, 12, 15)
    assert article.outlet == "Daily Planet"
    assert article.origin == str(path)
    assert article.text.startswith("The foreign ministers met in Geneva")
    assert "agreed to meet again" in article.text
    for boilerplate in ("Home", "Subscribe", "Copyright", "Leaders meet in round"):
        assert boilerplate not in article.text


def test_html_without_date_needs_the_default(write):
    path = write("undated.htm", page_html(2, date=None))
    [error] = list(read_sources([path]))
    assert error.where == str(path)
    assert "no publication date in the page" in error.message
    options = IngestOptions(default_published=dt.date(2021, 12, 20))
    [article] = list(read_sources([path], options=options))
    assert article.published == dt.date(2021, 12, 20)


def test_html_that_yields_no_text_is_an_error(write):
    broken = write("broken.html", "<html><head><title>x</title></head><body><div><span></div>")
    script_only = write("script.html", "<html><body><script>var a = 1;</script></body></html>")
    errors = list(read_sources([broken, script_only]))
    assert [e.where for e in errors] == [str(broken), str(script_only)]
    assert all("no article text" in e.message for e in errors)


def test_cp1252_html_is_decoded_by_its_meta_charset(write):
    html = page_html(3, charset="windows-1252").replace(
        "officials said", "officials said, \u201cthe caf\u00e9 talks\u201d"
    )
    path = write("cp1252.html", html.encode("cp1252"))
    [article] = list(read_sources([path]))
    assert "\u201cthe caf\u00e9 talks\u201d" in article.text


def test_rss_one_article_per_entry_and_an_error_per_bad_entry(write):
    path = write("wire.rss", RSS)
    articles, errors = split(list(read_sources([path])))
    [article] = articles
    assert article.title == "Ministers meet in Geneva"
    assert article.url == "https://wire.example/1"
    assert article.outlet == "World Wire"
    assert article.published == dt.date(2021, 12, 15)
    assert article.origin == f"{path}:entry 1"
    assert "<" not in article.text
    assert "The foreign ministers met in Geneva." in article.text
    assert "They agreed to meet again." in article.text
    assert [e.where for e in errors] == [f"{path}:entry 2", f"{path}:entry 3"]
    assert "no date on the entry" in errors[0].message
    assert "no summary or content" in errors[1].message


def test_rss_entry_without_date_takes_the_default(write):
    path = write("wire.rss", RSS)
    options = IngestOptions(default_published=dt.date(2021, 12, 14))
    articles, _ = split(list(read_sources([path], options=options)))
    assert [a.text for a in articles][1] == "Sanctions were announced on Tuesday."


def test_atom_in_an_xml_file_is_sniffed_and_keeps_the_written_date(write):
    path = write("desk.xml", ATOM)
    [article] = list(read_sources([path]))
    assert article.title == "Talks resume"
    assert article.published == dt.date(2022, 2, 4)  # not shifted to UTC (2022-02-04T01:00)
    assert article.text == "Xi and Putin met in Beijing before the Olympic Games."


def test_garbage_feed_is_one_error(write):
    path = write("junk.rss", "this is not <xml at all & never was")
    [error] = list(read_sources([path]))
    assert error.where == str(path)
    assert "feed" in error.message
