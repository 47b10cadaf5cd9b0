"""A synthetic corpus of English political news for the scale benchmarks, in our own wording.

    python tests/benchmarks/synthetic_news.py OUT_DIR [--articles 20000] [--seed 11]

Deterministic: the same size and seed give the same files, byte for byte. The corpus is told
as news is: each *happening* (two countries meet, sign, accuse, threaten, sanction, fight,
protest, send aid, ...) on a day at a place is reported by a wire agency; other outlets run
the wire copy with light edits (another dateline and credit, a paragraph cut, a word changed:
near-duplicates), some republish it unchanged (exact duplicates), and some write their own
report of it (paraphrases: other sentences, the same actors, place, date and figures). Several
happenings fall on every day, and the same pair of countries meets again on other days, so
story grouping and near-duplicate detection have real work to do.

Written as JSON Lines, one file per publication day (`YYYY-MM-DD.jsonl`), with the fields
`eventlens ingest` reads (`text`, `published`, `title`, `outlet`, `url`) and the generator's
truth for scoring (`happening`, `kind`: wire, copy, duplicate, paraphrase), which ingest
ignores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

START = dt.date(2023, 3, 1)
ARTICLES_PER_DAY = 200

# (name, adjective, capital, another city)
COUNTRIES = (
    ("Kenya", "Kenyan", "Nairobi", "Mombasa"), ("Ethiopia", "Ethiopian", "Addis Ababa", "Gondar"),
    ("Nigeria", "Nigerian", "Abuja", "Lagos"), ("Ghana", "Ghanaian", "Accra", "Kumasi"),
    ("Egypt", "Egyptian", "Cairo", "Alexandria"), ("Morocco", "Moroccan", "Rabat", "Tangier"),
    ("Algeria", "Algerian", "Algiers", "Oran"), ("Sudan", "Sudanese", "Khartoum", "Port Sudan"),
    ("Turkey", "Turkish", "Ankara", "Izmir"), ("Iran", "Iranian", "Tehran", "Isfahan"),
    ("Iraq", "Iraqi", "Baghdad", "Basra"), ("Jordan", "Jordanian", "Amman", "Aqaba"),
    ("India", "Indian", "New Delhi", "Mumbai"), ("Pakistan", "Pakistani", "Islamabad", "Lahore"),
    ("Bangladesh", "Bangladeshi", "Dhaka", "Chittagong"),
    ("Vietnam", "Vietnamese", "Hanoi", "Da Nang"),
    ("Indonesia", "Indonesian", "Jakarta", "Surabaya"),
    ("Philippines", "Philippine", "Manila", "Cebu"), ("Japan", "Japanese", "Tokyo", "Osaka"),
    ("South Korea", "South Korean", "Seoul", "Busan"), ("China", "Chinese", "Beijing", "Shanghai"),
    ("Australia", "Australian", "Canberra", "Perth"), ("Brazil", "Brazilian", "Brasilia", "Recife"),
    ("Argentina", "Argentine", "Buenos Aires", "Rosario"), ("Chile", "Chilean", "Santiago",
                                                            "Valparaiso"),
    ("Peru", "Peruvian", "Lima", "Cusco"), ("Colombia", "Colombian", "Bogota", "Medellin"),
    ("Mexico", "Mexican", "Mexico City", "Monterrey"), ("Canada", "Canadian", "Ottawa", "Toronto"),
    ("France", "French", "Paris", "Marseille"), ("Germany", "German", "Berlin", "Hamburg"),
    ("Poland", "Polish", "Warsaw", "Gdansk"), ("Italy", "Italian", "Rome", "Naples"),
    ("Spain", "Spanish", "Madrid", "Seville"), ("Norway", "Norwegian", "Oslo", "Bergen"),
    ("Sweden", "Swedish", "Stockholm", "Gothenburg"), ("Greece", "Greek", "Athens", "Thessaloniki"),
    ("Serbia", "Serbian", "Belgrade", "Nis"), ("Ukraine", "Ukrainian", "Kyiv", "Odesa"),
    ("Russia", "Russian", "Moscow", "Kazan"),
)
OFFICES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister",
           "Trade Minister", "Interior Minister")
GIVEN = ("Amara", "Tomas", "Leyla", "Rafael", "Ingrid", "Kofi", "Mei", "Daniel", "Yusuf", "Elena",
         "Haruto", "Priya", "Mateo", "Selin", "Oskar", "Nadia", "Tariq", "Lucia", "Jonas", "Aiko")
FAMILY = ("Brennick", "Osei", "Valdano", "Karimi", "Lindqvist", "Okafor", "Tanaka", "Moreau",
          "Haddad", "Petrov", "Suarez", "Nakamura", "Albescu", "Mensah", "Ferrandi", "Quist",
          "Rahimi", "Castell", "Dunmore", "Yilmaz")
OUTLETS = ("Meridian Wire", "Harbour Press", "Northgate Times", "The Daily Lantern",
           "Coastline Herald", "Capital Ledger", "Eastern Courier", "The Weekly Compass",
           "Riverside Gazette", "Summit News Service")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TOPICS = ("water rights on their shared river", "a new rail link", "grain exports",
          "fishing quotas", "the border crossing points", "energy prices", "a customs union",
          "refugees on the frontier", "a disputed gas field", "airspace rules",
          "the return of displaced families", "a joint electricity grid")
WRONGS = ("arming rebel groups", "spying on its diplomats", "violating the ceasefire",
          "blocking aid convoys", "rigging the tender for the port", "detaining journalists",
          "polluting the river", "harbouring smugglers")
DEMANDS = ("withdraw its troops from the border", "release the detained sailors",
           "reopen the crossing", "hand over the suspects", "halt the dam's construction",
           "pay its overdue debts", "allow monitors into the area")
CITY_PLANS = ("keep its schools open", "add buses to the border", "hold a public meeting",
              "ask the capital for more money")
SWAPS = (("said", "stated"), ("talks", "discussions"), ("officials", "authorities"),
         ("agreement", "accord"), ("Monday", "Monday,"), ("border", "frontier"))


# Background sentences are put together from these parts, so that two reports of different
# happenings share few word runs (copies are found by shared 4-word runs).
SUBJECTS = ("{adj} farmers", "officials in {city}", "the {adj} central bank", "a group of {adj} "
            "lawyers", "residents of {city}", "the mayor of {city}", "traders at the {city} "
            "market", "teachers' unions in {city}", "the {adj} chamber of commerce", "doctors "
            "at the main hospital in {city}", "students in {city}", "{adj} shipping firms",
            "a senior {adj} diplomat", "the governor of the {adj} border province",
            "economists at a bank in {city}", "{adj} truck drivers", "church leaders in {city}",
            "the {adj} electoral commission", "road builders near {city}", "{adj} fishermen")
VERBS = ("have complained about", "are worried about", "welcomed", "questioned",
         "plan to protest against", "asked for more time to study", "called for a review of",
         "have warned for months about", "published a report on", "were divided over",
         "say they were not consulted on", "expect little change from", "will meet to discuss",
         "blamed the government for", "have quietly prepared for", "held a vigil over",
         "filed a complaint about", "promised to look into", "raised money to cope with",
         "spent the week arguing about")
OBJECTS = ("the price of {good}", "the new {thing} rules", "delays at the {city} port",
           "a shortage of {good}", "plans to build a {thing} near {city}", "the cost of {good}",
           "the closure of a {thing} outside {city}", "rising rents in {city}",
           "the tax on {good}", "a bill on {thing} safety", "queues at the {city} crossing",
           "the sale of a state {thing}", "flooding along the coast", "the lack of {good}",
           "a corruption case involving a {thing} contract", "the census results",
           "power cuts in {city}", "the quality of {good} imports", "the rebuilding of the "
           "{city} bridge", "long waits for {thing} permits")
TAILS = ("", "", " in recent weeks", " since {year}", ", a local newspaper reported",
         " on {weekday}", ", according to a survey taken in {month}", " for the third time "
         "this year", ", though few expected a quick answer", " after a difficult winter",
         ", officials said", " before the holiday season")
GOODS = ("bread", "diesel", "fertiliser", "cooking gas", "medicine", "rice", "cement", "timber",
         "coffee", "cotton", "steel", "fish", "sugar", "school books", "electricity")
THINGS = ("pipeline", "factory", "railway", "airport", "dam", "mine", "refinery", "stadium",
          "ferry", "telecom", "water", "building", "mining", "bus", "housing")
NEUTRAL_ADJ = ("local", "national", "regional", "provincial", "rural", "independent")
# a happening's own landmark: a made-up name and a kind of place (the Velmora dam)
SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vel", "dor", "an", "is", "pra", "ko", "ne",
             "sul", "ma", "ter", "gi", "bo", "lin", "har", "os", "pe", "ru", "zan")
LANDMARKS = ("dam", "bridge", "oil field", "port", "airbase", "pipeline", "railway station",
             "power plant", "border crossing", "refugee camp", "customs post", "island")
LANDMARK_SENTENCES = (
    "The {landmark} has been at the centre of the quarrel for years.",
    "Much of the argument turns on the {landmark}, which both sides say they need.",
    "Satellite pictures taken last month showed new work at the {landmark}.",
    "Diplomats said the future of the {landmark} would decide what happens next.",
    "Local people near the {landmark} said they had heard nothing from either government.",
    "The {landmark} employs several thousand people from both sides of the border.",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
QUOTE_OPENINGS = ("We have done what our people expected of us",
                  "Nobody should doubt our resolve", "This was never about one meeting",
                  "Our door remains open", "The facts speak for themselves",
                  "We did not choose this quarrel", "Patience has its limits",
                  "Our citizens deserve answers", "We owe this to the families",
                  "There is still room for common sense", "History will judge this week",
                  "Words must now be followed by deeds")
QUOTE_CLOSINGS = ("and we will keep our word", "whatever others may say",
                  "and that is all I will say today", "and I hope our neighbours hear it",
                  "but the next step is theirs", "and we will not be rushed",
                  "even if it costs us", "as we have said from the start",
                  "and parliament will have its say", "for the sake of {topic}")


@dataclass(frozen=True, slots=True)
class Happening:
    """One thing that happened, which every report of it tells."""

    number: int
    day: dt.date
    kind: str
    a: tuple[str, str, str, str]
    b: tuple[str, str, str, str]
    third: tuple[str, str, str, str]
    place: str
    office: str
    person: str
    figure: int
    landmark: str
    topic: str
    wrong: str
    demand: str


def _lead(h: Happening, r: random.Random) -> list[str]:
    """Sentences that state the happening (the one the coder should code)."""
    a, b, ad, bd = h.a[0], h.b[0], h.a[1], h.b[1]
    day = f"on {WEEKDAYS[h.day.weekday()]}"
    who = f"{ad} {h.office} {h.person}"
    options = {
        "consult": [f"{who} met {b}'s leaders in {h.place} {day} for talks on {h.topic}.",
                    f"{a} and {b} held talks in {h.place} {day} on {h.topic}.",
                    f"Officials from {a} and {b} sat down in {h.place} {day} to discuss "
                    f"{h.topic}."],
        "agree": [f"{a} and {b} signed an agreement on {h.topic} in {h.place} {day}.",
                  f"{who} and {b}'s government agreed {day} in {h.place} to settle their "
                  f"dispute over {h.topic}."],
        "accuse": [f"{a} accused {b} {day} of {h.wrong}.",
                   f"{who} accused the {bd} government of {h.wrong}, speaking in {h.place} "
                   f"{day}."],
        "threaten": [f"{a} threatened {day} to impose sanctions on {b} unless it stopped "
                     f"{h.wrong}.",
                     f"{who} warned {day} that {a} would cut trade with {b} if it did not "
                     f"{h.demand}."],
        "sanction": [f"{a} expelled {h.figure} {bd} diplomats {day}, accusing them of "
                     f"{h.wrong}.",
                     f"{a} imposed sanctions on {b} {day} over what it called {h.wrong}."],
        "assault": [f"{ad} troops shelled {bd} positions near {h.place} {day}, killing "
                    f"{h.figure} soldiers.",
                    f"{ad} forces attacked a {bd} border post near {h.place} {day}; "
                    f"{h.figure} people were killed."],
        "protest": [f"Thousands of people protested outside the {bd} embassy in {h.a[2]} {day} "
                    f"against {b}'s plans for {h.topic}.",
                    f"Demonstrators marched through {h.a[2]} {day} to protest against {b}'s "
                    f"handling of {h.topic}."],
        "aid": [f"{a} sent {h.figure} tonnes of food aid to {b} {day} after floods near "
                f"{h.place}.",
                f"{a} pledged {h.figure} million dollars in aid to {b} {day} to rebuild "
                f"homes around {h.place}."],
        "request": [f"{a} called on {b} {day} to {h.demand}.",
                    f"{who} urged {b} {day} to {h.demand}, speaking in {h.place}."],
        "reject": [f"{b} rejected {a}'s proposal on {h.topic} {day}.",
                   f"{bd} officials {day} turned down a plan from {a} on {h.topic}."],
        "mobilize": [f"{a} deployed {h.figure} troops to its border with {b} {day}.",
                     f"{a} put its army on alert {day} and moved {h.figure} soldiers toward "
                     f"the {bd} frontier."],
        "yield": [f"{a} released {h.figure} {bd} prisoners {day} after talks in {h.place}.",
                  f"{a} freed {h.figure} detained {bd} fishermen {day}, a gesture {b} "
                  f"had asked for."],
    }[h.kind]
    return [r.choice(options)]


def _quotes(h: Happening, r: random.Random) -> list[str]:
    a, b, bd = h.a[0], h.b[0], h.b[1]
    said = r.choice(("said", "told reporters", "said in a statement", "told parliament"))
    lines = [
        f'"{r.choice(QUOTE_OPENINGS)}, '
        f'{r.choice(QUOTE_CLOSINGS).format(topic=h.topic)}," {h.person} {said}.',
        f'"This is a matter of {r.choice(("trust", "principle", "security", "dignity"))} for '
        f'{a}," {h.person} {said} in {h.place}.',
        f"A spokesperson for the {bd} foreign ministry said {b} would study the matter and "
        f"respond {r.choice(('within days', 'next week', 'in due course'))}.",
        f"{h.person} said the two governments had exchanged {h.figure % 9 + 2} letters on "
        f"{h.topic} since {h.day.year - r.randint(1, 6)}.",
    ]
    rest = lines[1:]
    r.shuffle(rest)
    return lines[:1] + rest[: r.randint(0, 2)]


def _context(h: Happening, r: random.Random) -> list[str]:
    a, b, c = h.a[0], h.b[0], h.third[0]
    year = h.day.year - r.randint(2, 15)
    pool = [
        f"Relations between {a} and {b} have been strained since {year}, when a dispute over "
        f"{r.choice(TOPICS)} closed the main road between {h.a[2]} and {h.b[2]}.",
        f"Trade between the two countries reached {r.randint(2, 90)} billion dollars last year, "
        f"according to figures from the {h.a[1]} statistics office.",
        f"{c} called on both sides to show restraint and offered to host further talks in "
        f"{h.third[2]}.",
        f"Analysts in {h.b[2]} said the move was aimed at voters ahead of elections due in "
        f"{r.choice(('spring', 'the autumn', 'two years', 'March', 'November'))}.",
        f"The {h.a[1]} opposition criticised the government, saying it had acted without "
        f"consulting parliament.",
        f"Markets in {h.a[3]} were little changed after the news, and the {h.a[1]} currency held "
        f"steady against the dollar.",
        f"The last meeting of the two sides, in {h.b[3]} in {year + 1}, ended without a joint "
        f"statement.",
        f"Residents of {h.place} said they had seen more police on the streets in recent days.",
        f"Officials in {h.b[2]} did not respond to requests for comment on "
        f"{r.choice(WEEKDAYS)}.",
        f"The two governments plan to meet again next month in {h.third[2]}, a diplomat said.",
        f"{c} and {h.a[0]} signed a separate accord on {r.choice(TOPICS)} in {year + 2}.",
        f"More than {r.randint(2, 40)} thousand people live within {r.randint(5, 60)} kilometres "
        f"of {h.place}, many of them farmers who cross the border to sell their crops.",
        f"{b} denied the accusations and said its own officials had been "
        f"{r.choice(('misquoted', 'acting within the law', 'invited to the meeting'))}.",
        f"In {h.b[3]}, the mayor said the city would {r.choice(CITY_PLANS)} while the two "
        f"governments argued.",
        f"{h.a[1]} newspapers gave the story their front pages, and several called it the "
        f"most serious moment for the government since {year + r.randint(0, 3)}.",
        f"The foreign ministers of {a} and {c} are expected to speak by telephone "
        f"{r.choice(('later this week', 'on Friday', 'before the summit', 'next week'))}.",
        f"A report published by a research group in {h.third[3]} in {year + 1} found that "
        f"{r.randint(10, 80)} percent of households near the border depended on trade with "
        f"{b}.",
        f"Lawmakers in {h.b[2]} are due to debate {r.choice(TOPICS)} on "
        f"{r.choice(WEEKDAYS)}, and some have called for an inquiry.",
        f"The {h.b[1]} president's office issued a short statement saying it "
        f"{r.choice(('regretted', 'noted', 'welcomed', 'was studying'))} the decision.",
        f"Neither side said how long the arrangement would last, and no date was set for "
        f"{r.choice(('a review', 'a second round', 'a summit', 'a vote'))}.",
    ]
    r.shuffle(pool)
    return pool[: r.randint(0, 2)] + [_background(h, r) for _ in range(r.randint(5, 10))]


def _background(h: Happening, r: random.Random) -> str:
    """One background sentence put together from parts."""
    if r.random() < 0.3:
        country = r.choice((h.a, h.b, h.third))
        adj, city = country[1], r.choice(country[2:])
    else:  # most background names no country, as most of a real report's background does
        adj, city = r.choice(NEUTRAL_ADJ), _made_up_name(r)
    fill = {"adj": adj, "city": city, "good": r.choice(GOODS),
            "thing": r.choice(THINGS), "year": h.day.year - r.randint(1, 12),
            "weekday": r.choice(WEEKDAYS), "month": r.choice(MONTHS)}
    words = " ".join((r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS))) + r.choice(TAILS)
    text = words.format(**fill)
    return text[0].upper() + text[1:] + "."




def _report(h: Happening, r: random.Random) -> tuple[str, str]:
    """(title, body) of one outlet's own report of `h`."""
    lead, quotes, context = _lead(h, r), _quotes(h, r), _context(h, r)
    about = [t.format(landmark=h.landmark) for t in r.sample(LANDMARK_SENTENCES, 2)]
    sentences = lead + about[:1] + quotes + about[1:] + context
    paragraphs, i = [], 0
    while i < len(sentences):
        step = r.randint(1, 3)
        paragraphs.append(" ".join(sentences[i:i + step]))
        i += step
    titles = {
        "consult": f"{h.a[0]} and {h.b[0]} hold talks on {h.topic}",
        "agree": f"{h.a[0]}, {h.b[0]} reach deal on {h.topic}",
        "accuse": f"{h.a[0]} accuses {h.b[0]} of {h.wrong}",
        "threaten": f"{h.a[0]} threatens {h.b[0]} with sanctions",
        "sanction": f"{h.a[0]} moves against {h.b[0]} over {h.wrong}",
        "assault": f"Deadly clash near {h.place}",
        "protest": f"Protest in {h.a[2]} against {h.b[0]}",
        "aid": f"{h.a[0]} sends aid to {h.b[0]}",
        "request": f"{h.a[0]} asks {h.b[0]} to {h.demand}",
        "reject": f"{h.b[0]} turns down {h.a[0]}'s plan",
        "mobilize": f"{h.a[0]} moves troops to {h.b[0]} border",
        "yield": f"{h.a[0]} frees {h.b[1]} detainees",
    }
    return titles[h.kind], "\n\n".join(paragraphs)


