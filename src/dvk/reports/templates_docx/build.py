"""Build the default Word templates of the summary report: party.docx (Hướng dẫn 36-HD/VPTW) and state.docx
(Nghị định 30/2020/NĐ-CP). The .docx files are committed: a secretariat downloads one, edits it in Word (fonts,
spacing, fixed wording) and uploads it as its own. Run after changing this script:

    .venv/bin/python -m dvk.reports.templates_docx.build

The templates are docxtpl (Jinja) documents. Variables a custom template may use:

- ``superior``, ``issuer``: the header names (ĐẢNG BỘ TỈNH … / HUYỆN ỦY …, or ỦY BAN NHÂN DÂN / HUYỆN …);
- ``number_line`` ("Số 125-BC/HU" or "Số: 125/BC-UBND"), ``date_line`` ("Na Hang, ngày 14 tháng 10 năm 2022");
- ``title`` ("BÁO CÁO"), ``summary_lines`` (the summary, one item a line);
- ``body``: paragraphs, each with ``kind`` (part, section, story, text), ``text`` and ``rich`` (formatted text);
- ``recipients`` (lines), ``signer_lines`` (T/M …, the position), ``signer_name``;
- ``unit_rows`` / ``sector_rows`` (name, registrations, new_initiatives, recognized, exemplary) and ``totals``;
- ``draft_note``: empty once the figures are frozen ("chốt số liệu").
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).parent
FONT = "Times New Roman"
CENTER, RIGHT, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less 3 cm left and 2 cm right margins


def _fonts(style, size: float) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _new_document():
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    normal = document.styles["Normal"]
    _fonts(normal, 14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _page_numbers(document)
    return document


def _page_numbers(document) -> None:
    """Page numbers centred in the top margin from the second page on (Nghị định 30, Hướng dẫn 36)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(13)


def para(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align=None,
    indent_cm: float | None = None,
    after: float = 0,
    before: float = 0,
    line: float | None = None,
):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if indent_cm is not None:
        fmt.first_line_indent = Cm(indent_cm)
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if line is not None:
        fmt.line_spacing = line
    return paragraph


