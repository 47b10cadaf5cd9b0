"""`eventlens eval`: pick the scorer for a path, add throughput, print and return the report."""

from __future__ import annotations

import time
from pathlib import Path

from eventlens.config import Settings
from eventlens.errors import EvalError
from eventlens.evaluate.confidence import confident_result
from eventlens.evaluate.realnews import detect_format
from eventlens.evaluate.realnews_scores import render_realnews_section, score_realnews

# Throughput on a real-news file is timed on its first texts up to about this many words: the
# rate settles well before, and timing a whole file would code it three more times.
THROUGHPUT_WORDS = 30_000


def evaluate_path(path: Path, *, limit: int | None = None, throughput: bool = True,
                  coder=None, min_confidence: float | None = None) -> dict:
    """Scores for a gold folder or an evaluation file (PLV TSV, confliBERT cameo_class or
    cameo_ner, WikiEvents or IndiaPoliceEvents JSON lines: told apart by `detect_format`), as the
    report dict with stable keys. Events below `min_confidence` (default: the packaged
    settings' `min_confidence`) are ignored by every scorer."""
    from eventlens.nlp import load_pipeline
    from eventlens.registry import get_coder

    if min_confidence is None:
        min_confidence = Settings().min_confidence
    coder = coder or get_coder()
    nlp = load_pipeline()
    report: dict = {"coder": {"name": coder.name, "version": coder.version}, "input": str(path),
                    "min_confidence": min_confidence}
    if path.is_dir():
        report["input_format"] = "gold"
        texts = _score_gold_folder(report, path, coder=coder, nlp=nlp, limit=limit,
                                   min_confidence=min_confidence)
    elif path.is_file():
        fmt = report["input_format"] = detect_format(path)
        if fmt == "plv":
            texts = _score_plv_file(report, path, coder=coder, nlp=nlp, limit=limit,
                                    min_confidence=min_confidence)
        else:
            section, texts = score_realnews(path, fmt, coder=coder, nlp=nlp, limit=limit,
                                            min_confidence=min_confidence)
            report["realnews"] = {fmt: section}
            texts = _first_words(texts, THROUGHPUT_WORDS)
    else:
        raise EvalError("no such file or folder", where=str(path))
    if throughput and texts:
        report["throughput"] = measure_throughput(texts, coder=coder, nlp=nlp)
    return report


def _score_gold_folder(report: dict, path: Path, *, coder, nlp, limit, min_confidence) -> list:
    """Add the `articles`, `actors` and `stories` sections of a gold folder (and `claims`
    where its records list claims, `places` where they list places; a claims-only or
    places-only folder has only that); the texts coded."""
    from eventlens.evaluate.actors import score_actors
    from eventlens.evaluate.claims import has_claims, has_events, score_claims
    from eventlens.evaluate.gold import read_gold, score_gold
    from eventlens.evaluate.places import has_places, score_places
    from eventlens.evaluate.stories import story_section
    from eventlens.pipeline import code_articles

    gold = read_gold(path)[:limit]
    results = code_articles([g.article for g in gold], coder=coder, nlp=nlp)
    by_id = {g.id: confident_result(r, min_confidence)
             for g, r in zip(gold, results, strict=True)}
    if has_events(gold):
        report["articles"] = score_gold(gold, by_id)
        report["actors"] = score_actors(gold, by_id)
        # a store links stories on every record, below the threshold too (stories/similarity)
        stories = story_section(gold, dict(zip((g.id for g in gold), results, strict=True)))
        if stories is not None:
            report["stories"] = stories
    if has_claims(gold):
        # the store keeps every event record and hides those below the threshold itself
        raw = {g.id: r for g, r in zip(gold, results, strict=True)}
        report["claims"] = score_claims(gold, raw, min_confidence=min_confidence)
    if has_places(gold):
        report["places"] = score_places(gold, by_id)
    return [g.article.text for g in gold]


def _score_plv_file(report: dict, path: Path, *, coder, nlp, limit, min_confidence) -> list:
    """Add the `plv` section of a PLV TSV file; the sentences coded."""
    import hashlib

    from eventlens.coding import embeddings, finetuned, onnx_classifier
    from eventlens.evaluate.plv import read_plv, score_plv, score_plv_dyad_given

    items = read_plv(path)[:limit]
    model = getattr(coder, "type_model", None)
    report["plv"] = {"end_to_end": score_plv(items, coder=coder, nlp=nlp,
                                             min_confidence=min_confidence)}
    if model is not None:
        report["plv"]["dyad_given"] = score_plv_dyad_given(items, model=model, nlp=nlp)
        trained = model.meta.get("data_sha256") == hashlib.sha256(path.read_bytes()).hexdigest()
        report["plv"]["trained_on_this_file"] = trained
    for key, extra in (("dyad_given_embeddings", embeddings.packaged_model),
                       ("dyad_given_finetuned", finetuned.packaged_model),
                       ("dyad_given_onnx", onnx_classifier.packaged_model)):
        extra_model = extra()  # None without the extra (or onnxruntime) or the artefact
        if extra_model is not None:
            report["plv"][key] = score_plv_dyad_given(items, model=extra_model, nlp=nlp)
    return [it.sentence for it in items]


