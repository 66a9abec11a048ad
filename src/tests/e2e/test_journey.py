"""The whole life of one model in a real browser, as the people of huyện Na Hang would live it.

A commune officer (canbo, Thị trấn Na Hang) registers a collective model for 2025 and submits it; the district
secretariat (thuongtruc) returns it with a reason; the officer reads the reason, fixes the registration and
submits again; the secretariat accepts it; the officer enters the year's results and self-assessment; the
secretariat opens the review and assigns two committee members (hoidong, hoidong2), who score every criterion;
the secretariat reads the means and the suggested classification, records the recognition as exemplary with
a decision number and names the model in a commendation decision. Its pages then tell the whole story.

Each person works in the same Chromium after the previous one signed out, and every step checks what the
screen says in Vietnamese, not only where it went.
"""

import re
import secrets
from dataclasses import dataclass

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR = 2025
UNIT_CODE = "02239"  # Thị trấn Na Hang, closed on 30/06/2025: its 2025 registrations still count.
RETURN_REASON = "Bổ sung chỉ tiêu số hộ tham gia và kinh phí đối ứng của nhân dân."
# What the registration's timeline shows, from the audit trail, once the journey is over.
TIMELINE_STEPS = [
    "Tạo lượt đăng ký",
    "Nháp → Đã gửi",
    "Đã gửi → Trả lại",
    "Sửa nội dung đăng ký",
    "Trả lại → Đã gửi",
    "Đã gửi → Đang triển khai",
    "Nhập kết quả và tự đánh giá",
    "Đang triển khai → Đã tự đánh giá",
    "Đã tự đánh giá → Đang bình xét",
    "Ghi kết quả công nhận",
    "Đang bình xét → Được công nhận",
]
# The demo's committee members of huyện Na Hang, as the assignment page names them.
REVIEWERS = {"hoidong": "Triệu Đức Minh", "hoidong2": "Lương Thị Hằng"}
FIXED_TARGETS = "100% hộ dân trong tổ dân phố tham gia; 60 hộ đối ứng kinh phí làm đường."


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


@dataclass
class Model:
    """What the journey created, as the pages show it."""

    name: str
    registration_id: int = 0
    code: str = ""
    decision_number: str = ""
    commendation_number: str = ""


@pytest.fixture
def become(page, base_url, sign_in):
    """`become(username)`: whoever is signed in signs out through the menu, then `username` signs in."""

    def switch(username: str) -> None:
        logout = page.get_by_role("button", name="Đăng xuất")
        if page.url.startswith(base_url) and logout.count():
            logout.click()
            expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
        sign_in(page, username)

    return switch


def flash(page):
    """The messages area at the top of the page (Django's messages)."""
    return page.locator(".alert").first


def test_a_model_goes_from_registration_to_commendation(page, base_url, become, screenshot_dir):
    # Defects that do not stop the journey are collected and reported together at the end.
    problems: list[str] = []
    token = secrets.token_hex(3)
    model = Model(name=f"Mô hình “Ngõ xóm sáng – xanh – sạch” tổ dân phố {token}")
    model.decision_number = f"{secrets.randbelow(900) + 100}/QĐ-BCĐ-{token}"
    model.commendation_number = f"{secrets.randbelow(900) + 100}/QĐ-UBND-{token}"

    become("canbo")
    staff_registers_and_submits(page, base_url, model)

    become("thuongtruc")
    secretariat_returns_from_the_inbox(page, base_url, model)

    become("canbo")
    staff_reads_the_reason_fixes_and_resubmits(page, base_url, model)

    become("thuongtruc")
    secretariat_accepts_on_the_detail_page(page, base_url, model)

    become("canbo")
    staff_self_assesses(page, base_url, model)

    become("thuongtruc")
    secretariat_opens_review_and_assigns_two_reviewers(page, base_url, model)

    become("hoidong")
    reviewer_scores_every_criterion(page, model, problems, share=0.9, first=True)
    become("hoidong2")
    reviewer_scores_every_criterion(page, model, problems, share=1.0, first=False)

    become("thuongtruc")
    secretariat_reads_results_and_recognises_as_exemplary(page, base_url, model, problems)
    secretariat_issues_a_commendation_naming_it(page, base_url, model)
    the_pages_tell_the_whole_story(page, base_url, model, screenshot_dir)

    become("canbo")
    staff_was_told_at_each_step(page, base_url, model)

    assert not problems, "The journey went through, but:\n- " + "\n- ".join(problems)


