"""JSON Lines: configurable fields, one error per bad line, the batch goes on."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from ingest_builders import SEED_BODY, SEED_FILE, split

from eventlens.errors import IngestError
from eventlens.ingest import IngestOptions, JsonlFields, article_id, parse_published, read_sources


def line(**record) -> str:
    return json.dumps(record, ensure_ascii=False)


GOOD = line(
    id="a1",
    text="Russia massed troops near the border.",
    published="2021-12-15",
    title="Troops",
    url="https://example.org/a1",
    outlet="Example",
)


def test_reads_every_field(write):
    path = write("news.jsonl", GOOD + "\n")
    [article] = list(read_sources([path]))
    assert article.text == "Russia massed troops near the border."
    assert article.published == dt.date(2021, 12, 15)
    assert (article.title, article.url, article.outlet) == (
        "Troops",
        "https://example.org/a1",
        "Example",
    )
    assert article.origin == f"{path}:1"
    assert article.id == article_id(article.text)  # never the source's own id


def test_bad_lines_are_errors_for_that_line_and_the_rest_goes_on(write):
    lines = [
        GOOD,
        '{"text": "broken',  # 2: not JSON
        line(title="no text here", published="2021-12-15"),  # 3: no text field
        line(text="A date that cannot exist.", published="2021-02-30"),  # 4
        '["a", "list"]',  # 5: not an object
        "",  # 6: blank, skipped
        line(text="Second good record.", published="2021-12-16T08:00:00Z"),  # 7
        line(id="r8", text=42, published="2021-12-15"),  # 8: text not a string
    ]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    articles, errors = split(list(read_sources([path])))
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:7"]
    by_line = {e.where: e.message for e in errors}
    assert set(by_line) == {f"{path}:{n}" for n in (2, 3, 4, 5, 8)}
    assert "not valid JSON" in by_line[f"{path}:2"]
    assert "no 'text' field" in by_line[f"{path}:3"]
    assert "impossible date '2021-02-30'" in by_line[f"{path}:4"]
    assert "expected a JSON object, got list" in by_line[f"{path}:5"]
    assert "must be a string" in by_line[f"{path}:8"] and "'r8'" in by_line[f"{path}:8"]


def test_field_names_are_configurable_including_dotted_paths(write):
    record = line(body="The ministers met.", meta={"date": "15 December 2021"}, headline="Met")
    path = write("custom.ndjson", record + "\n")
    fields = JsonlFields(text="body", published="meta.date", title="headline")
    [article] = list(read_sources([path], options=IngestOptions(jsonl_fields=fields)))
    assert article.text == "The ministers met."
    assert article.published == dt.date(2021, 12, 15)
    assert article.title == "Met"


def test_missing_date_uses_the_default_but_a_bad_date_never_does(write):
    path = write(
        "dates.jsonl",
        "\n".join(
            [
                line(text="No date at all."),
                line(text="A date that is nonsense.", published="soon"),
            ]
        ),
    )
    default = dt.date(2020, 1, 1)
    articles, errors = split(
        list(read_sources([path], options=IngestOptions(default_published=default)))
    )
    assert [a.published for a in articles] == [default]
    assert errors[0].where == f"{path}:2" and "cannot read 'soon'" in errors[0].message
    [error, _] = list(read_sources([path]))
    assert "no publication date" in error.message
    assert "default_published" in error.hint


def test_same_text_from_txt_and_jsonl_has_the_same_id(write):
    txt = write("seed.txt", SEED_FILE)
    jsonl = write("seed.jsonl", line(text=SEED_BODY, published="2021-12-15") + "\n")
    [from_txt, from_jsonl] = list(read_sources([txt, jsonl]))
    assert from_txt.id == from_jsonl.id


def test_gzipped_jsonl(write):
    path = write("news.jsonl.gz", gzip.compress((GOOD + "\n").encode()))
    [article] = list(read_sources([path]))
    assert article.text.startswith("Russia massed")


def test_truncated_gzip_keeps_earlier_records_and_stops_with_an_error(write):
    text = "".join(
        line(text=f"Record number {n} " + "x" * 200, published="2021-12-15") + "\n"
        for n in range(1, 201)
    )
    data = gzip.compress(text.encode())
    path = write("cut.jsonl.gz", data[: len(data) // 2])
    articles, errors = split(list(read_sources([path])))
    assert len(errors) == 1
    assert "truncated gzip" in errors[0].message
    assert errors[0].where == f"{path}:{len(articles) + 1}"
    assert articles and articles[0].text.startswith("Record number 1 ")


def test_latin1_line_is_decoded(write):
    record = line(text="Le président a rencontré le ministre à Genève.", published="2021-12-15")
    path = write("latin.jsonl", (GOOD + "\n").encode() + record.encode("latin-1") + b"\n")
    articles, errors = split(list(read_sources([path])))
    assert not errors
    assert articles[1].text == "Le président a rencontré le ministre à Genève."


def test_text_length_limits(write):
    path = write(
        "sizes.jsonl",
        "\n".join(
            [
                line(text="   ", published="2021-12-15"),
                line(text="short", published="2021-12-15"),
                line(text="x" * 50, published="2021-12-15"),
                line(text="just right", published="2021-12-15"),
            ]
        ),
    )
    options = IngestOptions(min_article_chars=6, max_article_chars=40)
    articles, errors = split(list(read_sources([path], options=options)))
    assert [a.text for a in articles] == ["just right"]
    messages = [e.message for e in errors]
    assert "empty" in messages[0]
    assert "under min_article_chars=6" in messages[1]
    assert "over max_article_chars=40" in messages[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021-12-15", dt.date(2021, 12, 15)),
        ("2021-12-15T23:30:00Z", dt.date(2021, 12, 15)),
        ("2021-12-15T23:30:00-05:00", dt.date(2021, 12, 15)),  # the date as written
        ("2021-12-15 08:00", dt.date(2021, 12, 15)),
        ("Wed, 15 Dec 2021 10:00:00 GMT", dt.date(2021, 12, 15)),
        ("15 December 2021", dt.date(2021, 12, 15)),
        ("Dec 15, 2021", dt.date(2021, 12, 15)),
    ],
)
def test_published_formats(raw, expected):
    assert parse_published(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2021-02-30", "impossible date"),
        ("2021-13-01T00:00:00", "impossible date"),
        ("yesterday", "cannot read"),
        ("2 days ago", "cannot read"),
        ("December 2021", "cannot read"),
        ("", "empty"),
        (20211215, "must be a string"),
        ("0001-01-01", "implausible publication year"),
    ],
)
def test_published_refusals(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse_published(raw)


def test_binary_jsonl_is_one_error_for_the_file(write):
    path = write("bin.jsonl", b'{"text": "a"}\n\x00\x01\x02\x00')
    [error] = list(read_sources([path]))
    assert isinstance(error, IngestError)
    assert error.where == str(path) and "binary" in error.message
