"""Reading real-looking register files: formats, title blocks, headers found by name, and the refusals of
files that cannot be read at all (issue 5 items 5-6)."""

import datetime
from pathlib import Path

import pytest

from dvk.imports.kinds.initiatives import COLUMNS as INITIATIVE_COLUMNS
from dvk.imports.kinds.units import COLUMNS as UNIT_COLUMNS
from dvk.imports.reading import MAX_ROWS, FileRefused, read_tables
from tests.imports.files import csv_bytes, ods, xlsx

FIXTURES = Path(__file__).parent / "fixtures"
UNITS = [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], ["X1", "Xã Một", "Xã"], ["X2", "Xã Hai", "Xã"]]


def units_table(data: bytes, name: str = "tep.xlsx"):
    tables, _notes = read_tables(data, name, UNIT_COLUMNS)
    assert len(tables) == 1
    return tables[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tep.xlsx", xlsx(UNITS)),
        ("tep.ods", ods(UNITS)),
        ("tep.csv", csv_bytes(UNITS, bom=True)),
        ("tep.csv", csv_bytes(UNITS, bom=False)),
        ("tep.csv", csv_bytes(UNITS, delimiter=";")),
        ("tep.txt", csv_bytes(UNITS, delimiter="\t")),
    ],
)
def test_every_format_gives_the_same_rows(name, data):
    table = units_table(data, name)

    assert [cells for _number, cells in table.rows] == [("X1", "Xã Một", "Xã"), ("X2", "Xã Hai", "Xã")]
    assert [number for number, _cells in table.rows] == [2, 3]


def test_an_xls_file_with_a_title_block_is_read_with_its_sheet_row_numbers():
    table = units_table((FIXTURES / "units.xls").read_bytes(), "units.xls")

    assert table.sheet == "Đơn vị"
    assert table.header_row == 3
    assert [number for number, _cells in table.rows] == [5, 6, 7]  # row 4 is blank
    assert table.rows[0][1][table.positions["valid_from"]] == datetime.date(2020, 1, 1)
    assert table.ignored == ["STT (cột A)"]


def test_title_rows_merged_cells_and_blank_rows_above_and_among_the_data():
    rows = [UNITS[0], [], ["X1", "Xã Một", "Xã"], [None, None, None], ["X2", "Xã Hai", "Xã"], []]
    data = xlsx(
        rows, above=[["DANH SÁCH ĐƠN VỊ TRỰC THUỘC"], ["(kèm theo báo cáo số 12)"], []], merge_title=True
    )

    table = units_table(data)

    assert table.header_row == 4
    assert [number for number, _cells in table.rows] == [6, 8]


def test_headers_are_found_by_name_whatever_the_case_diacritics_spaces_dashes_and_order():
    header = ["  loai   DON VI ", "STT", "TÊN ĐƠN VỊ", "Ghi chú", "mã  đơn vị", "Hiệu lực – từ"]
    table = units_table(xlsx([header, ["Xã", 1, "Xã Một", "mới", "X1", "01/01/2020"]]))

    assert set(table.positions) == {"kind", "name", "code", "valid_from"}
    assert table.letters == {"kind": "A", "name": "C", "code": "E", "valid_from": "F"}
    assert table.ignored == ["STT (cột B)", "Ghi chú (cột D)"]
    assert table.rows[0][1][table.positions["code"]] == "X1"


def test_formula_cells_are_read_by_their_cached_values():
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"])
    sheet.write_formula(1, 0, '="X"&"1"', None, "X1")
    sheet.write_row(1, 1, ["Xã Một", "Xã"])
    book.close()

    table = units_table(buffer.getvalue())

    assert table.rows[0][1][table.positions["code"]] == "X1"


def test_sheets_of_other_kinds_are_left_aside_and_named():
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("Hướng dẫn").write_row(0, 0, ["Đọc kỹ trước khi điền"])
    summary = book.add_worksheet("Tổng hợp")
    summary.write_row(0, 0, ["Loại đơn vị", "Tên đơn vị", "Số lượng"])
    data = book.add_worksheet("Danh sách")
    for number, row in enumerate(UNITS):
        data.write_row(number, 0, row)
    book.close()

    tables, notes = read_tables(buffer.getvalue(), "tep.xlsx", UNIT_COLUMNS)

    assert [table.sheet for table in tables] == ["Danh sách"]
    assert notes == ["Bỏ qua trang tính “Tổng hợp”: thiếu cột “Mã đơn vị”."]


# --- refusals ---------------------------------------------------------------------------------------------


def refusal(data: bytes, name: str = "tep.xlsx", columns=UNIT_COLUMNS) -> str:
    with pytest.raises(FileRefused) as refused:
        read_tables(data, name, columns)
    return refused.value.message


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    message = refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "anh.xlsx")

    assert "không phải" in message
    assert ".xlsx" in message


def test_a_damaged_workbook_is_refused():
    message = refusal(b"PK\x03\x04" + b"\x00" * 200, "hong.xlsx")

    assert "bị hỏng" in message


def test_a_password_protected_workbook_is_refused_with_how_to_remove_the_password():
    message = refusal((FIXTURES / "password.xlsx").read_bytes(), "password.xlsx")

    assert "mật khẩu" in message
    assert "bỏ mật khẩu" in message


def test_an_empty_file_and_a_file_without_data_rows_are_refused():
    assert "trống" in refusal(b"", "rong.csv")
    assert "không có dòng dữ liệu" in refusal(xlsx([UNITS[0], [], []]))


def test_missing_required_columns_are_named():
    message = refusal(
        xlsx([["Tên mô hình", "Mã đơn vị", "Ghi chú"], ["A", "X1", ""]]), columns=INITIATIVE_COLUMNS
    )

    assert "thiếu cột bắt buộc" in message
    assert "“Loại”, “Lĩnh vực”, “Năm”" in message
    assert "Tên mô hình" not in message


def test_a_sheet_without_any_known_header_is_refused_listing_the_columns():
    message = refusal(xlsx([["Cột 1", "Cột 2"], ["a", "b"]]))

    assert "Không tìm thấy dòng tiêu đề" in message
    assert "“Mã đơn vị”, “Tên đơn vị”, “Loại đơn vị”" in message


def test_a_csv_that_is_not_utf8_is_refused_with_how_to_save_it():
    text = "Mã đơn vị,Tên đơn vị,Loại đơn vị\nX1,Xã Một,Xã\n"
    data = text.encode("cp1258", errors="replace")  # the Windows code page of old Vietnamese files

    assert "UTF-8" in refusal(data, "tep.csv")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.DVK_IMPORT_MAX_MB = 1
    data = csv_bytes(
        [UNITS[0]] + [[f"X{n}", "Xã có tên khá dài để tệp nặng hơn", "Xã"] for n in range(40_000)]
    )
    assert len(data) > 1024 * 1024

    message = refusal(data, "lon.csv")

    assert "vượt giới hạn 1 MB" in message


def test_more_than_200000_rows_are_refused():
    data = csv_bytes([UNITS[0]] + [[f"X{n}", "X", "Xã"] for n in range(MAX_ROWS + 1)])

    message = refusal(data, "nhieu.csv")

    assert "200.000" in message