# --- unit staff ------------------------------------------------------------------------------------------


def staff_registers_and_submits(page, base_url, model: Model) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Đăng ký", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Đăng ký mô hình mới")

    choose(page.get_by_label("Đơn vị đăng ký"), f"({UNIT_CODE})")
    page.get_by_label("Năm đăng ký").fill(str(YEAR))
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Tập thể")
    page.get_by_label("Lĩnh vực").select_option(label="Văn hóa - xã hội")
    page.get_by_label("Tên mô hình").fill(model.name)
    page.get_by_label("Địa chỉ thực hiện").fill("Tổ dân phố 3, thị trấn Na Hang")
    page.get_by_label("Ngày bắt đầu").fill("2025-02-01")
    page.get_by_role("textbox", name="Nội dung, cách làm").fill(
        "Chi hội phụ nữ vận động từng hộ trồng hoa, thắp đèn đường và giữ vệ sinh ngõ xóm."
    )
    page.get_by_role("textbox", name="Mục tiêu").fill("Ngõ xóm sáng, xanh, sạch, đẹp.")
    page.get_by_label("Chỉ tiêu đăng ký").fill("Lắp 40 bóng đèn đường.")
    page.get_by_label("Số hộ hưởng lợi").fill("120")
    page.get_by_label("Kinh phí huy động (đồng)").fill("15.000.000")
    page.get_by_role("button", name="Lưu bản nháp").click()

    expect(flash(page)).to_contain_text("Đã lưu bản nháp đăng ký mô hình")
    expect(page.locator("h1")).to_have_text(model.name)
    expect(page.locator("main")).to_contain_text(f"Lượt đăng ký năm {YEAR}")
    expect(page.locator("main")).to_contain_text("Nháp")
    match = re.search(r"/mo-hinh/luot-dang-ky/(\d+)/$", page.url)
    assert match, f"after saving, the registration's page was expected, got {page.url}"
    model.registration_id = int(match.group(1))
    model.code = page.get_by_role("navigation", name="breadcrumb").get_by_role("link").nth(1).inner_text()
    assert model.code, "the breadcrumb shows the initiative's code"

    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(flash(page)).to_contain_text("Đã gửi đăng ký để Thường trực Ban Chỉ đạo xem xét.")
    expect(status_badge(page)).to_have_text("Đã gửi")


def staff_reads_the_reason_fixes_and_resubmits(page, base_url, model: Model) -> None:
    # The officer learns of the return from the unread notification and opens the registration from it.
    notifications = page.get_by_role("navigation").get_by_role("link", name=re.compile("^Thông báo"))
    expect(notifications.locator(".badge")).to_be_visible()
    notifications.click()
    notice = page.locator("main li.list-group-item").filter(has_text=model.name)
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("Chưa đọc")
    expect(notice).to_contain_text(f"năm {YEAR} bị trả lại để bổ sung, chỉnh sửa. Lý do: {RETURN_REASON}")
    notice.get_by_role("button", name="Xem").click()
    expect(page.locator("h1")).to_have_text(model.name)
    expect(status_badge(page)).to_have_text("Trả lại")
    expect(page.get_by_role("alert").filter(has_text="Lý do trả lại")).to_contain_text(RETURN_REASON)

    page.get_by_role("link", name="Sửa nội dung").click()
    expect(page.locator("h1")).to_contain_text("Sửa mô hình")
    expect(page.get_by_role("alert").filter(has_text="bị trả lại")).to_contain_text(RETURN_REASON)
    expect(page.get_by_label("Tên mô hình")).to_have_value(model.name)
    page.get_by_label("Chỉ tiêu đăng ký").fill(FIXED_TARGETS)
    page.get_by_label("Ngày công").fill("300")
    page.get_by_role("button", name="Lưu và gửi đăng ký").click()

    expect(page.locator("main")).to_contain_text("Đã gửi đăng ký để Thường trực Ban Chỉ đạo xem xét.")
    expect(status_badge(page)).to_have_text("Đã gửi")
    expect(page.locator("main")).to_contain_text(FIXED_TARGETS)


