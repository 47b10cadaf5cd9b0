"""The one place that builds the spaCy pipeline, and helpers over parsed documents."""

from eventlens.nlp.pipeline import (
    MODEL_NAME,
    for_parsing,
    load_pipeline,
    parse,
    sentences,
    spacy_rate,
)

__all__ = ["MODEL_NAME", "for_parsing", "load_pipeline", "parse", "sentences", "spacy_rate"]
