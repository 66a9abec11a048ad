"""Reading a register file: which format it is, its sheets, the header row and the data rows below it.

Formats: .xlsx, .xls and .ods through python-calamine (fast, and it reads formula cells by their cached
values), and CSV in UTF-8 with or without a byte-order mark (separator `,`, `;` or tab). The format is told by
the file's first bytes, not its name. A header is the first row, among the top rows of a sheet, that holds the
most known column names (a title block, blank or merged rows above it are skipped); columns are matched by
name, in any order, with `matching.key`. Unknown columns (STT, Ghi chú …) are ignored and named.

Everything that makes a file unreadable raises `FileRefused` with the sentence to show.
"""

import csv
import io
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import python_calamine
from django.conf import settings

from dvk.imports.matching import key, quoted

HEADER_SEARCH_ROWS = 50
MAX_ROWS = 200_000
_ZIP = b"PK\x03\x04"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ACCEPTED = "Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV (UTF-8)"


class FileRefused(Exception):
    """The file cannot be read at all; `message` tells the user what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """A column an import knows: its field, the header of the template and the other names accepted."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    help: str = ""

    def header_keys(self) -> set[str]:
        return {key(self.header), *(key(alias) for alias in self.aliases)}


@dataclass(eq=False)
class Table:
    """The data of one sheet: `positions` maps a field to its column index; rows keep their sheet numbers."""

    sheet: str
    header_row: int
    positions: dict[str, int]
    letters: dict[str, str]
    ignored: list[str]
    rows: list[tuple[int, tuple]] = field(default_factory=list)


def max_bytes() -> int:
    return int(getattr(settings, "DVK_IMPORT_MAX_MB", 20)) * 1024 * 1024


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise FileRefused(
            f"Tệp nặng {_megabytes(size)} MB, vượt giới hạn {limit // (1024 * 1024)} MB cho một lần nhập. "
            "Hãy chia dữ liệu thành nhiều tệp nhỏ hơn."
        )


# --- sheets ------------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A sheet's rows as tuples of raw cells. `offset` is the index of the sheet's first column."""

    name: str
    rows: Iterator[Sequence]
    offset: int = 0


