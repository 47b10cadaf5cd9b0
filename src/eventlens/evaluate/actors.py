"""Actor accuracy: how gold entity mentions of a gold folder resolve."""

from __future__ import annotations

import re
from collections import Counter

from eventlens.actors.words import normalise
from eventlens.evaluate.gold import is_sealed
from eventlens.model import ArticleResult


def _codes(code: str) -> tuple[str, str]:
    country, _, role = (code or "").partition(":")
    return country.strip().upper(), role.strip().upper()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", normalise(text))


def _candidates(name: str, mentions) -> list:
    """Mentions that could stand for a gold name, best first: those whose words are the
    name's, then those containing it, then those lying within it; in text order within each
    kind, and the longest first among those within it."""
    want = _words(name)
    if not want:
        return []
    exact, containing, within = [], [], []
    spans = {}  # a pronoun's mention may repeat the span and actor of the name it points to
    for mention in mentions:
        spans.setdefault((mention.start, mention.end, mention.actor.code), mention)
    for mention in spans.values():
        have = _words(mention.text)
        if have == want:
            exact.append(mention)
        elif _contiguous(want, have):
            containing.append(mention)
        elif have and _contiguous(have, want):
            within.append(mention)
    within.sort(key=lambda m: -len(_words(m.text)))  # the most of the name first
    return exact + containing + within


def _pick(candidates: list, code: str, listed: int, used: set[int]):
    """The mention scored for one gold listing of a name the gold lists `listed` times: among
    the first `listed` candidates not yet taken, the one with the gold code if there is one."""
    pool = [i for i in range(min(listed, len(candidates))) if i not in used] or [0]
    best = next((i for i in pool if candidates[i].actor.code == code), pool[0])
    used.add(best)
    return candidates[best]


def _contiguous(part: list[str], whole: list[str]) -> bool:
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def score_actors(gold, results: dict[str, ArticleResult]) -> dict:
    """Share of gold entities (name as written, actor code) that eventlens resolves to the
    right country or organisation, and to the right country and role, at the article's date.

    An entity counts as found when a mention of the article names it; its actor is the one
    that mention resolved to. Mentions with exactly the gold name's words are preferred to
    those containing it or lying within it ("Russian soldiers" is not scored on an earlier
    "Russian"), and a name the gold lists k times is scored on its k best mentions, each
    listing on the one that agrees with it where there is one.
    """
    total = country_ok = full_ok = found = 0
    wrong: list[dict] = []
    for item in gold:
        result = results[item.id]
        entities = [(e.get("name", ""), e.get("actor", ""))
                    for e in item.record.get("entities", [])]
        listed = Counter(" ".join(_words(name)) for name, code in entities if name and code)
        used: dict[str, set[int]] = {}
        for name, code in entities:
            if not name or not code:
                continue
            total += 1
            candidates = _candidates(name, result.mentions)
            if not candidates:
                if not is_sealed(item):
                        wrong.append({"article": item.id, "name": name, "gold": code, "got": None})
                continue
            mention = _pick(candidates, code, listed[" ".join(_words(name))],
                            used.setdefault(" ".join(_words(name)), set()))
            found += 1
            gold_country, gold_role = _codes(code)
            got_country, got_role = mention.actor.country, mention.actor.role
            country_hit = got_country == gold_country
            country_ok += country_hit
            # a gold code without a role ("UKR") constrains the country only
            full = country_hit and (got_role == gold_role or not gold_role)
            full_ok += full
            if not full and not is_sealed(item):
                wrong.append({"article": item.id, "name": name, "gold": code,
                              "got": mention.actor.code, "how": mention.how})
    rate = lambda n: round(n / total, 4) if total else 0.0  # noqa: E731
    # errors of the sealed split are never listed: only its totals are read (docs/evaluation.md)
    return {"entities": total, "found": rate(found), "country_accuracy": rate(country_ok),
            "country_role_accuracy": rate(full_ok), "errors": wrong}