def tag(container, statement: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); docxtpl removes it when rendering."""
    return para(container, f"{{%p {statement} %}}")


def rule(container, width_cm: float, column_cm: float):
    """A short horizontal rule centred in a column: an empty paragraph with a bottom border."""
    paragraph = para(container)
    side = Cm(max(column_cm - width_cm, 0) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.line_spacing = Pt(3)  # an exact, tiny line: the border sits right under the text above
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def borderless_table(document, widths_cm: list[float], rows: int = 1):
    table = document.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)
    _widths(table, widths_cm)
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def _widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths, in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def party_header(document) -> None:
    """Hướng dẫn 36-HD/VPTW: left the superior (caps 14) and the issuer (caps 14 bold), a star, the number;
    right "ĐẢNG CỘNG SẢN VIỆT NAM" (caps 15 bold, underlined) and the place and date (italic 14)."""
    left_cm, right_cm = 8.0, 8.0
    left, right = borderless_table(document, [left_cm, right_cm]).rows[0].cells
    para(left, "{{ superior }}", align=CENTER)
    para(left, "{{ issuer }}", bold=True, align=CENTER)
    para(left, "*", align=CENTER)
    para(left, "{{ number_line }}", align=CENTER)
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True, align=RIGHT)
    para(right, "", align=RIGHT)
    para(right, "{{ date_line }}", italic=True, align=RIGHT)


def state_header(document) -> None:
    """Nghị định 30/2020: left the governing body (caps 13) and the issuer (caps 13 bold) over a short rule,
    the number; right the national title (caps 13 bold), the motto (14 bold) over a rule, place and date."""
    left_cm, right_cm = 6.0, 10.0
    left, right = borderless_table(document, [left_cm, right_cm]).rows[0].cells
    para(left, "{{ superior }}", size=13, align=CENTER)
    para(left, "{{ issuer }}", size=13, bold=True, align=CENTER)
    rule(left, 2.0, left_cm)
    para(left, "{{ number_line }}", size=13, align=CENTER, before=6)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=CENTER)
    rule(right, 6.2, right_cm)
    para(right, "{{ date_line }}", italic=True, align=CENTER, before=6)


def title_block(document, *, layout: str) -> None:
    para(document, "", after=6)
    para(document, "{{ title }}", size=16 if layout == "party" else 14, bold=True, align=CENTER, before=6)
    tag(document, "for line in summary_lines")
    para(document, "{{ line }}", bold=True, align=CENTER)
    tag(document, "endfor")
    if layout == "party":
        para(document, "-----", align=CENTER, after=12)
    else:
        rule(document, 3.5, TEXT_WIDTH_CM)
        para(document, "", after=6)
    tag(document, "if draft_note")
    para(document, "{{ draft_note }}", size=12, italic=True, align=CENTER, after=6)
    tag(document, "endif")


def body(document) -> None:
    """The body: Part headings and section titles bold, paragraphs justified with a first-line indent."""
    spacing = {"indent_cm": 1.0, "after": 6, "line": 1.15, "align": JUSTIFY}
    tag(document, "for b in body")
    tag(document, 'if b.kind == "part"')
    para(document, "{{ b.text }}", bold=True, before=6, **spacing)
    tag(document, 'elif b.kind == "section"')
    para(document, "{{ b.text }}", bold=True, **spacing)
    tag(document, "else")
    para(document, "{{r b.rich }}", **spacing)
    tag(document, "endif")
    tag(document, "endfor")


def signature(document, *, layout: str) -> None:
    left, right = borderless_table(document, [7.5, 8.5]).rows[0].cells
    para(left, "Nơi nhận:", size=12, bold=True, italic=True, before=12)
    tag(left, "for r in recipients")
    para(left, "{{ r }}", size=11)
    tag(left, "endfor")
    tag(right, "for line in signer_lines")
    para(right, "{{ line }}", bold=True, align=CENTER, before=0)
    tag(right, "endfor")
    for _ in range(4):
        para(right, "", align=CENTER)
    para(right, "{{ signer_name }}", bold=True, align=CENTER)
    right.paragraphs[0].paragraph_format.space_before = Pt(12)


def figures_table(document, rows_var: str, first_header: str) -> None:
    """An appendix table: one row per unit (or sector), four figures, a totals row."""
    headers = [first_header, "Lượt đăng ký", "Mô hình mới", "Được công nhận", "Tiêu biểu"]
    widths = [6.4, 2.4, 2.4, 2.4, 2.4]
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fields = ["name", "registrations", "new_initiatives", "recognized", "exemplary"]
    for index, header in enumerate(headers):
        cell = table.rows[0].cells[index]
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(header)
        run.bold, run.font.size = True, Pt(12)
    _repeat_header(table.rows[0])
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for row in {rows_var} %}}")
    for index, name in enumerate(fields):
        paragraph = table.rows[2].cells[index].paragraphs[0]
        paragraph.alignment = LEFT if index == 0 else CENTER
        paragraph.add_run(f"{{{{ row.{name} }}}}").font.size = Pt(12)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    totals = table.add_row()
    for index, name in enumerate(fields):
        paragraph = totals.cells[index].paragraphs[0]
        paragraph.alignment = CENTER
        text = "Tổng cộng" if index == 0 else f"{{{{ totals.{name} }}}}"
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(12)
    _widths(table, widths)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def appendix(document) -> None:
    paragraph = para(document)
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    para(document, "PHỤ LỤC", bold=True, align=CENTER)
    para(document, "Kết quả phong trào thi đua “Dân vận khéo” {{ period }}", italic=True, align=CENTER)
    para(document, "(Kèm theo {{ number_line }})", size=13, italic=True, align=CENTER, after=12)
    para(document, "1. Theo đơn vị", bold=True, after=6)
    figures_table(document, "unit_rows", "Đơn vị")
    para(document, "", after=6)
    para(document, "2. Theo lĩnh vực", bold=True, after=6)
    figures_table(document, "sector_rows", "Lĩnh vực")
    para(
        document,
        "Danh sách mô hình tiêu biểu và danh sách khen thưởng: xem tệp Excel kèm theo.",
        size=12,
        italic=True,
        before=6,
    )


def build(layout: str) -> Path:
    document = _new_document()
    (party_header if layout == "party" else state_header)(document)
    title_block(document, layout=layout)
    body(document)
    signature(document, layout=layout)
    appendix(document)
    path = HERE / f"{layout}.docx"
    document.save(path)
    return path


if __name__ == "__main__":
    for name in ("party", "state"):
        print(build(name))
