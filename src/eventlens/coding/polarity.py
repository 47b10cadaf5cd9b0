"""The polarity of what someone is called: "called Putin a war criminal" criticises him,
"called the accord a beacon of hope" praises it, "called it a special military operation"
only names it.

VADER (the `vaderSentiment` package, a rule-based sentiment lexicon, no model download) scores
the words of the name; political terms it does not know ("a land grab", "a provocation", "an
invasion") count as negative through `data/labels.yaml` and through the event nouns of the
conflict types in our frames ("an invasion", "a massacre").
"""

from __future__ import annotations

from functools import lru_cache

from eventlens.coding.lexicon import Lexicon, wordlist
from eventlens.datafiles import packaged_yaml

NEGATIVE_SCORE = -0.25
POSITIVE_SCORE = 0.3
CONFLICT_QUADS = (3, 4)


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _label_words() -> tuple[frozenset[str], frozenset[str]]:
    spec = packaged_yaml("labels.yaml")
    return frozenset(spec.get("negative", ())), frozenset(spec.get("positive", ()))


def name_polarity(tokens, lex: Lexicon) -> int:
    """-1 when the words name someone or something with blame, +1 with praise, else 0."""
    negative, positive = _label_words()
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if lemmas & negative:
        return -1
    if lemmas & wordlist("neutral_force_nouns"):
        # "a special military operation": a name, no praise ("a brutal operation" still blames)
        return -1 if _score(tokens) <= NEGATIVE_SCORE else 0
    for tok in tokens:
        frames = lex.nouns.get(tok.lemma_.lower()) or ()
        if tok.pos_ == "NOUN" and any(lex.types[frame.plover_type].quad_class in CONFLICT_QUADS
                                      for _, frame in frames):
            return -1  # "called it a full-scale invasion"
    score = _score(tokens)
    if score <= NEGATIVE_SCORE:
        return -1
    if score >= POSITIVE_SCORE or lemmas & positive:
        return 1
    return 0


def _score(tokens) -> float:
    """VADER's compound score of the words, from -1 to 1."""
    return _analyzer().polarity_scores(" ".join(t.text for t in tokens))["compound"]