def staff_self_assesses(page, base_url, model: Model) -> None:
    open_registration(page, base_url, model)
    expect(status_badge(page)).to_have_text("Đang triển khai")
    page.get_by_role("link", name="Nhập kết quả và tự đánh giá").click()
    expect(page.locator("h1")).to_have_text(f"Kết quả và tự đánh giá năm {YEAR}")

    page.get_by_role("textbox", name="Kết quả thực hiện").fill(
        "Lắp 45 bóng đèn, trồng 1.200 m hàng rào hoa; 118 hộ tham gia."
    )
    page.get_by_label("Tự đánh giá").fill("Vượt chỉ tiêu; duy trì và nhân rộng sang tổ dân phố 4.")
    criteria = page.locator("ol.criteria-list > li")
    assert criteria.count() > 0, "the phase 2023-2025 of Na Hang has criteria to self-assess against"
    for item in criteria.all():
        fill_criterion(item, share=0.9)
    page.get_by_role("button", name="Gửi tự đánh giá").click()

    expect(flash(page)).to_contain_text("Đã gửi kết quả và tự đánh giá.")
    expect(status_badge(page)).to_have_text("Đã tự đánh giá")
    expect(page.locator("main")).to_contain_text("Kết quả thực hiện")
    expect(page.locator("main")).to_contain_text("118 hộ tham gia")


def fill_criterion(item, share: float) -> None:
    """A criterion of the self-assessment: points (a share of its maximum) or Đạt."""
    select = item.locator("select")
    if select.count():
        select.select_option(label="Đạt")
        return
    help_text = item.locator(".form-text").inner_text()
    top = float(re.search(r"đến ([\d.,]+) điểm", help_text).group(1).replace(",", "."))
    item.locator("input").fill(vietnamese(top * share))


def vietnamese(value: float) -> str:
    """12.5 → "12,5", 9.0 → "9": points as an officer types them."""
    return f"{value:g}".replace(".", ",")


def staff_was_told_at_each_step(page, base_url, model: Model) -> None:
    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Thông báo")).click()
    expect(page.locator("h1")).to_have_text("Thông báo")
    ours = page.locator("main li.list-group-item").filter(has_text=model.name)
    expect(ours.filter(has_text="bị trả lại")).to_contain_text(RETURN_REASON)
    expect(ours.filter(has_text="đã được tiếp nhận")).to_have_count(1)
    expect(ours.filter(has_text=f"được công nhận năm {YEAR}")).to_have_count(1)
    commended = page.locator("main li.list-group-item").filter(has_text=model.commendation_number)
    expect(commended).to_contain_text("khen thưởng")


# --- secretariat -------------------------------------------------------------------------------------------


def secretariat_returns_from_the_inbox(page, base_url, model: Model) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Tiếp nhận").first.click()
    expect(page.locator("h1")).to_contain_text("Tiếp nhận đăng ký")
    row = page.locator(f"#registration-{model.registration_id}")
    expect(row).to_contain_text(model.name)
    expect(row).to_contain_text(f"năm {YEAR}")

    row.get_by_text("Trả lại…").click()
    row.get_by_label("Lý do trả lại").fill(RETURN_REASON)
    row.get_by_role("button", name="Trả lại lượt này").click()

    expect(page.locator("main")).to_contain_text("Đã trả lại 1 lượt đăng ký.")
    expect(page.locator(f"#registration-{model.registration_id}")).to_have_count(0)
    open_registration(page, base_url, model)
    expect(status_badge(page)).to_have_text("Trả lại")
    expect(page.get_by_role("alert").filter(has_text="Lý do trả lại")).to_contain_text(RETURN_REASON)


