"""The appendices of the summary report as an Excel workbook (XlsxWriter): the summary of the figures, the biểu
thống kê (child unit × sector × kind), the list of exemplary models and the list of honorees.

Cells hold real numbers and dates; subtotals and totals are SUM formulas that also carry their value (so a reader
that does not recalculate sees the figure); header rows are frozen and filterable; every sheet prints on A4
landscape, one page wide, its header repeated on each page.
"""

import io
from datetime import date

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from dvk.reports.exporters import ExportSource, register
from dvk.reports.narrative import period_label
from dvk.reports.selectors import source_report

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = (("collective", "Tập thể"), ("individual", "Cá nhân"))
MEASURES = (
    ("registrations", "Lượt đăng ký"),
    ("new_initiatives", "Mô hình mới"),
    ("recognized", "Được công nhận"),
    ("exemplary", "Tiêu biểu"),
)
KIND_LABEL = dict(KINDS)


class Formats:
    """The workbook's cell formats (Times New Roman, as the report)."""

    def __init__(self, book) -> None:
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
        cell = {**base, "border": 1}
        self.title = book.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
        self.subtitle = book.add_format({**base, "italic": True, "align": "center"})
        self.header = book.add_format(
            {**cell, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}
        )
        self.text = book.add_format({**cell, "text_wrap": True})
        self.number = book.add_format({**cell, "num_format": "#,##0"})
        self.date = book.add_format({**cell, "num_format": "dd/mm/yyyy", "align": "center"})
        self.bold_text = book.add_format({**cell, "bold": True, "text_wrap": True})
        self.bold_number = book.add_format({**cell, "bold": True, "num_format": "#,##0"})
        self.center = book.add_format({**cell, "align": "center"})


def _print_setup(sheet, header_rows: tuple[int, int], columns: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(*header_rows)
    sheet.center_horizontally()
    sheet.set_footer("&CTrang &P/&N")
    sheet.autofilter(header_rows[1], 0, header_rows[1], columns - 1)


def _titles(sheet, fmt: Formats, title: str, snapshot: dict, columns: int) -> int:
    unit = snapshot["unit"]["name"]
    sheet.merge_range(0, 0, 0, columns - 1, title, fmt.title)
    sheet.merge_range(
        1, 0, 1, columns - 1, f"{unit} — giai đoạn {period_label(snapshot, ' - ')}", fmt.subtitle
    )
    return 3


def _sum(sheet, row: int, col: int, cells: list[tuple[int, int]], value: int, fmt) -> None:
    """A SUM formula over `cells` that also stores `value` (the figure it must equal)."""
    refs = ",".join(xl_rowcol_to_cell(r, c) for r, c in cells) or "0"
    sheet.write_formula(row, col, f"=SUM({refs})", fmt, value)


def summary_sheet(book, fmt: Formats, snapshot: dict) -> None:
    sheet = book.add_worksheet("Tổng hợp")
    figures = snapshot["figures"]
    row = _titles(sheet, fmt, "TỔNG HỢP KẾT QUẢ PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”", snapshot, 4)
    sheet.write_row(row, 0, ["Chỉ tiêu", "Tổng số", "Tập thể", "Cá nhân"], fmt.header)
    first = row
    registrations = {
        kind: sum(r["by_kind"][kind]["registrations"] for r in snapshot["by_sector"]) for kind, _ in KINDS
    }
    lines = [
        ("Lượt đăng ký", {"total": figures["registrations"], **registrations}),
        ("Mô hình mới", figures["new_initiatives"]),
        ("Mô hình được công nhận", figures["recognized"]),
        ("Lượt công nhận", {"total": figures["recognitions"]}),
        ("Mô hình tiêu biểu", figures["exemplary"]),
        ("Tổng số mô hình (lũy kế)", figures["cumulative_initiatives"]),
        ("Mô hình đang duy trì", figures["active_initiatives"]),
        ("Tập thể, cá nhân được khen thưởng", figures["commended"]),
    ]
    for label, split in lines:
        row += 1
        sheet.write(row, 0, label, fmt.text)
        sheet.write_number(row, 1, split["total"], fmt.number)
        for col, (kind, _) in enumerate(KINDS, start=2):
            if kind in split:
                sheet.write_number(row, col, split[kind], fmt.number)
            else:
                sheet.write_blank(row, col, None, fmt.number)
    row += 2
    sheet.write_row(row, 0, ["Năm", *(label for _, label in MEASURES)], fmt.header)
    for line in snapshot["by_year"]:
        row += 1
        sheet.write_number(row, 0, line["year"], fmt.center)
        for col, (measure, _) in enumerate(MEASURES, start=1):
            sheet.write_number(row, col, line[measure], fmt.number)
    sheet.set_column(0, 0, 38)
    sheet.set_column(1, 4, 16)
    sheet.freeze_panes(first + 1, 1)
    _print_setup(sheet, (first, first), 4)


def _statistics_header(sheet, fmt: Formats, row: int) -> None:
    for col, label in enumerate(("STT", "Đơn vị", "Lĩnh vực")):
        sheet.merge_range(row, col, row + 1, col, label, fmt.header)
    for index, (_, label) in enumerate(MEASURES):
        col = 3 + index * 3
        sheet.merge_range(row, col, row, col + 2, label, fmt.header)
        sheet.write_row(row + 1, col, ["Tập thể", "Cá nhân", "Cộng"], fmt.header)


def _figure_cells(sheet, fmt, row: int, line: dict, *, bold: bool = False) -> None:
    number = fmt.bold_number if bold else fmt.number
    for index, (measure, _) in enumerate(MEASURES):
        col = 3 + index * 3
        for offset, (kind, _) in enumerate(KINDS):
            sheet.write_number(row, col + offset, line["by_kind"][kind][measure], number)
        _sum(sheet, row, col + 2, [(row, col), (row, col + 1)], line[measure], number)


def statistics_sheet(book, fmt: Formats, snapshot: dict) -> None:
    """Biểu thống kê: for each child unit (and the "trực thuộc" row) its sectors, then a subtotal line."""
    sheet = book.add_worksheet("Biểu thống kê")
    columns = 3 + 3 * len(MEASURES)
    top = _titles(sheet, fmt, "BIỂU THỐNG KÊ MÔ HÌNH “DÂN VẬN KHÉO” THEO ĐƠN VỊ, LĨNH VỰC", snapshot, columns)
    _statistics_header(sheet, fmt, top)
    row, subtotals = top + 1, []
    for number, line in enumerate(snapshot["unit_sector"], start=1):
        name = f"{line['name']} (trực thuộc)" if line["is_own"] else line["name"]
        first = row + 1
        sectors = (
            line["sectors"] if any(line[m] for m, _ in MEASURES) else []
        )  # no empty lines for a silent unit
        for sector in sectors:
            row += 1
            sheet.write_number(row, 0, number, fmt.center)
            sheet.write(row, 1, name, fmt.text)
            sheet.write(row, 2, sector["name"], fmt.text)
            _figure_cells(sheet, fmt, row, sector)
        row += 1
        sheet.write_number(row, 0, number, fmt.center)
        sheet.write(row, 1, name, fmt.bold_text)
        sheet.write(row, 2, "Cộng", fmt.bold_text)
        _unit_subtotal(sheet, fmt, row, first, line, bool(sectors))
        subtotals.append(row)
    row += 1
    sheet.merge_range(row, 0, row, 2, "TỔNG CỘNG", fmt.bold_text)
    total = _grand_total(snapshot)
    for index, (measure, _) in enumerate(MEASURES):
        for offset in range(3):
            col = 3 + index * 3 + offset
            value = total[measure][offset]
            _sum(sheet, row, col, [(r, col) for r in subtotals], value, fmt.bold_number)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 2, 24)
    sheet.set_column(3, columns - 1, 9)
    sheet.freeze_panes(top + 2, 3)
    _print_setup(sheet, (top, top + 1), columns)


