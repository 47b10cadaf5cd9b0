"""Quotations and their speakers: direct quotes with a reporting verb, and "according to X"."""

from __future__ import annotations

import re

from eventlens.actors.phrases import phrase_range
from eventlens.coding.lexicon import wordlist
from eventlens.model import Article, Quote

_QUOTE = re.compile(r"“([^”]{8,}?)”|\"([^\"]{8,}?)\"")
MIN_WORDS = 3


def find_quotes(doc, article: Article, resolver) -> list[Quote]:
    """All quotes of an article whose speaker can be found, in text order."""
    quotes: list[Quote] = []
    text = doc.text
    for match in _QUOTE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        words = match.group(group).split()
        if len(words) < MIN_WORDS:
            continue
        speaker = _speaker_for(doc, match.start(), match.end(), resolver)
        if speaker is None:
            continue
        name, actor = speaker
        quotes.append(Quote(article.id, name, actor, match.group(group).strip(" ,"), start, end))
    direct = {(q.start, q.end) for q in quotes}
    if "according" not in text.lower():
        return quotes  # (no word of the text is "according")
    for quote in _according_to(doc, article, resolver):
        # "'...,' he said, according to CCTV": the direct quote already has its speaker
        if not any(quote.start <= s and e <= quote.end for s, e in direct):
            quotes.append(quote)
    return quotes


def _speaker_for(doc, qstart: int, qend: int, resolver):
    """Speaker of a quote: subject of a reporting verb outside it, in the same or next sentence."""
    span = doc.char_span(qstart, qend, alignment_mode="expand")
    if span is None:
        return None
    sentences = [span.sent]
    last = doc[span.end - 1].sent
    if last.start != sentences[0].start:
        sentences.append(last)
    after = doc[min(last.end, len(doc) - 1)].sent if last.end < len(doc) else None
    if after is not None and after.start_char - qend < 3:
        sentences.append(after)
    for sent in sentences:
        for token in sent:
            if qstart <= token.idx < qend or token.lemma_.lower() not in wordlist("say_verbs"):
                continue
            if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
                continue
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            subjects = [s for s in subjects if not qstart <= s.idx < qend]
            if subjects:
                return _resolve_speaker(doc, subjects[0], resolver)
    return None


def _resolve_speaker(doc, head, resolver):
    start, end = phrase_range(head, with_conjuncts=False)
    text = doc[start:end].text
    # the apposition says who the speaker is: "Yuri Ushakov, the Kremlin aide, told ..."
    wide_start, wide_end = phrase_range(head)
    mentions = resolver.resolve_range(wide_start, wide_end, remember=True)
    if mentions:
        actor = mentions[0].actor
        name = actor.name if head.pos_ == "PRON" and actor.name else text
        return name, actor
    return text, None


def _according_to(doc, article: Article, resolver) -> list[Quote]:
    found = []
    for token in doc:
        if token.lower_ != "according" or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        objs = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
        if not objs:
            continue
        name, actor = _resolve_speaker(doc, objs[0], resolver)
        sent = token.sent
        found.append(Quote(article.id, name, actor, sent.text.strip(), sent.start_char,
                           sent.end_char, kind="according-to"))
    return found
