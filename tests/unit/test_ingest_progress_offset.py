"""Ingest progress moves within one large file: how far the reader is into the file being read
counts (its offset, which Linux tells), not only the files already read."""

from __future__ import annotations

import sys

import pytest

from eventlens.cli import _IngestProgress


class _Recorder:
    def __init__(self) -> None:
        self.completed: list[float] = []

    def add_task(self, description: str, total: float | None = None, **_fields) -> int:
        return 0

    def update(self, key: int, *, completed: float | None = None, **_fields) -> None:
        self.completed.append(completed)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file offsets from /proc")
def test_progress_counts_the_offset_into_the_file_being_read(tmp_path):
    first, big = tmp_path / "first.jsonl", tmp_path / "big.jsonl"
    first.write_bytes(b"x" * 1000)
    big.write_bytes(b"y" * 100_000)
    recorder = _Recorder()
    tracker = _IngestProgress(recorder, [first, big])
    tracker.reading(first)
    tracker.reading(big)
    with open(big, "rb", buffering=0) as stream:
        stream.read(40_000)
        tracker.stored(32, 10)
        stream.read(30_000)
        tracker.stored(32, 20)
    tracker.stored(1, 21)  # closed, the next not yet open: the offset is unknown, kept
    assert recorder.completed == [1000 + 40_000, 1000 + 70_000, 1000 + 70_000]
