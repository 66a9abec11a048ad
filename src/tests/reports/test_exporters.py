"""The report's files, opened with reader libraries: the .docx (python-docx), the .xlsx appendices (openpyxl) and
the .pdf (pypdf) say what the figures say, in the layout of DESIGN §6."""

import io
from datetime import date

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from dvk.demo.loader import load_demo
from dvk.reports.exporters import EXPORTERS, get_exporter
from dvk.reports.exporters.docx import TemplateFailed, default_template, render_docx
from dvk.reports.figures import compute_figures, find_phase
from dvk.reports.narrative import MAX_STORIES, count
from dvk.reports.selectors import report_document, report_figures
from dvk.reports.services import create_summary_report, freeze_report_figures, update_summary_report
from dvk.units.models import DocumentLayout, Unit
from tests.reports.test_narrative import NA_HANG_SENTENCE
from tests.reports.test_report_services import build_data, build_report, recognised


@pytest.fixture
def data(tree):
    return build_data(tree)


@pytest.fixture
def report(data, tree, people):
    return build_report(data, tree, people)


def docx_text(content: bytes) -> tuple[list[str], list[str]]:
    """(body paragraphs, texts of the table cells) of a .docx."""
    document = Document(io.BytesIO(content))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in document.paragraphs], cells


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content), data_only=True)


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_every_document_format_is_registered():
    assert {"docx", "xlsx", "pdf", "json"} <= set(EXPORTERS)


@pytest.fixture
def demo(db):
    load_demo()


@pytest.mark.slow  # loads the full demo
def test_the_na_hang_report_in_word_excel_and_pdf(demo):
    """Acceptance (issue 4): the seed's sentence in the .docx, the same numbers in the .xlsx and the .pdf."""
    na_hang = Unit.objects.get(code="072")
    secretariat = na_hang.memberships.get(user__username="thuongtruc").user
    report = create_summary_report(actor=secretariat, unit=na_hang, phase=find_phase(na_hang, "2020-2022"))
    update_summary_report(report, actor=secretariat, number="125", issued_on=date(2022, 10, 14))
    report.refresh_from_db()

    paragraphs, cells = docx_text(get_exporter("docx")(report))
    assert any(NA_HANG_SENTENCE in p for p in paragraphs)
    for header in ("ĐẢNG BỘ TỈNH TUYÊN QUANG", "HUYỆN ỦY NA HANG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 125-BC/HU"):
        assert header in cells
    assert "Na Hang, ngày 14 tháng 10 năm 2022" in cells
    assert "BÁO CÁO" in paragraphs
    assert "giai đoạn 2020 - 2022" in paragraphs

    book = workbook(get_exporter("xlsx")(report))
    summary = {
        row[0]: row[1:4] for row in book["Tổng hợp"].iter_rows(min_row=5, max_row=12, values_only=True)
    }
    assert summary["Mô hình mới"] == (126, 22, 104)
    assert summary["Tổng số mô hình (lũy kế)"][0] == 995
    assert summary["Tập thể, cá nhân được khen thưởng"] == (33, 15, 18)
    honorees = book["Khen thưởng"]
    assert honorees.cell(honorees.max_row, 3).value == 33

    text = pdf_text(get_exporter("pdf")(report))
    assert "126 mô hình mới (22 mô hình tập thể, 104 mô hình cá nhân)" in text
    assert "lên 995 mô hình" in text
    assert "HUYỆN ỦY NA HANG" in text


@pytest.mark.slow  # loads the full demo
def test_the_bac_kan_appendices_from_the_cli_figures(demo):
    """An exporter also takes a bare FigureSet (what `dvk report summary` passes)."""
    bac_kan = Unit.objects.get(code="058")
    figures = compute_figures(bac_kan, phase=find_phase(bac_kan, "2021-2023"))
    book = workbook(get_exporter("xlsx")(figures))
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=5, max_row=12, values_only=True)}
    assert (summary["Lượt đăng ký"], summary["Mô hình được công nhận"]) == (596, 397)
    statistics = book["Biểu thống kê"]
    assert statistics.cell(statistics.max_row, 1).value == "TỔNG CỘNG"
    assert statistics.cell(statistics.max_row, 6).value == 596  # registrations, collective + individual
    assert statistics.cell(statistics.max_row, 12).value == 397  # recognised
    paragraphs, _cells = docx_text(get_exporter("docx")(figures))
    assert any("toàn thành phố có 596 lượt mô hình" in p for p in paragraphs)


def test_the_state_layout(report, tree, people):
    update_summary_report(report, actor=people.secretariat, layout=DocumentLayout.STATE, number="7")
    tree.b.state_header_superior, tree.b.state_header_issuer = "ỦY BAN NHÂN DÂN", "HUYỆN B"
    tree.b.place_name = "Huyện B"
    tree.b.save()
    report.refresh_from_db()
    paragraphs, cells = docx_text(get_exporter("docx")(report))
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "HUYỆN B",
    ):
        assert line in cells
    assert "Số: 7/BC-UBND" in cells
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in cells
    assert any(p.startswith("Dự thảo: số liệu chưa chốt") for p in paragraphs)
    text = pdf_text(get_exporter("pdf")(report))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 7/BC-UBND" in text