def _unit_subtotal(sheet, fmt: Formats, row: int, first: int, line: dict, split: bool) -> None:
    """The unit's line: SUMs of its sector lines above (or, for a unit with nothing, its zeros)."""
    if not split:
        _figure_cells(sheet, fmt, row, line, bold=True)
        return
    for index, (measure, _) in enumerate(MEASURES):
        col = 3 + index * 3
        values = [line["by_kind"][kind][measure] for kind, _ in KINDS] + [line[measure]]
        for offset, value in enumerate(values):
            cells = [(r, col + offset) for r in range(first, row)]
            _sum(sheet, row, col + offset, cells, value, fmt.bold_number)


def _grand_total(snapshot: dict) -> dict[str, list[int]]:
    figures = snapshot["figures"]
    total = {}
    for measure, _ in MEASURES:
        split = [sum(r["by_kind"][kind][measure] for r in snapshot["by_unit"]) for kind, _ in KINDS]
        whole = figures[measure] if measure == "registrations" else figures[measure]["total"]
        total[measure] = [*split, whole]
    return total


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


LINE_HEIGHT = 16  # points, for 12 pt Times New Roman


def _chars_per_line(width: float) -> int:
    """About how many characters of wrapped text a line of a column `width` units wide holds (Times is
    narrower than the width unit: 1.15 characters a unit)."""
    return max(int(width * 1.15) - 1, 1)


