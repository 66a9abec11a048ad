"""Unit staff's pages: what they show (in Vietnamese), what they write through the services, and who may
open them (403 without the permission, 404 outside the scope)."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from dvk.backoffice.forms_registrations import format_vietnamese_number, parse_vietnamese_number
from dvk.campaigns.models import CriteriaSet, Criterion
from dvk.initiatives.attachments import add_attachment
from dvk.initiatives.enums import InitiativeKind, Status, YearOutcome
from dvk.initiatives.models import Attachment, Initiative, Registration
from tests.factories import InitiativeFactory, PhaseFactory, RegistrationFactory, sector


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def page(response) -> str:
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def detail_url(registration) -> str:
    return reverse("initiatives:registration", args=[registration.pk])


def registration_in(unit, status=Status.DRAFT, **fields):
    initiative = InitiativeFactory(unit=unit, name=fields.pop("name", "Mô hình “Dân vận khéo” thử"))
    return RegistrationFactory(initiative=initiative, status=status, **fields)


def form_data(**overrides):
    data = {
        "kind": InitiativeKind.COLLECTIVE,
        "name": "Mô hình “Con đường nông thôn mới”",
        "sector": sector().pk,
        "address": "Thôn Nà Reo",
        "started_on": "2024-03-01",
        "description": "Vận động nhân dân hiến đất",
        "objectives": "",
        "targets": "Làm 2 km đường",
        "households_benefiting": "120",
        "funds_mobilised": "1.500.000",
        "workdays": "",
        "land_donated_m2": "",
        "roads_km": "2,5",
    }
    return {**data, **overrides}


# --- create ----------------------------------------------------------------------------------------------


def test_the_create_page_preselects_the_only_unit_and_speaks_vietnamese(tree, people, as_user):
    html = page(as_user(people.staff).get(reverse("registrations:create")))
    assert "Đăng ký mô hình mới" in html
    for label in (
        "Tên mô hình",
        "Họ và tên",
        "Chức vụ",
        "Lĩnh vực",
        "Kinh phí huy động (đồng)",
        "Đất hiến (m²)",
    ):
        assert label in html
    assert re.search(rf'<option value="{tree.b1.pk}" selected>', html)
    assert "Huyện C" not in html
    assert re.search(r'href="/dang-ky/moi/"[^>]*>Đăng ký</a>', html)  # the navigation entry


def test_a_district_secretariat_chooses_among_its_units(tree, people, as_user):
    html = page(as_user(people.secretariat).get(reverse("registrations:create")))
    for unit in (tree.b, tree.b1, tree.b2):
        assert f'<option value="{unit.pk}">' in html
    assert f'value="{tree.c1.pk}"' not in html


def test_creating_saves_and_goes_to_the_registration(tree, people, as_user):
    response = as_user(people.staff).post(
        reverse("registrations:create"), form_data(unit=tree.b1.pk, year=2025)
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == detail_url(registration)
    initiative = registration.initiative
    assert (initiative.funds_mobilised, initiative.roads_km, initiative.households_benefiting) == (
        1_500_000,
        2.5,
        120,
    )
    assert initiative.description == "<p>Vận động nhân dân hiến đất</p>"
    assert (registration.year, registration.status, registration.targets) == (
        2025,
        Status.DRAFT,
        "Làm 2 km đường",
    )
    assert any("Đã lưu bản nháp" in message for message in flashed(response))


def test_an_individual_without_a_person_is_shown_next_to_the_field(tree, people, as_user):
    response = as_user(people.staff).post(
        reverse("registrations:create"),
        form_data(unit=tree.b1.pk, year=2025, kind=InitiativeKind.INDIVIDUAL, funds_mobilised="nhiều lắm"),
    )
    html = page(response)
    assert response.status_code == 200
    assert "Mô hình cá nhân cần ghi họ và tên người thực hiện." in html
    assert "Mô hình cá nhân cần ghi chức vụ của người thực hiện." in html
    assert "Vui lòng nhập một số" in html
    assert 'value="Mô hình “Con đường nông thôn mới”"' in html  # what was typed stays
    assert "is-invalid" in html
    assert not Initiative.objects.exists()


def test_a_sibling_unit_and_a_bad_year_are_refused_by_the_form(tree, people, as_user):
    response = as_user(people.staff).post(
        reverse("registrations:create"), form_data(unit=tree.c1.pk, year=2008)
    )
    html = page(response)
    assert "Năm đăng ký phải từ 2009 trở đi." in html
    assert "Hãy chọn một lựa chọn hợp lệ" in html
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "reviewer", "nobody"])
def test_readers_and_reviewers_may_not_register(tree, people, as_user, who):
    client = as_user(getattr(people, who))
    assert client.get(reverse("registrations:create")).status_code == 403
    assert client.get(reverse("registrations:register_again")).status_code == 403
    assert 'href="/dang-ky/moi/"' not in page(client.get(reverse("home")))


def test_signing_in_comes_first(tree, client):
    response = client.get(reverse("registrations:create"))
    assert response.status_code == 302
    assert reverse("login") in response.url


# --- register again --------------------------------------------------------------------------------------


def test_register_again_offers_only_the_users_initiatives_and_searches_without_diacritics(
    tree, people, as_user
):
    own = registration_in(tree.b1, Status.RECOGNISED, year=2023, name="Đường giao thông kiểu mẫu").initiative
    registration_in(tree.b1, Status.RECOGNISED, year=2023, name="Chi hội phụ nữ")
    foreign = registration_in(tree.c1, Status.RECOGNISED, year=2023, name="Đường của xã khác").initiative
    client = as_user(people.staff)

    html = page(client.get(reverse("registrations:register_again")))
    assert "Đường giao thông kiểu mẫu" in html
    assert "Chi hội phụ nữ" in html
    assert foreign.name not in html

    url = reverse("registrations:register_again") + "?q=duong"
    html = page(client.get(url))
    assert "Đường giao thông kiểu mẫu" in html
    assert "Chi hội phụ nữ" not in html

    response = client.post(url, {"initiative": own.pk, "year": 2025})
    created = own.registrations.get(year=2025)
    assert response.url == detail_url(created)

    response = client.post(url, {"initiative": own.pk, "year": 2025})
    assert "đã có lượt đăng ký năm 2025" in page(response)


def test_register_again_refuses_a_sibling_initiative(tree, people, as_user):
    foreign = registration_in(tree.c1, Status.RECOGNISED, year=2023).initiative
    response = as_user(people.staff).post(
        reverse("registrations:register_again"), {"initiative": foreign.pk, "year": 2025}
    )
    assert response.status_code == 200
    assert not foreign.registrations.filter(year=2025).exists()


# --- edit ------------------------------------------------------------------------------------------------


def edit_post(registration, **overrides):
    initiative = registration.initiative
    data = form_data(
        **{
            "name": initiative.name,
            "version": registration.version,
            "initiative_version": initiative.version,
            **overrides,
        }
    )
    return reverse("registrations:edit", args=[registration.pk]), data


def test_the_edit_page_shows_the_saved_values_the_versions_and_why_it_was_returned(tree, people, as_user):
    registration = registration_in(
        tree.b1, Status.RETURNED, return_reason="Thiếu số liệu kết quả", targets="Cũ"
    )
    html = page(as_user(people.staff).get(reverse("registrations:edit", args=[registration.pk])))
    assert "Lượt đăng ký bị trả lại." in html
    assert "Thiếu số liệu kết quả" in html
    assert 'name="version" value="1"' in html
    assert 'name="initiative_version" value="1"' in html
    assert "Mô hình “Dân vận khéo” thử" in html
    assert "Lưu và gửi đăng ký" in html
    assert "Rút đăng ký" in html


def test_editing_saves_and_returns_to_the_registration(tree, people, as_user):
    registration = registration_in(tree.b1)
    url, data = edit_post(registration, name="Tên đã sửa")
    response = as_user(people.staff).post(url, data)
    assert response.status_code == 302
    assert response.url == detail_url(registration)
    registration.refresh_from_db()
    assert (registration.initiative.name, registration.version, registration.status) == (
        "Tên đã sửa",
        2,
        Status.DRAFT,
    )


def test_save_and_submit(tree, people, as_user):
    registration = registration_in(tree.b1, Status.RETURNED, return_reason="Bổ sung")
    url, data = edit_post(registration, name="Đã bổ sung")
    response = as_user(people.staff).post(url, {**data, "and_submit": "1"})
    registration.refresh_from_db()
    assert registration.status == Status.SUBMITTED
    assert response.url == detail_url(registration)
    assert "Đã gửi đăng ký để Thường trực Ban Chỉ đạo xem xét." in flashed(response)


def test_a_stale_form_shows_the_conflict_and_keeps_both_sides(tree, people, as_user):
    registration = registration_in(tree.b1, targets="Chỉ tiêu ban đầu")
    url, stale = edit_post(registration, name="Tên của cán bộ", targets="Chỉ tiêu của cán bộ")
    # A colleague saves first.
    _url, first = edit_post(registration, name="Tên của thường trực", targets="Chỉ tiêu ban đầu")
    assert as_user(people.secretariat).post(url, first).status_code == 302

    response = as_user(people.staff).post(url, stale)

    html = page(response)
    assert response.status_code == 200
    assert "Người khác đã lưu thay đổi" in html
    assert "không có nội dung nào bị ghi đè" in html
    assert 'value="Tên của cán bộ"' in html  # the user's input is kept
    assert "Chỉ tiêu của cán bộ" in html
    assert "Bản đang lưu khác với nội dung bạn nhập" in html
    assert "Tên của thường trực" in html  # the saved value is shown beside it
    assert 'name="version" value="2"' in html  # saving again is now a conscious choice
    registration.refresh_from_db()
    assert (registration.initiative.name, registration.targets) == ("Tên của thường trực", "Chỉ tiêu ban đầu")


def test_a_submitted_registration_is_not_editable(tree, people, as_user):
    registration = registration_in(tree.b1, Status.SUBMITTED)
    client = as_user(people.staff)
    html = page(client.get(reverse("registrations:edit", args=[registration.pk])))
    assert "chỉ sửa được khi còn là bản nháp hoặc bị trả lại" in html
    assert 'name="version"' not in html
    url, data = edit_post(registration, name="Không được")
    response = client.post(url, data)
    assert "chỉ sửa được khi còn là bản nháp" in page(response)
    assert Initiative.objects.get(pk=registration.initiative_id).name != "Không được"


PAGES = ["edit", "self_assess", "continue", "stop", "attachments"]


@pytest.mark.parametrize("name", PAGES)
def test_a_sibling_units_registration_is_not_found(tree, people, as_user, name):
    registration = registration_in(tree.b1, Status.ACCEPTED)
    assert (
        as_user(people.staff_c).get(reverse(f"registrations:{name}", args=[registration.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["viewer", "reviewer"])
def test_readers_and_reviewers_are_forbidden(tree, people, as_user, name, who):
    registration = registration_in(tree.b1, Status.ACCEPTED)
    url = reverse(f"registrations:{name}", args=[registration.pk])
    assert as_user(getattr(people, who)).get(url).status_code == 403
    assert as_user(getattr(people, who)).post(url, {}).status_code == 403


# --- transition ------------------------------------------------------------------------------------------


def test_submitting_through_the_transition_screen(tree, people, as_user):
    registration = registration_in(tree.b1)
    url = reverse("registrations:transition", args=[registration.pk])
    client = as_user(people.staff)
    assert client.get(url).status_code == 405
    response = client.post(url, {"to": Status.SUBMITTED, "note": ""})
    registration.refresh_from_db()
    assert registration.status == Status.SUBMITTED
    assert response.url == detail_url(registration)


def test_a_refused_transition_is_a_message_and_next_must_be_local(tree, people, as_user):
    registration = registration_in(tree.b1)
    url = reverse("registrations:transition", args=[registration.pk])
    client = as_user(people.staff)

    response = client.post(url, {"to": Status.WITHDRAWN, "note": "", "next": "https://evil.example/"})
    assert response.url == detail_url(registration)
    assert "Vui lòng ghi rõ lý do." in flashed(response)

    back = reverse("registrations:edit", args=[registration.pk])
    response = client.post(url, {"to": Status.ACCEPTED, "next": back})
    assert response.url == back
    assert any("Không thể chuyển" in message for message in flashed(response))

    response = client.post(url, {"to": "nonsense"})
    assert "Thao tác không hợp lệ." in flashed(response)

    response = client.post(url, {"to": Status.WITHDRAWN, "note": "Đơn vị xin rút"})
    registration.refresh_from_db()
    assert (registration.status, registration.withdraw_reason) == (Status.WITHDRAWN, "Đơn vị xin rút")


def test_transitions_out_of_scope_or_role(tree, people, as_user):
    registration = registration_in(tree.b1)
    url = reverse("registrations:transition", args=[registration.pk])
    assert as_user(people.staff_c).post(url, {"to": Status.SUBMITTED}).status_code == 404
    response = as_user(people.viewer).post(url, {"to": Status.SUBMITTED})
    assert any("không có quyền" in message for message in flashed(response))
    registration.refresh_from_db()
    assert registration.status == Status.DRAFT


# --- self-assessment -------------------------------------------------------------------------------------


@pytest.fixture
def assessed_phase(tree):
    criteria = CriteriaSet.objects.create(name="Tiêu chí tập thể")
    first = Criterion.objects.create(
        criteria_set=criteria, order=1, text="Cách làm khéo, sáng tạo", max_points=40
    )
    second = Criterion.objects.create(criteria_set=criteria, order=2, text="Nhân dân đồng tình")
    phase = PhaseFactory(
        launched_by=tree.b, code="2023-2025", start_year=2023, end_year=2025, collective_criteria=criteria
    )
    return phase, first, second


def test_the_self_assessment_page_lists_the_phases_criteria(tree, people, as_user, assessed_phase):
    phase, _first, _second = assessed_phase
    registration = registration_in(tree.b1, Status.ACCEPTED, year=2024, phase=phase, targets="Làm 2 km đường")
    html = page(as_user(people.staff).get(reverse("registrations:self_assess", args=[registration.pk])))
    assert "Kết quả và tự đánh giá năm 2024" in html
    assert "Tự chấm theo tiêu chí" in html
    assert "Cách làm khéo, sáng tạo" in html
    assert "Từ 0 đến 40 điểm" in html
    assert "Nhân dân đồng tình" in html
    assert "Làm 2 km đường" in html  # the targets, for reference


def test_self_assessing_through_the_page(tree, people, as_user, assessed_phase):
    phase, first, second = assessed_phase
    registration = registration_in(tree.b1, Status.ACCEPTED, year=2024, phase=phase)
    url = reverse("registrations:self_assess", args=[registration.pk])
    client = as_user(people.staff)

    response = client.post(
        url, {"results": "Đã làm xong", f"criterion_{first.pk}": "45", f"criterion_{second.pk}": ""}
    )
    html = page(response)
    assert "Điểm tối đa của tiêu chí này là 40.<" in html
    assert "Vui lòng chọn đạt hoặc không đạt." in html

    response = client.post(
        url,
        {
            "results": "Đã làm xong",
            "self_assessment": "Tốt",
            f"criterion_{first.pk}": "37,5",
            f"criterion_{second.pk}": "1",
        },
    )
    assert response.url == detail_url(registration)
    registration.refresh_from_db()
    assert registration.status == Status.SELF_ASSESSED
    assert registration.self_assessment_scores == {str(first.pk): 37.5, str(second.pk): True}


def test_self_assessment_waits_for_acceptance(tree, people, as_user):
    registration = registration_in(tree.b1, Status.SUBMITTED)
    html = page(as_user(people.staff).get(reverse("registrations:self_assess", args=[registration.pk])))
    assert "Chỉ nhập kết quả và tự đánh giá khi lượt đăng ký đã được" in html
    assert 'name="results"' not in html


# --- year end --------------------------------------------------------------------------------------------


def test_continuing_from_its_confirmation_page(tree, people, as_user):
    registration = registration_in(tree.b1, Status.RECOGNISED, year=2023, targets="Chỉ tiêu 2023")
    url = reverse("registrations:continue", args=[registration.pk])
    client = as_user(people.staff)
    html = page(client.get(url))
    assert "Duy trì mô hình sang năm 2024" in html
    assert "điền sẵn chỉ tiêu" in html

    response = client.post(url)
    following = Registration.objects.get(year=2024)
    assert response.url == detail_url(following)
    assert following.targets == "Chỉ tiêu 2023"

    html = page(client.get(url))
    assert "đã được kết thúc" in html
    assert "<button" not in html.split("<main")[1]


def test_stopping_needs_a_reason(tree, people, as_user):
    registration = registration_in(tree.b1, Status.ACCEPTED, year=2024)
    url = reverse("registrations:stop", args=[registration.pk])
    client = as_user(people.staff)
    assert "Lý do dừng" in page(client.get(url))
    assert "Vui lòng ghi rõ lý do dừng mô hình." in page(client.post(url, {"reason": ""}))
    response = client.post(url, {"reason": "Hết kinh phí"})
    assert response.url == detail_url(registration)
    registration.refresh_from_db()
    assert registration.outcome == YearOutcome.STOPPED


def test_a_draft_cannot_be_closed(tree, people, as_user):
    registration = registration_in(tree.b1)
    client = as_user(people.staff)
    assert "chỉ duy trì hoặc dừng được" in page(
        client.get(reverse("registrations:continue", args=[registration.pk]))
    )
    response = client.post(reverse("registrations:stop", args=[registration.pk]), {"reason": "x"})
    assert "chỉ duy trì hoặc dừng được" in page(response)
    registration.refresh_from_db()
    assert registration.outcome == ""


# --- attachments -----------------------------------------------------------------------------------------


def jpeg(color="red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, format="JPEG")
    return out.getvalue()


def test_uploading_listing_serving_and_removing(tree, people, as_user):
    registration = registration_in(tree.b1)
    url = reverse("registrations:attachments", args=[registration.pk])
    client = as_user(people.staff)
    html = page(client.get(url))
    assert "Tải lên ảnh hoặc tài liệu" in html
    assert "Chưa có ảnh hay tài liệu nào." in html
    assert "tối đa 10 MB" in html

    response = client.post(url, {"file": SimpleUploadedFile("le-ra-quan.jpg", jpeg()), "caption": "Ra quân"})
    assert response.url == url
    attachment = Attachment.objects.get()
    html = page(client.get(url))
    assert "le-ra-quan.jpg" in html
    assert "Ra quân" in html
    assert reverse("registrations:attachment_thumbnail", args=[attachment.pk]) in html

    served = client.get(reverse("registrations:attachment_file", args=[attachment.pk]))
    assert served["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (64, 48)
    thumbnail = client.get(reverse("registrations:attachment_thumbnail", args=[attachment.pk]))
    assert thumbnail.status_code == 200
    assert (
        as_user(people.staff_c)
        .get(reverse("registrations:attachment_file", args=[attachment.pk]))
        .status_code
        == 404
    )

    client = as_user(people.staff)
    remove = reverse("registrations:attachment_remove", args=[attachment.pk])
    assert "Gỡ tệp đính kèm" in page(client.get(remove))
    assert client.post(remove).url == url
    attachment.refresh_from_db()
    assert attachment.is_removed
    assert "le-ra-quan.jpg" not in page(client.get(url)).split("</nav>", 2)[-1]
    assert client.get(reverse("registrations:attachment_file", args=[attachment.pk])).status_code == 404


def test_a_disguised_file_is_refused_on_the_page(tree, people, as_user):
    registration = registration_in(tree.b1)
    url = reverse("registrations:attachments", args=[registration.pk])
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 300, content_type="image/jpeg")
    html = page(as_user(people.staff).post(url, {"file": fake}))
    assert "Tệp “anh.jpg” không phải loại được nhận." in html
    assert not Attachment.objects.exists()


def test_removing_needs_the_permission_and_the_scope(tree, people, as_user):
    registration = registration_in(tree.b1)
    attachment = add_attachment(
        actor=people.staff, registration=registration, uploaded_file=SimpleUploadedFile("a.jpg", jpeg())
    )
    remove = reverse("registrations:attachment_remove", args=[attachment.pk])
    assert as_user(people.staff_c).post(remove).status_code == 404
    assert as_user(people.viewer).post(remove).status_code == 403
    assert (
        as_user(people.viewer).get(reverse("registrations:attachment_file", args=[attachment.pk])).status_code
        == 200
    )
    attachment.refresh_from_db()
    assert not attachment.is_removed


def test_the_attachment_list_costs_the_same_queries_for_one_or_many(tree, people, as_user):
    registration = registration_in(tree.b1)
    url = reverse("registrations:attachments", args=[registration.pk])
    client = as_user(people.staff)

    def upload(n):
        add_attachment(
            actor=people.staff,
            registration=registration,
            uploaded_file=SimpleUploadedFile(f"{n}.jpg", jpeg()),
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    upload(1)
    one = count()
    upload(2)
    upload(3)
    upload(4)
    assert count() == one


@pytest.mark.parametrize(
    ("typed", "number", "shown"),
    [
        ("1.500.000", Decimal(1_500_000), "1.500.000"),
        ("1 500 000", Decimal(1_500_000), "1.500.000"),
        ("12,5", Decimal("12.5"), "12,5"),
        ("12.5", Decimal("12.5"), "12,5"),
        ("1.234,75", Decimal("1234.75"), "1.234,75"),
    ],
)
def test_numbers_are_read_and_shown_the_vietnamese_way(typed, number, shown):
    assert parse_vietnamese_number(typed) == number
    assert format_vietnamese_number(number) == shown


def test_the_edit_form_shows_saved_numbers_the_vietnamese_way(tree, people, as_user):
    registration = registration_in(tree.b1)
    Initiative.objects.filter(pk=registration.initiative_id).update(
        funds_mobilised=Decimal(848_000_000), land_donated_m2=Decimal("12.50")
    )
    html = page(as_user(people.staff).get(reverse("registrations:edit", args=[registration.pk])))
    assert 'value="848.000.000"' in html
    assert 'value="12,5"' in html


def test_a_merged_units_staff_are_offered_its_last_year(tree, people, as_user):
    tree.b1.is_active, tree.b1.valid_to = False, date(2025, 6, 30)
    tree.b1.save(update_fields=["is_active", "valid_to"])
    html = page(as_user(people.staff).get(reverse("registrations:create")))
    assert "hoạt động đến 30/06/2025" in html
    assert 'name="year" value="2025"' in html


def test_the_register_again_picker_costs_the_same_queries_for_one_or_many(tree, people, as_user):
    client = as_user(people.secretariat)
    url = reverse("registrations:register_again")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    registration_in(tree.b1, Status.RECOGNISED, year=2023)
    one = count()
    for unit in (tree.b, tree.b2, tree.b2):
        registration_in(unit, Status.RECOGNISED, year=2023)
    assert count() == one
