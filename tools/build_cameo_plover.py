"""Build src/eventlens/data/cameo_plover.tsv: each CAMEO code and the PLOVER type it maps to.

The source is the 2021 CAMEO-to-PLOVER conversion table of the PLOVER project (Draft 0.8,
17 September 2021; one line per code, `CODE: TYPE, mode, context # gloss`). Only the code and
the type are kept (a root stands for its codes' types); a code listed twice must map to the
same type both times. eventlens reads the result to let `--type 19` (a CAMEO root) or
`--type 190` stand for PLOVER types.

    .venv/bin/python tools/build_cameo_plover.py PATH/TO/CAMEO2PLOVER-2021.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/eventlens/data/cameo_plover.tsv"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# Two-digit lines head a root's section; the codes (three or four digits) carry the mapping.
LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)")


def read_crosswalk(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = LINE.match(line.strip())
        if match is None:
            continue
        code, plover = match.groups()
        if plover not in PLOVER:
            sys.exit(f"{path}:{number}: {plover!r} is not a PLOVER type")
        if table.get(code, plover) != plover:
            sys.exit(f"{path}:{number}: {code} maps to {table[code]} and {plover}")
        table[code] = plover
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("crosswalk", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    table = read_crosswalk(args.crosswalk)
    rows = ["cameo_code\tplover_type"] + [f"{c}\t{t}" for c, t in
                                          sorted(table.items(), key=lambda kv: kv[0].ljust(4))]
    args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(table)} codes")


if __name__ == "__main__":
    main()
