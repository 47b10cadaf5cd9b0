"""Bad input in general: never a crash, never an empty article, always a located reason."""

from __future__ import annotations

import gzip
import os
import warnings
from pathlib import Path

import pytest
from ingest_builders import SEED_BODY, SEED_FILE, build_warc, page_html, split

from eventlens.errors import IngestError
from eventlens.ingest import IngestOptions, read_file, read_sources, sniff_format
from eventlens.ingest import sources as sources_module

LATIN = (
    " date 2021-12-15 Caf\u00e9 talks in Gen\u00e8ve\n\n"
    "Le pr\u00e9sident fran\u00e7ais a re\u00e7u le ministre \u00e0 l\u2019\u00c9lys\u00e9e.\n"
)


def one_error(path: Path, **kwargs) -> IngestError:
    [item] = list(read_sources([path], **kwargs))
    assert isinstance(item, IngestError), item
    return item


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_files(write, content):
    for name in ("empty.txt", "empty.jsonl", "empty.html", "empty.rss", "empty.warc", "empty"):
        path = write(name, content)
        error = one_error(path)
        assert str(path) in error.where
        assert "empty" in error.message or "no text" in error.message


def test_binary_with_nul_bytes(write):
    for name in ("binary.bin", "binary.txt", "binary.html"):
        path = write(name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        error = one_error(path)
        assert error.where == str(path)
        assert "binary" in error.message


def test_binary_without_nul_bytes(write):
    path = write("noise.txt", bytes(range(1, 32)) * 40)
    error = one_error(path)
    assert "binary" in error.message


def test_latin1_text_is_decoded_right_and_warning_free(write):
    path = write("latin1.txt", LATIN.replace("\u2019", "'").encode("latin-1"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [article] = list(read_sources([path]))
    assert article.title == "Caf\u00e9 talks in Gen\u00e8ve"
    assert (
        article.text
        == "Le pr\u00e9sident fran\u00e7ais a re\u00e7u le ministre \u00e0 l'\u00c9lys\u00e9e.\n"
    )


def test_cp1252_curly_quotes_are_decoded_right(write):
    body = "The minister\u2019s \u201cplan\u201d was rejected \u2013 again, in Z\u00fcrich.\n"
    path = write("cp1252.txt", f" date 2021-12-15 Rejected\n\n{body}".encode("cp1252"))
    [article] = list(read_sources([path]))
    assert article.text == body


def test_utf16_with_bom_is_text(write):
    path = write("utf16.txt", SEED_FILE.encode("utf-16"))
    [article] = list(read_sources([path]))
    assert article.text == SEED_BODY


def test_file_over_the_size_limit(write):
    path = write("big.txt", SEED_FILE)
    error = one_error(path, options=IngestOptions(max_file_bytes=100))
    assert error.where == str(path)
    assert "over the limit of 100" in error.message
    assert "max_file_bytes" in error.hint


def test_gzip_bomb_is_refused(write):
    path = write("bomb.txt.gz", gzip.compress(SEED_FILE.encode() + b" " * 100_000))
    error = one_error(path, options=IngestOptions(max_file_bytes=10_000))
    assert "over the limit" in error.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(write):
    path = write("secret.txt", SEED_FILE)
    path.chmod(0)
    try:
        error = one_error(path)
    finally:
        path.chmod(0o644)
    assert "permission denied" in error.message


def test_unreadable_file_even_as_root(write, monkeypatch):
    path = write("secret.txt", SEED_FILE)
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    error = one_error(path)
    assert error.where == str(path)
    assert "permission denied" in error.message


def test_missing_path_is_an_error_and_the_batch_goes_on(write, tmp_path):
    good = write("good.txt", SEED_FILE)
    items = list(read_sources([tmp_path / "missing.txt", good]))
    articles, errors = split(items)
    assert len(articles) == 1
    assert errors[0].where == str(tmp_path / "missing.txt")


def test_a_reader_crash_costs_one_file_not_the_batch(write, monkeypatch):
    def explode(path, options):
        raise RuntimeError("library bug")
        yield  # pragma: no cover

    monkeypatch.setitem(sources_module.READERS, "html", explode)
    bad = write("a.html", page_html(1))
    good = write("b.txt", SEED_FILE)
    articles, errors = split(list(read_sources([bad, good])))
    assert len(articles) == 1
    assert errors[0].where == str(bad)
    assert "unexpected failure" in errors[0].message and "RuntimeError" in errors[0].message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("article", SEED_FILE, "text"),
        ("dump.dat", '{"text": "x", "published": "2021-12-15"}\n', "jsonl"),
        ("page", page_html(1), "html"),
        ("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ("page.xml", '<?xml version="1.0"?><html><body><p>x</p></body></html>', "html"),
    ],
)
def test_sniffing_unknown_extensions(write, name, content, expected):
    assert sniff_format(write(name, content)) == expected


def test_unrecognised_content_is_an_error(write):
    path = write("notes.csv", "a,b,c\n1,2,3\n")
    error = one_error(path)
    assert error.where == str(path)
    assert "unrecognised file format" in error.message
    assert ".jsonl" in error.hint


def test_mixed_folder_never_crashes_and_names_every_bad_file(write, tmp_path):
    write("a_good.txt", SEED_FILE)
    write("b_good.jsonl", '{"text": "Troops massed.", "published": "2021-12-15"}\n{oops\n')
    write("c_page.html", page_html(4))
    write("d_binary.bin", b"\x00\x01\x02\x03" * 64)
    write("e_empty.txt", b"")
    write("f_latin1.txt", LATIN.replace("\u2019", "'").encode("latin-1"))
    write("g_noheader.txt", "Just some prose without a header.\n")
    write(
        "h_crawl.warc",
        build_warc(
            [("response", "https://n.example/1", page_html(5).encode(), "text/html")], gzip=False
        )[0],
    )
    write("i_table.csv", "x,y\n")
    write("sub/j_bad_date.txt", " date 2021-02-30 Bad\n\nBody.\n")
    write(".hidden.txt", b"\x00")
    articles, errors = split(list(read_sources([tmp_path])))
    assert len(articles) == 5
    assert len({a.id for a in articles}) == 5
    failed = sorted(Path(e.where.split(":")[0]).name for e in errors)
    assert failed == [
        "b_good.jsonl",
        "d_binary.bin",
        "e_empty.txt",
        "g_noheader.txt",
        "i_table.csv",
        "j_bad_date.txt",
    ]
    for error in errors:
        assert error.where.startswith(str(tmp_path)) and error.message


def test_read_file_accepts_a_str(write):
    path = write("seed.txt", SEED_FILE)
    [article] = list(read_file(str(path)))
    assert article.text == SEED_BODY


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("El ni\u00f1o a\u00f1o", "latin-1"),  # too short for statistical detection alone
        ("\u00c5ngstr\u00f6m", "latin-1"),
        ("\u00a35 for the caf\u00e9 \u2013 \u201cfine\u201d", "cp1252"),
        (
            "\u041c\u043e\u0441\u043a\u0432\u0430 \u0437\u0430\u044f\u0432\u0438\u043b\u0430, "
            "\u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
            "\u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430\u0442\u0441\u044f.",
            "cp1251",
        ),
    ],
)
def test_legacy_encodings_of_short_texts(text, encoding):
    from eventlens.ingest.decoding import decode_text

    assert decode_text(text.encode(encoding), where="x") == text
