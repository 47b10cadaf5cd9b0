"""Dyad-given classification: the PLOVER type of an act between two marked spans of a sentence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventlens.coding.candidates import NO_EVENT
from eventlens.coding.features import dyad_features, span_head
from eventlens.coding.lexicon import load_lexicon
from eventlens.coding.modality import status_of
from eventlens.coding.triggers import find_triggers

# PLV merges the two; the frames of the sentence decide which one a YIELD is.
YIELD_TYPES = ("CONCEDE", "RETREAT")


@dataclass(frozen=True, slots=True)
class Classification:
    """What the classifier says of a marked dyad."""

    plover_type: str  # one of PLOVER's 16
    label: str  # PLV's 15-way label (CONCEDE and RETREAT are YIELD)
    mode: str
    status: str
    score: float  # probability of `label`
    rule_type: str  # what the frames alone said ("" when no frame connects the spans)


def to_plv(plover_type: str, mode: str = "") -> str:
    """PLV's label for a PLOVER type: CONCEDE and RETREAT are YIELD, sanctions, embargoes
    and boycotts (CAMEO 163) are COERCE, and expelling diplomats, inspectors or aid workers
    (CAMEO 166), a COERCE to our annotators ("expulsions", ANNOTATION.md), is SANCTION, as in
    the 2021 CAMEO-to-PLOVER crosswalk."""
    if plover_type in YIELD_TYPES:
        return "YIELD"
    if plover_type == "SANCTION" and mode == "embargo":
        return "COERCE"
    if plover_type == "COERCE" and mode == "expel":
        return "SANCTION"
    return plover_type


def split_yield(triggers, rule_type: str) -> str:
    """CONCEDE or RETREAT for a YIELD: the frames' choice, else the sentence's yield frame."""
    if rule_type in YIELD_TYPES:
        return rule_type
    for trig in triggers:
        if trig.frame.plover_type in YIELD_TYPES:
            return trig.frame.plover_type
    return "CONCEDE"


def _rule_type(feats: dict[str, float]) -> str:
    best = [(v, k.split("=", 1)[1]) for k, v in feats.items() if k.startswith("rule=")]
    return max(best)[1] if best else ""


def classify(sentence: str, source: tuple[int, int] | None, target: tuple[int, int] | None, *,
             nlp=None, model=None, published: dt.date | None = None) -> Classification:
    """Type, mode, status and score of the act of `source` on `target` in `sentence`.

    `source` and `target` are character spans; either may be None when not stated. Without
    `model`, the default model (`default_model()`) is used.
    """
    from eventlens.nlp import parse

    del published  # the type does not depend on the date; kept for a uniform signature
    model = model if model is not None else default_model()
    lex = load_lexicon()
    doc = next(iter(parse([sentence], nlp=nlp)))
    return classify_doc(doc, source, target, model=model, lex=lex)


def default_model():
    """The dyad-given model: with the `embeddings` extra installed, the fine-tuned encoder run
    by torch; else the same encoder exported to ONNX (int8, run by onnxruntime, no torch);
    else, with the extra, the embedding-feature model; otherwise the plain packaged model (None
    if there is none). Each is used only where its artefact exists."""
    from eventlens.coding import embeddings, finetuned, onnx_classifier
    from eventlens.coding.classifier import packaged_model

    for candidate in (finetuned.packaged_model, onnx_classifier.packaged_model,
                      embeddings.packaged_model, packaged_model):
        model = candidate()
        if model is not None:
            return model
    return None


def is_finetuned(model) -> bool:
    """Whether `model` is the fine-tuned encoder (`coding/finetuned.py`, or its ONNX export,
    `coding/onnx_classifier.py`), which reads the marked sentence, not a linear model."""
    from eventlens.coding.finetuned import FORMAT
    from eventlens.coding.onnx_classifier import FORMAT as ONNX_FORMAT

    return model.meta.get("format") in (FORMAT, ONNX_FORMAT)


def classify_doc(doc, source, target, *, model, lex) -> Classification:
    """`classify` over an already parsed document. A model trained with embedding features
    (meta `embeddings`) also gets those of `doc.text` and the spans, and the fine-tuned
    encoder reads the marked sentence itself (both need the extra); the frames still give the
    mode, the status and the CONCEDE/RETREAT split."""
    anchor = span_head(doc, *source) if source else (span_head(doc, *target) if target else None)
    sent = anchor.sent if anchor is not None else doc[:]
    triggers = find_triggers(sent, lex)
    feats = dyad_features(doc, source, target, lex, triggers)
    rule = _rule_type(feats)
    if model is not None and model.meta.get("embeddings"):
        from eventlens.coding.embeddings import embedding_features

        feats = {**feats, **embedding_features(doc.text, source, target)}
    if model is not None and is_finetuned(model):
        label, score = model.predict(doc.text, source, target)
    elif model is not None:
        label, score = model.predict(feats, exclude=(NO_EVENT,))
    else:
        label, score = to_plv(rule) if rule else "", 0.0
    plover = split_yield(triggers, rule) if label == "YIELD" else label
    trig = next((t for t in triggers if t.frame.plover_type == plover), None)
    mode = lex.mode_for(plover, trig.words) if trig else ""
    status = status_of(trig.token).value if trig else "asserted"
    return Classification(plover, label, mode, status, round(score, 4), rule)
