"""A live server over a demo store, and a Playwright page that records JS errors.

Skips (not fails) when Playwright or Debian's chromium is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for candidate in (os.environ.get("EVENTLENS_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def serve_store():
    """Start the API and dashboard over a store on a free localhost port, answering only
    loopback host names as `eventlens serve` does there; returns the base URL. Every server
    started stops at the end of the test session."""
    pytest.importorskip("uvicorn")
    import uvicorn

    from eventlens.api.app import LOOPBACK_HOSTS, create_app

    running: list[tuple] = []

    def start(db: Path) -> str:
        port = _free_port()
        app = create_app(db, allowed_hosts=LOOPBACK_HOSTS)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        running.append((server, thread))
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, serve_store):
    """The API and dashboard over the demo store."""
    from eventlens.api.demo import build_demo_store

    return serve_store(build_demo_store(tmp_path_factory.mktemp("browser") / "demo.duckdb"))


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, live_server):
    """A fresh page; the test fails if the page logs a console error or throws."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    # Nothing may come from the network but the test server.
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith(live_server) or route.request.url.startswith("data:")
               else (errors.append(f"external request: {route.request.url}"), route.abort()))
    page.base = live_server
    yield page
    context.close()
    assert not errors, "the page logged errors:\n" + "\n".join(errors)


@pytest.fixture()
def shot():
    """Save a full-page screenshot under test-output/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        # Back to the top first (after any smooth scrolling has ended), else the sticky header
        # lands mid-page in a full-page shot.
        page.wait_for_timeout(700)
        page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
        page.wait_for_function("window.scrollY === 0")
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
