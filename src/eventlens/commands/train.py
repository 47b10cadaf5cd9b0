"""`eventlens train ...` and `eventlens classify`: the coder's learned parts, trained and tried."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated

import typer

from eventlens.commands.common import console
from eventlens.commands.common import fail as _fail
from eventlens.commands.common import progress as _progress
from eventlens.errors import EventlensError

train_app = typer.Typer(help="Train the learned parts of the coder.", no_args_is_help=True)


@train_app.command("plv")
def train_plv(
    path: Annotated[Path, typer.Argument(help="PLV-format TSV to train on.")],
    out: Annotated[Path | None, typer.Option(help="Where to write the model (default: the "
                                                 "packaged model file).")] = None,
    folds: Annotated[int, typer.Option("--cv", min=0, help="Cross-validation folds (0: none).")]
    = 5,
    seed: Annotated[int, typer.Option(help="Random seed for the folds and the solver.")] = 13,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength.")] = 10.0,
    report: Annotated[Path | None, typer.Option(help="Write the CV scores as JSON here.")]
    = None,
    embeddings: Annotated[bool, typer.Option(
        "--embeddings", help="Train the dyad-given variant that adds sentence-embedding "
        "features (needs the `embeddings` extra); written to its own artefact.")] = False,
    finetune: Annotated[bool, typer.Option(
        "--finetune", help="Fine-tune the sentence encoder for the dyad-given classifier "
        "(needs the `embeddings` extra): one model per seed of the shipped ensemble (13, 14), "
        "about 10 CPU-minutes each, every CV fold too; written to their own artefacts (with "
        "--out, the second beside it as NAME-seed14.pt.gz).")] = False,
) -> None:
    """Train the PLOVER type classifier on a PLV file; report k-fold CV scores first."""
    from eventlens.coding import classifier, training
    from eventlens.evaluate.plv import read_plv

    encoder_name = None
    if finetune:
        _train_finetuned(path, out=out, folds=folds, seed=seed, report=report)
        return
    try:
        items = read_plv(path)
        if embeddings:
            from eventlens.coding import embeddings as emb

            if not emb.available():
                raise EventlensError("--embeddings needs the `embeddings` extra",
                                     hint=emb.INSTALL_HINT)
            encoder_name = emb.ENCODER_NAME
    except EventlensError as exc:
        raise _fail(exc) from exc
    with _progress() as progress:
        task = progress.add_task("parsing", total=len(items))
        docs, examples = training.featurize(items,
                                            progress=lambda n: progress.advance(task, n))
        if embeddings:
            # The variant serves only the dyad-given classifier, which never answers NONE:
            # the clause candidates teach NONE and cost it accuracy (0.767 vs 0.802 CV macro-F1)
            examples = [ex for ex in examples if ex.marked]
            task = progress.add_task("embedding", total=None)
            try:
                examples = training.add_embeddings(items, examples,
                                                   progress=lambda n: progress.advance(task, n))
            except EventlensError as exc:
                raise _fail(exc) from exc
        result: dict = {}
        if folds > 1:
            task = progress.add_task("cross-validating", total=folds)
            # The coder does not use embeddings, so the variant is scored dyad-given only.
            result["cv"] = training.cross_validate(items, docs, examples, folds=folds, seed=seed,
                                                   c=c, end_to_end=not embeddings,
                                                   progress=lambda n: progress.advance(task, n))
    for name in ("dyad_given", "end_to_end", "end_to_end_all"):
        cv = result.get("cv", {}).get(name)
        if cv:
            console.print(f"{folds}-fold CV {name}: accuracy {cv['accuracy']['mean']:.3f} "
                          f"± {cv['accuracy']['std']:.3f}, macro-F1 {cv['macro_f1']['mean']:.3f} "
                          f"± {cv['macro_f1']['std']:.3f}")
    meta = training.training_meta(path, items, seed=seed, c=c, embeddings=encoder_name)
    model = training.fit([ex.feats for ex in examples], [ex.label for ex in examples], c=c,
                         seed=seed, meta=meta)
    if embeddings:
        from eventlens.coding import embeddings as emb

        target = out or emb.packaged_path()
    else:
        target = out or classifier.packaged_path()
    digest = classifier.save_model(model, target)
    console.print(f"wrote {target} ({target.stat().st_size // 1024} KiB, sha256 {digest[:16]}…,"
                  f" {len(model.features)} features)")
    if report is not None:
        report.write_text(json.dumps({**result, "model": meta, "sha256": digest}, indent=2,
                                     sort_keys=True) + "\n", encoding="utf-8")


@train_app.command("scorer")
def train_scorer_command(
    gold: Annotated[list[Path] | None, typer.Option(
        "--gold", help="A gold folder (ANNOTATION.md format) whose `dev` articles to learn "
        "from; its `sealed` articles are only scored. Repeatable.")] = None,
    conflibert_class: Annotated[Path | None, typer.Option(
        help="A ConfliBERT cameo_class TSV (real news, quad class per sentence).")] = None,
    conflibert_ner: Annotated[Path | None, typer.Option(
        help="The matching cameo_ner BIO file (source/target spans).")] = None,
    wikievents: Annotated[Path | None, typer.Option(
        help="WikiEvents JSON lines (real articles with KAIROS events).")] = None,
    classifier_data: Annotated[Path | None, typer.Option(
        help="The type classifier's training file (PLV TSV): its sentences are left out, "
             "since the classifier's probabilities on them are in-sample.")] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write the scorer (default: the "
                                                 "packaged scorer file).")] = None,
    folds: Annotated[int, typer.Option("--cv", min=2, help="Folds for out-of-fold "
                                                            "calibration.")] = 5,
    c: Annotated[float, typer.Option("--c", help="Inverse regularisation strength.")] = 1.0,
    report: Annotated[Path | None, typer.Option(help="Write calibration and scores as JSON "
                                                    "here.")] = None,
) -> None:
    """Train the event scorer: the calibrated probability that a careful coder records each
    proposed event (docs/coder.md). Calibration is fitted out of fold; the default threshold
    is chosen on the out-of-fold dev gold; the sealed split is scored, never learned from."""
    from eventlens.coding.scorer import scorer_path
    from eventlens.evaluate.scorer_training import train_from_files

    target = out or scorer_path()
    with _progress() as progress:
        def tick(description: str, total: int):
            task = progress.add_task(description, total=total)
            return lambda n: progress.advance(task, n)

        try:
            result = train_from_files(list(gold or []), conflibert_class=conflibert_class,
                                      conflibert_ner=conflibert_ner, wikievents=wikievents,
                                      classifier_data=classifier_data, out=target, c=c,
                                      folds=folds, progress=tick)
        except EventlensError as exc:
            raise _fail(exc) from exc
    oof = result["out_of_fold"]
    console.print(f"{oof['n']} proposals, {oof['base_rate']:.0%} right; out-of-fold Brier "
                  f"{oof['brier']:.3f}; default threshold {result['threshold']:.2f}")
    sealed = result.get("sealed")
    if sealed:
        cal = sealed["calibration"]
        console.print(f"sealed split: {cal['n']} proposals, Brier {cal['brier']:.3f}")
        for name in ("all", "at_threshold"):
            if name in sealed:
                s = sealed[name]["lenient"]
                console.print(f"  {name}: lenient P {s['precision']:.3f} R {s['recall']:.3f} "
                              f"F1 {s['f1']:.3f}, strict F1 {sealed[name]['strict']['f1']:.3f}")
    console.print(f"wrote {target} (sha256 {result['sha256'][:16]}…)")
    if report is not None:
        report.write_text(json.dumps(result, indent=2, sort_keys=True, default=float) + "\n",
                          encoding="utf-8")


def _train_finetuned(path: Path, *, out: Path | None, folds: int, seed: int,
                     report: Path | None) -> None:
    """`eventlens train plv --finetune`: k-fold CV of the fine-tuned encoder, then the model
    trained on the whole file."""
    from eventlens.coding import finetuned, training
    from eventlens.evaluate.plv import PLV_LABELS, read_plv

    try:
        items = read_plv(path)
        if not finetuned.available():
            raise EventlensError("--finetune needs the `embeddings` extra",
                                 hint=finetuned.INSTALL_HINT)
    except EventlensError as exc:
        raise _fail(exc) from exc
    # the fold split follows --seed; the models are one per seed of the shipped ensemble
    seeds = finetuned.SEEDS
    epochs = finetuned.DEFAULTS["epochs"]
    result: dict = {}
    models = []
    with _progress() as progress:
        if folds > 1:
            task = progress.add_task("cross-validating (epochs)",
                                     total=folds * epochs * len(seeds))
            result["cv"] = training.cross_validate_finetuned(
                items, folds=folds, seed=seed, model_seeds=seeds,
                progress=lambda n: progress.advance(task, n))
        for model_seed in seeds:
            task = progress.add_task(f"training, seed {model_seed} (epochs)", total=epochs)
            models.append(finetuned.train(
                [(it.sentence, it.source, it.target) for it in items],
                [it.gold for it in items], PLV_LABELS, config={"seed": model_seed},
                progress=lambda n, task=task: progress.advance(task, n)))
    cv = result.get("cv", {}).get("dyad_given_finetuned")
    if cv:
        console.print(f"{folds}-fold CV dyad_given (fine-tuned, seeds {seeds}): accuracy "
                      f"{cv['accuracy']['mean']:.3f} ± {cv['accuracy']['std']:.3f}, macro-F1 "
                      f"{cv['macro_f1']['mean']:.3f} ± {cv['macro_f1']['std']:.3f}")
    digests = {}
    for model_seed, model in zip(seeds, models, strict=True):
        meta = {k: v for k, v in training.training_meta(path, items, seed=model_seed,
                                                        c=0.0).items() if k != "c"}
        target = finetuned.packaged_path(model_seed) if out is None else (
            out if model_seed == seeds[0]
            else out.with_name(out.name.removesuffix(".pt.gz") + f"-seed{model_seed}.pt.gz"))
        data = finetuned.save(model, target, extra_meta=meta)
        digests[target.name] = hashlib.sha256(data).hexdigest()
        console.print(f"wrote {target} ({len(data) // 1024} KiB, sha256 "
                      f"{digests[target.name][:16]}…)")
    if report is not None:
        report.write_text(json.dumps({**result, "model_seeds": list(seeds),
                                      "sha256": digests}, indent=2,
                                     sort_keys=True) + "\n", encoding="utf-8")


def classify(
    sentence: Annotated[str, typer.Argument(help="The sentence; mark spans as <s>…</s> and "
                                                  "<t>…</t>, or give --source/--target.")],
    source: Annotated[str | None, typer.Option(help="Text of the source span.")] = None,
    target: Annotated[str | None, typer.Option(help="Text of the target span.")] = None,
) -> None:
    """The PLOVER type of what SOURCE does to TARGET in SENTENCE (dyad given)."""
    from eventlens.coding.dyad import classify as classify_dyad
    from eventlens.coding.dyad import default_model
    from eventlens.evaluate.plv import marked_spans

    marked = marked_spans(sentence)
    if marked is not None:
        text, src, tgt = marked
    else:
        text = sentence
        src, tgt = _find(text, source, "--source"), _find(text, target, "--target")
    try:
        model = default_model()
        result = classify_dyad(text, src, tgt, model=model)
    except EventlensError as exc:
        raise _fail(exc) from exc
    from eventlens.coding.dyad import is_finetuned

    with_emb = ""
    if model is not None and is_finetuned(model):
        with_emb = "; fine-tuned encoder" + (", ONNX int8" if "onnx" in model.meta["format"]
                                             else "")
    elif model is not None and model.meta.get("embeddings"):
        with_emb = "; with sentence embeddings"
    console.print(f"{result.plover_type} (PLV {result.label}, p={result.score:.2f}; "
                  f"status {result.status}; mode {result.mode or '-'}; frames said "
                  f"{result.rule_type or 'nothing'}{with_emb})")


def _find(text: str, part: str | None, name: str) -> tuple[int, int] | None:
    if part is None:
        return None
    start = text.find(part)
    if start < 0:
        raise typer.BadParameter(f"{name} {part!r} is not in the sentence")
    return start, start + len(part)