def _copy(body: str, outlet: str, h: Happening, r: random.Random) -> str:
    """Another outlet's run of the wire text: new dateline and credit, light edits."""
    paragraphs = body.split("\n\n")
    if len(paragraphs) > 3 and r.random() < 0.5:
        del paragraphs[r.randint(1, len(paragraphs) - 1)]
    text = "\n\n".join(paragraphs)
    for old, new in r.sample(SWAPS, 2):
        text = text.replace(f" {old} ", f" {new} ", 1)
    dateline = f"{h.place.upper()}, {h.day:%B} {h.day.day} ({outlet}) - "
    credit = f"\n\nReporting by {r.choice(GIVEN)} {r.choice(FAMILY)}; editing by " \
             f"{r.choice(GIVEN)} {r.choice(FAMILY)}."
    return dateline + text + (credit if r.random() < 0.6 else "")


def _happening(number: int, day: dt.date, r: random.Random, pair: tuple | None) -> Happening:
    a, b, third = r.sample(COUNTRIES, 3)
    if pair:  # the same two countries again, on another day
        a, b = pair
        third = next(c for c in r.sample(COUNTRIES, 3) if c not in pair)
    kind = r.choice(("consult", "agree", "accuse", "threaten", "sanction", "assault", "protest",
                     "aid", "request", "reject", "mobilize", "yield"))
    return Happening(number, day, kind, a, b, third, place=r.choice((a[2], a[3], b[2], b[3])),
                     office=r.choice(OFFICES), person=f"{r.choice(GIVEN)} {r.choice(FAMILY)}",
                     figure=r.randint(2, 400), landmark=_landmark(r), topic=r.choice(TOPICS),
                     wrong=r.choice(WRONGS), demand=r.choice(DEMANDS))


