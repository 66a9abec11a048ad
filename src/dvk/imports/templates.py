"""The downloadable .xlsx templates of the three imports, and the same workbook filled with data (the exports
that round-trip: export → import finds "0 changed").

A workbook has three sheets: "Dữ liệu" (the header row, frozen, with filters; drop-down lists on the closed
columns), "Hướng dẫn" (what each column means, in Vietnamese) and "Danh mục" (the values the drop-downs
offer: kinds, sectors, results, units of the user's scope …). Dates are real dates, numbers real numbers.
"""

import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

import xlsxwriter

from dvk.accounts.roles import MANAGE_UNITS
from dvk.campaigns.models import AwardForm, Sector
from dvk.imports.kinds import commendations, initiatives, units
from dvk.imports.models import ImportKind
from dvk.imports.reading import MAX_ROWS, Column
from dvk.units.models import Unit
from dvk.units.selectors import unit_ids_with_permission

VALIDATED_ROWS = 5000  # rows below the header that carry the drop-down lists
TITLES = {
    ImportKind.UNITS: "Danh sách đơn vị",
    ImportKind.INITIATIVES: "Danh sách mô hình “Dân vận khéo” và lượt đăng ký theo năm",
    ImportKind.COMMENDATIONS: "Danh sách khen thưởng theo quyết định",
}
GENERAL_RULES = [
    "Mỗi dòng của trang “Dữ liệu” là một bản ghi; có thể thêm dòng tiêu đề, dòng trống phía trên bảng.",
    "Tên cột được nhận theo chữ (không phân biệt hoa thường, dấu, khoảng trắng); thứ tự cột tùy ý.",
    "Cột không có trong danh sách dưới đây (STT, Ghi chú …) được bỏ qua.",
    "Ngày ghi theo dạng ngày/tháng/năm (14/10/2022) hoặc định dạng ngày của Excel.",
    "Số ghi bằng số, hoặc chữ như 1.234.567 (dấu chấm phân cách hàng nghìn) và 1,5 (dấu phẩy thập phân).",
    "Ô để trống không xóa dữ liệu đang có. Nhập lại cùng một tệp không tạo bản ghi trùng.",
    (
        "Trước khi ghi, DVK kiểm tra toàn bộ tệp và chỉ ra từng lỗi (trang tính, dòng, cột); tệp có lỗi "
        "không được ghi, trừ khi chọn “Chỉ nhập các dòng hợp lệ”."
    ),
    f"Một lần nhập tối đa {MAX_ROWS:,} dòng.".replace(",", "."),
]
KIND_RULES = {
    ImportKind.UNITS: [
        "Các dòng có thể theo thứ tự bất kỳ: đơn vị cấp trên có thể nằm ở dòng dưới.",
        (
            "Để trống “Mã đơn vị cấp trên” với đơn vị cấp cao nhất (chỉ quản trị hệ thống); với đơn vị đã có, "
            "để trống nghĩa là giữ nguyên vị trí."
        ),
        "Đơn vị có “Sáp nhập vào” hoặc đã hết hiệu lực được ghi là ngừng hoạt động.",
    ],
    ImportKind.INITIATIVES: [
        (
            "Mỗi dòng là một lượt đăng ký (một mô hình trong một năm); các dòng cùng mã mô hình là một mô hình qua "
            "nhiều năm. Thông tin mô hình lấy theo dòng của năm gần nhất."
        ),
        (
            "Để trống “Kết quả” nghĩa là đã đăng ký (đang triển khai); Công nhận, Tiêu biểu, Không công nhận ghi "
            "kết quả công nhận của năm đó."
        ),
        "Để trống “Mã mô hình” với mô hình mới: DVK tự tạo mã dạng <mã đơn vị>-<năm>-0001.",
    ],
    ImportKind.COMMENDATIONS: [
        (
            "Các dòng cùng số quyết định và đơn vị ban hành là một quyết định: ngày, hình thức, loại khen thưởng "
            "và giai đoạn phải giống nhau."
        ),
        "Mỗi tập thể, cá nhân chỉ ghi một lần trong một quyết định.",
    ],
}


def columns_of(kind: str) -> tuple[Column, ...]:
    return {
        ImportKind.UNITS: units.COLUMNS,
        ImportKind.INITIATIVES: initiatives.COLUMNS,
        ImportKind.COMMENDATIONS: commendations.COLUMNS,
    }[kind]


def drop_downs(kind: str, actor) -> dict[str, list[str]]:
    """The values offered in each closed column (unit codes: those the user may import for)."""
    codes = list(
        Unit.objects.filter(pk__in=unit_ids_with_permission(actor, MANAGE_UNITS), is_active=True)
        .order_by("path")
        .values_list("code", flat=True)[:20000]
    )
    if kind == ImportKind.UNITS:
        return {"kind": list(units.KINDS.labels.values()), "parent": codes}
    if kind == ImportKind.INITIATIVES:
        return {
            "unit": codes,
            "kind": list(initiatives.KINDS.labels.values()),
            "sector": list(Sector.objects.filter(is_active=True).values_list("name", flat=True)),
            "result": list(initiatives.RESULTS.labels.values()),
            "level": list(initiatives.LEVELS.labels.values()),
        }
    return {
        "issuer": codes,
        "unit": codes,
        "award_form": list(AwardForm.objects.filter(is_active=True).values_list("name", flat=True)),
        "authority": list(commendations.AUTHORITIES.labels.values()),
        "kind": list(commendations.HONOREE_KINDS.labels.values()),
    }