def secretariat_accepts_on_the_detail_page(page, base_url, model: Model) -> None:
    open_registration(page, base_url, model)
    expect(status_badge(page)).to_have_text("Đã gửi")
    expect(page.locator("main")).to_contain_text(FIXED_TARGETS)
    actions = page.get_by_role("region", name="Thao tác")
    expect(actions.get_by_role("button", name="Tiếp nhận")).to_be_visible()
    expect(actions.get_by_role("button", name="Trả lại…")).to_be_visible()

    actions.get_by_role("button", name="Tiếp nhận").click()

    expect(page.locator("main")).to_contain_text("Đã tiếp nhận lượt đăng ký.")
    expect(status_badge(page)).to_have_text("Đang triển khai")
    # Accepting is done: the secretariat is offered no second acceptance.
    expect(page.get_by_role("button", name="Tiếp nhận")).to_have_count(0)


def secretariat_opens_review_and_assigns_two_reviewers(page, base_url, model: Model) -> None:
    page.goto(f"{base_url}/binh-xet/tiep-nhan/?tab=self_assessed")
    expect(page.locator("h1")).to_contain_text("Đưa ra bình xét")
    row = page.locator(f"#registration-{model.registration_id}")
    expect(row).to_contain_text(model.name)
    row.get_by_role("button", name="Đưa ra bình xét").click()

    expect(page.locator("h1")).to_have_text("Phân công thành viên hội đồng chấm điểm")
    expect(page.locator("main")).to_contain_text("Đã đưa ra bình xét 1 lượt đăng ký.")
    expect(page.get_by_role("checkbox", name=f"Chọn {model.name}")).to_be_checked()
    reviewers = page.locator("main .card").filter(has_text="Người chấm")
    for name in REVIEWERS.values():
        reviewers.get_by_label(re.compile(f"^{name}")).check()
    page.get_by_role("button", name="Phân công", exact=True).click()

    expect(page.locator("main")).to_contain_text("Đã phân công 2 phiếu chấm cho 1 lượt đăng ký.")
    row = page.locator("tbody tr").filter(has_text=model.name)
    expect(row.get_by_text("chưa chấm")).to_have_count(2)


def secretariat_reads_results_and_recognises_as_exemplary(page, base_url, model: Model, problems) -> None:
    open_registration(page, base_url, model)
    expect(status_badge(page)).to_have_text("Đang bình xét")
    page.get_by_role("link", name="Kết quả chấm, công nhận").click()

    expect(page.locator("h1")).to_have_text("Kết quả bình xét")
    main = page.locator("main")
    check_no_raw_html(page, "the results page's summary of the registration", problems)
    expect(main).to_contain_text("(2/2 phiếu đã chấm)")
    expect(main).to_contain_text("Tổng điểm")
    # The phase's criteria add up to 100 points: one member gave 90 % of each, the other 100 %.
    total = page.locator("tr").filter(has_text="Tổng điểm").first
    expect(total).to_contain_text("95")
    expect(total).to_contain_text("90 – 100")
    suggestion = page.get_by_role("status").filter(has_text="Phân loại đề xuất")
    expect(suggestion).to_contain_text("Phân loại đề xuất theo thang điểm của giai đoạn: Tiêu biểu")

    form = page.locator("form.card")
    form.get_by_label("Công nhận", exact=True).check()
    choose(form.get_by_label("Cấp công nhận"), "huyện")
    classification = form.get_by_label("Phân loại")
    options = classification.locator("option").all_inner_texts()
    assert "Tiêu biểu" in options, f"the phase's scale offers Tiêu biểu, got {options}"
    classification.select_option(label="Tiêu biểu")
    form.get_by_label("Mô hình tiêu biểu").check()
    form.get_by_label("Số quyết định").fill(model.decision_number)
    form.get_by_label("Ngày quyết định").fill("2025-12-15")
    form.get_by_role("button", name="Lưu kết quả").click()

    expect(main).to_contain_text(f"Đã ghi kết quả: “{model.name}” được công nhận.")
    recorded = page.locator(".card").filter(has_text="Kết quả đã ghi")
    expect(recorded).to_contain_text("Được công nhận")
    expect(recorded).to_contain_text("Tiêu biểu")
    expect(recorded).to_contain_text(f"Quyết định số {model.decision_number} ngày 15/12/2025")