def _made_up_name(r: random.Random) -> str:
    return "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3))).capitalize()


def _landmark(r: random.Random) -> str:
    return f"{_made_up_name(r)} {r.choice(LANDMARKS)}"


def _slug(text: str) -> str:
    return "-".join("".join(c for c in w if c.isalnum()) for w in text.lower().split()[:6])


def generate(articles: int, *, seed: int = 11) -> Iterator[dict]:
    """`articles` records in order of publication day; the same arguments, the same records."""
    r = random.Random(seed)
    days = max(1, -(-articles // ARTICLES_PER_DAY))
    made = number = 0
    pairs: list[tuple] = []
    while made < articles:
        day = START + dt.timedelta(days=min(days - 1, made // ARTICLES_PER_DAY))
        # now and then the same two countries as a week or more before: another story
        older = [p for d, *p in pairs if (day - d).days >= 7]
        h = _happening(number, day, r, tuple(r.choice(older)) if older and r.random() < 0.1
                       else None)
        pairs = (pairs + [(day, h.a, h.b)])[-2000:]
        number += 1
        wire = OUTLETS[0]
        title, body = _report(h, r)
        versions = [("wire", wire, title, f"{h.place.upper()} ({wire}) - {body}", h.day)]
        for _ in range(r.choice((0, 1, 1, 2, 2, 3, 4))):
            outlet = r.choice(OUTLETS[1:])
            versions.append(("copy", outlet, title, _copy(body, outlet, h, r), h.day))
        if r.random() < 0.05:
            versions.append(("duplicate", r.choice(OUTLETS[1:]), title, versions[0][3], h.day))
        for _ in range(r.choice((0, 0, 1, 1, 2, 3))):
            other_title, other_body = _report(h, r)
            later = h.day + dt.timedelta(days=int(r.random() < 0.3))
            versions.append(("paraphrase", r.choice(OUTLETS[1:]), other_title, other_body,
                             later))
        for k, (kind, outlet, head, text, published) in enumerate(versions[:articles - made]):
            yield {"published": published.isoformat(), "title": head, "outlet": outlet,
                   "url": f"https://{_slug(outlet).replace('-', '')}.example/"
                          f"{published:%Y/%m/%d}/{_slug(head)}-{h.number}-{k}",
                   "text": text, "happening": h.number, "kind": kind}
            made += 1


def write_corpus(folder: Path, articles: int, *, seed: int = 11) -> list[Path]:
    """Write `generate(articles, seed)` as one JSONL file per publication day; the files."""
    folder.mkdir(parents=True, exist_ok=True)
    by_day: dict[str, list[str]] = {}
    for record in generate(articles, seed=seed):
        by_day.setdefault(record["published"], []).append(json.dumps(record, sort_keys=True))
    paths = []
    for day, lines in sorted(by_day.items()):
        path = folder / f"{day}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.articles, seed=args.seed)
    print(f"wrote {args.articles} articles in {len(paths)} files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
