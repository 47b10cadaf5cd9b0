"""Coder accuracy beside its speed, measured in one run.

    python tests/benchmarks/bench_accuracy.py [--json FILE]

- PLV_train (../shared/eval/zsp-train/PLV_train.tsv; skipped where ../shared is absent):
  5-fold cross-validation of the packaged classifier's recipe, dyad-given and end to end
  (accuracy and macro-F1, mean ± std over folds; each fold scored by a model that never saw it).
- Our gold folder (examples/gold): events, actors, status and quotes with the packaged model,
  and the pipeline / spaCy-alone throughput ratio on the same articles.
The fine-tuned encoder (optional extra) takes about an hour to cross-validate on a CPU, so it
is not run here: `eventlens train plv FILE --finetune --report F` gives its figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PLV = REPO.parent / "shared" / "eval" / "zsp-train" / "PLV_train.tsv"


def _brief(cv: dict) -> dict:
    return {"accuracy": f"{cv['accuracy']['mean']:.3f} ± {cv['accuracy']['std']:.3f}",
            "macro_f1": f"{cv['macro_f1']['mean']:.3f} ± {cv['macro_f1']['std']:.3f}",
            "per_type_f1": cv["per_type_f1"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()

    from eventlens.coding import training
    from eventlens.evaluate.plv import read_plv
    from eventlens.evaluate.report import evaluate_path

    out: dict = {}
    if PLV.is_file():
        items = read_plv(PLV)
        docs, examples = training.featurize(items)
        cv = training.cross_validate(items, docs, examples)
        out["plv_train_cv"] = {name: _brief(cv[name])
                               for name in ("dyad_given", "end_to_end", "end_to_end_all")}
    else:
        out["plv_train_cv"] = "skipped: ../shared is absent"
    report = evaluate_path(REPO / "examples" / "gold")
    art = report["articles"]
    out["gold"] = {
        "events_lenient_f1": art["lenient"]["f1"], "events_strict_f1": art["strict"]["f1"],
        "salient_recall": art["salient_recall"], "status_accuracy": art["status_accuracy"],
        "quote_recall": art["quote_recall"],
        "actor_country": report["actors"]["country_accuracy"],
        "actor_country_role": report["actors"]["country_role_accuracy"],
    }
    out["throughput"] = report["throughput"]
    text = json.dumps(out, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
