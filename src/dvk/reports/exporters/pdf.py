"""The summary report as a PDF (fpdf2), with the bundled Liberation Serif: metric-compatible with Times New Roman
and carrying every Vietnamese letter. The same worded document as the .docx, laid out in code: the header block
of the unit's layout (Party or state), the title, the body, recipients and signature, the appendix tables."""

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from dvk.reports.exporters import ExportSource, register
from dvk.reports.exporters.docx import context
from dvk.reports.narrative import ReportDocument
from dvk.reports.selectors import source_document

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "LiberationSerif"
LEFT, RIGHT, TOP, BOTTOM = 30, 20, 20, 20  # mm, as the Word templates
TEXT_WIDTH = 210 - LEFT - RIGHT
PT = 0.3528  # mm per point
LINE = 1.3  # line height as a multiple of the font size


class ReportPDF(FPDF):
    """A4 with the report's margins, the bundled font, page numbers centred at the top from page 2."""

    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, suffix in (("", "Regular"), ("B", "Bold"), ("I", "Italic"), ("BI", "BoldItalic")):
            self.add_font(FAMILY, style, str(FONTS / f"LiberationSerif-{suffix}.ttf"))
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.set_creator("DVK")

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(FAMILY, "", 13)
            self.set_y(10)
            self.cell(0, 5, str(self.page_no()), align=Align.C)
            self.set_y(TOP)

    def style(self, size: float, style: str = "") -> float:
        """Set the font; returns the line height in mm."""
        self.set_font(FAMILY, style, size)
        return size * PT * LINE

    def lines(self, x: float, width: float, texts: list[tuple[str, float, str]], align=Align.C) -> float:
        """Lines in a column starting at `x`; each is (text, size, style; U underlines). Returns the end y."""
        for text, size, style in texts:
            height = self.style(size, style)
            self.set_x(x)
            self.multi_cell(width, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return self.get_y()

    def rule(self, x: float, width: float, length: float, y: float) -> None:
        start = x + (width - length) / 2
        self.set_line_width(0.3)
        self.line(start, y, start + length, y)


def _party_header(pdf: ReportPDF, doc: ReportDocument) -> None:
    left_w = 80
    right_x, right_w = LEFT + left_w, TEXT_WIDTH - left_w
    top = pdf.get_y()
    left = [(doc.superior, 14, ""), (doc.issuer, 14, "B"), ("*", 14, ""), (doc.number_line, 14, "")]
    end_left = pdf.lines(LEFT, left_w, [line for line in left if line[0]])
    pdf.set_y(top)
    end_right = pdf.lines(right_x, right_w, [("ĐẢNG CỘNG SẢN VIỆT NAM", 15, "BU"), ("", 14, "")])
    pdf.lines(right_x, right_w, [(doc.date_line, 14, "I")], align=Align.R)
    pdf.set_y(max(end_left, end_right, pdf.get_y()))


def _state_header(pdf: ReportPDF, doc: ReportDocument) -> None:
    left_w = 62
    right_x, right_w = LEFT + left_w, TEXT_WIDTH - left_w
    top = pdf.get_y()
    end = pdf.lines(
        LEFT, left_w, [line for line in ((doc.superior, 13, ""), (doc.issuer, 13, "B")) if line[0]]
    )
    pdf.rule(LEFT, left_w, 20, end + 1)
    pdf.set_y(end + 2.5)
    end_left = pdf.lines(LEFT, left_w, [(doc.number_line, 13, "")])
    pdf.set_y(top)
    national, motto = doc.national_lines
    end = pdf.lines(right_x, right_w, [(national, 13, "B"), (motto, 14, "B")])
    pdf.style(14, "B")
    pdf.rule(right_x, right_w, pdf.get_string_width(motto), end + 1)
    pdf.set_y(end + 2.5)
    end_right = pdf.lines(right_x, right_w, [(doc.date_line, 14, "I")])
    pdf.set_y(max(end_left, end_right))


def _title(pdf: ReportPDF, doc: ReportDocument, note: str) -> None:
    pdf.ln(6)
    texts = [(doc.title, 16 if doc.layout == "party" else 14, "B")]
    texts += [(line, 14, "B") for line in doc.summary_lines]
    end = pdf.lines(LEFT, TEXT_WIDTH, texts)
    if doc.layout == "party":
        pdf.lines(LEFT, TEXT_WIDTH, [("-----", 14, "")])
    else:
        pdf.rule(LEFT, TEXT_WIDTH, 35, end + 1)
        pdf.set_y(end + 3)
    if note:
        pdf.lines(LEFT, TEXT_WIDTH, [(note, 12, "I")])
    pdf.ln(3)


def _body(pdf: ReportPDF, doc: ReportDocument) -> None:
    height = pdf.style(14)
    with pdf.text_columns(text_align=Align.J, line_height=1.15) as columns:
        for block in doc.body:
            bold = block.kind in ("part", "section")
            top = 3 if block.kind == "part" else 0
            with columns.paragraph(first_line_indent=10, top_margin=top, bottom_margin=2) as paragraph:
                if block.lead:
                    pdf.set_font(FAMILY, "B", 14)
                    paragraph.write(block.lead)
                pdf.set_font(FAMILY, "B" if bold else "", 14)
                paragraph.write(block.text)
    pdf.set_font(FAMILY, "", 14)
    pdf.ln(height / 2)


def _signature(pdf: ReportPDF, doc: ReportDocument) -> None:
    left_w = 75
    if pdf.will_page_break(45):
        pdf.add_page()
    top = pdf.get_y() + 4
    pdf.set_y(top)
    end_left = pdf.lines(LEFT, left_w, [("Nơi nhận:", 12, "BI")], align=Align.L)
    end_left = pdf.lines(LEFT, left_w, [(r, 11, "") for r in doc.recipients], align=Align.L) or end_left
    pdf.set_y(top)
    right = [(line, 14, "B") for line in doc.signer_lines]
    end_right = pdf.lines(LEFT + left_w, TEXT_WIDTH - left_w, right)
    pdf.set_y(end_right + 22)
    end_right = pdf.lines(LEFT + left_w, TEXT_WIDTH - left_w, [(doc.signer_name, 14, "B")])
    pdf.set_y(max(end_left, end_right))


def _table(pdf: ReportPDF, heading: str, first: str, rows: list[dict], totals: dict) -> None:
    pdf.lines(LEFT, TEXT_WIDTH, [(heading, 14, "B")], align=Align.L)
    pdf.ln(1)
    pdf.set_font(FAMILY, "", 12)
    fields = ("registrations", "new_initiatives", "recognized", "exemplary")
    widths = (64, 24, 24, 24, 24)
    with pdf.table(
        col_widths=widths,
        text_align=("LEFT", "CENTER", "CENTER", "CENTER", "CENTER"),
        line_height=6,
        first_row_as_headings=True,
    ) as table:
        table.row([first, "Lượt đăng ký", "Mô hình mới", "Được công nhận", "Tiêu biểu"])
        for row in rows:
            table.row([row["name"], *(row[f] for f in fields)])
        pdf.set_font(FAMILY, "B", 12)
        table.row(["Tổng cộng", *(totals[f] for f in fields)])
    pdf.set_font(FAMILY, "", 12)
    pdf.ln(5)


def _appendix(pdf: ReportPDF, doc: ReportDocument, values: dict) -> None:
    pdf.add_page()
    pdf.lines(LEFT, TEXT_WIDTH, [("PHỤ LỤC", 14, "B")])
    subtitle = f"Kết quả phong trào thi đua “Dân vận khéo” {values['period']}"
    pdf.lines(LEFT, TEXT_WIDTH, [(subtitle, 14, "I"), (f"(Kèm theo {doc.number_line})", 13, "I")])
    pdf.ln(4)
    _table(pdf, "1. Theo đơn vị", "Đơn vị", values["unit_rows"], values["totals"])
    _table(pdf, "2. Theo lĩnh vực", "Lĩnh vực", values["sector_rows"], values["totals"])


def render_pdf(doc: ReportDocument) -> bytes:
    values = context(doc)
    pdf = ReportPDF()
    pdf.set_title(" ".join([doc.title, *doc.summary_lines]))
    pdf.add_page()
    (_party_header if doc.layout == "party" else _state_header)(pdf, doc)
    _title(pdf, doc, values["draft_note"])
    _body(pdf, doc)
    _signature(pdf, doc)
    _appendix(pdf, doc, values)
    return bytes(pdf.output())


@register("pdf", extension="pdf", content_type="application/pdf", label="PDF")
def export_pdf(source: ExportSource) -> bytes:
    return render_pdf(source_document(source))
