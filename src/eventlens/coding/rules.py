"""Rules as data, run by spaCy: the rows of frames.yaml `readings` compiled into one
`DependencyMatcher`, as spaCy's AttributeRuler runs its patterns.

A row names the verbs it applies to and the conditions on their arguments (`object`, `goal`,
`occasion`) in words; `compile_reading` turns them into dependency patterns, and a row may
also give spaCy patterns of its own (`pattern`: a list of alternatives, each a
DependencyMatcher pattern whose first node is the verb). Word-level facts the patterns need
and spaCy does not give (the verb lemma the frames know, the noun a quantity stands for) are
token extensions registered here. Matching runs once per document; `reading_for` answers for
one verb, the first row in file order winning, as frames.yaml says.
"""

from __future__ import annotations

import functools
import itertools
import json

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from eventlens.coding.lexicon import Lexicon, Reading, load_lexicon, wordlist
from eventlens.errors import ConfigError

# Endings the tagger may leave on a verb it did not lemmatise ("staged" -> "stag"): each with
# the endings to try in its place.
INFLECTIONS = (("ied", ("y",)), ("ed", ("e", "")), ("ing", ("", "e")), ("ies", ("y",)),
               ("es", ("e", "")), ("s", ("",)))
# Where a verb's objects hang: its direct or passive-subject children ("released a paper",
# "a paper was released"), or the noun a past participle describes ("a paper released by").
_OBJECT_LINKS = (
    ({}, ">", {"DEP": {"IN": ["dobj", "nsubjpass"]}}),
    ({"DEP": "acl", "TAG": "VBN"}, "<", {}),
)
_CACHE_KEY = "eventlens.readings"


def verb_lemma(token, lex: Lexicon) -> str:
    """The token's lemma, or where the tagger's lemma is no verb of the frames ("staged" →
    "stag"), the frames' verb its inflected form comes from ("stage")."""
    lemma = token.lemma_.lower()
    if lemma in lex.verb_lemmas:
        return lemma
    return _uninflected(token.lower_, lemma, lex.verb_lemmas)


def lemma_among(token, lemmas: frozenset[str]) -> str:
    """The word of `lemmas` the token is a form of ("worried" of "worry"), else its lemma."""
    lemma = token.lemma_.lower()
    return lemma if lemma in lemmas else _uninflected(token.lower_, lemma, lemmas)


@functools.lru_cache(maxsize=65536)
def _uninflected(word: str, lemma: str, verb_lemmas: frozenset[str]) -> str:
    """The frames' verb `word` is an inflected form of, else `lemma` (remembered by word:
    the matcher asks for every word of a sentence, once per pattern that names a verb)."""
    for suffix, endings in INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            for ending in endings:
                guess = word[: len(word) - len(suffix)] + ending
                if guess in verb_lemmas:
                    return guess
    return lemma


def head_noun(token):
    """The noun a quantity stands for: "tens of thousands of soldiers" -> soldiers."""
    for _ in range(4):
        if token.lemma_.lower() not in wordlist("quantity_nouns") and token.like_num is False:
            return token
        nxt = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"), None)
        if nxt is None:
            return token
        token = nxt
    return token


def _VERB_LEMMA(token) -> str:  # noqa: N802 (the getter of the el_verb_lemma extension)
    return verb_lemma(token, load_lexicon())


def _register_extensions() -> None:
    extensions = {
        "el_lemma": lambda t: t.lemma_.lower(),
        "el_verb_lemma": _VERB_LEMMA,
        "el_noun_lemma": lambda t: head_noun(t).lemma_.lower(),
    }
    for name, getter in extensions.items():
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


_register_extensions()


