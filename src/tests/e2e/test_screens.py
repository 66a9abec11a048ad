"""Every main page, as the demo account that uses it sees it, on a desk screen (1280 px) and a phone (360 px).

Full-page screenshots go to artifacts/screenshots/<account>-<page>-<width>.png (CI keeps them, git does not)
for a person to look at. The test itself checks what a machine can: the page answers without an HTTP error,
shows its Vietnamese title, prints no rich text as HTML source, and on a phone never scrolls sideways.
Each problem is collected, so one broken page does not hide the screenshots of the others.
"""

import re
from dataclasses import dataclass

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {1280: 800, 360: 740}
RAW_HTML = re.compile(r"</?(?:p|strong|em|ul|ol|li|br|div|span|a)\b[^>]*>")


@dataclass(frozen=True)
class Screen:
    """A page: a fixed path, or the first link matching `link` on the page at `path` (then `then`, a path
    with `{pk}` taken from the link's first group, when the page is reached by URL rather than link)."""

    name: str
    path: str
    title: str  # what its <h1> says (a part of it)
    link: str = ""
    then: str = ""


SCREENS = {
    "thuongtruc": [
        Screen("home", "/", "Xin chào"),
        Screen("initiatives", "/mo-hinh/", "Mô hình “Dân vận khéo”"),
        Screen("registrations", "/mo-hinh/luot-dang-ky/", "Lượt đăng ký mô hình"),
        Screen("initiative", "/mo-hinh/?exemplary=1", "", link=r"^/mo-hinh/(\d+)/$"),
        Screen(
            "registration",
            "/mo-hinh/luot-dang-ky/?status=recognised&exemplary=1",
            "",
            link=r"^/mo-hinh/luot-dang-ky/(\d+)/$",
        ),
        Screen("inbox", "/binh-xet/tiep-nhan/", "Tiếp nhận đăng ký"),
        Screen("open-review", "/binh-xet/tiep-nhan/?tab=self_assessed", "Đưa ra bình xét"),
        Screen("assign", "/binh-xet/phan-cong/", "Phân công thành viên hội đồng chấm điểm"),
        Screen(
            "results",
            "/binh-xet/phan-cong/",
            "Kết quả bình xét",
            link=r"^/binh-xet/luot-dang-ky/(\d+)/ket-qua/$",
        ),
        Screen("recognise", "/binh-xet/cong-nhan/", "Ghi kết quả công nhận"),
        Screen("commendations", "/khen-thuong/", "Quyết định khen thưởng"),
        Screen("decision", "/khen-thuong/", "Quyết định số", link=r"^/khen-thuong/quyet-dinh/(\d+)/$"),
        Screen("decision-form", "/khen-thuong/quyet-dinh/moi/", "Ghi quyết định khen thưởng"),
        Screen("proposals", "/khen-thuong/de-nghi/", "Đề nghị khen thưởng"),
        Screen("notifications", "/thong-bao/", "Thông báo"),
        Screen("units", "/don-vi/", "Đơn vị trong phạm vi"),
        Screen("users", "/nguoi-dung/", "Người dùng trong phạm vi"),
        Screen("dashboard", "/so-lieu/", "Số liệu phong trào"),
        Screen("reports", "/bao-cao/", "Báo cáo sơ kết, tổng kết"),
    ],
    "canbo": [
        Screen("create", "/dang-ky/moi/", "Đăng ký mô hình mới"),
        Screen(
            "edit",
            "/mo-hinh/luot-dang-ky/?status=returned",
            "Sửa mô hình",
            link=r"^/mo-hinh/luot-dang-ky/(\d+)/$",
            then="/dang-ky/{pk}/sua/",
        ),
        Screen(
            "self-assess",
            "/mo-hinh/luot-dang-ky/?status=accepted",
            "Kết quả và tự đánh giá",
            link=r"^/mo-hinh/luot-dang-ky/(\d+)/$",
            then="/dang-ky/{pk}/tu-danh-gia/",
        ),
        Screen(
            "registration", "/mo-hinh/luot-dang-ky/?status=draft", "", link=r"^/mo-hinh/luot-dang-ky/(\d+)/$"
        ),
        Screen("notifications", "/thong-bao/", "Thông báo"),
    ],
    "hoidong": [
        Screen("my-reviews", "/binh-xet/phieu-cham/", "Phiếu chấm của tôi"),
        Screen("score", "/binh-xet/phieu-cham/", "Phiếu chấm điểm", link=r"^/binh-xet/phieu-cham/(\d+)/$"),
    ],
    "lanhdao": [
        Screen("home", "/", "Xin chào"),
        Screen("initiatives", "/mo-hinh/", "Mô hình “Dân vận khéo”"),
        Screen("dashboard", "/so-lieu/", "Số liệu phong trào"),
        Screen("reports", "/bao-cao/", "Báo cáo sơ kết, tổng kết"),
    ],
}

CASES = [(account, width) for account in SCREENS for width in WIDTHS]


@pytest.mark.parametrize(("account", "width"), CASES, ids=[f"{a}-{w}" for a, w in CASES])
def test_main_pages_render_and_fit_the_screen(page, base_url, sign_in, screenshot_dir, account, width):
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    sign_in(page, account)
    problems: list[str] = []

    for screen in SCREENS[account]:
        url = resolve(page, base_url, screen, problems)
        if url is None:
            continue
        response = page.goto(url)
        name = f"{account}-{screen.name}-{width}"
        page.screenshot(path=screenshot_dir / f"{name}.png", full_page=True)
        problems += [f"{name} ({url}): {problem}" for problem in check(page, response, screen, width)]

    assert not problems, "\n".join(problems)


def resolve(page, base_url: str, screen: Screen, problems: list[str]) -> str | None:
    """The page's URL: its path, or the first matching link of the list it is reached from."""
    if not screen.link:
        return base_url + screen.path
    response = page.goto(base_url + screen.path)
    if response is None or response.status >= 400:
        problems.append(f"{screen.name}: {screen.path} answered HTTP {response and response.status}")
        return None
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    pattern = re.compile(screen.link)
    found = next((m for m in map(pattern.match, hrefs) if m), None)
    if found is None:
        problems.append(f"{screen.name}: no link matching {screen.link} on {screen.path} (demo data?)")
        return None
    path = screen.then.format(pk=found.group(1)) if screen.then else found.group(0)
    return base_url + path


def check(page, response, screen: Screen, width: int) -> list[str]:
    problems = []
    status = response.status if response is not None else None
    if status is None or status >= 400:
        return [f"HTTP {status}"]
    headings = page.locator("main h1").all_inner_texts()
    if len(headings) != 1:
        problems.append(f"{len(headings)} <h1> in <main>, one expected")
    elif screen.title not in headings[0]:
        problems.append(f"<h1> is {headings[0]!r}, expected it to contain {screen.title!r}")
    raw = sorted(set(RAW_HTML.findall(page.locator("main").inner_text())))
    if raw:
        problems.append(f"shows HTML source as text: {', '.join(raw)}")
    if width <= 360:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(
                f"scrolls sideways at {width} px (document is {scroll} px wide){wide(page, width)}"
            )
    return problems


def wide(page, width: int) -> str:
    """The deepest elements sticking out on the right, to say where a page overflows."""
    culprits = page.evaluate(
        """width => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > width + 1 && e.children.length === 0
                         && !e.closest('.table-responsive'))
            .slice(0, 3)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + [...e.classList].join('.') : '')
                 + ' “' + (e.textContent || '').trim().slice(0, 30) + '”')""",
        width,
    )
    return f"; sticking out: {', '.join(culprits)}" if culprits else ""
