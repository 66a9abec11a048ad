"""Browser tests: Debian's Chromium driven by Playwright against a real `dvk serve --demo`.

Without Chromium (or Playwright) these tests are skipped on a developer's machine and fail under CI (env CI
set), so a CI machine that lost its browser cannot pass silently. DVK_CHROMIUM points at another binary.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import server as e2e_server
from tests.e2e.server import DemoServer, shared_demo_server

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


DEMO_PASSWORD = "demo"


def _own_e2e_database_name() -> None:
    """On PostgreSQL the demo server's database is named after the configured one (DVK_DATABASE_URL
    .../dvk_journey → dvk_journey_e2e): two people's runs against one PostgreSQL server never drop each
    other's database. The default name stays dvk_e2e."""
    from urllib.parse import urlsplit

    url = os.environ.get("DVK_DATABASE_URL", "").strip()
    name = urlsplit(url).path.strip("/") if url.startswith("postgres") else ""
    if name and name != "dvk":
        e2e_server.E2E_DATABASE_NAME = f"{name}_e2e"


_own_e2e_database_name()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def _missing(reason: str):
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = os.environ.get("DVK_CHROMIUM", "").strip() or DEFAULT_CHROMIUM
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        _missing(f"Chromium not found at {path} (install Debian's `chromium` or set DVK_CHROMIUM)")
    return path


@pytest.fixture(scope="session")
def browser_context(chromium_executable, tmp_path_factory):
    """One Chromium with a fresh, empty profile for the session (launch_persistent_context: Playwright's
    launch() refuses --user-data-dir)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[test]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(profile),
            executable_path=chromium_executable,
            headless=True,
            args=CHROMIUM_ARGS,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            viewport={"width": 1280, "height": 800},
        )
        context.set_default_timeout(15_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory) -> Iterator[DemoServer]:
    with shared_demo_server(tmp_path_factory) as server:
        yield server


@pytest.fixture(scope="session")
def base_url(demo_server) -> str:
    return demo_server.base_url


@pytest.fixture
def page(browser_context):
    """A new tab with no cookies: every test starts signed out."""
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    try:
        yield tab
    finally:
        tab.close()
        browser_context.clear_cookies()


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig) -> Path:
    directory = Path(pytestconfig.rootpath) / "artifacts" / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def sign_in(base_url):
    """`sign_in(page, username)`: the sign-in form of a signed-out tab, then the home page."""
    from playwright.sync_api import expect

    def sign_in_as(page, username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto(f"{base_url}/dang-nhap/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator("h1")).to_contain_text("Xin chào")

    return sign_in_as
