"""Datelines: the "CITY, Country (Agency) --" that opens a wire story names where it was filed,
not who acted."""

from __future__ import annotations

import re

# A place in capitals (two letters or more), optionally ", Country" or ", Month Day" (up to
# two such parts) and "(Agency)", then a dash, a colon or an opening quote: "ALGIERS, Algeria
# - ", "JERUSALEM (AP) -- ", "KABUL (Pajhwok) : ", "THE HAGUE, Netherlands -- ", "TEL AVIV--
# ", "ADDIS ABABA, May 15 (Xinhua) -- ".
_DATELINE = re.compile(
    r"""^\s*
    [A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]*)*         # the city, in capitals
    (?:,\s*[A-Z][\w.'’]*(?:\ [A-Z][\w.'’]*)*(?:\ \d{1,2})?){0,2}  # , Country / , May 15
    \s*(?:\([^()\n]{1,40}\))?                     # (Agency)
    \s*(?:--|-|—|–|:|")\s*                        # the separator
    """,
    re.VERBOSE,
)


# The same in the case news writes names in: "Lucknow: ", "Cebu City--", "New Delhi, May 3
# (PTI) -- ". Only a known place counts ("Biden: we will respond" names a speaker).
_TITLE_DATELINE = re.compile(
    r"""^\s*
    ([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})              # the place
    (?:,\s*[A-Z][\w.'’]*(?:\ [A-Z][\w.'’]*)*(?:\ \d{1,2})?)?  # , Country / , May 15
    \s*(?:\([^()\n]{1,40}\))?                          # (Agency)
    \s*(?:--|—|–|:)\s*                                  # the separator
    (?=[A-Z"“'])
    """,
    re.VERBOSE,
)


def dateline_end(text: str) -> int:
    """The character offset where a leading dateline ends, or 0 when the text has none."""
    match = _DATELINE.match(text)
    if match is None:
        return _title_dateline_end(text)
    city = re.split(r"[,(]", text[:match.end()])[0]
    if "." in city:
        return 0  # "U.S. - China talks": an abbreviation, not a city in capitals
    rest = text[match.end():]
    if not rest[:1].isalnum() and rest[:1] not in ('"', "'", "“"):
        return 0  # "U.S. - China talks" is no dateline: something must follow
    return match.end()


def _title_dateline_end(text: str) -> int:
    match = _TITLE_DATELINE.match(text)
    if match is None or not _known_place(match.group(1)):
        return 0
    return match.end()


def _known_place(name: str) -> bool:
    """Whether a name is a city, region or country of the packaged knowledge base."""
    from eventlens.actors.kb import load_knowledge_base

    kb = load_knowledge_base()
    return kb.place_by_name(name) is not None or any(
        m.field in ("name", "aliases", "capitals") for m in kb.countries_by_name(name))
