"""Scorers for the real-news sets: each takes the gold items and the coder's `ArticleResult` per
item (already filtered by confidence) and returns its `realnews.*` report section; and the
runner that reads a file, codes it and scores it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from eventlens.evaluate.confidence import confident_result
from eventlens.evaluate.realnews import (
    ClassSentence,
    NerSentence,
    PoliceSentence,
    event_quads,
    read_cameo_class,
    read_cameo_ner,
    read_police,
    realnews_mapping,
)
from eventlens.evaluate.realnews_wiki import (
    PloverGold,
    WikiDocument,
    plover_gold,
    plover_types,
    read_wikievents,
)
from eventlens.ingest import article_id
from eventlens.metrics import classification_scores, coverage_prf, prf
from eventlens.model import Article, ArticleResult, Event, Mention

# None of these sets dates its texts: each is coded as if published on this neutral day.
REALNEWS_DATE = dt.date(2020, 1, 1)
QUAD_LABELS = ["NONE", "1", "2", "3", "4"]
# Words too common to show that a mention and an argument name the same actor.
_STOP_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "by", "with",
                         "from", "s", "its", "his", "her", "their", "this", "that"})


def _overlaps(start: int, end: int, span_start: int, span_end: int) -> bool:
    return start < span_end and span_start < end


def content_words(text: str) -> set[str]:
    """The lower-cased words of a text, without articles, prepositions and possessives."""
    return set(re.findall(r"[a-z0-9]+", (text or "").lower())) - _STOP_WORDS


def names_argument(mention: Mention | None, argument: str) -> bool:
    """Whether a mention and an argument text share a word; the mention's words are those of
    its text and of the name it was resolved to (a pronoun stands for the name)."""
    if mention is None:
        return False
    words = content_words(mention.text) | content_words(mention.actor.name)
    return bool(words & content_words(argument))


def score_cameo_class(items: list[ClassSentence], results: list[ArticleResult]) -> dict:
    """Event presence, quad class of the most confident event, quad precision of all events and
    false events per label-0 sentence."""
    labels = realnews_mapping()["cameo_class"]["labels"]
    gold, pred = [], []
    presence = Counter()
    events = right = label0 = label0_events = 0
    for item, result in zip(items, results, strict=True):
        label = labels[item.label]
        found = result.events
        presence[(bool(found), label != "NONE")] += 1
        best = max(found, key=lambda e: e.confidence) if found else None
        gold.append(label)
        pred.append(event_quads(best)[0] if best else "NONE")
        events += len(found)
        right += sum(label in event_quads(e) for e in found)
        if label == "NONE":
            label0 += 1
            label0_events += len(found)
    return {
        "n": len(items),
        "note": "sentence level; label 0 (CAMEO 01/02 statements and appeals) means no PLOVER "
                "event, 1-4 are quad classes, read by each event's label in PLV's terms as the "
                "set's README maps them (type_quads in the mapping file: CONCEDE 2, SANCTION 3 "
                "or 4, an intention to cooperate AGREE 1, a threat 3). event_presence: a "
                "sentence with any event vs label != 0; quad: the quad of the most confident "
                "event's type (NONE when none) vs the label; event_quad_precision: events whose "
                "type counts as the label; "
                "false_events_per_label0: events per label-0 sentence",
        "event_presence": prf(presence[(True, True)], presence[(True, False)],
                              presence[(False, True)]),
        "quad": classification_scores(gold, pred, QUAD_LABELS),
        "event_quad_precision": {"events": events, "right": right,
                                 "precision": round(right / events, 4) if events else 0.0},
        "label0_sentences": label0,
        "false_events_per_label0": round(label0_events / label0, 4) if label0 else 0.0,
    }


def score_cameo_ner(items: list[NerSentence], results: list[ArticleResult]) -> dict:
    """Source, target and pair precision / recall of events against the S/T/R spans."""
    counts = {side: Counter() for side in ("source", "target", "pair")}
    with_pair = found_pair = 0
    for item, result in zip(items, results, strict=True):
        sources = [(s, e) for kind, s, e in item.spans if kind in "SR"]
        targets = [(s, e) for kind, s, e in item.spans if kind in "TR"]
        pairs = [(s, t) for s in sources for t in targets if s != t]
        targeted = [ev for ev in result.events if ev.target is not None]
        _count_side(counts["source"], [ev.source for ev in result.events], sources)
        _count_side(counts["target"], [ev.target for ev in targeted], targets)
        hits = [_pairs_hit(ev, pairs) for ev in targeted]
        counts["pair"].update(right=sum(bool(h) for h in hits), predicted=len(targeted),
                              found=len(set().union(*hits)), gold=len(pairs))
        if pairs:
            with_pair += 1
            found_pair += any(hits)
    out = {"n": len(items),
           "note": "sentence level; an event's source is right when its mention overlaps an S or "
                   "R span, its target when it overlaps a T or R span, its pair when both do (two "
                   "different spans). Precision over events (events with a target for target and "
                   "pair), recall over gold spans (span pairs for pair); found_pair: sentences "
                   "with a gold pair where some event finds one"}
    for side, c in counts.items():
        out[side] = coverage_prf(c["right"], c["predicted"], c["found"], c["gold"])
    out["sentences_with_pair"] = with_pair
    out["found_pair"] = round(found_pair / with_pair, 4) if with_pair else 0.0
    return out


def _count_side(counter: Counter, mentions: list[Mention], spans: list[tuple[int, int]]) -> None:
    counter.update(
        right=sum(any(_overlaps(m.start, m.end, *sp) for sp in spans) for m in mentions),
        predicted=len(mentions),
        found=sum(any(_overlaps(m.start, m.end, *sp) for m in mentions) for sp in spans),
        gold=len(spans))


def _pairs_hit(event: Event, pairs: list) -> set:
    return {(s, t) for s, t in pairs if _overlaps(event.source.start, event.source.end, *s)
            and _overlaps(event.target.start, event.target.end, *t)}


def lenient_match(gold: PloverGold, event: Event) -> bool:
    """Same type and one actor named: the source or target mention shares a word with an
    argument on its side (either side, when reciprocal); a gold event with no actor argument
    at all is matched by an event whose evidence sentence holds its trigger."""
    if gold.plover_type != event.plover_type:
        return False
    if not gold.sources and not gold.targets:
        return event.evidence_start <= gold.trigger[0] < event.evidence_end
    return (any(names_argument(event.source, s) for s in gold.sources)
            or any(names_argument(event.target, t) for t in gold.targets))


def strict_match(gold: PloverGold, event: Event) -> bool:
    """Same type, and both the source and the target named (by two different arguments, when
    reciprocal)."""
    if gold.plover_type != event.plover_type or event.target is None:
        return False
    return any(i != j or not gold.reciprocal
               for i, s in enumerate(gold.sources) if names_argument(event.source, s)
               for j, t in enumerate(gold.targets) if names_argument(event.target, t))


def match_events(gold: list[PloverGold], events: list[Event], same) -> list[tuple[int, Event]]:
    """One-to-one greedy matching, the most confident event first: (gold index, event) pairs."""
    left = list(range(len(gold)))
    matched = []
    for event in sorted(events, key=lambda e: -e.confidence):
        hit = next((i for i in left if same(gold[i], event)), None)
        if hit is not None:
            left.remove(hit)
            matched.append((hit, event))
    return matched


def score_wikievents(docs: list[WikiDocument], results: list[ArticleResult]) -> dict:
    """Per-document event P/R/F1 against KAIROS events mapped to PLOVER: lenient (type and one
    actor), strict (type, source and target, where the gold has both) and per type (lenient)."""
    types = plover_types()
    per_type = {t: Counter() for t in types}
    strict = Counter()
    unmapped = other = 0
    for doc, result in zip(docs, results, strict=True):
        gold, skipped = plover_gold(doc)
        unmapped += skipped
        events = [e for e in result.events if e.plover_type in per_type]
        other += len(result.events) - len(events)
        for index, _event in match_events(gold, events, lenient_match):
            per_type[gold[index].plover_type]["tp"] += 1
        for g in gold:
            per_type[g.plover_type]["gold"] += 1
        for e in events:
            per_type[e.plover_type]["pred"] += 1
        paired = [g for g in gold if g.has_pair]
        targeted = [e for e in events if e.target is not None]
        tp = len(match_events(paired, targeted, strict_match))
        strict.update(tp=tp, fp=len(targeted) - tp, fn=len(paired) - tp)
    total = sum((c for c in per_type.values()), Counter())
    return {
        "n": len(docs),
        "note": "per document, events of the PLOVER types the KAIROS mapping can produce "
                "(types_scored) only: KAIROS does not annotate verbal types, so other events "
                "are not counted wrong (events_other_types). lenient: same type and the source "
                "or target mention shares a word with an argument of that side (an event with "
                "no actor argument: its trigger lies in the event's evidence sentence); strict: "
                "type, source and target, over gold events with both sides annotated and "
                "events with a target. One-to-one matching, most confident event first",
        "types_scored": types,
        "gold_events": total["gold"],
        "gold_unmapped": unmapped,
        "events_other_types": other,
        "lenient": prf(total["tp"], total["pred"] - total["tp"], total["gold"] - total["tp"]),
        "strict": prf(strict["tp"], strict["fp"], strict["fn"]),
        "per_type": {t: {**prf(c["tp"], c["pred"] - c["tp"], c["gold"] - c["tp"]),
                         "support": c["gold"]} for t, c in per_type.items()},
    }


def names_police(mention: Mention) -> bool:
    """Whether a source mention names the police (a word of the mapping's `source_words`)."""
    words = set(realnews_mapping()["police"]["source_words"])
    return bool((content_words(mention.text) | content_words(mention.actor.name)) & words)


def score_police(items: list[PoliceSentence], results: list[ArticleResult]) -> dict:
    """Per-label sentence recall of the PLOVER type each police label maps to, and the precision
    of police-sourced events of those types."""
    label_type = realnews_mapping()["police"]["labels"]
    kinds = set(label_type.values())
    recall = {label: Counter() for label in [*label_type, "ANY_ACTION"]}
    precision = Counter()
    for item, result in zip(items, results, strict=True):
        events = [e for e in result.events if e.plover_type in kinds]
        police = [e for e in events if names_police(e.source)]
        for label, counter in recall.items():
            if label not in item.labels:
                continue
            wanted = kinds if label == "ANY_ACTION" else {label_type[label]}
            counter.update(support=1, found=any(e.plover_type in wanted for e in events),
                           police=any(e.plover_type in wanted for e in police))
        precision.update(
            events=len(police), other=len(events) - len(police),
            right=sum(any(label_type.get(lab) == e.plover_type for lab in item.labels)
                      for e in police),
            any_action=sum(bool(item.labels & {"ANY_ACTION", *label_type}) for _e in police))
    return {
        "n": len(items),
        "note": "sentence level; KILL and FORCE expect an ASSAULT event, ARREST a COERCE event "
                "(any source for recall; recall_police_source: one whose source names the "
                "police). Unlabelled sentences mean only 'no police action', so precision is "
                "over ASSAULT/COERCE events whose source mention names the police: right when "
                "the sentence carries a label of that type (precision) or any police action "
                "(precision_any_action). ANY_ACTION recall: any ASSAULT or COERCE event",
        "per_label": {label: _recall(c) for label, c in recall.items()},
        "events_police_source": precision["events"],
        "events_other_source": precision["other"],
        "precision": round(precision["right"] / precision["events"], 4)
        if precision["events"] else 0.0,
        "precision_any_action": round(precision["any_action"] / precision["events"], 4)
        if precision["events"] else 0.0,
    }


def _recall(counter: Counter) -> dict:
    support = counter["support"]
    return {"support": support,
            "recall": round(counter["found"] / support, 4) if support else 0.0,
            "recall_police_source": round(counter["police"] / support, 4) if support else 0.0}


# Per format: the reader, the scorer and the text an item is coded as.
READERS = {"cameo_class": (read_cameo_class, score_cameo_class, lambda it: it.sentence),
            "cameo_ner": (read_cameo_ner, score_cameo_ner, lambda it: it.text),
            "wikievents": (read_wikievents, score_wikievents, lambda it: it.text),
            "police": (read_police, score_police, lambda it: it.text)}


def score_realnews(path: Path, fmt: str, *, coder, nlp=None, limit: int | None = None,
                   min_confidence: float = 0.0) -> tuple[dict, list[str]]:
    """Read a real-news file of format `fmt`, code each item (sentence or document) as an article
    dated `REALNEWS_DATE`, and score it: the report section and the texts coded."""
    from eventlens.pipeline import code_articles  # the pipeline module pulls in the store

    reader, scorer, text_of = READERS[fmt]
    items = reader(path)[:limit]
    texts = [text_of(item) for item in items]
    if fmt == "police":  # sentences of one article: coded together, as a user's article is
        results = _per_sentence(items, texts, path, coder=coder, nlp=nlp)
        return scorer(items, [confident_result(r, min_confidence) for r in results]), texts
    articles = [Article(article_id(text), text, REALNEWS_DATE, origin=f"{path}:{item.line}")
                for item, text in zip(items, texts, strict=True)]
    results = [confident_result(r, min_confidence)
               for r in code_articles(articles, coder=coder, nlp=nlp)]
    return scorer(items, results), texts


def _per_sentence(items: list, texts: list[str], path: Path, *, coder, nlp) -> list[ArticleResult]:
    """Code the sentences of each document (`doc_id`) as one article, joined in order, so that
    the coder has the context a whole article gives (which country "the police" belong to);
    then give each sentence the events whose evidence starts in it."""
    from eventlens.pipeline import code_articles

    docs: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        docs.setdefault(item.doc_id, []).append(n)
    articles, spans = [], []
    for doc_id, members in docs.items():
        starts, text = [], ""
        for n in members:
            starts.append(len(text))
            text += texts[n] + " "
        articles.append(Article(article_id(text), text, REALNEWS_DATE,
                                origin=f"{path}:doc {doc_id}"))
        spans.append([(n, start, start + len(texts[n])) for n, start in zip(members, starts,
                                                                             strict=True)])
    per_item: list[list] = [[] for _ in items]
    for result, members in zip(code_articles(articles, coder=coder, nlp=nlp), spans, strict=True):
        for event in result.events:
            owner = next((n for n, lo, hi in members if lo <= event.evidence_start < hi + 1), None)
            if owner is not None:
                per_item[owner].append(event)
    return [ArticleResult(Article(article_id(text), text, REALNEWS_DATE), tuple(events))
            for text, events in zip(texts, per_item, strict=True)]


def render_realnews_section(sections: dict, console) -> None:
    """Print the `realnews` sections of a report as a person reads them."""
    from rich.table import Table

    def fig(s: dict) -> str:
        return f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"

    for fmt, s in sections.items():
        console.print(f"[bold]real news {fmt}[/bold] (n={s['n']}): {s['note']}")
        if fmt == "cameo_class":
            console.print(f"event presence {fig(s['event_presence'])}; quad accuracy "
                          f"{s['quad']['accuracy']:.3f} macro-F1 {s['quad']['macro_f1']:.3f}; "
                          f"events at the right quad {s['event_quad_precision']['precision']:.3f}"
                          f"; false events per label-0 sentence {s['false_events_per_label0']:.3f}")
        elif fmt == "cameo_ner":
            console.print(f"source {fig(s['source'])}; target {fig(s['target'])}; pair "
                          f"{fig(s['pair'])}; pair found in {s['found_pair']:.3f} of "
                          f"{s['sentences_with_pair']} sentences")
        elif fmt == "wikievents":
            console.print(f"lenient {fig(s['lenient'])}; strict {fig(s['strict'])}; "
                          f"{s['gold_events']} gold events, {s['events_other_types']} events of "
                          "other types not scored")
            table = Table("type", "precision", "recall", "f1", "support")
            for label, t in s["per_type"].items():
                table.add_row(label, f"{t['precision']:.2f}", f"{t['recall']:.2f}",
                              f"{t['f1']:.2f}", str(t["support"]))
            console.print(table)
        elif fmt == "police":
            table = Table("label", "support", "recall", "recall, police source")
            for label, t in s["per_label"].items():
                table.add_row(label, str(t["support"]), f"{t['recall']:.3f}",
                              f"{t['recall_police_source']:.3f}")
            console.print(table)
            console.print(f"police-sourced events {s['events_police_source']}: precision "
                          f"{s['precision']:.3f}, any police action {s['precision_any_action']:.3f}")
