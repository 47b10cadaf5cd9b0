"""Near-duplicate articles: MinHash signatures (datasketch) with an LSH band index kept in the
store, so a new day's articles are sketched and queried once and nothing stored is recomputed.

datasketch computes the signatures and supplies the banding (`MinHashLSH.hashranges`); its
persistent LSH back ends are Redis and Cassandra, so the band buckets live in the DuckDB table
`story_lsh_buckets` instead, and a query is one hash join on (band, bucket).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from datasketch import LeanMinHash, MinHash, MinHashLSH

from eventlens.errors import SchemaError
from eventlens.store.story_candidates import lsh_candidate_pairs
from eventlens.store.story_reads import signature_rows, stored_sketch_id
from eventlens.store.story_tables import insert_sketches
from eventlens.stories.settings import StorySettings
from eventlens.stories.text import word_shingle_hashes, words

SCHEME = "affine32"


@dataclass(frozen=True, slots=True)
class Sketch:
    """One article's MinHash signature and its LSH bucket per band."""

    article_id: str
    published: dt.date
    hashvalues: np.ndarray  # uint32, num_perm values
    buckets: tuple[int, ...]
    shingles: int


def _identity(value) -> int:
    # Shingles arrive already hashed to 32 bits (see text.shingle_hashes).
    return int(value)


def sketch_articles(rows: Iterable[tuple[str, dt.date, str]],
                    settings: StorySettings) -> list[Sketch]:
    """MinHash signature and band buckets of each (article id, published, text)."""
    return sketch_words(((a, day, words(text)) for a, day, text in rows), settings)


def sketch_words(rows: Iterable[tuple[str, dt.date, list[str]]],
                 settings: StorySettings) -> list[Sketch]:
    """`sketch_articles` of texts already split into `words` (article id, published, words)."""
    rows = list(rows)
    shingles = [word_shingle_hashes(tokens, settings.shingle_size) for _, _, tokens in rows]
    hashranges = MinHashLSH(num_perm=settings.num_perm,
                            params=(settings.bands, settings.rows)).hashranges
    out = []
    minhashes = MinHash.generator(shingles, num_perm=settings.num_perm, seed=settings.seed,
                                  hashfunc=_identity, scheme=SCHEME)
    for (article_id, published, _), mh, sh in zip(rows, minhashes, shingles, strict=True):
        values = mh.hashvalues
        out.append(Sketch(article_id, published, values,
                          tuple(_bucket(values[a:b]) for a, b in hashranges), len(sh)))
    return out


def _bucket(band_values: np.ndarray) -> int:
    digest = hashlib.blake2b(band_values.tobytes(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def write_sketches(con, sketches: Sequence[Sketch], settings: StorySettings) -> None:
    """Append signatures and band buckets (bulk, through Arrow: executemany is slow)."""
    if not sketches:
        return
    _check_sketch_format(con, settings)
    signatures = pa.table({
        "article_id": [s.article_id for s in sketches],
        "published": pa.array([s.published for s in sketches], pa.date32()),
        "sketch": [settings.sketch_id] * len(sketches),
        "hashvalues": [s.hashvalues.astype("<u4").tobytes() for s in sketches],
        "shingles": pa.array([s.shingles for s in sketches], pa.int32()),
    })
    bands = len(sketches[0].buckets)
    buckets = pa.table({
        "band": pa.array(np.tile(np.arange(bands, dtype=np.int16), len(sketches))),
        "bucket": pa.array(np.array([b for s in sketches for b in s.buckets], dtype=np.int64)),
        "article_id": pa.array(np.repeat([s.article_id for s in sketches], bands)),
    })
    insert_sketches(con, signatures, buckets)


def _check_sketch_format(con, settings: StorySettings) -> None:
    stored = stored_sketch_id(con)
    if stored is not None and stored != settings.sketch_id:
        raise SchemaError(f"stored MinHash sketches are {stored}, settings ask for "
                          f"{settings.sketch_id}",
                          hint="keep the stored settings, or run rebuild_stories(store)")


def load_signatures(con, article_ids: Iterable[str], settings: StorySettings
                    ) -> dict[str, tuple[dt.date, LeanMinHash]]:
    """Stored signatures of `article_ids` as datasketch LeanMinHash objects."""
    out = {}
    for article_id, published, blob in signature_rows(con, article_ids):
        values = np.frombuffer(blob, dtype="<u4")
        out[article_id] = (published, LeanMinHash(seed=settings.seed, hashvalues=values,
                                                 scheme=SCHEME))
    return out


def near_duplicate_pairs(con, chunk: int, settings: StorySettings
                         ) -> list[tuple[str, str, float]]:
    """The chunk's candidate pairs (`store.story_candidates`, after `build_lsh_pairs`)
    verified on their estimated Jaccard similarity: (a, b, jaccard).

    Copies far apart in time must be closer (a reused template is not a copy of a report).
    """
    pairs = lsh_candidate_pairs(con, chunk)
    if not pairs:
        return []
    signatures = load_signatures(con, {x for pair in pairs for x in pair}, settings)
    out = []
    for a, b in pairs:
        (day_a, sig_a), (day_b, sig_b) = signatures[a], signatures[b]
        jaccard = sig_a.jaccard(sig_b)
        days = abs((day_a - day_b).days)
        needed = (settings.duplicate_jaccard if days <= settings.duplicate_days
                  else settings.duplicate_jaccard_far)
        if jaccard >= needed:
            out.append((a, b, round(float(jaccard), 4)))
    return out
