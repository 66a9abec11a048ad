"""The import screens: upload → preview (counts, problems, closest match, ignored columns) → confirm → task
with a progress bar → result; the history; templates; permissions and scope."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dvk.imports.models import ImportRun, ImportStatus
from dvk.initiatives.models import Initiative
from tests.imports.files import csv_bytes
from tests.imports.registers import initiative_row, initiatives_file, preview

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def page(response) -> str:
    return response.content.decode()


def upload(client, data: bytes, name="so-theo-doi.xlsx", kind="initiatives"):
    return client.post(reverse("imports:index"), {"kind": kind, "file": SimpleUploadedFile(name, data)})


@pytest.fixture
def register(tree):
    return initiatives_file(
        initiative_row("W-1", "Mô hình một", tree.b1, 2022, result="Công nhận"),
        initiative_row("W-2", "Mô hình hai", tree.b2, 2023),
        initiative_row("W-3", "Mô hình ba", tree.b1, 2023, sector="Văn hoá xã hộii"),
    )


@pytest.mark.parametrize("who", ["staff", "reviewer", "viewer", "nobody"])
def test_only_secretariat_and_administrators_reach_the_import_pages(people, as_user, who):
    client = as_user(getattr(people, who))

    assert client.get(reverse("imports:index")).status_code == 403
    assert client.get(reverse("imports:template", args=["units"])).status_code == 403
    assert "Nhập Excel" not in page(client.get(reverse("home")))


def test_the_upload_page_offers_templates_and_the_nav_entry(people, as_user):
    html = page(as_user(people.secretariat).get(reverse("imports:index")))

    assert "Nhập Excel" in html
    assert "Kiểm tra tệp" in html
    assert reverse("imports:template", args=["initiatives"]) + "?du-lieu=1" in html
    assert "Chưa có lần nhập nào." in html


def test_upload_then_preview_lists_counts_problems_with_closest_match_and_ignored_columns(
    people, as_user, register
):
    client = as_user(people.secretariat)

    response = upload(client, register)

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[run.pk])
    html = page(client.get(response["Location"]))
    assert "Tệp có lỗi: xem danh sách bên dưới." in html
    assert "dòng dữ liệu" in html
    assert "H (Lĩnh vực)" in html
    assert "Không có lĩnh vực “Văn hoá xã hộii”." in html
    assert "Gợi ý: Văn hóa - xã hội" in html
    assert "STT (cột A)" in html
    assert "Chỉ nhập các dòng hợp lệ" in html
    assert "Tải lên tệp đã sửa" in html
    assert not Initiative.objects.exists()


def test_confirming_runs_the_task_and_shows_the_result(
    settings, people, as_user, register, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client = as_user(people.secretariat)
    upload(client, register)
    run = ImportRun.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:start", args=[run.pk]), {"only_valid": "on"})

    html = page(client.get(response["Location"]))
    assert "Đã nhập: 2 mới, 0 thay đổi, 0 không đổi; 1 dòng có lỗi không được nhập." in html
    assert "Các dòng lỗi không được nhập (1)" in html
    assert set(Initiative.objects.values_list("code", flat=True)) == {"W-1", "W-2"}


def test_a_file_without_problems_is_confirmed_in_one_click(
    settings, people, as_user, tree, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client = as_user(people.secretariat)
    upload(client, initiatives_file(initiative_row("W-9", "Mô hình", tree.b1, 2022)))
    run = ImportRun.objects.get()
    assert "Nhập dữ liệu</button>" in page(client.get(reverse("imports:detail", args=[run.pk])))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:start", args=[run.pk]))

    assert ImportRun.objects.get().status == ImportStatus.DONE
    assert Initiative.objects.get().code == "W-9"


def test_an_unreadable_file_is_shown_as_refused_and_an_oversized_one_as_a_form_error(
    settings, people, as_user
):
    client = as_user(people.secretariat)
    client.get(reverse("imports:index"))
    response = upload(client, b"not a spreadsheet at all \x00\x01", name="anh.xlsx")
    assert "không phải là bảng tính" in page(client.get(response["Location"]))

    settings.DVK_IMPORT_MAX_MB = 1
    big = csv_bytes([["Mã đơn vị"]] + [["x" * 60] for _ in range(20_000)])
    html = page(upload(client, big, name="lon.csv"))
    assert "vượt giới hạn 1 MB" in html
    assert ImportRun.objects.count() == 1


def test_the_progress_bar_polls_while_the_run_is_active_then_reloads_the_page(people, as_user, register):
    run = preview(people.secretariat, "initiatives", register).run
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING, progress=40)
    client = as_user(people.secretariat)

    html = page(client.get(reverse("imports:progress", args=[run.pk])))
    assert 'hx-trigger="every 1s"' in html
    assert 'aria-valuenow="40"' in html
    assert 'hx-get="' + reverse("imports:progress", args=[run.pk]) in page(
        client.get(reverse("imports:detail", args=[run.pk]))
    )

    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.DONE)
    finished = client.get(reverse("imports:progress", args=[run.pk]))
    assert (finished.status_code, finished["HX-Refresh"]) == (204, "true")


def test_a_run_of_another_subtree_is_not_found(people, as_user, tree):
    run = preview(
        people.secretariat_c, "initiatives", initiatives_file(initiative_row("Z", "M", tree.c1, 2022))
    ).run
    client = as_user(people.secretariat)

    for name in ("imports:detail", "imports:progress", "imports:original"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 404
    assert "Z" not in page(client.get(reverse("imports:index"))).split("Các lần nhập")[1]
    assert as_user(people.admin).get(reverse("imports:detail", args=[run.pk])).status_code == 200


def test_the_original_file_is_kept_and_downloadable(people, as_user, register):
    client = as_user(people.secretariat)
    upload(client, register, name="Sổ theo dõi 2023.xlsx")
    run = ImportRun.objects.get()

    response = client.get(reverse("imports:original", args=[run.pk]))

    assert b"".join(response.streaming_content) == register
    assert "attachment" in response["Content-Disposition"]


def test_the_template_has_drop_down_lists_and_instructions(people, as_user, tree):
    response = as_user(people.secretariat).get(reverse("imports:template", args=["initiatives"]))

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Dữ liệu", "Hướng dẫn", "Danh mục"]
    data = book["Dữ liệu"]
    assert [cell.value for cell in data[1]][:4] == ["Mã mô hình", "Tên mô hình", "Mã đơn vị", "Loại"]
    sources = {str(v.sqref)[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert sources["G"].startswith("'Danh mục'!$")  # Lĩnh vực
    lists = book["Danh mục"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, 8)] for c in range(1, 6)}
    assert columns["Lĩnh vực"][:4] == [
        "Kinh tế",
        "Văn hóa - xã hội",
        "Quốc phòng - an ninh",
        "Xây dựng hệ thống chính trị",
    ]
    assert tree.b1.code in columns["Mã đơn vị"]
    assert tree.c1.code not in columns["Mã đơn vị"]
    guide = " ".join(str(cell.value) for row in book["Hướng dẫn"].iter_rows() for cell in row if cell.value)
    assert "Để trống “Kết quả” nghĩa là đã đăng ký" in guide


def test_the_history_lists_runs_with_the_same_number_of_queries_for_1_and_3(people, as_user, register):
    client = as_user(people.secretariat)
    preview(people.secretariat, "initiatives", register)
    client.get(reverse("imports:index"))
    with CaptureQueriesContext(connection) as one:
        html = page(client.get(reverse("imports:index")))
    assert html.count("so-theo-doi.xlsx") == 1
    preview(people.secretariat, "initiatives", register)
    preview(people.admin, "units", register)  # an administrator's run: not in the secretariat's history

    with CaptureQueriesContext(connection) as three:
        html = page(client.get(reverse("imports:index")))

    assert html.count("so-theo-doi.xlsx") == 2
    assert len(three) == len(one)
