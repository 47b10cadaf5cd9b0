"""Features of a (sentence, source span, target span) triple for the learned type classifier."""

from __future__ import annotations

from eventlens.coding.clauses import Trigger
from eventlens.coding.lexicon import Lexicon
from eventlens.coding.modality import status_of
from eventlens.coding.triggers import find_triggers

CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "PROPN", "ADP", "PART"})
MAX_PATH = 8
# What every dyad of a document asks again, kept with the document (`Doc.user_data`): the
# tokens under argument heads, the status of a verb, a sentence's content-word features,
# the tokens and head of a character span. Only numbers and words: a spaCy token or span
# kept there would hold its document in a reference cycle, left to the garbage collector.
_MEMO_KEY = "eventlens.dyad_features"


def span_head(doc, start: int, end: int):
    """The syntactic head of the tokens covering characters [start, end), or None."""
    memo = _memo(doc, "heads")  # (by index: a token kept with its document keeps it alive)
    if (start, end) not in memo:
        span = doc.char_span(start, end, alignment_mode="expand")
        memo[(start, end)] = -1 if span is None or len(span) == 0 else span.root.i
    head = memo[(start, end)]
    return None if head < 0 else doc[head]


def _ancestors(token) -> list:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 30:
        chain.append(chain[-1].head)
    return chain


def dependency_path(a, b) -> list:
    """Tokens from `a` up to the lowest common ancestor and down to `b` (both excluded)."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, tok in enumerate(up_a):
        if tok.i in ids_b:
            return up_a[1:n + 1] + list(reversed(up_b[1:ids_b[tok.i]]))
    return []


def _governing_verb(token):
    for tok in _ancestors(token)[1:6]:
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            return tok
    return None


def _overlap(token_i: int, span_tokens: set[int]) -> bool:
    return token_i in span_tokens


def _token_set(doc, start: int | None, end: int | None) -> frozenset[int]:
    if start is None:
        return frozenset()
    memo = _memo(doc, "tokens")
    if (start, end) not in memo:
        span = doc.char_span(start, end, alignment_mode="expand")
        memo[(start, end)] = frozenset(range(span.start, span.end)) if span is not None \
            else frozenset()
    return memo[(start, end)]


def _arg_tokens(heads: list) -> set[int]:
    if not heads:
        return set()
    memo = _memo(heads[0].doc, "args")
    key = tuple(head.i for head in heads)
    if key not in memo:
        out: set[int] = set()
        for head in heads:
            out.update(t.i for t in head.subtree)
        memo[key] = frozenset(out)
    return memo[key]


def _memo(doc, part: str) -> dict:
    memos = doc.user_data.get(_MEMO_KEY)
    if memos is None:
        memos = doc.user_data[_MEMO_KEY] = {part: {} for part in (
            "args", "status", "words", "heads", "tokens", "head")}
    return memos[part]


def _word_features(sent) -> list[str]:
    """The sentence's content words as features, in order."""
    memo = _memo(sent.doc, "words")
    if sent.start not in memo:
        memo[sent.start] = [f"w={tok.lemma_.lower()}" for tok in sent
                            if tok.pos_ in ("VERB", "NOUN", "ADJ") and not tok.is_stop]
    return memo[sent.start]


