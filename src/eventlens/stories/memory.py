"""Hand memory freed by one step of the story placement back to the system before the next.

The placement's steps allocate through three allocators: DuckDB's queries and the Arrow
tables they return through glibc's malloc, pyarrow's own pool (mimalloc) and Python's. Each
keeps what it freed for its own reuse, so a step's peak stayed resident under the next
step's, which another allocator serves: the writer's peak was the sum of its steps' peaks
rather than the largest (docs/benchmarks-notes.md, "Memory").
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow as pa


@functools.cache
def _malloc_trim():
    """glibc's `malloc_trim`, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


def give_back_free_memory() -> None:
    """Return the free memory pyarrow's pool and glibc's heap keep to the system."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@contextmanager
def arrow_from_malloc() -> Iterator[None]:
    """Arrow buffers allocated in the block come from the C library's malloc, which
    `give_back_free_memory` trims, not from pyarrow's default pool (mimalloc), which kept
    about 20 MB more resident while the term window of 2,000 articles was weighted and
    ranked. The default pool is restored after the block (buffers remember their pool)."""
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)
