"""Build src/eventlens/web/static/world.json: country outlines for the dashboard's map page.

The outlines are Natural Earth's 1:110m admin-0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as the PyPI wheel of geopandas 0.14.4
ships them (geopandas/datasets/naturalearth_lowres: 177 countries, the shapefile Natural
Earth publishes with Kosovo, France and Norway given codes; geopandas is BSD-3-Clause). The
map page draws them with no network: no tile server, no CDN.

Each country becomes one SVG path in the equirectangular projection the page uses (x =
longitude, y = -latitude, so the world is the viewBox "-180 -90 360 180"), its points rounded
to a tenth of a degree (about 11 km, finer than the 1:110m source is accurate) and written as
relative moves, which keeps the file near 100 KB without simplifying the lines.

Neither geopandas nor pyshp is a dependency of eventlens: run this in a throwaway environment,
from the repository root, reading the shapefile straight out of the wheel:

    python3 -m venv /tmp/outlines-venv
    /tmp/outlines-venv/bin/pip install pyshp==3.1.9
    /tmp/outlines-venv/bin/pip download --no-deps -d /tmp/outlines geopandas==0.14.4
    /tmp/outlines-venv/bin/python tools/build_outlines.py \
        /tmp/outlines/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import shapefile  # pyshp

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/eventlens/web/static/world.json"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
SOURCE = ("Natural Earth 1:110m admin-0 countries (public domain, naturalearthdata.com), as "
          "shipped in the geopandas 0.14.4 wheel (geopandas/datasets/naturalearth_lowres); "
          "built by tools/build_outlines.py")
LICENCE = ("Natural Earth: public domain (naturalearthdata.com/about/terms-of-use); no "
           "permission is needed to use or share it")
# Natural Earth leaves a few territories without an ISO code (-99): Kosovo takes the code
# GeoNames and the knowledge base use, the other two Natural Earth's own ADM0_A3 codes.
CODE_FIXES = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}
# Points per degree in the written paths: a tenth of a degree.
SCALE = 10


def read_countries(wheel: Path) -> list[tuple[str, str, str, list[list[tuple[float, float]]]]]:
    """(ISO alpha-3, name, continent, rings of (lon, lat)) of each country in the wheel's
    shapefile, in file order."""
    with zipfile.ZipFile(wheel) as whl:
        parts = {ext: io.BytesIO(whl.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        # the .cpg file names the text encoding of the .dbf (ISO-8859-1: "Côte d'Ivoire")
        encoding = whl.read(f"{MEMBER}.cpg").decode("ascii").strip()
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"],
                              encoding=encoding)
    countries = []
    for item in reader.iterShapeRecords():
        record, shape = item.record, item.shape
        code = record["iso_a3"]
        if code == "-99":
            code = CODE_FIXES[record["name"]]
        bounds = [*shape.parts, len(shape.points)]
        rings = [[(float(x), float(y)) for x, y in shape.points[a:b]]
                 for a, b in zip(bounds, bounds[1:], strict=False)]
        countries.append((code, record["name"], record["continent"], rings))
    return countries


def ring_path(ring: Sequence[tuple[float, float]]) -> str:
    """One closed ring as SVG path commands (x = lon, y = -lat), a tenth of a degree a unit
    of rounding; relative moves from rounded absolutes, so no error accumulates."""
    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        point = (round(lon * SCALE), round(-lat * SCALE))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return ""
    out = [f"M{_num(points[0][0])} {_num(points[0][1])}l"]
    steps = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        steps.append(f"{_num(x1 - x0)} {_num(y1 - y0)}")
    out.append(" ".join(steps))
    out.append("z")
    return "".join(out).replace(" -", "-")


def _num(tenths: int) -> str:
    """A number of tenths written shortest: 12 -> '1.2', -5 -> '-.5', 30 -> '3'."""
    text = f"{tenths / SCALE:g}" if tenths % SCALE else str(tenths // SCALE)
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def outlines(countries: Iterable[tuple[str, str, str, list]]) -> dict:
    """The JSON document: provenance, licence, projection and one path per country."""
    rows = []
    for code, name, continent, rings in countries:
        path = "".join(ring_path(r) for r in rings)
        if path:
            rows.append({"iso3": code, "name": name, "continent": continent, "d": path})
    return {"source": SOURCE, "licence": LICENCE,
            "projection": "equirectangular: x = longitude, y = -latitude (degrees)",
            "viewBox": [-180, -90, 360, 180], "countries": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    doc = outlines(read_countries(args.wheel))
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(doc['countries'])} countries, {len(text.encode()) // 1024} KB")


if __name__ == "__main__":
    main()
