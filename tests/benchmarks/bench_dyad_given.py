"""Dyad-given classifiers side by side, measured in one run: the linear model and the
fine-tuned encoder run by onnxruntime (int8), on a PLV file, and what the encoder would cost
the end-to-end coder.

    python tests/benchmarks/bench_dyad_given.py [PLV_FILE] [--json FILE]

PLV_FILE defaults to ../shared/eval/zsp-train/PLV_train.tsv, which both models were trained
on: their accuracies there are training-set figures, shown only beside the speeds. Speeds are
sentences per second of `dyad.classify_doc` over parsed sentences (best of two), spaCy's
parse of the same sentences measured in the same run. The coder's part: the example corpus
coded as `eventlens eval` measures throughput, counting the dyads the coder's linear model
classifies; had each gone to the encoder instead, the pipeline's ratio to spaCy alone would
be the `projected_ratio` given.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLV_TRAIN = REPO.parent / "shared" / "eval" / "zsp-train" / "PLV_train.tsv"


class CountingModel:
    """The coder's linear model, counting the dyads it is asked to type."""

    def __init__(self, model) -> None:
        self.model, self.calls = model, 0

    def predict(self, *args, **kwargs):
        self.calls += 1
        return self.model.predict(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.model, name)


def _best(run, repeats: int = 2) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def dyad_given(items, docs, models: dict, lex) -> dict:
    """Speed and labels of each model over the parsed sentences."""
    from eventlens.coding.dyad import classify_doc

    out = {}
    for name, model in models.items():
        labels = []

        def run(model=model, labels=labels):
            labels[:] = [classify_doc(doc, it.source, it.target, model=model, lex=lex).label
                         for it, doc in zip(items, docs, strict=True)]

        seconds = _best(run)
        out[name] = {"sentences_per_s": round(len(items) / seconds, 1),
                     "accuracy_training_set": round(
                         sum(p == it.gold for p, it in zip(labels, items, strict=True))
                         / len(items), 4),
                     "labels": labels}
    return out


def coder_cost(nlp, onnx_rate: float) -> dict:
    """The coder's throughput on the example corpus, and its projection with the encoder."""
    from eventlens.evaluate.report import measure_throughput
    from eventlens.ingest import read_sources
    from eventlens.model import Article
    from eventlens.registry import get_coder

    sources = [REPO / "examples" / "news", REPO / "examples" / "stories" / "articles"]
    texts = [a.text for a in read_sources(sources) if isinstance(a, Article)]
    coder = get_coder()
    counting = CountingModel(coder.type_model)
    coder.type_model = counting
    thr = measure_throughput(texts, coder=coder, nlp=nlp, repeats=2)
    dyads = counting.calls / 2  # two runs of the pipeline
    spacy_s = thr["articles"] / thr["spacy_articles_per_s"]
    pipe_s = thr["articles"] / thr["pipeline_articles_per_s"]
    return {**thr, "coder_dyads": int(dyads),
            "projected_ratio_with_encoder": round(spacy_s / (pipe_s + dyads / onnx_rate), 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("plv", nargs="?", type=Path, default=PLV_TRAIN)
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()

    from eventlens.coding import onnx_classifier
    from eventlens.coding.classifier import packaged_model
    from eventlens.coding.lexicon import load_lexicon
    from eventlens.evaluate.plv import read_plv
    from eventlens.nlp import load_pipeline, parse

    items = read_plv(args.plv)
    nlp, lex = load_pipeline(), load_lexicon()
    docs = []
    spacy_s = _best(lambda: docs.__setitem__(slice(None), list(
        parse([it.sentence for it in items], nlp=nlp))))
    onnx = onnx_classifier.packaged_model()
    onnx.predict("Warm-up.", None, None)
    found = dyad_given(items, docs, {"linear": packaged_model(), "onnx_int8": onnx}, lex)
    same = sum(a == b for a, b in zip(found["linear"]["labels"], found["onnx_int8"]["labels"],
                                      strict=True)) / len(items)
    for entry in found.values():
        del entry["labels"]
    result = {"file": args.plv.name, "sentences": len(items),
              "spacy_parse_sentences_per_s": round(len(items) / spacy_s, 1), **found,
              "same_label_linear_onnx": round(same, 4),
              "coder": coder_cost(nlp, found["onnx_int8"]["sentences_per_s"])}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