def secretariat_issues_a_commendation_naming_it(page, base_url, model: Model) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Khen thưởng").first.click()
    page.goto(f"{base_url}/khen-thuong/quyet-dinh/moi/")
    expect(page.locator("h1")).to_have_text("Ghi quyết định khen thưởng")

    page.get_by_label("Số quyết định").fill(model.commendation_number)
    page.get_by_label("Ngày quyết định").fill("2025-12-20")
    choose(page.get_by_label("Đơn vị ban hành"), "huyện Na Hang (072)")
    page.get_by_label("Cơ quan, người ban hành").fill("Chủ tịch UBND huyện Na Hang")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn An")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    page.get_by_label("Hình thức khen thưởng").select_option(label="Giấy khen")
    page.get_by_label("Loại khen thưởng").select_option(label="Chính quyền")
    choose(page.get_by_label("Giai đoạn"), "2023-2025")
    page.get_by_label("Trích yếu").fill("Khen thưởng tập thể có mô hình “Dân vận khéo” tiêu biểu năm 2025")
    row = page.locator("fieldset").first
    row.get_by_label("Đối tượng").select_option(label="Tập thể")
    row.get_by_label("Tên tập thể / Họ và tên").fill(f"Chi hội phụ nữ tổ dân phố 3 ({model.code})")
    row.get_by_label("Mã đơn vị").fill(UNIT_CODE)
    row.get_by_label("Mã mô hình").fill(model.code)
    page.get_by_role("button", name="Lưu quyết định").click()

    expect(page.locator("h1")).to_contain_text(f"Quyết định số {model.commendation_number} ngày 20/12/2025")
    main = page.locator("main")
    expect(main).to_contain_text("Đã ghi")
    expect(main).to_contain_text("Giấy khen (Chính quyền)")
    collectives = page.locator("table").first
    expect(collectives).to_contain_text(f"Chi hội phụ nữ tổ dân phố 3 ({model.code})")
    expect(collectives.get_by_role("link", name=model.code)).to_be_visible()


def the_pages_tell_the_whole_story(page, base_url, model: Model, screenshot_dir) -> None:
    open_registration(page, base_url, model)
    page.screenshot(path=screenshot_dir / "journey-registration-1280.png", full_page=True)
    main = page.locator("main")
    expect(status_badge(page)).to_have_text("Được công nhận")
    recognition = card(page, "Kết quả công nhận")
    expect(recognition).to_contain_text("Được công nhận")
    expect(recognition).to_contain_text("Tiêu biểu")
    expect(recognition).to_contain_text(f"Số {model.decision_number} ngày 15/12/2025")
    commendations = card(page, "Khen thưởng")
    expect(commendations).to_contain_text(f"Quyết định số {model.commendation_number} ngày 20/12/2025")
    timeline = card(page, "Quá trình xử lý")
    for step in TIMELINE_STEPS:
        expect(timeline).to_contain_text(step)
    expect(timeline.locator("li").filter(has_text="Đã gửi → Trả lại")).to_contain_text(RETURN_REASON)
    expect(timeline.locator("li").filter(has_text="Phân công chấm")).to_have_count(2)
    expect(timeline.locator("li").filter(has_text="Nộp phiếu chấm")).to_have_count(2)
    expect(main).to_contain_text("Tự đánh giá")

    page.get_by_role("link", name="Xem mô hình").click()
    expect(page.locator("h1")).to_have_text(model.name)
    page.screenshot(path=screenshot_dir / "journey-initiative-1280.png", full_page=True)
    years = card(page, "Các năm đăng ký")
    expect(years).to_contain_text(f"Năm {YEAR}")
    expect(years).to_contain_text("Được công nhận")
    expect(years).to_contain_text("Tiêu biểu")
    indicators = card(page, "Chỉ số")
    for shown in ("120 hộ", "15.000.000 đồng", "300 ngày công"):
        expect(indicators).to_contain_text(shown)
    honours = card(page, "Khen thưởng")
    expect(honours).to_contain_text("Giấy khen")
    expect(honours).to_contain_text(f"Quyết định số {model.commendation_number} ngày 20/12/2025")
    expect(honours).to_contain_text("Chủ tịch UBND huyện Na Hang")


