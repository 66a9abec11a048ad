"""The initiatives register (DESIGN §7): one row per registration, rows with the same model code are one
initiative over several years.

Meaning of the columns, as the instructions sheet of the template explains them:
- "Mã mô hình" identifies the initiative across years. Left blank, the initiative is recognised by its unit,
  kind, name and person (so importing the same file twice creates nothing twice) and, when new, gets a code
  `<unit code>-<first year>-0001` like those the pages generate.
- "Mã đơn vị" is the owning unit (code, or an unambiguous name). A new registration is registered by it.
- "Kết quả" blank means registered: a new registration is written as accepted ("Đang triển khai", it counts in
  the figures), whatever its year, since the committee's own register is the proof it was received. "Công
  nhận", "Tiêu biểu" and "Không công nhận" record the recognition and set the status to recognised or not
  recognised. Closed years are written directly, as decision 0002 allows an importer of old registers.
- Initiative columns (name, kind, person, sector, content, indicators …) repeat on every row of an
  initiative; the row of the latest year is the one that counts.
- A blank cell never erases what DVK holds: it means "not given". An import never deletes anything.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from dvk.campaigns.models import Sector
from dvk.evaluations.models import RecognitionLevel
from dvk.imports import values
from dvk.imports.kinds.base import DUPLICATE, Importer, Row
from dvk.imports.kinds.directory import UnitDirectory, UnitInfo
from dvk.imports.matching import Choices, key
from dvk.imports.reading import Column
from dvk.initiatives.enums import InitiativeKind
from dvk.initiatives.years import FIRST_YEAR

RECOGNISED, EXEMPLARY, NOT_RECOGNISED = "recognised", "exemplary", "not_recognised"

COLUMNS = (
    Column("code", "Mã mô hình", ("Mã số mô hình", "Mã MH"), help="Để trống với mô hình mới: DVK tự tạo mã."),
    Column("name", "Tên mô hình", ("Tên mô hình Dân vận khéo", "Tên mô hình, điển hình"), required=True),
    Column(
        "unit",
        "Mã đơn vị",
        ("Mã ĐV", "Đơn vị", "Tên đơn vị", "Đơn vị thực hiện"),
        required=True,
        help="Mã của đơn vị có mô hình (tên đơn vị cũng được nếu không trùng).",
    ),
    Column("kind", "Loại", ("Loại mô hình", "Tập thể / Cá nhân", "Tập thể hay cá nhân"), required=True),
    Column("person_name", "Họ và tên", ("Họ tên",), help="Bắt buộc với mô hình cá nhân."),
    Column("person_position", "Chức vụ", ("Chức vụ, nghề nghiệp",)),
    Column("sector", "Lĩnh vực", ("Lĩnh vực thực hiện",), required=True),
    Column(
        "year", "Năm", ("Năm đăng ký", "Năm thực hiện"), required=True, help=f"Từ {FIRST_YEAR} đến năm sau."
    ),
    Column(
        "result",
        "Kết quả",
        ("Kết quả công nhận", "Kết quả bình xét", "Xếp loại"),
        help="Để trống nếu mới đăng ký; Công nhận, Tiêu biểu hoặc Không công nhận.",
    ),
    Column("level", "Cấp công nhận"),
    Column("decision_number", "Số quyết định", ("Số QĐ", "Số quyết định công nhận")),
    Column("decision_date", "Ngày quyết định", ("Ngày QĐ", "Ngày quyết định công nhận")),
    Column("description", "Nội dung", ("Nội dung, cách làm", "Nội dung mô hình", "Cách làm")),
    Column("results", "Kết quả đạt được", ("Hiệu quả", "Kết quả thực hiện")),
    Column("address", "Địa chỉ thực hiện", ("Địa chỉ", "Địa bàn thực hiện")),
    Column("households_benefiting", "Số hộ hưởng lợi", ("Số hộ được hưởng lợi", "Hộ hưởng lợi")),
    Column("funds_mobilised", "Kinh phí huy động (đồng)", ("Kinh phí huy động", "Kinh phí")),
    Column("workdays", "Ngày công", ("Số ngày công",)),
    Column("land_donated_m2", "Đất hiến (m²)", ("Diện tích đất hiến", "Đất hiến", "Đất hiến (m2)")),
    Column("roads_km", "Đường giao thông (km)", ("Đường giao thông", "Đường giao thông làm mới (km)")),
)

KINDS = Choices.of(
    "loại mô hình",
    InitiativeKind.choices,
    {"Mô hình tập thể": "collective", "Điển hình cá nhân": "individual", "Mô hình cá nhân": "individual"},
)
RESULTS = Choices.of(
    "kết quả",
    [(RECOGNISED, "Công nhận"), (EXEMPLARY, "Tiêu biểu"), (NOT_RECOGNISED, "Không công nhận")],
    {
        "Được công nhận": RECOGNISED,
        "Đạt": RECOGNISED,
        "Điển hình": EXEMPLARY,
        "Tiêu biểu, điển hình": EXEMPLARY,
        "Điển hình tiêu biểu": EXEMPLARY,
        "Không được công nhận": NOT_RECOGNISED,
        "Không đạt": NOT_RECOGNISED,
    },
)
LEVELS = Choices.of(
    "cấp công nhận",
    RecognitionLevel.choices,
    {
        "Xã": "commune",
        "Cấp cơ sở": "commune",
        "Huyện": "district",
        "Tỉnh": "province",
        "TW": "central",
        "Cấp trung ương": "central",
        "Cấp TW": "central",
    },
)
# Initiative fields a row may give, and how each cell is read.
INDICATORS = {
    "households_benefiting": (values.whole_number, {}),
    "funds_mobilised": (values.non_negative, {"places": 0, "max_digits": 18}),
    "workdays": (values.whole_number, {}),
    "land_donated_m2": (values.non_negative, {"places": 2, "max_digits": 12}),
    "roads_km": (values.non_negative, {"places": 2, "max_digits": 9}),
}
TEXT_LIMITS = {"name": 500, "person_name": 150, "person_position": 255, "address": 500}


def sector_choices() -> Choices:
    return Choices.of("lĩnh vực", Sector.objects.order_by("order", "name").values_list("pk", "name"))


@dataclass
class Entry:
    """A row that reads correctly: the registration it describes and the initiative fields it gives."""

    row: Row
    group: Any  # what identifies the initiative in this file
    code: str
    unit: UnitInfo
    year: int
    fields: dict[str, Any]  # initiative fields given (blank cells left out)
    result: str | None
    recognition: dict[str, Any] = field(default_factory=dict)  # level, decision_number, decision_date given
    fingerprint: tuple = ()

    @property
    def natural_key(self) -> tuple:
        return (
            self.unit.pk,
            self.fields["kind"],
            key(self.fields["name"]),
            key(self.fields.get("person_name")),
        )


class RowReader:
    """Reads one row of the initiatives register into an `Entry`, recording every problem of the row."""

    def __init__(self, directory: UnitDirectory, sectors: Choices):
        self.directory = directory
        self.sectors = sectors
        self.last_year = timezone.localdate().year + 1

    def closed(self, row: Row, name: str, choices: Choices, *, required: bool = False) -> Any:
        written = row.read(name)
        if written is None:
            if required and not row.given(name):
                row.error(name, f"Chưa ghi {choices.name}.")
            return None
        found = choices.find(written)
        if found is None:
            row.error(name, choices.unknown_message(written), choices.suggestion(written))
        return found

    def unit(self, row: Row) -> UnitInfo | None:
        written = row.required("unit")
        if written is None:
            return None
        lookup = self.directory.find(written)
        if lookup.unit is None:
            row.error("unit", lookup.message, lookup.suggestion)
        return lookup.unit

    def initiative_fields(self, row: Row) -> dict[str, Any]:
        fields: dict[str, Any] = {"name": row.text("name", TEXT_LIMITS["name"])}
        if not fields["name"]:
            row.error("name", "Chưa ghi tên mô hình.")
        fields["kind"] = self.closed(row, "kind", KINDS, required=True)
        fields["sector_id"] = self.closed(row, "sector", self.sectors, required=True)
        for name in ("person_name", "person_position", "address"):
            fields[name] = row.text(name, TEXT_LIMITS[name])
        if fields["kind"] == InitiativeKind.INDIVIDUAL and not fields["person_name"]:
            row.error(
                "person_name" if row.has("person_name") else "kind", "Mô hình cá nhân cần ghi họ và tên."
            )
        if fields["kind"] == InitiativeKind.COLLECTIVE:
            fields["person_name"] = fields["person_position"] = ""
        fields["description"] = row.read("description", values.multiline) or ""
        fields["results"] = row.read("results", values.multiline) or ""
        for name, (parser, options) in INDICATORS.items():
            fields[name] = row.read(name, parser, **options)
        return {name: value for name, value in fields.items() if value not in (None, "")}

    def recognition(self, row: Row, year: int | None) -> tuple[str | None, dict[str, Any]]:
        result = self.closed(row, "result", RESULTS)
        given = {
            "level": self.closed(row, "level", LEVELS),
            "decision_number": row.text("decision_number", 64),
            "decision_date": row.read("decision_date", values.date),
        }
        if result and year and year > timezone.localdate().year:
            row.error("result", f"Năm {year} chưa kết thúc nên chưa thể có kết quả công nhận.")
        return result, {name: value for name, value in given.items() if value not in (None, "")}

    def read(self, row: Row) -> Entry | None:
        code = row.text("code", 40)
        unit = self.unit(row)
        year = row.required("year", values.year, first=FIRST_YEAR, last=self.last_year)
        fields = self.initiative_fields(row)
        result, recognition = self.recognition(row, year)
        if row.errors or unit is None or year is None:
            return None
        entry = Entry(row, None, code, unit, year, fields, result, recognition)
        entry.group = code.casefold() if code else ("natural", *entry.natural_key)
        entry.fingerprint = (unit.pk, sorted(fields.items()), result, sorted(recognition.items()))
        return entry


def duplicate_message(entry: Entry, first: Entry) -> str:
    """Two rows for the same registration that disagree: name the columns where they differ."""
    differing = [
        entry.row.columns[name].header
        for name in (*{*entry.fields, *first.fields}, "unit", "result")
        if name in entry.row.columns and _cell(entry, name) != _cell(first, name)
    ]
    what = f" (khác nhau ở cột {', '.join(f'“{h}”' for h in sorted(set(differing)))})" if differing else ""
    label = entry.code or entry.fields["name"]
    return (
        f"Lượt đăng ký năm {entry.year} của mô hình “{label}” đã có ở {first.row.place} với nội dung "
        f"khác{what}. Hãy giữ lại một dòng."
    )


def _cell(entry: Entry, name: str) -> Any:
    if name == "unit":
        return entry.unit.pk
    if name == "result":
        return (entry.result, sorted(entry.recognition.items()))
    return entry.fields.get("sector_id" if name == "sector" else name)


class InitiativeRows(Importer):
    """Row reading and duplicate detection; `InitiativeImporter` (initiatives_plan) adds the comparison with
    the database and the writes."""

    kind = "initiatives"
    columns = COLUMNS

    def __init__(self, actor):
        super().__init__(actor)
        self.directory = UnitDirectory(actor)
        self.sectors = sector_choices()
        self.reader = RowReader(self.directory, self.sectors)
        self.entries: list[Entry] = []
        self.seen: dict[tuple, Entry] = {}
        self.invalid: set[tuple[str, int]] = set()

    def check_row(self, row: Row) -> None:
        entry = self.reader.read(row)
        if entry is None:
            self.invalid.add((row.sheet, row.number))
            return
        first = self.seen.get((entry.group, entry.year))
        if first is None:
            self.seen[(entry.group, entry.year)] = entry
            self.entries.append(entry)
        elif first.fingerprint == entry.fingerprint:
            self.plan.outcomes[DUPLICATE] += 1
        else:
            row.error("year", duplicate_message(entry, first))
            self.invalid.add((row.sheet, row.number))

    def reject(self, entry: Entry, name: str | None, message: str) -> None:
        entry.row.error(name, message)
        self.invalid.add((entry.row.sheet, entry.row.number))


def plain_text(value: str | None) -> str:
    """Rich or plain text reduced to its words, for comparing a cell with what DVK stores."""
    if not value:
        return ""
    text = re.sub(r"<\s*(br|/p|/li)\s*/?>", "\n", value, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.split())


def today() -> date:
    return timezone.localdate()
