"""The seed text format: header, blank line, body kept exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_builders import SEED_BODY, SEED_FILE, SEED_TITLE, split

from eventlens.ingest import article_id, read_sources

SHARED_SEED = Path("/work/shared/seed")


def test_reads_the_archetype(write):
    path = write("seed.txt", SEED_FILE)
    [article] = list(read_sources([path]))
    assert article.published == dt.date(2021, 12, 15)
    assert article.title == SEED_TITLE
    assert article.text == SEED_BODY
    assert article.id == article_id(SEED_BODY)
    assert article.origin == str(path)


def test_body_offsets_match_the_file(write):
    path = write("seed.txt", SEED_FILE)
    [article] = list(read_sources([path]))
    body_in_file = path.read_text(encoding="utf-8").split("\n", 2)[2]
    phrase = "Russian officials again"
    assert article.text.index(phrase) == body_in_file.index(phrase)
    assert "  Russian officials" in article.text  # double space kept, not collapsed


def test_crlf_becomes_lf_and_nothing_else_changes(write):
    path = write("crlf.txt", SEED_FILE.replace("\n", "\r\n"))
    [article] = list(read_sources([path]))
    assert article.text == SEED_BODY


def test_leading_space_is_optional_and_bom_is_dropped(write):
    path = write("bom.txt", b"\xef\xbb\xbf" + SEED_FILE.lstrip().encode("utf-8"))
    [article] = list(read_sources([path]))
    assert article.title == SEED_TITLE
    assert article.text == SEED_BODY


def test_missing_header_is_an_error_at_line_1(write):
    path = write("noheader.txt", SEED_BODY)
    [error] = list(read_sources([path]))
    assert error.where == f"{path}:1"
    assert "no header" in error.message
    assert "date YYYY-MM-DD" in error.hint


def test_impossible_date_names_the_line(write):
    path = write("feb30.txt", " date 2021-02-30 A headline\n\nSome body text.\n")
    [error] = list(read_sources([path]))
    assert error.where == f"{path}:1"
    assert "impossible date '2021-02-30'" in error.message
    assert str(path) in str(error)


def test_header_date_must_be_iso(write):
    path = write("usdate.txt", " date 12/15/2021 A headline\n\nBody.\n")
    [error] = list(read_sources([path]))
    assert "not YYYY-MM-DD" in error.message


def test_header_without_body_is_an_error(write):
    path = write("nobody.txt", " date 2021-12-15 A headline\n\n   \n")
    [error] = list(read_sources([path]))
    assert error.where == f"{path}:3"
    assert "no body" in error.message


def test_one_bad_file_does_not_stop_the_others(write, tmp_path):
    write("1.txt", SEED_FILE)
    write("2.txt", " date 2021-02-30 Bad\n\nBody.\n")
    write("3.txt", SEED_FILE.replace("2021-12-15", "2022-02-04"))
    articles, errors = split(list(read_sources([tmp_path])))
    assert [a.published for a in articles] == [dt.date(2021, 12, 15), dt.date(2022, 2, 4)]
    assert len(errors) == 1 and errors[0].where.endswith("2.txt:1")


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_SEED.is_dir(), reason="../shared/seed is absent")
def test_reads_the_shared_seed_folder():
    articles, errors = split(list(read_sources([SHARED_SEED])))
    assert not errors
    assert articles and all(a.published == dt.date(2021, 12, 15) for a in articles[:1])
    assert articles[0].text.startswith("President Xi Jinping")
