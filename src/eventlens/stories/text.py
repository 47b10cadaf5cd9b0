"""Text features for stories: word shingles for MinHash, content terms for TF-IDF.

Both work on the stored text alone (no spaCy parse), so stories can be updated from the
store long after ingest, and hashes are stable across processes and machines.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

import numpy as np

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
# Multipliers that make a shingle hash depend on word order; any odd constants will do.
_POSITION_MULTIPLIERS = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1,
                                  0xD3A2646D, 0xFD7046C5, 0xB55A4F09], dtype=np.uint32)
_word_hash_cache: dict[str, int] = {}
# What each raw token reads as, and the content term of each word (None: no content word):
# news repeats its words, so each is worked out once. Emptied past 20,000 entries (about 5 MB
# each): what the common words of news need.
_word_cache: dict[str, str] = {}
_term_cache: dict[str, str | None] = {}
_CACHE_SIZE = 20_000


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens, possessive 's removed."""
    out = []
    for token in _WORD.findall(text):
        word = _word_cache.get(token)
        if word is None:
            if len(_word_cache) > _CACHE_SIZE:
                _word_cache.clear()
            word = _word_cache[token] = _normalised(token)
        if word:
            out.append(word)
    return out


def _normalised(token: str) -> str:
    token = token.lower().replace("’", "'")
    if token.endswith("'s"):
        token = token[:-2]
    return token.strip("'-")


def _word_hash(word: str) -> int:
    value = _word_hash_cache.get(word)
    if value is None:
        if len(_word_hash_cache) > 1_000_000:
            _word_hash_cache.clear()
        value = _word_hash_cache[word] = zlib.crc32(word.encode("utf-8"))
    return value


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word `size`-grams of `text` (all words, stop words too:
    copies share their function words, and shingles need them to be specific).

    Texts shorter than `size` words give the hashes of their words.
    """
    return word_shingle_hashes(words(text), size)


def word_shingle_hashes(text_words: list[str], size: int) -> np.ndarray:
    """`shingle_hashes` of a text already split into `words`."""
    if size > len(_POSITION_MULTIPLIERS):
        raise ValueError(f"shingle size {size} is above {len(_POSITION_MULTIPLIERS)}")
    tokens = np.fromiter((_word_hash(w) for w in text_words), dtype=np.uint32)
    count = len(tokens) - size + 1
    if count <= 0:
        return np.unique(tokens)
    acc = np.zeros(count, dtype=np.uint32)
    for j in range(size):  # uint32 arithmetic wraps, as a hash should
        acc = acc * np.uint32(31) + tokens[j : j + count] * _POSITION_MULTIPLIERS[j]
    return np.unique(acc)


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _NEWS_FILLER


# Words every political news report uses; they say nothing about which happening it is.
_NEWS_FILLER = frozenset({
    "said", "says", "say", "told", "tell", "according", "reported", "report", "reports",
    "statement", "news", "reuters", "ap", "afp", "also", "would", "could", "year", "years",
    "week", "day", "days", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mr", "ms", "mrs", "percent", "official", "officials",
})
_STOP: frozenset[str] | None = None


def fold(word: str) -> str:
    """A light plural fold so that 'sanctions' and 'sanction' are one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def content_terms(title: str, text: str, *, limit: int = 300) -> Counter:
    """Term counts of the content words of an article (title counted twice: headlines name
    the happening). Stop words, news filler, one-letter words and bare years are dropped.
    At most `limit` terms, the most frequent first."""
    return word_content_terms(words(title), words(text), limit=limit)


def word_content_terms(title_words: list[str], text_words: list[str], *,
                       limit: int = 300) -> Counter:
    """`content_terms` of a title and a text already split into `words`."""
    counts: Counter = Counter()
    for source, weight in ((title_words, 2), (text_words, 1)):
        for word in source:
            term = _term_cache.get(word, "")
            if term == "":  # not seen yet (a term is never empty)
                if len(_term_cache) > _CACHE_SIZE:
                    _term_cache.clear()
                term = _term_cache[word] = _content_term(word)
            if term is not None:
                counts[term] += weight
    return Counter(dict(counts.most_common(limit)))


def _content_term(word: str) -> str | None:
    global _STOP
    if _STOP is None:
        _STOP = _stop_words()
    if len(word) < 2 or word in _STOP or _is_year(word):
        return None
    return fold(word)


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")
