"""Turn the user's paths (files, folders, glob patterns) into the list of files to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventlens.errors import IngestError

_GLOB_CHARS = frozenset("*?[")


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk_folder(folder: Path) -> Iterator[Path]:
    """Every non-hidden file under `folder`, in a stable order, one folder listed at a time
    (a crawl of a million files is never listed whole); hidden folders are not entered."""
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not _is_hidden(d))
        for name in sorted(files):
            if not _is_hidden(name):
                yield Path(root) / name


def _expand_one(raw: str | Path) -> Iterable[Path]:
    path = Path(raw)
    if path.is_dir():
        return _walk_folder(path)
    if path.exists():
        return [path]
    text = str(raw)
    if _GLOB_CHARS & set(text):
        matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
        if not any(Path(m).is_dir() or not _is_hidden(Path(m).name) for m in matches):
            raise IngestError(
                "the pattern matched no files", where=text, hint="check the pattern and folder"
            )
        return _matched_files(matches)
    raise IngestError("no such file or folder", where=text, hint="check the path")


def _matched_files(matches: list[str]) -> Iterator[Path]:
    for match in matches:
        candidate = Path(match)
        if candidate.is_dir():
            yield from _walk_folder(candidate)
        elif not _is_hidden(candidate.name):
            yield candidate


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files named by `paths`, as `expand_paths` lists them, found as they are read:
    folders are walked lazily. An IngestError for a missing path or a pattern that matches
    nothing is raised when that path is reached."""
    if isinstance(paths, str | Path):
        paths = [paths]
    seen: set[Path] = set()
    for raw in paths:
        for path in _expand_one(raw):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """List the files named by `paths`, in order, each file once.

    Args:
        paths: Files, folders (walked recursively in sorted order, hidden files and
            folders skipped) and glob patterns (``**`` allowed). A single str or Path
            is taken as one path.

    Returns:
        The files, in the order given; a file reached twice is listed once.

    Raises:
        IngestError: a path does not exist, or a pattern matches no file.
    """
    return list(iter_paths(paths))