def _first_words(texts: list[str], words: int) -> list[str]:
    """The first texts, up to and including the one that reaches `words` words."""
    out, total = [], 0
    for text in texts:
        if total >= words:
            break
        out.append(text)
        total += len(text.split())
    return out


def measure_throughput(texts: list[str], *, coder, nlp, repeats: int = 2) -> dict:
    """Articles and words per second of spaCy alone and of the full pipeline, measured
    back to back on the same texts (best of `repeats`), and their ratio."""
    import datetime as dt

    from eventlens.ingest import article_id
    from eventlens.model import Article
    from eventlens.nlp.pipeline import spacy_rate
    from eventlens.pipeline import code_articles

    articles = [Article(article_id(t), t, dt.date(2020, 1, 1)) for t in texts]
    words = sum(len(t.split()) for t in texts)
    spacy_best = pipe_best = float("inf")
    for _ in range(repeats):
        spacy_best = min(spacy_best, spacy_rate(texts, nlp=nlp))
        start = time.perf_counter()
        code_articles(articles, coder=coder, nlp=nlp)
        pipe_best = min(pipe_best, time.perf_counter() - start)
    n = len(texts)
    return {
        "articles": n,
        "words": words,
        "spacy_articles_per_s": round(n / spacy_best, 2),
        "spacy_words_per_s": round(words / spacy_best, 1),
        "pipeline_articles_per_s": round(n / pipe_best, 2),
        "pipeline_words_per_s": round(words / pipe_best, 1),
        "ratio": round(spacy_best / pipe_best, 4),
    }


def render_report(report: dict, console) -> None:
    """Print a report as a person reads it."""
    from rich.table import Table

    plv = report.get("plv", {})
    if plv.get("trained_on_this_file"):
        console.print("[yellow]note[/yellow]: the committed classifier was trained on this very "
                      "file, so these scores are training-set scores; see `eventlens train plv` "
                      "for cross-validated ones")
    for name, scores in plv.items():
        if not isinstance(scores, dict):
            continue
        console.print(f"[bold]PLV {name}[/bold]: n={scores['n']} accuracy {scores['accuracy']:.3f}"
                      f"  macro-F1 {scores['macro_f1']:.3f}"
                      + (f"  pair found {scores['found_pair']:.3f}" if "found_pair" in scores
                         else ""))
        table = Table("type", "precision", "recall", "f1", "support")
        for label, s in scores["per_type"].items():
            table.add_row(label, f"{s['precision']:.2f}", f"{s['recall']:.2f}", f"{s['f1']:.2f}",
                          str(s["support"]))
        console.print(table)
        labels = list(scores["per_type"]) + ["NONE"]
        conf = Table("gold \\ pred", *[lab[:4] for lab in labels], title="confusion")
        for gold_label in scores["per_type"]:
            row = scores["confusion"].get(gold_label, {})
            conf.add_row(gold_label, *[str(row.get(lab, "")) for lab in labels])
        console.print(conf)
    art = report.get("articles")
    if art:
        for kind in ("strict", "lenient"):
            s = art[kind]
            console.print(f"[bold]events {kind}[/bold]: P {s['precision']:.3f} R {s['recall']:.3f}"
                          f" F1 {s['f1']:.3f}")
        console.print(f"salient-event recall {art['salient_recall']:.3f}  status accuracy "
                      f"{art['status_accuracy']:.3f}  quote recall {art['quote_recall']:.3f}")
        for split in ("dev", "sealed"):
            if split in art:
                part = art[split]
                console.print(f"  {split} ({part['articles']} articles): lenient F1 "
                              f"{part['lenient']['f1']:.3f} (P {part['lenient']['precision']:.3f}),"
                              f" strict F1 {part['strict']['f1']:.3f}, salient recall "
                              f"{part['salient_recall']:.3f}")
    actors = report.get("actors")
    if actors:
        console.print(f"[bold]actors[/bold]: {actors['entities']} gold entities, found "
                      f"{actors['found']:.3f}, right country {actors['country_accuracy']:.3f}, "
                      f"right country and role {actors['country_role_accuracy']:.3f}")
    if report.get("realnews"):
        render_realnews_section(report["realnews"], console)
    if report.get("claims"):
        from eventlens.evaluate.claims import render_claims_section

        render_claims_section(report["claims"], console)
    if report.get("places"):
        from eventlens.evaluate.places import render_places_section

        render_places_section(report["places"], console)
    if report.get("stories"):
        from eventlens.evaluate.stories import render_story_section

        render_story_section(report["stories"], console)
    thr = report.get("throughput")
    if thr:
        console.print(f"[bold]throughput[/bold]: pipeline {thr['pipeline_articles_per_s']:.1f} "
                      f"articles/s ({thr['pipeline_words_per_s']:.0f} words/s), spaCy alone "
                      f"{thr['spacy_articles_per_s']:.1f} articles/s; ratio {thr['ratio']:.2f}")
