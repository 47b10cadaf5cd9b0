"""Actor accuracy: how gold entity mentions of a gold folder resolve."""

from __future__ import annotations

import re

from eventlens.actors.resolver import normalise
from eventlens.model import ArticleResult


def _codes(code: str) -> tuple[str, str]:
    country, _, role = (code or "").partition(":")
    return country.strip().upper(), role.strip().upper()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", normalise(text))


def _find_mention(name: str, mentions):
    """The first mention whose words contain the gold name's words (or lie within them)."""
    want = _words(name)
    if not want:
        return None
    for mention in mentions:
        have = _words(mention.text)
        if _contiguous(want, have) or (have and _contiguous(have, want)):
            return mention
    return None


def _contiguous(part: list[str], whole: list[str]) -> bool:
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def score_actors(gold, results: dict[str, ArticleResult]) -> dict:
    """Share of gold entities (name as written, actor code) that eventlens resolves to the
    right country or organisation, and to the right country and role, at the article's date.

    An entity counts as found when a stored mention of the article covers its name; its
    actor is the one the first such mention resolved to.
    """
    total = country_ok = full_ok = found = 0
    wrong: list[dict] = []
    for item in gold:
        result = results[item.id]
        for ent in item.record.get("entities", []):
            name, code = ent.get("name", ""), ent.get("actor", "")
            if not name or not code:
                continue
            total += 1
            mention = _find_mention(name, result.mentions)
            if mention is None:
                wrong.append({"article": item.id, "name": name, "gold": code, "got": None})
                continue
            found += 1
            gold_country, gold_role = _codes(code)
            got_country, got_role = mention.actor.country, mention.actor.role
            country_hit = got_country == gold_country
            country_ok += country_hit
            # a gold code without a role ("UKR") constrains the country only
            full = country_hit and (got_role == gold_role or not gold_role)
            full_ok += full
            if not full:
                wrong.append({"article": item.id, "name": name, "gold": code,
                              "got": mention.actor.code, "how": mention.how})
    rate = lambda n: round(n / total, 4) if total else 0.0  # noqa: E731
    return {"entities": total, "found": rate(found), "country_accuracy": rate(country_ok),
            "country_role_accuracy": rate(full_ok), "errors": wrong[:50]}
