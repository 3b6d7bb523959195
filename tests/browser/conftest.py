"""Browser tests: Debian's chromium driven through Playwright against pytest-django's live server.

Every page a test opens is watched: console errors, uncaught page errors and Content Security
Policy violations are collected, and any request to another origin than the live server is
blocked and recorded. A test ends with `browser_watch.assert_clean()`; the fixture checks again
at teardown so a late error cannot slip through.

The tests skip, with the reason, where /usr/bin/chromium is absent. Screenshots go to the folder
named by BROWSER_ARTIFACTS (default: a temporary folder under pytest's base temp); the folders used
are listed at the end of the run.
"""

from __future__ import annotations

import importlib
import os
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Reported as console errors by our own init script, so CSP violations land with the rest.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
                ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def _playwright() -> Iterator[Any]:
    """One Playwright driver per test module.

    The sync API keeps an asyncio loop running on this thread while the driver is up. Two things
    follow for Django:

    - the ORM would refuse queries from test code (SynchronousOnlyOperation), so
      DJANGO_ALLOW_ASYNC_UNSAFE is set for exactly that span and restored afterwards;
    - database connections are thread-critical locals, which switch to context-local storage
      while a loop runs, so test code would get a second connection object, apart from the one
      the live server shares and the one the test database was set up on. The thread's own
      connections are put back into that storage.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium); it is absent here")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    from django.db import connections

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_connections = {alias: connections[alias] for alias in connections}
    driver = sync_api.sync_playwright().start()
    for alias, connection in thread_connections.items():
        connections[alias] = connection
    try:
        yield driver
    finally:
        driver.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(_playwright: Any) -> Iterator[Any]:
    instance = _playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $BROWSER_ARTIFACTS, or a temporary folder."""
    configured = os.environ.get("BROWSER_ARTIFACTS")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("browser-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def live_url(live_server: Any, transactional_db: None, settings: Any, tmp_path: Path) -> str:
    """The live server's base URL, with no trailing slash.

    The live server needs a transactional database, which is emptied after each test, taking with
    it the states and counties the migrations loaded; they are loaded again here with the
    migration's own code (much faster than a serialized rollback). Evidence files are written to a
    temporary folder rather than var/.
    """
    from django.apps import apps

    from threatdesk.places import reference
    from threatdesk.places.models import State
    from threatdesk.testing.files import use_media_root

    if not State.objects.exists():
        importlib.import_module("threatdesk.places.migrations.0002_load_states_and_counties").load(apps, None)
        reference.forget()  # the reloaded rows have new ids
    use_media_root(settings, tmp_path / "evidence")
    return str(live_server.url).rstrip("/")


@dataclass
class BrowserWatch:
    """What went wrong in the browser while a test ran."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    allowed_http_errors: set[tuple[str, int]] = field(default_factory=set)
    reported: int = 0

    def allow_http_error(self, path: str, status: int) -> None:
        """Expect the page at `path` to answer `status` (a 404 page, a form returned with 422).

        Chromium logs every 4xx/5xx answer as a console error, the main document included.
        """
        self.allowed_http_errors.add((self.origin + path, status))

    def _expected(self, message: str) -> bool:
        return any(
            message == f"Failed to load resource: the server responded with a status of {status} "
            f"({HTTPStatus(status).phrase}) ({url})"
            for url, status in self.allowed_http_errors
        )

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            text = f"{message.text} ({message.location.get('url', '')})"
            if not self._expected(text):
                self.console_errors.append(text)

    def problems(self) -> list[str]:
        csp = set(self.csp_violations())
        return (
            [f"{'CSP violation' if m in csp else 'console error'}: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request to another origin (blocked): {u}" for u in self.blocked_requests]
        )

    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Content Security Policy" in m or m.startswith("CSP violation")]

    def assert_clean(self) -> None:
        problems = self.problems()[self.reported :]
        self.reported += len(problems)
        assert not problems, "the browser reported problems:\n" + "\n".join(problems)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def browser_watch(live_url: str) -> BrowserWatch:
    return BrowserWatch(origin=_origin(live_url))


@pytest.fixture
def new_page(browser: Any, browser_watch: BrowserWatch) -> Iterator[Callable[..., Any]]:
    """Open a page in a fresh browser context (own cookies), watched by `browser_watch`.

    `new_page(phone=True)` gives a 390x844 touch phone; `new_page()` a desktop window.
    """
    contexts: list[Any] = []
    watch = browser_watch

    def route(route: Any) -> None:
        url = route.request.url
        if _origin(url) == watch.origin:
            route.continue_()
        else:
            watch.blocked_requests.append(url)
            route.abort("blockedbyclient")

    def open_page(*, phone: bool = False, **context_options: Any) -> Any:
        options = {**(PHONE if phone else DESKTOP), **context_options}
        context = browser.new_context(base_url=watch.origin, **options)
        context.set_default_timeout(15_000)
        context.add_init_script(CSP_LISTENER)
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", watch.on_console)
        page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
        contexts.append(context)
        return page

    yield open_page
    for context in contexts:
        context.close()
    watch.assert_clean()


@pytest.fixture
def screenshot(artifacts_dir: Path, request: pytest.FixtureRequest) -> Callable[[Any, str], Path]:
    """Save a full-page screenshot named after the test and a step; return its path."""

    def take(page: Any, step: str) -> Path:
        name = request.node.name.replace("[", "-").replace("]", "").replace("/", "_")
        path = artifacts_dir / f"{name}--{step}.png"
        page.screenshot(path=str(path), full_page=True)
        request.node.user_properties.append(("screenshot", str(path)))
        return path

    return take


def pytest_terminal_summary(terminalreporter: Any) -> None:
    folders = sorted(
        {
            str(Path(value).parent)
            for reports in terminalreporter.stats.values()
            for report in reports
            for key, value in getattr(report, "user_properties", [])
            if key == "screenshot"
        }
    )
    if folders:
        terminalreporter.write_line("browser screenshots: " + ", ".join(folders))


@pytest.fixture
def log_in() -> Callable[[Any, str], None]:
    """Sign a page in through the login form, as a person does; it lands on the report list."""

    from threatdesk.testing.personas import PASSWORD

    def sign_in(page: Any, username: str) -> None:
        page.goto("/account/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(re.compile(r"/reports/$"))

    return sign_in


@pytest.fixture
def page_width() -> Callable[[Any], tuple[int, int]]:
    """(document scrollWidth, window innerWidth) of a page: no horizontal scroll when the first <= the second."""

    def measure(page: Any) -> tuple[int, int]:
        width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        return int(width), int(inner)

    return measure


def _png(width: int = 8, height: int = 8) -> bytes:
    """A small valid PNG: a red square, built with the standard library."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def png_bytes() -> bytes:
    return _png()


@pytest.fixture
def evidence_png(tmp_path: Path, png_bytes: bytes) -> Path:
    """A small valid PNG on disk, for a file input."""
    path = tmp_path / "voicemail-screenshot.png"
    path.write_bytes(png_bytes)
    return path
