"""The summary report screens: list, create, the report's page, edit, "chốt số liệu", downloads and templates."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from dvk.core.audit import events_for
from dvk.reports.exporters.docx import default_template
from dvk.reports.models import SummaryReport
from dvk.reports.services import create_summary_report
from tests.factories import PhaseFactory
from tests.reports.test_report_services import build_data, build_report, recognised


@pytest.fixture
def data(tree):
    return build_data(tree)


@pytest.fixture
def report(data, tree, people):
    return build_report(data, tree, people)


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_shows_the_reports_of_the_scope(report, data, tree, people, as_user):
    create_summary_report(actor=people.secretariat_c, unit=tree.c, phase=data.phase_c)
    html = page(as_user(people.secretariat).get(reverse("reports:list")))
    assert report.title in html
    assert "Huyện C" not in html
    assert "Lập báo cáo" in html
    assert "Lập báo cáo" not in page(as_user(people.viewer).get(reverse("reports:list")))


def test_the_list_costs_the_same_queries_for_one_and_many_reports(report, data, tree, people, as_user):
    client = as_user(people.viewer)
    client.get(reverse("reports:list"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("reports:list"))
    for unit in (tree.b1, tree.b2, tree.c):
        phase = PhaseFactory(launched_by=unit, code=f"P{unit.pk}")
        SummaryReport.objects.create(
            unit=unit, phase=phase, start_year=2020, end_year=2022, title=f"BC {unit}"
        )
    with CaptureQueriesContext(connection) as many:
        html = page(client.get(reverse("reports:list")))
    assert "BC Xã B2" in html
    assert len(many) == len(one)


def test_a_secretariat_creates_a_report(data, tree, people, as_user):
    client = as_user(people.secretariat)
    html = page(client.get(reverse("reports:create")))
    assert "Huyện B" in html
    assert "Huyện C" not in html
    response = client.post(
        reverse("reports:create"), {"unit": tree.b.pk, "kind": "interim", "phase": data.phase.pk}
    )
    created = SummaryReport.objects.get(unit=tree.b)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[created.pk])
    assert "T/M BAN CHỈ ĐẠO" in created.signer_position


def test_a_report_needs_a_phase_or_years(data, tree, people, as_user):
    response = as_user(people.secretariat).post(
        reverse("reports:create"), {"unit": tree.b.pk, "kind": "interim"}
    )
    assert "Chọn giai đoạn hoặc nhập khoảng năm" in page(response)
    response = as_user(people.secretariat).post(
        reverse("reports:create"), {"unit": tree.b1.pk, "kind": "final", "phase": data.phase_c.pk}
    )
    assert response.status_code == 200
    assert not SummaryReport.objects.exists()


def test_readers_may_not_write(report, tree, people, as_user):
    assert as_user(people.reviewer).get(reverse("reports:create")).status_code == 403
    assert as_user(people.viewer).get(reverse("reports:edit", args=[report.pk])).status_code == 403
    assert as_user(people.viewer).post(reverse("reports:freeze", args=[report.pk])).status_code == 403
    assert as_user(people.secretariat_c).get(reverse("reports:detail", args=[report.pk])).status_code == 404


def test_the_report_page_shows_the_document_as_it_will_print(report, people, as_user):
    html = page(as_user(people.viewer).get(reverse("reports:detail", args=[report.pk])))
    assert "Chưa chốt số liệu" in html
    assert "xây dựng được 03 mô hình mới (02 mô hình tập thể, 01 mô hình cá nhân)" in html
    assert "Mô hình “Dân vận khéo trong hiến đất làm đường”" in html
    assert reverse("reports:download", args=[report.pk, "docx"]) in html
    assert "Sửa nội dung" not in html
    assert "Tạo báo cáo" in html


def test_editing_freezing_and_unfreezing(report, data, tree, people, as_user):
    client = as_user(people.secretariat)
    form = page(client.get(reverse("reports:edit", args=[report.pk])))
    assert 'name="version" value="1"' in form
    response = client.post(
        reverse("reports:edit", args=[report.pk]),
        {
            "version": 1,
            "title": report.title,
            "kind": "interim",
            "layout": "party",
            "number": "125",
            "issued_on": "2022-10-14",
            "part_lessons": "Cấp ủy vào cuộc.",
            "signer_name": "Hà Thị Thu Trang",
        },
    )
    assert response.status_code == 302
    html = page(client.get(reverse("reports:detail", args=[report.pk])))
    assert "Số 125-BC" in html
    assert "Ngày 14 tháng 10 năm 2022" in html
    assert "Cấp ủy vào cuộc." in html

    client.post(reverse("reports:freeze", args=[report.pk]))
    recognised(tree.b1, 2022, name="Thêm sau khi chốt")
    html = page(client.get(reverse("reports:detail", args=[report.pk])))
    assert "Đã chốt số liệu" in html
    assert "03 mô hình mới" in html

    response = client.post(reverse("reports:unfreeze", args=[report.pk]), {"reason": ""})
    assert "This field is required" in page(response) or "bắt buộc" in page(response)
    client.post(reverse("reports:unfreeze", args=[report.pk]), {"reason": "Bổ sung số liệu"})
    html = page(client.get(reverse("reports:detail", args=[report.pk])))
    assert "04 mô hình mới" in html
    assert "Mở chốt số liệu" in html
    assert "Bổ sung số liệu" in html


def test_a_stale_edit_is_a_form_error(report, people, as_user):
    payload = {"version": 0, "title": "Báo cáo", "kind": "interim", "layout": "party"}
    html = page(as_user(people.secretariat).post(reverse("reports:edit", args=[report.pk]), payload))
    assert "vừa được người khác sửa" in html


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("pdf", "application/pdf"),
    ],
)
def test_downloads(report, people, as_user, fmt, content_type):
    response = as_user(people.viewer).get(reverse("reports:download", args=[report.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert f"so-ket-{report.unit.code}-2020-2022.{fmt}" in response["Content-Disposition"]
    assert len(response.content) > 1000


def test_an_unknown_format_is_not_found(report, people, as_user):
    assert as_user(people.viewer).get(reverse("reports:download", args=[report.pk, "odt"])).status_code == 404


def test_uploading_a_template(report, people, as_user):
    client = as_user(people.secretariat)
    default = client.get(reverse("reports:default_template", args=["state"]))
    assert default.status_code == 200
    assert default.content == default_template("state")

    not_word = SimpleUploadedFile("mau.docx", b"not a zip")
    html = page(client.post(reverse("reports:template", args=[report.pk]), {"template": not_word}))
    assert "không phải tệp Word" in html

    broken = Document(io.BytesIO(default_template("party")))
    broken.add_paragraph("{{ unclosed")
    content = io.BytesIO()
    broken.save(content)
    upload = SimpleUploadedFile("hong.docx", content.getvalue())
    assert "Mẫu Word có thẻ không hợp lệ" in page(
        client.post(reverse("reports:template", args=[report.pk]), {"template": upload})
    )

    own = Document(io.BytesIO(default_template("party")))
    own.add_paragraph("Mẫu của huyện B")
    content = io.BytesIO()
    own.save(content)
    upload = SimpleUploadedFile("mau-huyen-b.docx", content.getvalue())
    response = client.post(reverse("reports:template", args=[report.pk]), {"template": upload})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.template_name == "mau-huyen-b.docx"
    word = client.get(reverse("reports:download", args=[report.pk, "docx"])).content
    assert "Mẫu của huyện B" in [p.text for p in Document(io.BytesIO(word)).paragraphs]

    client.post(reverse("reports:template_clear", args=[report.pk]))
    report.refresh_from_db()
    assert not report.template
    assert {"report.set_template", "report.clear_template"} <= {e.action for e in events_for(report)}