def compile_reading(row: Reading) -> list[list[dict]]:
    """The DependencyMatcher patterns of a `readings` row: one per way its conditions can be
    met (each object link × each place a goal or an occasion word may stand), and the row's
    own patterns (`pattern`) where it gives any."""
    own = json.loads(row.patterns) if row.patterns else []
    if own and not (row.objects or row.goals or row.occasions):
        return own
    verb = {"_": {"el_verb_lemma": {"IN": sorted(row.lemmas)}}}
    options: list[list[tuple[dict, list[dict]]]] = []  # per condition: (verb attrs, nodes)
    if row.objects:
        options.append([(v_attrs, [_node("verb", op, "object", {
            **attrs, "_": {"el_noun_lemma": {"IN": sorted(row.objects)}}})])
            for v_attrs, op, attrs in _OBJECT_LINKS])
    if row.goals:
        options.append(_goal_options(sorted(row.goals)))
    if row.occasions:
        options.append(_occasion_options(sorted(row.occasions)))
    patterns = []
    for combo in itertools.product(*options):
        anchor = dict(verb)
        nodes: list[dict] = []
        for n, (v_attrs, part) in enumerate(combo):
            anchor.update(v_attrs)
            nodes += [_renamed(node, n) for node in part]
        patterns.append([{"RIGHT_ID": "verb", "RIGHT_ATTRS": anchor}, *nodes])
    return patterns + own


def _node(left: str, op: str, right: str, attrs: dict) -> dict:
    return {"LEFT_ID": left, "REL_OP": op, "RIGHT_ID": right, "RIGHT_ATTRS": attrs}


def _renamed(node: dict, n: int) -> dict:
    """A condition's nodes get names of their own, so that two conditions of a row may match
    different words."""
    def name(node_id):
        return node_id if node_id == "verb" else f"{node_id}{n}"
    return {**node, "LEFT_ID": name(node["LEFT_ID"]), "RIGHT_ID": name(node["RIGHT_ID"])}


def _word_is(words: list[str]) -> list[dict]:
    """A word of the list, by lemma or as written."""
    return [{"_": {"el_lemma": {"IN": words}}}, {"LOWER": {"IN": words}}]


def _goal_options(words: list[str]) -> list[tuple[dict, list[dict]]]:
    """What is entered ("into Japan's air defence zone", "entered the zone"): the verb's object
    or the object of a goal preposition, or a word before it ("the Taiwanese ADIZ")."""
    places = [(v_attrs, [_node("verb", op, "place", attrs)])
              for v_attrs, op, attrs in _OBJECT_LINKS]
    places.append(({}, [_node("verb", ">", "prep", {"DEP": "prep",
                                                    "LOWER": {"IN": sorted(wordlist("goal_preps"))}}),
                        _node("prep", ">", "place", {"DEP": {"IN": ["pobj", "pcomp"]}})]))
    options = []
    for (v_attrs, nodes), word in itertools.product(places, _word_is(words)):
        *path, last = nodes
        options.append((v_attrs, [*path, {**last, "RIGHT_ATTRS": {**last["RIGHT_ATTRS"], **word}}]))
        options.append((v_attrs, [*nodes, _node("place", ">--", "word", word)]))
    return options


def _occasion_options(words: list[str]) -> list[tuple[dict, list[dict]]]:
    """The courtesy's occasion ("congratulated him on the national day", "sent greetings for
    Eid"): a word in the phrase an occasion preposition opens on the verb or its object."""
    prep = {"DEP": "prep", "LOWER": {"IN": sorted(wordlist("occasion_preps"))}}
    owners = [[_node("verb", ">", "prep", prep)],
              [_node("verb", ">", "owner", {"DEP": "dobj"}), _node("owner", ">", "prep", prep)]]
    options = []
    for path, word in itertools.product(owners, _word_is(words)):
        phrase = [*path, _node("prep", ">", "said_on", {"DEP": {"IN": ["pobj", "pcomp"]}})]
        *head, last = phrase
        options.append(({}, [*head, {**last, "RIGHT_ATTRS": {**last["RIGHT_ATTRS"], **word}}]))
        options.append(({}, [*phrase, _node("said_on", ">>", "word", word)]))
    return options


