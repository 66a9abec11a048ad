"""The lists everyone reads (initiatives, registrations) and their Excel export."""

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dvk.accounts.roles import Role
from dvk.backoffice.exports import HEADERS
from dvk.evaluations.models import Recognition, RecognitionLevel
from dvk.initiatives.enums import InitiativeKind, Status
from tests.factories import InitiativeFactory, RegistrationFactory, make_user


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def rows(tree):
    road = InitiativeFactory(code="NH-0001", unit=tree.b1, name="Dân vận khéo làm đường giao thông")
    hoa = InitiativeFactory(
        code="NH-0002",
        unit=tree.b2,
        name="Bà Hoa giữ gìn bản sắc",
        kind=InitiativeKind.INDIVIDUAL,
        person_name="Đặng Thị Hoa",
        person_position="Chi hội trưởng",
    )
    sibling = InitiativeFactory(code="NH-0003", unit=tree.c1, name="Dân vận khéo xã C1")
    recognised = RegistrationFactory(initiative=road, year=2021, status=Status.RECOGNISED)
    Recognition.objects.create(
        registration=recognised,
        recognised=True,
        is_exemplary=True,
        classification_name="Tiêu biểu",
        level=RecognitionLevel.DISTRICT,
        decision_number="21-QĐ/BCĐ",
        decision_date=date(2021, 12, 10),
    )
    RegistrationFactory(initiative=road, year=2022, status=Status.SUBMITTED)
    RegistrationFactory(initiative=hoa, year=2022, status=Status.RETURNED)
    RegistrationFactory(initiative=sibling, year=2022, status=Status.SUBMITTED)
    return road


def test_the_initiative_list_shows_the_scope_with_badges_and_links(rows, people, client):
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:list")))
    assert "Dân vận khéo làm đường giao thông" in page
    assert "Bà Hoa giữ gìn bản sắc" in page
    assert "xã C1" not in page
    assert "2 mô hình" in page
    assert reverse("initiatives:detail", args=[rows.pk]) in page
    assert '<span class="badge text-bg-primary">Đã gửi</span>' in page
    assert "Tiêu biểu" in page
    assert "Xuất Excel" in page
    assert reverse("initiatives:export") in page


def test_search_without_diacritics_and_filters(rows, people, client):
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:list"), {"q": "dan van kheo duong"}))
    assert "1 mô hình" in page
    assert "Dân vận khéo làm đường" in page
    page = html(client.get(reverse("initiatives:registrations"), {"status": Status.RETURNED}))
    assert "1 lượt đăng ký" in page
    assert "Bà Hoa" in page
    assert "Trả lại" in page
    page = html(client.get(reverse("initiatives:registrations"), {"kind": "individual", "year": "2021"}))
    assert "0 lượt đăng ký" in page
    assert "Không có lượt đăng ký nào" in page
    # The export link carries the same filter.
    assert f"{reverse('initiatives:export')}?kind=individual&amp;year=2021" in page


def test_a_unit_out_of_scope_in_the_query_is_refused_not_shown(rows, people, client, tree):
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:list"), {"unit": tree.c1.pk}))
    assert "xã C1" not in page
    assert "invalid-feedback" in page
    assert "2 mô hình" in page  # the invalid filter is dropped, the scope stays


def test_sort_links_toggle_and_keep_the_filter(rows, people, client):
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:registrations"), {"sort": "name", "kind": "collective"}))
    assert "?sort=-name&amp;kind=collective" in page or "?kind=collective&amp;sort=-name" in page
    assert "Tên mô hình▲" in page
    names = html(client.get(reverse("initiatives:registrations"), {"sort": "-name"}))
    assert names.index("Dân vận khéo làm đường") < names.index("Bà Hoa")


def test_pages_of_25(tree, people, client):
    for number in range(27):
        InitiativeFactory(unit=tree.b1, name=f"Mô hình số {number:02d}")
    client.force_login(people.staff)
    first = html(client.get(reverse("initiatives:list"), {"sort": "name"}))
    assert "Mô hình số 24" in first
    assert "Mô hình số 25" not in first
    assert "1 / 2" in first
    assert "page=2" in first
    second = html(client.get(reverse("initiatives:list"), {"sort": "name", "page": 2}))
    assert "Mô hình số 26" in second
    assert "Mô hình số 00" not in second


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        html(client.get(url))
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["initiatives:list", "initiatives:registrations"])
def test_a_page_costs_the_same_queries_for_one_row_and_for_three(tree, client, name):
    def add(year):
        registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), year=year)
        Recognition.objects.create(
            registration=registration, recognised=True, classification_name="Công nhận"
        )

    client.force_login(make_user(tree.b1, Role.STAFF, username="dem"))
    add(2020)
    url = reverse(name) + "?q=mo+hinh&sort=status"
    one = _count(client, url)
    add(2021)
    add(2022)
    three = _count(client, url)
    assert "3 " in html(client.get(url))
    assert three == one


def test_readers_without_any_role_are_refused(people, client):
    client.force_login(people.nobody)
    assert client.get(reverse("initiatives:list")).status_code == 403
    assert client.get(reverse("initiatives:export")).status_code == 403


def test_the_export_is_a_real_workbook_in_the_import_format(rows, people, client):
    client.force_login(people.secretariat)
    response = client.get(reverse("initiatives:export"), {"q": "duong"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == HEADERS
    assert HEADERS[:3] == ["Mã mô hình", "Tên mô hình", "Mã đơn vị"]
    assert len(values) == 3  # header + the two years of the road initiative
    first = dict(zip(HEADERS, values[1], strict=True))
    assert first["Mã mô hình"] == "NH-0001"
    assert first["Năm"] == 2021
    assert isinstance(first["Năm"], int)
    assert first["Kết quả"] == "Tiêu biểu"
    assert first["Cấp công nhận"] == "Cấp huyện"
    assert first["Số quyết định"] == "21-QĐ/BCĐ"
    assert first["Ngày quyết định"] == datetime(2021, 12, 10)
    assert first["Loại"] == "Tập thể"
    second = dict(zip(HEADERS, values[2], strict=True))
    assert (second["Năm"], second["Trạng thái"], second["Kết quả"]) == (2022, "Đã gửi", None)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:N")


def test_the_export_never_contains_the_sibling_subtree(rows, people, client):
    client.force_login(people.secretariat)
    response = client.get(reverse("initiatives:export"))
    codes = [row[0] for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.values][1:]
    assert sorted(codes) == ["NH-0001", "NH-0001", "NH-0002"]