# --- committee members -------------------------------------------------------------------------------------


def reviewer_scores_every_criterion(page, model: Model, problems: list[str], *, share: float, first: bool):
    page.get_by_role("navigation").get_by_role("link", name="Phiếu chấm").first.click()
    expect(page.locator("h1")).to_have_text("Phiếu chấm của tôi")
    row = page.locator("tbody tr").filter(has_text=model.name)
    row.get_by_role("link", name="Chấm điểm").click()

    main = page.locator("main")
    expect(page.locator("h1")).to_have_text("Phiếu chấm điểm")
    expect(main).to_contain_text(model.name)
    expect(main).to_contain_text("118 hộ tham gia")
    check_no_raw_html(page, "the score page's summary of the registration", problems)
    expect(main).to_contain_text("Điểm của các thành viên khác được ẩn cho đến khi bạn gửi phiếu.")
    expect(main).not_to_contain_text(REVIEWERS["hoidong"] if not first else REVIEWERS["hoidong2"])
    sheets = page.locator("form fieldset.card")
    assert sheets.count() > 0, "every criterion of the phase has its row on the score form"
    for sheet in sheets.all():
        score_criterion(sheet, share)
    page.get_by_label("Nhận xét chung").fill("Mô hình thiết thực, được nhân dân đồng tình hưởng ứng.")
    page.get_by_role("button", name="Gửi phiếu chấm").click()

    expect(main).to_contain_text(f"Đã gửi phiếu chấm “{model.name}”.")
    expect(main).to_contain_text("Phiếu đã gửi lúc")
    scores = page.locator("table").filter(has_text="Tổng điểm")
    expect(main).to_contain_text("Điểm của các thành viên hội đồng")
    # Once one's own sheet is in, the others' submitted sheets show beside it.
    expect(scores.locator("thead")).to_contain_text(REVIEWERS["hoidong"])
    if not first:
        expect(scores.locator("thead")).to_contain_text(REVIEWERS["hoidong2"])


def check_no_raw_html(page, where: str, problems: list[str]) -> None:
    """Rich text (results, description) must print formatted, never as its HTML source."""
    text = page.locator("main").inner_text()
    tags = sorted(set(re.findall(r"</?(?:p|strong|em|ul|ol|li|br)\b[^>]*>", text)))
    if tags:
        problems.append(f"{where} ({page.url}) shows HTML source as text: {', '.join(tags)}")


def score_criterion(sheet, share: float) -> None:
    points = sheet.locator("input[type=number]")
    if points.count():
        top = float(points.get_attribute("max"))
        points.fill(f"{top * share:g}")
    else:
        sheet.get_by_label("Đạt", exact=True).check()
    sheet.get_by_label("Nhận xét").fill("Đạt yêu cầu.")


# --- shared -------------------------------------------------------------------------------------------


def open_registration(page, base_url, model: Model) -> None:
    page.goto(f"{base_url}/mo-hinh/luot-dang-ky/{model.registration_id}/")
    expect(page.locator("h1")).to_have_text(model.name)


def card(page, title: str):
    """A section of a detail page, by its heading."""
    return page.locator("section.card").filter(has=page.get_by_role("heading", name=title, exact=True))


def choose(select, text: str) -> None:
    """Pick the option of a <select> whose visible text contains `text` (exactly one must)."""
    options = select.locator("option").all()
    matching = [option for option in options if text.lower() in option.inner_text().lower()]
    texts = [option.inner_text() for option in options]
    assert len(matching) == 1, f"one option containing {text!r} expected among {texts}"
    select.select_option(value=matching[0].get_attribute("value"))


def status_badge(page):
    """The status badge next to "Lượt đăng ký năm …" on the registration's page."""
    return page.locator("main p").filter(has_text=f"Lượt đăng ký năm {YEAR}").locator(".badge").first