def _list_rows(sheet, fmt: Formats, top: int, spec: dict) -> int:
    """The numbered lines of a list from row `top + 1`; returns the last row written. Text is written as text
    (a name that starts with "=" or holds a web address stays a name), dates as dates, blanks as blanks; each
    line is as tall as its longest wrapped text. One pass over tens of thousands of items for a national
    report, so the per-cell work is kept to the writes."""
    columns = [
        (col, value, _chars_per_line(width))
        for col, ((_, value), width) in enumerate(zip(spec["headers"], spec["widths"], strict=True))
        if value is not None
    ]
    write_number, write_string, write_blank = sheet.write_number, sheet.write_string, sheet.write_blank
    write_datetime, set_row = sheet.write_datetime, sheet.set_row
    center, text, day = fmt.center, fmt.text, fmt.date
    row = top
    for number, item in enumerate(spec["items"], start=1):
        row += 1
        write_number(row, 0, number, center)
        lines = 1
        for col, value, per_line in columns:
            cell = value(item)
            if isinstance(cell, date):
                write_datetime(row, col, cell, day)
            elif cell:
                write_string(row, col, cell, text)
                lines = max(lines, -(-len(cell) // per_line))
            else:
                write_blank(row, col, None, text)
        set_row(row, LINE_HEIGHT * lines)  # spreadsheets do not grow rows of wrapped text by themselves
    return row


def _list_sheet(book, fmt: Formats, snapshot: dict, spec: dict) -> None:
    """A list with a numbered column, dates as dates, and a closing line with the figure it stands for."""
    sheet = book.add_worksheet(spec["sheet"])
    headers = spec["headers"]
    top = _titles(sheet, fmt, spec["title"], snapshot, len(headers))
    sheet.write_row(top, 0, [h for h, _ in headers], fmt.header)
    row = _list_rows(sheet, fmt, top, spec) + 1
    split = spec["figure"]
    label = f"gồm {split['collective']} tập thể, {split['individual']} cá nhân"
    sheet.merge_range(row, 0, row, 1, "Tổng cộng", fmt.bold_text)
    if spec["items"]:
        names = f"{xl_rowcol_to_cell(top + 1, 1)}:{xl_rowcol_to_cell(row - 1, 1)}"
        sheet.write_formula(row, 2, f"=COUNTA({names})", fmt.bold_number, split["total"])
    else:
        sheet.write_number(row, 2, split["total"], fmt.bold_number)
    sheet.merge_range(row, 3, row, len(headers) - 1, label, fmt.bold_text)
    for col, width in enumerate(spec["widths"]):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(top + 1, 0)
    _print_setup(sheet, (top, top), len(headers))


def exemplary_sheet(book, fmt: Formats, snapshot: dict) -> None:
    _list_sheet(
        book,
        fmt,
        snapshot,
        {
            "sheet": "Mô hình tiêu biểu",
            "title": "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” TIÊU BIỂU",
            "items": snapshot["exemplary"],
            "figure": snapshot["figures"]["exemplary"],
            "headers": [
                ("STT", None),
                ("Tên mô hình", lambda i: i["name"]),
                ("Mã", lambda i: i["code"]),
                ("Loại", lambda i: KIND_LABEL.get(i["kind"], i["kind"])),
                (
                    "Người thực hiện",
                    lambda i: ", ".join(p for p in (i["person_name"], i["person_position"]) if p),
                ),
                ("Đơn vị", lambda i: i["unit"]),
                ("Lĩnh vực", lambda i: i["sector"]),
                ("Năm tiêu biểu", lambda i: ", ".join(str(y) for y in i["years"])),
                ("Số quyết định", lambda i: i.get("decision_number", "")),
                ("Ngày quyết định", lambda i: _iso(i.get("decision_date"))),
            ],
            "widths": [5, 44, 10, 9, 26, 26, 20, 12, 14, 13],
        },
    )


def honorees_sheet(book, fmt: Formats, snapshot: dict) -> None:
    _list_sheet(
        book,
        fmt,
        snapshot,
        {
            "sheet": "Khen thưởng",
            "title": "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
            "items": snapshot["honorees"],
            "figure": snapshot["figures"]["commended"],
            "headers": [
                ("STT", None),
                ("Tập thể, cá nhân", lambda h: h["name"]),
                ("Đối tượng", lambda h: KIND_LABEL.get(h["kind"], h["kind"])),
                ("Chức vụ", lambda h: h["position"]),
                ("Đơn vị", lambda h: h["unit"]),
                ("Hình thức", lambda h: h["award_form"]),
                ("Số quyết định", lambda h: h["decision_number"]),
                ("Ngày quyết định", lambda h: _iso(h["decision_date"])),
                ("Cơ quan ban hành", lambda h: h["issuer_title"]),
            ],
            "widths": [5, 40, 10, 24, 30, 12, 16, 13, 28],
        },
    )


def render_xlsx(snapshot: dict) -> bytes:
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    book.set_properties({"title": "Phụ lục báo cáo phong trào thi đua “Dân vận khéo”", "author": "DVK"})
    fmt = Formats(book)
    summary_sheet(book, fmt, snapshot)
    statistics_sheet(book, fmt, snapshot)
    exemplary_sheet(book, fmt, snapshot)
    honorees_sheet(book, fmt, snapshot)
    book.close()
    return output.getvalue()


@register("xlsx", extension="xlsx", content_type=XLSX_CONTENT_TYPE, label="Excel (.xlsx)")
def export_xlsx(source: ExportSource) -> bytes:
    """The report's appendices (or, for a FigureSet, the same workbook for its unit and period)."""
    _report, snapshot = source_report(source)
    return render_xlsx(snapshot)
