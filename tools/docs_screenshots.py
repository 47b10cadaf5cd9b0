"""Take the dashboard screenshots docs/dashboard.md shows: docs/images/dashboard-*.png.

Serves the demo store (`eventlens.api.demo`, templated sentences, not coder output) on a free
loopback port, opens each page in Debian's chromium through Playwright (the browser tests'
setup) and saves what a 1200x760 window shows. Where `pngquant` is installed (apt-get install
pngquant) the images are reduced to 64 colours, which keeps each under about 100 KB.

    .venv/bin/python tools/docs_screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventlens.api.app import LOOPBACK_HOSTS, create_app  # noqa: E402 - the package from src/
from eventlens.api.demo import build_demo_store  # noqa: E402

PAGES = {  # name: (URL fragment, selector that says the page is drawn, link to follow first)
    "events": ("#/events", "table.events tbody tr", None),
    "dyad": ("#/dyad?a=RUS&b=UKR&freq=week", "#dyad-chart .main-svg", None),
    "network": ("#/network", "#net-chart .main-svg", None),
    "map": ("#/map?at=49.98081,36.25272", "#place-events li.map-event", None),
    "search": ("#/search?q=grain%20export", ".hit h3 a", None),
    "article": ("#/search?q=reporters", "#article-text .quote", ".hit h3 a"),
}
CHROMIUM = ["/usr/bin/chromium", shutil.which("chromium") or ""]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path):
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, allowed_hosts=LOOPBACK_HOSTS),
                                           host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            sys.exit("the server did not start")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    executable = next((c for c in CHROMIUM if c and Path(c).exists()), None)
    if executable is None:
        sys.exit("chromium is not installed (apt-get install -y chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server, base = _serve(build_demo_store(Path(tmp) / "demo.duckdb"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            for name, (fragment, ready, link) in PAGES.items():
                page.goto(base + fragment)
                if link is not None:
                    page.wait_for_selector(link)
                    page.click(link)
                page.wait_for_selector(ready)
                page.wait_for_timeout(800)  # charts finish drawing
                path = args.out / f"dashboard-{name}.png"
                page.screenshot(path=str(path))
                if shutil.which("pngquant"):
                    subprocess.run(["pngquant", "--force", "--skip-if-larger", "--output",
                                    str(path), "64", str(path)], check=False)
                print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
