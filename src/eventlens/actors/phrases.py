"""Phrases of a parsed sentence: the token range a head word's phrase spans, and the
document's noun chunks and named entities by sentence."""

from __future__ import annotations

import bisect

from spacy.tokens import Span

from eventlens.actors.words import word_set

_PHRASES_KEY = "eventlens.phrase_ranges"
# The entities of the document read last, with it: spaCy builds every entity of a document
# anew on each access of `.ents`, a sentence's too. (Not in `Doc.user_data`, where the spans
# would hold their document in a reference cycle; one document is read at a time.)
_last_entities: list[tuple] = []


def document_entities(doc) -> tuple:
    """`doc.ents`, read once a document."""
    last = _last_entities[0] if _last_entities else None  # (one read: safe across threads)
    if last is not None and last[0] is doc:
        return last[1]
    ents = tuple(doc.ents)
    _last_entities[:] = [(doc, ents)]
    return ents


def entities_within(span) -> list:
    """What `span.ents` gives: the entities wholly inside the span, in order (as spaCy does,
    up to the first one that starts inside it and runs past its end)."""
    found = []
    for ent in document_entities(span.doc):
        if ent.start >= span.start:
            if ent.end > span.end:
                break
            found.append(ent)
    return found


class NounChunks:
    """A document's noun chunks, found once and handed out by sentence (spaCy's
    `Span.noun_chunks` walks the whole document for each sentence it is asked about)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self._chunks: list | None = None
        self._starts: list[int] = []

    def within(self, sent):
        """The noun chunks inside `sent`, in text order (what `sent.noun_chunks` yields)."""
        if self._chunks is None:
            self._chunks = list(self.doc.noun_chunks)
            self._starts = [chunk.start for chunk in self._chunks]
        for chunk in self._chunks[bisect.bisect_left(self._starts, sent.start):]:
            if chunk.start >= sent.end:
                break
            if chunk.end <= sent.end:
                yield chunk


def phrase_range(head, *, with_conjuncts: bool = True) -> tuple[int, int]:
    """Token range of the phrase headed by `head`, without relative or adverbial clauses.

    With `with_conjuncts` the range spans coordinated parts ("Xi and Putin"), which the
    resolver splits at the entity level, since the small parser often attaches them wrongly.
    """
    memo = head.doc.user_data.setdefault(_PHRASES_KEY, {})  # fixed by the parse: found once
    if (head.i, with_conjuncts) not in memo:
        memo[(head.i, with_conjuncts)] = _phrase_range(head, with_conjuncts)
    return memo[(head.i, with_conjuncts)]


def _phrase_range(head, with_conjuncts: bool) -> tuple[int, int]:
    drop = {"relcl", "acl", "advcl", "parataxis", "punct"}  # a head parsed as the root owns
    # the sentence's full stop, which must not stretch the phrase to the end
    if not with_conjuncts:
        drop |= {"cc", "conj", "punct", "appos"}
    lo, hi = head.i, head.i + 1
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in drop:
                continue
            if child.dep_ == "prep" and child.lower_ not in ("of", "for", "from", "in"):
                continue
            lo, hi = min(lo, child.i), max(hi, child.i + 1)
            stack.append(child)
    return lo, hi


def appositive_ranges(head) -> list[tuple[int, int]]:
    """Character ranges of the appositives set off by a comma, bracket or dash that describe
    `head` ("Turkey, a NATO member, ...", "Bhutan, a kingdom neighbouring China"). Without
    the comma it is no description: "President Xi Jinping and Russian President Vladimir
    Putin", parsed with Xi as the title's appositive and Putin joined to him, is two parties."""
    doc = head.doc
    return [(doc[c.left_edge.i].idx, doc[c.right_edge.i].idx + len(doc[c.right_edge.i]))
            for c in head.children if c.dep_ == "appos"
            and c.left_edge.i > 0 and doc[c.left_edge.i - 1].lower_ in (",", "(", "-", "—")]


def abbreviation(doc, i: int) -> int:
    """Where the abbreviation given in brackets for the name just before token `i` ends, or 0:
    "the Armed Forces of the Philippines (AFP)" is the army, not the news agency AFP."""
    if i < 2 or doc[i - 1].text != "(" or not (doc[i - 2].ent_iob_ != "O" or doc[i - 2].pos_ == "PROPN"):
        return 0
    close = next((j for j in range(i, min(i + 4, len(doc))) if doc[j].text == ")"), 0)
    return close if close > i and all(t.is_upper or t.text in "-&" for t in doc[i:close]) else 0


def whole_entities(doc) -> list:
    """The document's entities, a name the tagger cut at a hyphen or after a particle made
    whole again ("Moon Jae" + "-in" is Moon Jae-in, "Jean-Yves Le" + "Drian" Le Drian)."""
    out = []
    for ent in doc.ents:
        end = ent.end
        while ent.label_ == "PERSON" and end + 1 < len(doc) and doc[end].text == "-" and \
                not doc[end - 1].whitespace_ and not doc[end].whitespace_ and doc[end + 1].is_alpha:
            end += 2
        if ent.label_ == "PERSON" and end < len(doc) and doc[end - 1].lower_ in word_set("name_particles") \
                and doc[end].ent_iob_ == "O" and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        out.append(ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_))
    return out