def test_word_styles_follow_design(report):
    """Times New Roman, A4 with 2-3 cm margins, the report title 16 bold in the Party layout."""
    document = Document(io.BytesIO(get_exporter("docx")(report)))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm), round(section.top_margin.cm)) == (3, 2)
    assert document.styles["Normal"].font.name == "Times New Roman"
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold
    assert title.runs[0].font.size.pt == 16


def test_the_frozen_report_prints_the_frozen_figures(report, data, tree, people):
    freeze_report_figures(report, actor=people.secretariat)
    recognised(tree.b1, 2022, name="Thêm sau khi chốt")
    report.refresh_from_db()
    paragraphs, _cells = docx_text(get_exporter("docx")(report))
    assert not any(p.startswith("Dự thảo") for p in paragraphs)
    assert any("có 03 lượt mô hình" in p for p in paragraphs)
    book = workbook(get_exporter("xlsx")(report))
    assert book["Tổng hợp"]["B5"].value == 3


def test_excel_holds_numbers_dates_totals_and_prints_on_a4_landscape(report):
    book = workbook(get_exporter("xlsx")(report))
    assert book.sheetnames == ["Tổng hợp", "Biểu thống kê", "Mô hình tiêu biểu", "Khen thưởng"]
    statistics = book["Biểu thống kê"]
    assert statistics.freeze_panes == "D6"
    assert statistics.page_setup.orientation == "landscape"
    assert statistics.page_setup.paperSize == 9
    assert statistics.print_title_rows == "$4:$5"
    rows = list(statistics.iter_rows(min_row=6, values_only=True))
    subtotals = [r for r in rows if r[2] and str(r[2]).startswith("Cộng")]
    total = rows[-1]
    assert total[0] == "TỔNG CỘNG"
    for column in range(3, 15):
        assert all(isinstance(r[column], int) for r in rows)
        assert total[column] == sum(r[column] for r in subtotals)
    exemplary = book["Mô hình tiêu biểu"]
    assert exemplary.cell(5, 1).value == 1
    assert exemplary.cell(5, 10).value.date() == date(2021, 12, 10)
    honorees = book["Khen thưởng"]
    assert honorees.cell(5, 8).value.date() == date(2022, 10, 14)
    assert honorees.cell(honorees.max_row, 3).value == 2


def test_the_report_tells_a_few_stories_and_the_appendix_lists_them_all(report, tree):
    for n in range(MAX_STORIES + 2):
        recognised(tree.b2, 2021, exemplary=True, name=f"Mô hình số {n}", description=f"Cách làm số {n}.")
    exemplary = report_figures(report).exemplary.total
    sentence = (
        f"Ngoài các mô hình, điển hình nêu trên, {tree.b.whole_of} còn {count(exemplary - MAX_STORIES)} mô hình, "
        "điển hình tiêu biểu khác (danh sách tại phụ lục kèm theo báo cáo)."
    )
    paragraphs, _cells = docx_text(get_exporter("docx")(report))
    assert sum(p.startswith(("– Mô hình “", "– Điển hình “")) for p in paragraphs) == MAX_STORIES
    assert sentence in paragraphs
    assert sentence in pdf_text(get_exporter("pdf")(report))
    listed = workbook(get_exporter("xlsx")(report))["Mô hình tiêu biểu"]
    names = [listed.cell(row, 2).value for row in range(5, listed.max_row)]
    assert len(names) == len(set(names)) == exemplary == listed.cell(listed.max_row, 3).value


def test_excel_keeps_typed_text_as_text(report, tree):
    """A name that looks like a formula or a web address is printed as typed, not evaluated or linked."""
    recognised(tree.b1, 2021, exemplary=True, name="=1+2 mô hình", person_name="https://dvk.example/mo-hinh")
    content = get_exporter("xlsx")(report)
    for data_only in (True, False):
        sheet = openpyxl.load_workbook(io.BytesIO(content), data_only=data_only)["Mô hình tiêu biểu"]
        cells = {c.value: c for row in sheet.iter_rows(min_row=5) for c in row if isinstance(c.value, str)}
        assert cells["=1+2 mô hình"].data_type == "s"
        assert cells["https://dvk.example/mo-hinh"].hyperlink is None


def test_a_custom_template_is_used_and_a_broken_one_is_refused(report):
    document = Document(io.BytesIO(default_template("party")))
    document.add_paragraph("Mẫu riêng của huyện B: {{ issuer }}")
    custom = io.BytesIO()
    document.save(custom)
    paragraphs, _cells = docx_text(render_docx(report_document(report), custom.getvalue()))
    assert "Mẫu riêng của huyện B: HUYỆN B" in paragraphs

    broken = Document(io.BytesIO(default_template("party")))
    broken.add_paragraph("{% for x in %}")
    content = io.BytesIO()
    broken.save(content)
    with pytest.raises(TemplateFailed, match="Mẫu Word"):
        render_docx(report_document(report), content.getvalue())
