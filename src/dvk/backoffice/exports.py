"""Excel (.xlsx) of the lists: one row per registration in the import format of DESIGN §7, so an export can be
imported again. Real numbers and dates (not text), a frozen header row, filters, printable on A4 landscape."""

import io
from collections.abc import Callable, Iterable
from typing import Any

import xlsxwriter

from dvk.initiatives.models import Registration

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CHUNK = 2000


def result_label(registration) -> str:
    """Kết quả as the import format writes it: Tiêu biểu, Công nhận, Không công nhận or blank."""
    recognition = getattr(registration, "recognition", None)
    if recognition is None:
        return ""
    if not recognition.recognised:
        return "Không công nhận"
    return "Tiêu biểu" if recognition.is_exemplary else "Công nhận"


def _recognition(registration: Registration, name: str) -> Any:
    recognition = getattr(registration, "recognition", None)
    if recognition is None:
        return None
    if name == "level":
        return recognition.get_level_display() if recognition.level else None
    return getattr(recognition, name) or None


# (header, width, value of a registration, cell kind)
COLUMNS: list[tuple[str, int, Callable[[Registration], Any], str]] = [
    ("Mã mô hình", 14, lambda r: r.initiative.code, "text"),
    ("Tên mô hình", 60, lambda r: r.initiative.name, "wrap"),
    ("Mã đơn vị", 12, lambda r: r.unit.code, "text"),
    ("Đơn vị", 30, lambda r: r.unit.name, "wrap"),
    ("Loại", 10, lambda r: r.initiative.get_kind_display(), "text"),
    ("Họ và tên", 24, lambda r: r.initiative.person_name, "text"),
    ("Chức vụ", 24, lambda r: r.initiative.person_position, "wrap"),
    ("Lĩnh vực", 24, lambda r: r.initiative.sector.name, "text"),
    ("Năm", 8, lambda r: r.year, "number"),
    ("Trạng thái", 16, lambda r: r.get_status_display(), "text"),
    ("Kết quả", 16, result_label, "text"),
    ("Cấp công nhận", 14, lambda r: _recognition(r, "level"), "text"),
    ("Số quyết định", 16, lambda r: _recognition(r, "decision_number"), "text"),
    ("Ngày quyết định", 14, lambda r: _recognition(r, "decision_date"), "date"),
]
HEADERS = [header for header, *_ in COLUMNS]


def registrations_xlsx(registrations: Iterable[Registration]) -> bytes:
    """The workbook's bytes. `registrations` should come with initiative, sector, unit and recognition
    joined (`registrations_for_user(user, filters)` does)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Danh sách mô hình")
    formats = {
        "header": workbook.add_format({"bold": True, "bg_color": "#F2DEDE", "border": 1, "text_wrap": True}),
        "text": workbook.add_format({"valign": "top"}),
        "wrap": workbook.add_format({"valign": "top", "text_wrap": True}),
        "number": workbook.add_format({"valign": "top", "num_format": "0"}),
        "date": workbook.add_format({"valign": "top", "num_format": "dd/mm/yyyy"}),
    }
    for column, (header, width, _value, kind) in enumerate(COLUMNS):
        sheet.set_column(column, column, width, formats[kind])
        sheet.write_string(0, column, header, formats["header"])
    row_number = 0
    rows = registrations.iterator(chunk_size=_CHUNK) if hasattr(registrations, "iterator") else registrations
    for row_number, registration in enumerate(rows, start=1):
        _write_row(sheet, row_number, registration, formats)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row_number, 1), len(COLUMNS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    workbook.close()
    return output.getvalue()


def _write_row(sheet, row_number: int, registration: Registration, formats) -> None:
    for column, (_header, _width, value_of, kind) in enumerate(COLUMNS):
        value = value_of(registration)
        if value in (None, ""):
            continue
        if kind == "number":
            sheet.write_number(row_number, column, value, formats[kind])
        elif kind == "date":
            sheet.write_datetime(row_number, column, value, formats[kind])
        else:
            sheet.write_string(row_number, column, str(value), formats[kind])