class ReadingMatcher:
    """Every `readings` row of a lexicon as DependencyMatcher patterns over one vocabulary.

    Where every row's verb node names its verbs, the patterns are also grouped by verb: a
    sentence is matched only by the patterns of the verbs it holds (spaCy's matcher looks at
    every word for every node of every pattern it holds, so fewer patterns is faster, and the
    matches are the same: a pattern can only match on a verb its verb node names)."""

    def __init__(self, vocab, readings: tuple[Reading, ...]) -> None:
        self.readings = readings
        self._order = {vocab.strings[row.id]: n for n, row in enumerate(readings)}
        compiled = [compile_reading(row) for row in readings]
        self.matcher = self._matcher(vocab, readings, compiled)
        self.anchors = _anchor_lemmas([p for patterns in compiled for p in patterns])
        self._by_verb: dict[str, DependencyMatcher] = {}
        self._needs: dict[str, tuple[tuple[frozenset[str], ...], ...] | None] = {}
        if self.anchors is not None:
            for lemma in self.anchors:
                own = [[p for p in patterns if lemma in _anchor_lemmas([p])]
                       for patterns in compiled]
                rows = [n for n, patterns in enumerate(own) if patterns]
                self._by_verb[lemma] = self._matcher(
                    vocab, [readings[n] for n in rows], [own[n] for n in rows])
                self._needs[lemma] = _needed_words([p for n in rows for p in own[n]])

    @staticmethod
    def _matcher(vocab, rows, compiled) -> DependencyMatcher:
        matcher = DependencyMatcher(vocab)
        for row, patterns in zip(rows, compiled, strict=True):
            try:
                matcher.add(row.id, patterns)
            except (ValueError, KeyError) as exc:
                raise ConfigError(f"frames.yaml reading {row.id!r}: bad pattern ({exc})") from exc
        return matcher

    def __call__(self, doc: Doc) -> dict[int, Reading]:
        """Each verb of the document that a row applies to, with the first such row in file
        order."""
        found: dict[int, Reading] = {}
        for sent in doc.sents:
            found.update(self.sentence(sent))
        return found

    def sentence(self, sent) -> dict[int, Reading]:
        """The same for one sentence. Dependency arcs stay within a sentence, so one that holds
        no word a pattern's verb node accepts (most sentences of news), or not the words its
        other nodes ask for, cannot match, and is not matched: matching costs spaCy a copy of
        the sentence and a look at every word for every pattern."""
        if self.anchors is None:
            matchers = [self.matcher]
        else:
            verbs = {lemma for t in sent if (lemma := _VERB_LEMMA(t)) in self.anchors}
            words = sentence_words(sent) if any(self._needs[v] is not None for v in verbs) \
                else frozenset()
            matchers = [self._by_verb[lemma] for lemma in sorted(verbs)
                        if _may_match(self._needs[lemma], words)]
        found: dict[int, int] = {}
        # spaCy's matcher copies a sentence into a Doc of its own on each call: once here
        words_doc = sent.as_doc(copy_user_data=True) if matchers else None
        for matcher in matchers:
            for match_id, tokens in matcher(words_doc):
                n = self._order[match_id]
                if self.readings[n].unnegated and any(
                        c.dep_ == "neg" for i in tokens for c in sent[i].children):
                    continue  # "pledged not to attack": the row reads only the plain act
                verb = sent.start + tokens[0]
                if n < found.get(verb, len(self.readings)):
                    found[verb] = n
        return {verb: self.readings[n] for verb, n in found.items()}


def _anchor_lemmas(patterns: list[list[dict]]) -> frozenset[str] | None:
    """Every verb lemma the patterns' verb nodes accept, or None where a verb node accepts a
    word by something else (then every sentence is matched)."""
    lemmas: set[str] = set()
    for pattern in patterns:
        wanted = pattern[0]["RIGHT_ATTRS"].get("_", {}).get("el_verb_lemma")
        if isinstance(wanted, str):
            lemmas.add(wanted)
        elif isinstance(wanted, dict) and set(wanted) == {"IN"}:
            lemmas.update(wanted["IN"])
        else:
            return None
    return frozenset(lemmas)


