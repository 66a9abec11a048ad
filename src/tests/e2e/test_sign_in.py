"""Signing in through a real browser against `dvk serve --demo`, at desktop and phone widths."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEMO_PASSWORD = "demo"

# Each demo account, the role its home page shows ("Vai trò của bạn") and where it holds that role.
DEMO_ROLES = [
    ("admin", "Quản trị hệ thống", "toàn bộ đơn vị"),
    ("thuongtruc", "Thường trực Ban Chỉ đạo", "Na Hang"),
    ("thuongtruc.backan", "Thường trực Ban Chỉ đạo", "Bắc Kạn"),
    ("canbo", "Cán bộ đơn vị", "Na Hang"),
    ("hoidong", "Thành viên hội đồng bình xét", "Na Hang"),
    ("lanhdao", "Lãnh đạo (xem)", "Tuyên Quang"),
]

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng"


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def open_sign_in(page, base_url):
    page.goto(f"{base_url}/dang-nhap/")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()


def sign_in(page, base_url, username, password=DEMO_PASSWORD):
    open_sign_in(page, base_url)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("domcontentloaded")


def expect_home(page, base_url):
    expect(page).to_have_url(f"{base_url}/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Xin chào, \S"))


def test_staff_signs_in_and_sees_the_home_page(page, base_url):
    sign_in(page, base_url, "canbo")

    expect_home(page, base_url)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize(("username", "role", "where"), DEMO_ROLES, ids=[a[0] for a in DEMO_ROLES])
def test_each_demo_account_signs_in_and_sees_its_role(page, base_url, username, role, where):
    sign_in(page, base_url, username)

    expect_home(page, base_url)
    badge = page.locator("main").get_by_text(role, exact=True).first
    expect(badge).to_be_visible()
    expect(badge.locator("xpath=..")).to_contain_text(where)


def test_wrong_password_is_refused_in_vietnamese(page, base_url):
    sign_in(page, base_url, "canbo", "mat-khau-sai")

    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    expect(page.get_by_role("alert")).to_contain_text(WRONG_LOGIN)
    expect(page.locator("h1")).not_to_contain_text("Xin chào")
    # The username is kept, the password is not.
    expect(page.locator("input[name=username]")).to_have_value("canbo")
    expect(page.locator("input[name=password]")).to_have_value("")


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_and_no_horizontal_scroll_on_phones(page, base_url, screenshot_dir, width):
    page.set_viewport_size({"width": width, "height": 800 if width > 600 else 740})

    open_sign_in(page, base_url)
    page.screenshot(path=screenshot_dir / f"sign-in-{width}.png", full_page=True)
    sign_in_width = scroll_width(page)

    sign_in(page, base_url, "canbo")
    expect_home(page, base_url)
    page.screenshot(path=screenshot_dir / f"home-{width}.png", full_page=True)
    home_width = scroll_width(page)

    if width == 360:
        assert sign_in_width <= 360, f"the sign-in page scrolls sideways at 360 px ({sign_in_width} px wide)"
        assert home_width <= 360, f"the home page scrolls sideways at 360 px ({home_width} px wide)"
