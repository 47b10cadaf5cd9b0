"""Build src/eventlens/data/cameo/: CAMEO codes with GDELT's Goldstein scale and quad class, and
the CAMEO code the GDELT/ICEWS-style exports give each PLOVER type and mode.

Sources (facts, read and derived, never copied as text):
- GDELT's published CAMEO lookup tables (GDELT 2.0 event codebook: CAMEO.eventcodes.txt,
  CAMEO.goldsteinscale.txt), as kept in ../shared/data/cameo/;
- the CAMEO-to-PLOVER conversion table of the PLOVER manual (draft 0.8, 2021), as kept in
  ../shared/data/CAMEO2PLOVER-2021.txt;
- our own src/eventlens/data/plover.yaml (each PLOVER type's CAMEO root).

Writes:
- codes.tsv: code, name, goldstein, quad_class for every CAMEO code (2, 3 and 4 digits). The
  quad class follows from the root as GDELT defines it: 01-05 verbal cooperation (1), 06-09
  material cooperation (2), 10-14 verbal conflict (3), 15-20 material conflict (4).
- plover_codes.tsv: plover_type, mode, code, matched_by. For each type and each mode the
  crosswalk names for it, the code chosen is the crosswalk's row of that type whose mode
  column is the mode (else whose context column names it), preferring the type's own CAMEO
  root, then the shortest code (the general one: a mode says no more than that), then the
  lowest. The row with an empty mode is the type's general code: root + "0" where the
  crosswalk gives it to the type, else the type's first code under its root.

Run from the repository root (tests read only the packaged result):

    .venv/bin/python tools/build_cameo.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "eventlens" / "data" / "cameo"
_ROW = re.compile(r"^(\d{3,4})\s*:\s*([A-Z]+)\s*,([^,#]*),?([^#]*)")


def quad_class(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def read_table(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return {r[0].strip(): r[1].strip() for r in rows[1:] if len(r) >= 2 and r[0].strip()}


def read_crosswalk(path: Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(code, PLOVER type, mode, context words) for each 3- and 4-digit row."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if m:
            code, kind, mode, context = m.groups()
            words = tuple(w for w in re.split(r"[;\s]+", context.strip()) if w)
            out.append((code, kind, mode.strip(), words))
    return out


def plover_codes(crosswalk, roots: dict[str, str]) -> list[tuple[str, str, str, str]]:
    rows = []
    for kind, root in roots.items():
        mine = [r for r in crosswalk if r[1] == kind]
        if not mine:
            raise SystemExit(f"the crosswalk names no code for {kind}")

        def rank(r, root=root):
            return (r[0][:2] != root, len(r[0]), r[0])

        general = min(mine, key=lambda r, root=root: (r[0][:2] != root, r[0] != root + "0",
                                                       len(r[0]), r[0]))
        rows.append((kind, "", general[0], "type"))
        modes = sorted({r[2] for r in mine if r[2]} | {w for r in mine for w in r[3]})
        for mode in modes:
            by_mode = [r for r in mine if r[2] == mode]
            if by_mode:
                rows.append((kind, mode, min(by_mode, key=rank)[0], "mode"))
            else:
                by_context = [r for r in mine if mode in r[3]]
                rows.append((kind, mode, min(by_context, key=rank)[0], "context"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    names = read_table(args.shared / "data" / "cameo" / "CAMEO.eventcodes.txt")
    goldstein = read_table(args.shared / "data" / "cameo" / "CAMEO.goldsteinscale.txt")
    missing = sorted(set(names) ^ set(goldstein))
    if missing:
        raise SystemExit(f"codes in one GDELT table only: {missing}")
    crosswalk = read_crosswalk(args.shared / "data" / "CAMEO2PLOVER-2021.txt")
    # A few crosswalk codes (106, 1213, 1214) are not in GDELT's tables: they have no
    # Goldstein value there, so no export uses them.
    unknown = sorted({r[0] for r in crosswalk} - set(names))
    crosswalk = [r for r in crosswalk if r[0] in names]
    plover = yaml.safe_load((REPO / "src" / "eventlens" / "data" / "plover.yaml")
                            .read_text(encoding="utf-8"))
    roots = {kind: str(spec["cameo"]) for kind, spec in plover.items()}
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "codes.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "goldstein", "quad_class"])
        for code in sorted(names):
            name = names[code]
            if name.isupper():  # the root rows are in capitals in GDELT's file
                name = name.capitalize()
            w.writerow([code, name, f"{float(goldstein[code]):.1f}", quad_class(code)])
    with (OUT / "plover_codes.tsv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["plover_type", "mode", "code", "matched_by"])
        w.writerows(plover_codes(crosswalk, roots))
    print(f"wrote {len(names)} codes and the codes of {len(roots)} PLOVER types to {OUT}; "
          f"crosswalk codes GDELT does not list, left out: {', '.join(unknown) or 'none'}")


if __name__ == "__main__":
    main()