# Token attributes whose value is a word: a pattern node that asks for one of some words
# can only match in a sentence holding one of them (as written or as its lemma).
_WORD_ATTRS = ("LOWER", "ORTH", "TEXT", "LEMMA", "el_lemma", "el_noun_lemma")


def _needed_words(patterns: list[list[dict]]) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """Per pattern, the word lists of its nodes past the verb: the pattern can match only in a
    sentence holding a word (lower-cased, as written or as lemma) of every one of its lists;
    None where a pattern asks for no word past its verb. Skipping a sentence none of the
    patterns can match changes no match, only saves spaCy the matching (the sentence copied
    into a Doc, every word looked at for every node)."""
    needed: set[tuple[frozenset[str], ...]] = set()
    for pattern in patterns:
        lists: set[frozenset[str]] = set()
        for node in pattern[1:]:
            attrs = {**node["RIGHT_ATTRS"], **node["RIGHT_ATTRS"].get("_", {})}
            for name in _WORD_ATTRS:
                wanted = attrs.get(name)
                if isinstance(wanted, str):
                    lists.add(frozenset({wanted.lower()}))
                elif isinstance(wanted, dict) and set(wanted) == {"IN"}:
                    lists.add(frozenset(str(w).lower() for w in wanted["IN"]))
        if not lists:
            return None
        needed.add(tuple(sorted(lists, key=lambda words: (len(words), sorted(words)))))
    return tuple(sorted(needed))


def _may_match(needed: tuple[tuple[frozenset[str], ...], ...] | None,
               words: frozenset[str]) -> bool:
    """Whether a sentence of these words holds a word of every list of some pattern."""
    return needed is None or any(all(not wanted.isdisjoint(words) for wanted in lists)
                                 for lists in needed)


def _words(sent) -> set[str]:
    """Every word of a sentence, lower-cased, as written and as lemma."""
    return {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}


_WORDS_KEY = "eventlens.sentence_words"


def sentence_words(sent) -> frozenset[str]:
    """`_words` of a sentence, once a document (`Doc.user_data`): a rule that needs one of
    some words skips a sentence holding none of them."""
    memo = sent.doc.user_data.setdefault(_WORDS_KEY, {})
    if sent.start not in memo:
        memo[sent.start] = frozenset(_words(sent))
    return memo[sent.start]


@functools.lru_cache(maxsize=4)
def _built_matcher(vocab, readings: tuple[Reading, ...]) -> ReadingMatcher:
    return ReadingMatcher(vocab, readings)


# The matcher asked for last, by identity: hashing the readings tuple for the lru_cache key
# hashes every row, on every verb and noun (3% of coding time).
_last_matcher: list[tuple] = []


def _matcher(vocab, readings: tuple[Reading, ...]) -> ReadingMatcher:
    last = _last_matcher[0] if _last_matcher else None  # (one read: safe across threads)
    if last is not None and last[0] is vocab and last[1] is readings:
        return last[2]
    matcher = _built_matcher(vocab, readings)
    _last_matcher[:] = [(vocab, readings, matcher)]
    return matcher


def reading_for(token, lex: Lexicon) -> Reading | None:
    """The `readings` row that applies to a verb (or an event noun). A word no pattern's verb
    node accepts has none, without matching anything; otherwise its sentence is matched once
    and remembered with the document."""
    matcher = _matcher(token.doc.vocab, lex.readings)
    if matcher.anchors is not None and verb_lemma(token, lex) not in matcher.anchors:
        return None
    doc, sent = token.doc, token.sent
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is None or cached[0] is not lex.readings:
        cached = (lex.readings, {})
        doc.user_data[_CACHE_KEY] = cached
    by_sentence = cached[1]
    if sent.start not in by_sentence:
        by_sentence[sent.start] = matcher.sentence(sent)
    return by_sentence[sent.start].get(token.i)
