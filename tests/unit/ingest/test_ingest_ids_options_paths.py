"""article_id, IngestOptions and expand_paths."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eventlens.errors import ConfigError, IngestError
from eventlens.ingest import IngestOptions, JsonlFields, article_id, expand_paths


def test_article_id_is_16_hex_and_stable():
    text = "Putin and Xi met by video link."
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(text))
    assert article_id(text) == article_id(text)
    assert article_id(text) != article_id("Putin and Xi met in Beijing.")


@pytest.mark.parametrize(
    "variant",
    [
        "Putin and Xi\r\nmet by video link.",
        "  Putin and Xi\n\n   met by video link.\n",
        "Putin\u00a0and Xi met by video link.",  # no-break space (NFKC)
        "Putin and Xi met by video link.\t",
    ],
)
def test_article_id_ignores_whitespace_and_compatibility_forms(variant):
    assert article_id(variant) == article_id("Putin and Xi met by video link.")


def test_article_id_keeps_case():
    assert article_id("The US said") != article_id("The us said")


def test_options_are_keyword_only_with_documented_defaults():
    options = IngestOptions()
    assert options.jsonl_fields == JsonlFields()
    assert options.max_file_bytes == 200_000_000
    assert options.max_article_chars == 2_000_000
    assert options.min_article_chars == 1
    assert options.default_published is None
    with pytest.raises(TypeError):
        IngestOptions(JsonlFields())  # type: ignore[misc]
    with pytest.raises(TypeError):
        JsonlFields("id")  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_file_bytes": 0},
        {"min_article_chars": 0},
        {"max_article_chars": -5},
        {"min_article_chars": 10, "max_article_chars": 5},
        {"default_published": "2021-12-15"},
        {"max_file_bytes": True},
    ],
)
def test_bad_options_are_config_errors(kwargs):
    with pytest.raises(ConfigError):
        IngestOptions(**kwargs)


def test_bad_field_name_is_config_error():
    with pytest.raises(ConfigError, match="text"):
        JsonlFields(text=" ")


def test_default_published_datetime_becomes_date():
    options = IngestOptions(default_published=dt.datetime(2021, 12, 15, 23, 0))
    assert options.default_published == dt.date(2021, 12, 15)
    assert type(options.default_published) is dt.date


def test_expand_paths_walks_folders_sorted_and_skips_hidden(write, tmp_path):
    write("b.txt", "x")
    write("a/z.txt", "x")
    write("a/m.jsonl", "x")
    write(".hidden.txt", "x")
    write(".git/config.txt", "x")
    write("a/.cache/c.txt", "x")
    files = expand_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["b.txt", "a/m.jsonl", "a/z.txt"]


def test_expand_paths_keeps_argument_order_and_lists_each_file_once(write, tmp_path):
    b = write("b.txt", "x")
    a = write("a.txt", "x")
    assert expand_paths([b, a, tmp_path, str(b)]) == [b, a]


def test_expand_paths_globs(write, tmp_path):
    write("x/one.jsonl", "x")
    write("x/deep/two.jsonl", "x")
    write("x/three.txt", "x")
    found = expand_paths([str(tmp_path / "x" / "**" / "*.jsonl")])
    assert sorted(p.name for p in found) == ["one.jsonl", "two.jsonl"]
    assert expand_paths(str(tmp_path / "x" / "*.txt")) == [tmp_path / "x" / "three.txt"]


def test_expand_paths_unknown_path_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError) as info:
        expand_paths([missing])
    assert info.value.where == str(missing)
    assert "no such file" in info.value.message
    with pytest.raises(IngestError, match="matched no files"):
        expand_paths([str(tmp_path / "*.warc")])