def _cell_value(value):
    if isinstance(value, Decimal):
        return float(value) if abs(value) < 10**15 else str(value)
    return value


class WorkbookWriter:
    def __init__(self, kind: str, actor):
        self.kind = kind
        self.columns = columns_of(kind)
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_numbers": False})
        self.header = self.book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#FCE4D6", "border": 1}
        )
        self.required = self.book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#F8CBAD", "border": 1}
        )
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.data = self.book.add_worksheet("Dữ liệu")
        self.guide = self.book.add_worksheet("Hướng dẫn")
        self.lists = self.book.add_worksheet("Danh mục")
        self.choices = drop_downs(kind, actor)

    def write_header(self) -> None:
        for index, column in enumerate(self.columns):
            self.data.write(0, index, column.header, self.required if column.required else self.header)
            self.data.set_column(index, index, max(12, min(40, len(column.header) + 4)))
        self.data.freeze_panes(1, 0)
        self.data.set_row(0, 32)

    def write_rows(self, rows: Iterable[list]) -> int:
        count = 0
        for number, cells in enumerate(rows, start=1):
            for index, value in enumerate(cells):
                if isinstance(value, datetime.date):
                    self.data.write_datetime(
                        number, index, datetime.datetime.combine(value, datetime.time()), self.date
                    )
                elif value not in (None, ""):
                    self.data.write(number, index, _cell_value(value))
            count = number
        self.data.autofilter(0, 0, max(count, 1), len(self.columns) - 1)
        return count

    def write_lists(self, last_row: int) -> None:
        positions = {column.field: index for index, column in enumerate(self.columns)}
        for list_index, (name, options) in enumerate(self.choices.items()):
            header = self.columns[positions[name]].header
            self.lists.write(0, list_index, header, self.header)
            self.lists.set_column(list_index, list_index, 28)
            for row, option in enumerate(options, start=1):
                self.lists.write_string(row, list_index, option)
            if not options:
                continue
            letter = xlsxwriter.utility.xl_col_to_name(list_index)
            source = f"='Danh mục'!${letter}$2:${letter}${len(options) + 1}"
            closed = name not in {"unit", "issuer", "parent"}
            self.data.data_validation(
                1,
                positions[name],
                max(last_row, VALIDATED_ROWS),
                positions[name],
                {
                    "validate": "list",
                    "source": source,
                    "error_type": "stop" if closed else "information",
                    "error_title": "Giá trị không có trong danh mục",
                    "error_message": f"Hãy chọn {header.lower()} trong danh sách (trang “Danh mục”).",
                },
            )

    def write_guide(self) -> None:
        guide = self.guide
        guide.set_column(0, 0, 30)
        guide.set_column(1, 1, 12)
        guide.set_column(2, 2, 90)
        guide.write(
            0,
            0,
            f"Hướng dẫn nhập: {TITLES[self.kind]}",
            self.book.add_format({"bold": True, "font_size": 14}),
        )
        row = 2
        for rule in GENERAL_RULES + KIND_RULES[self.kind]:
            guide.merge_range(row, 0, row, 2, f"• {rule}", self.wrap)
            guide.set_row(row, 30)
            row += 1
        row += 1
        for index, title in enumerate(("Cột", "Bắt buộc", "Ý nghĩa, giá trị được dùng")):
            guide.write(row, index, title, self.header)
        for column in self.columns:
            row += 1
            allowed = self.choices.get(column.field)
            meaning = column.help
            if allowed and column.field not in {"unit", "issuer", "parent"}:
                meaning = f"{meaning} Chọn một trong: {'; '.join(allowed)}.".strip()
            guide.write(row, 0, column.header)
            guide.write(row, 1, "Có" if column.required else "")
            guide.write(row, 2, meaning, self.wrap)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def build_workbook(kind: str, *, actor, rows: Iterable[list] = ()) -> bytes:
    """The template of `kind` (empty, or filled with `rows` in the template's column order)."""
    writer = WorkbookWriter(kind, actor)
    writer.write_header()
    last_row = writer.write_rows(rows)
    writer.write_lists(last_row)
    writer.write_guide()
    return writer.close()


def file_name(kind: str, *, filled: bool) -> str:
    names = {
        ImportKind.UNITS: "don-vi",
        ImportKind.INITIATIVES: "mo-hinh",
        ImportKind.COMMENDATIONS: "khen-thuong",
    }
    return f"{'du-lieu' if filled else 'mau-nhap'}-{names[kind]}.xlsx"