def dyad_features(doc, source: tuple[int, int] | None, target: tuple[int, int] | None,
                  lex: Lexicon, triggers: list[Trigger] | None = None) -> dict[str, float]:
    """Sparse features: frames that fire and how they connect to the spans, the dependency
    path between the spans, the verbs governing each, the words between them, modality."""
    feats: dict[str, float] = {}
    src_tokens = _token_set(doc, *(source or (None, None)))
    tgt_tokens = _token_set(doc, *(target or (None, None)))
    src_head = span_head(doc, *source) if source else None
    tgt_head = span_head(doc, *target) if target else None
    sent = (src_head or tgt_head or doc[0]).sent
    triggers = find_triggers(sent, lex) if triggers is None else triggers
    both = src_head is not None and tgt_head is not None
    path = dependency_path(src_head, tgt_head) if both else []
    on_the_path = {t.i for t in path}
    for trig in triggers:
        ptype = trig.frame.plover_type
        s_hit = bool(_arg_tokens(trig.sources) & src_tokens) if src_tokens else False
        t_hit = bool(_arg_tokens(trig.targets + [t for o in trig.alternatives for t in o])
                     & tgt_tokens) if tgt_tokens else False
        on_path = trig.token.i in on_the_path
        weight = 0.3 + 0.3 * s_hit + 0.3 * t_hit + 0.4 * on_path
        key = f"rule={ptype}"
        feats[key] = max(feats.get(key, 0.0), weight)
        if s_hit and (t_hit or not tgt_tokens):
            feats[f"rule_both={ptype}"] = 1.0
        feats[f"trig={trig.frame.trigger}"] = max(feats.get(f"trig={trig.frame.trigger}", 0), weight)
    if both:
        for tok in path[:MAX_PATH]:
            feats[f"path={tok.lemma_.lower()}"] = 1.0
            feats[f"pathdep={tok.dep_}:{tok.lemma_.lower()}"] = 1.0
        if not path:
            feats["path=none"] = 1.0
    for name, head in (("s", src_head), ("t", tgt_head)):
        if head is None:
            feats[f"{name}_absent"] = 1.0
            continue
        for key in _head_features(name, head):
            feats[key] = 1.0
    if src_tokens and tgt_tokens:
        lo, hi = sorted((min(src_tokens), min(tgt_tokens)))
        between = [t for t in doc[lo:hi] if t.i not in src_tokens and t.i not in tgt_tokens
                   and t.pos_ in CONTENT_POS]
        for tok in between[:15]:
            feats[f"btw={tok.lemma_.lower()}"] = 1.0
        for a, b in zip(between, between[1:], strict=False):
            feats[f"btw2={a.lemma_.lower()}_{b.lemma_.lower()}"] = 1.0
        feats["order=st" if min(src_tokens) < min(tgt_tokens) else "order=ts"] = 1.0
    for key in _word_features(sent):
        feats[key] = 0.5
    if src_tokens:
        after = [t for t in doc[max(src_tokens) + 1: max(src_tokens) + 5] if t.pos_ in CONTENT_POS]
        for tok in after[:3]:
            feats[f"after_s={tok.lemma_.lower()}"] = 1.0
    status = _anchor_status(src_head) if src_head is not None else None
    if status is not None:
        feats[f"status={status}"] = 1.0
    return feats


def _head_features(name: str, head) -> list[str]:
    """The features of a source ("s") or target ("t") head: its relation and word, the verb
    governing it and that verb's object, the preposition it is the object of."""
    memo = _memo(head.doc, "head")
    if (name, head.i) not in memo:
        keys = [f"{name}dep={head.dep_}", f"{name}head={head.lemma_.lower()}"]
        verb = _governing_verb(head)
        if verb is not None:
            keys.append(f"{name}verb={verb.lemma_.lower()}")
            keys += [f"{name}verbobj={verb.lemma_.lower()}_{child.lemma_.lower()}"
                     for child in verb.children if child.dep_ in ("dobj", "prt")]
        if head.dep_ == "pobj":
            keys.append(f"{name}prep={head.head.lower_}")
            keys.append(f"{name}prephead={head.head.head.lemma_.lower()}_{head.head.lower_}")
        memo[(name, head.i)] = keys
    return memo[(name, head.i)]


def _anchor_status(head) -> str | None:
    """`status_of` the verb governing a source head, or None where no verb governs it."""
    verb = _governing_verb(head)
    if verb is None:
        return None
    memo = _memo(head.doc, "status")  # by verb: the heads of a clause share one
    if verb.i not in memo:
        memo[verb.i] = status_of(verb).value
    return memo[verb.i]
