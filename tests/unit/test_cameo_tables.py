"""The packaged CAMEO tables (derived by tools/build_cameo.py from GDELT's lookup tables and the
CAMEO-to-PLOVER crosswalk): complete, consistent, documented. Reads only the packaged files."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from eventlens.cameo import cameo_code_for, cameo_codes, plover_cameo_codes

REPO = Path(__file__).resolve().parents[2]
PLOVER = yaml.safe_load((REPO / "src/eventlens/data/plover.yaml").read_text(encoding="utf-8"))


def test_every_cameo_code_has_a_name_a_goldstein_value_and_its_roots_quad_class():
    codes = cameo_codes()
    assert len(codes) == 310
    roots = sorted(c for c in codes if len(c) == 2)
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    for code, entry in codes.items():
        assert re.fullmatch(r"\d{2,4}", code) and entry.name
        assert -10.0 <= entry.goldstein <= 10.0
        root = int(code[:2])
        assert entry.quad_class == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14
                                    else 4)
        assert code[:2] in codes and (len(code) < 4 or code[:3] in codes)
    # the values GDELT publishes, where ours used to differ (issue 17 item 8)
    assert codes["10"].goldstein == codes["100"].goldstein == -5.0
    assert codes["08"].quad_class == codes["084"].quad_class == 2


def test_every_plover_type_has_a_general_code_under_its_root():
    table = plover_cameo_codes()
    for kind, spec in PLOVER.items():
        general = table[(kind, "")]
        assert general in cameo_codes()
        assert general[:2] == str(spec["cameo"]), kind
    assert set(table.values()) <= set(cameo_codes())


def test_modes_pick_the_crosswalks_code_and_unknown_modes_fall_back():
    assert cameo_code_for("CONSULT", "phone") == "041"
    assert cameo_code_for("consult", " Visit ") == "042"
    assert cameo_code_for("AID", "humanitarian") == "073"
    assert cameo_code_for("RETREAT", "ceasefire") == "0871"
    assert cameo_code_for("ASSAULT", "firearms") == "193"
    assert cameo_code_for("CONSULT", "multilateral") == cameo_code_for("CONSULT") == "040"
    assert cameo_code_for("RETREAT", None) == "084"
    assert cameo_code_for("NOT A TYPE", "phone") is None


def test_docs_table_of_general_codes_is_the_packaged_one():
    text = (REPO / "docs/formats.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([A-Z]+) \| `(\d+)` \| ([^|]+) \| (-?[\d.]+) \| (\d) \|$", text,
                      re.MULTILINE)
    assert len(rows) == len(PLOVER)
    codes = cameo_codes()
    for kind, code, name, goldstein, quad in rows:
        assert plover_cameo_codes()[(kind, "")] == code
        assert (codes[code].name, codes[code].goldstein, codes[code].quad_class) == (
            name.strip(), float(goldstein), int(quad))