def _calamine_sheets(data: bytes, filename: str) -> list[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            offset = sheet.start[1] if sheet.start else 0
            sheets.append(Sheet(name=name, rows=sheet.iter_rows(), offset=offset))
    except python_calamine.PasswordError:
        raise FileRefused(_password_message(filename)) from None
    except Exception:  # calamine reports damaged files with several error types
        raise FileRefused(
            f"Không đọc được tệp “{filename}”: tệp bị hỏng hoặc không phải là bảng tính {ACCEPTED}. "
            "Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
        ) from None
    return sheets


def _password_message(filename: str) -> str:
    return (
        f"Tệp “{filename}” được đặt mật khẩu nên DVK không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu "
        "(Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu và tải lên lại."
    )


def _csv_sheet(data: bytes, filename: str) -> Sheet:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            f"Tệp “{filename}” không phải bảng tính {ACCEPTED}, hoặc là tệp CSV không lưu theo bảng mã "
            "UTF-8. Với tệp CSV, trong Excel hãy chọn Lưu thành → “CSV UTF-8 (Comma delimited)”."
        ) from None
    if "\x00" in content:
        raise FileRefused(f"Tệp “{filename}” không phải là bảng tính {ACCEPTED}.")
    sample = content[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    name = filename.rsplit("/", 1)[-1]
    return Sheet(name=name, rows=iter(csv.reader(io.StringIO(content), dialect)))


def open_sheets(data: bytes, filename: str) -> list[Sheet]:
    """The sheets of a file, whatever its format; `FileRefused` when it cannot be read."""
    check_size(len(data))
    if not data.strip():
        raise FileRefused(f"Tệp “{filename}” trống.")
    if data.startswith(_CFB):
        if _ENCRYPTED_PACKAGE in data[:1_000_000]:
            raise FileRefused(_password_message(filename))
        return _calamine_sheets(data, filename)
    if data.startswith(_ZIP):
        return _calamine_sheets(data, filename)
    return [_csv_sheet(data, filename)]


# --- header and rows --------------------------------------------------------------------------------------


def _match_header(cells: Sequence, columns: Sequence[Column]) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """Known fields found in a row (first occurrence wins) and the other non-blank cells."""
    by_key = {k: column.field for column in columns for k in column.header_keys()}
    found: dict[str, int] = {}
    others: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        label = str(cell).strip() if cell not in (None, "") else ""
        if not label:
            continue
        name = by_key.get(key(label))
        if name is not None and name not in found:
            found[name] = index
        else:
            others.append((index, " ".join(label.split())))
    return found, others


def _is_blank_row(cells: Sequence) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


@dataclass
class HeaderSearch:
    found: dict[str, int] = field(default_factory=dict)
    others: list[tuple[int, str]] = field(default_factory=list)
    index: int = -1  # position of the header among the scanned rows


def _find_header(head: list[Sequence], columns: Sequence[Column]) -> HeaderSearch:
    """The first of the top rows holding the most known names (at least two)."""
    search = HeaderSearch()
    for index, cells in enumerate(head):
        found, others = _match_header(cells, columns)
        if len(found) > len(search.found) and len(found) >= 2:
            search = HeaderSearch(found=found, others=others, index=index)
    return search


def read_table(sheet: Sheet, columns: Sequence[Column]) -> Table | None:
    """The table of a sheet, or None when the sheet holds no header of this kind of register."""
    head = list(itertools.islice(sheet.rows, HEADER_SEARCH_ROWS))
    search = _find_header(head, columns)
    if not search.found:
        return None
    wanted = sorted(search.found.items(), key=lambda item: item[1])
    table = Table(
        sheet=sheet.name,
        header_row=search.index + 1,
        positions={name: i for i, (name, _index) in enumerate(wanted)},
        letters={name: column_letter(sheet.offset + index) for name, index in wanted},
        ignored=[f"{label} (cột {column_letter(sheet.offset + index)})" for index, label in search.others],
    )
    rows = itertools.chain(head[search.index + 1 :], sheet.rows)
    for number, cells in enumerate(rows, start=search.index + 2):
        values = tuple(cells[index] if index < len(cells) else None for _name, index in wanted)
        if _is_blank_row(values):
            continue
        table.rows.append((number, values))
        if len(table.rows) > MAX_ROWS:
            raise FileRefused(
                f"Trang tính “{sheet.name}” có hơn {_thousands(MAX_ROWS)} dòng dữ liệu, vượt giới hạn của "
                "một lần nhập. Hãy chia dữ liệu thành nhiều tệp."
            )
    return table


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _missing(table: Table, columns: Sequence[Column]) -> list[str]:
    return [column.header for column in columns if column.required and column.field not in table.positions]


def read_tables(data: bytes, filename: str, columns: Sequence[Column]) -> tuple[list[Table], list[str]]:
    """The sheets of the file that hold this kind of register, and notes on sheets left aside. Refuses a
    file with no such sheet, with required columns missing (named), with no data row, or too many rows."""
    found = [table for sheet in open_sheets(data, filename) if (table := read_table(sheet, columns))]
    tables = [table for table in found if not _missing(table, columns)]
    if not found:
        required = [column.header for column in columns if column.required]
        raise FileRefused(
            f"Không tìm thấy dòng tiêu đề của bảng dữ liệu. Bảng cần có các cột: {quoted(required)} "
            "(xem tệp mẫu)."
        )
    if not tables:
        best = max(found, key=lambda table: len(table.positions))
        raise FileRefused(
            f"Trang tính “{best.sheet}” (dòng tiêu đề {best.header_row}) thiếu cột bắt buộc: "
            f"{quoted(_missing(best, columns))}."
        )
    notes = [
        f"Bỏ qua trang tính “{table.sheet}”: thiếu cột {quoted(_missing(table, columns))}."
        for table in found
        if _missing(table, columns)
    ]
    total = sum(len(table.rows) for table in tables)
    if total == 0:
        raise FileRefused("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    if total > MAX_ROWS:
        raise FileRefused(
            f"Tệp có {_thousands(total)} dòng dữ liệu, vượt giới hạn {_thousands(MAX_ROWS)} dòng của một lần "
            "nhập. Hãy chia dữ liệu thành nhiều tệp."
        )
    return tables, notes
