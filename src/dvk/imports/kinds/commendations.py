"""The commendations register: `Số quyết định | Ngày quyết định | Mã đơn vị ban hành | Hình thức khen thưởng |
Loại khen thưởng | Giai đoạn | Đối tượng | Tên tập thể / Họ và tên | Chức vụ | Mã đơn vị | Mã mô hình`.

Rows with the same decision number and issuing unit are one decision: its date, award form, authority and
phase must agree on every row. "Giai đoạn" may be blank: the decision then belongs to no phase (it counts by
its date). A collective or person named twice in one decision is refused. "Mã mô hình" may list several
codes separated by commas. Existing decisions get their new honorees; nothing is removed.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from dvk.campaigns.models import AwardForm, Phase
from dvk.commendations.models import Authority, Commendation, Honoree
from dvk.core.text import fold
from dvk.imports import values
from dvk.imports.kinds.base import CHANGED, INVALID, NEW, UNCHANGED, Importer, Row, WriteContext
from dvk.imports.kinds.directory import UnitDirectory, UnitInfo
from dvk.imports.kinds.initiatives_plan import chunks
from dvk.imports.matching import Choices, quoted
from dvk.imports.reading import Column
from dvk.initiatives.enums import InitiativeKind
from dvk.initiatives.models import Initiative

COLUMNS = (
    Column("number", "Số quyết định", ("Số QĐ", "Số quyết định khen thưởng"), required=True),
    Column("date", "Ngày quyết định", ("Ngày QĐ", "Ngày ký", "Ngày ban hành"), required=True),
    Column(
        "issuer",
        "Mã đơn vị ban hành",
        ("Đơn vị ban hành", "Cơ quan ban hành", "Mã cơ quan ban hành"),
        required=True,
    ),
    Column("award_form", "Hình thức khen thưởng", ("Hình thức",), required=True),
    Column(
        "authority",
        "Loại khen thưởng",
        ("Khen thưởng của",),
        required=True,
        help="Đảng, Chính quyền hoặc Đoàn thể.",
    ),
    Column(
        "phase",
        "Giai đoạn",
        ("Mã giai đoạn",),
        help="Ví dụ 2020-2022; để trống nếu không thuộc giai đoạn nào.",
    ),
    Column("kind", "Đối tượng", ("Đối tượng khen thưởng", "Tập thể / Cá nhân"), required=True),
    Column(
        "name",
        "Tên tập thể / Họ và tên",
        (
            "Tên tập thể, cá nhân",
            "Họ và tên",
            "Tên tập thể",
            "Tập thể, cá nhân được khen thưởng",
            "Tên tập thể, họ và tên",
        ),
        required=True,
    ),
    Column("position", "Chức vụ", ("Chức vụ, đơn vị công tác",)),
    Column("unit", "Mã đơn vị", ("Đơn vị", "Đơn vị công tác", "Mã đơn vị được khen"), required=True),
    Column(
        "initiatives", "Mã mô hình", ("Mã các mô hình",), help="Có thể ghi nhiều mã, cách nhau bởi dấu phẩy."
    ),
)
AUTHORITIES = Choices.of(
    "loại khen thưởng",
    Authority.choices,
    {
        "Nhà nước": "government",
        "UBND": "government",
        "Ủy ban nhân dân": "government",
        "Cấp ủy": "party",
        "Mặt trận": "mass_org",
        "MTTQ": "mass_org",
    },
)
HONOREE_KINDS = Choices.of("đối tượng", InitiativeKind.choices)
_PHASE_CODE = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{4})")
_SPLIT = re.compile(r"[,;\n]+")
DECISION_FIELDS = ("date", "award_form_id", "authority", "phase_id")


@dataclass
class Decision:
    key: tuple
    number: str
    issuer: UnitInfo
    values: dict[str, Any]
    first: Row
    existing: Commendation | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    honorees: list["HonoreeEntry"] = field(default_factory=list)


@dataclass
class HonoreeEntry:
    row: Row
    decision: Decision
    kind: str
    name: str
    position: str
    unit: UnitInfo
    codes: list[str]
    initiative_ids: set[int] = field(default_factory=set)
    existing: Honoree | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        return (self.decision.key, self.kind, self.unit.pk, fold(self.name))


class CommendationImporter(Importer):
    kind = "commendations"
    columns = COLUMNS

    def __init__(self, actor):
        super().__init__(actor)
        self.directory = UnitDirectory(actor)
        self.award_forms = Choices.of("hình thức khen thưởng", AwardForm.objects.values_list("pk", "name"))
        self.phases = list(Phase.objects.values_list("pk", "code", "launched_by__path"))
        self.decisions: dict[tuple, Decision] = {}
        self.honorees: dict[tuple, HonoreeEntry] = {}
        self.invalid: set[tuple[str, int]] = set()
        self.code_rows: list[tuple[Row, list[str]]] = []

    # --- rows -------------------------------------------------------------------------------------------------

    def closed(self, row: Row, name: str, choices: Choices) -> Any:
        written = row.read(name)
        if written is None:
            if not row.given(name):
                row.error(name, f"Chưa ghi {choices.name}.")
            return None
        found = choices.find(written)
        if found is None:
            row.error(name, choices.unknown_message(written), choices.suggestion(written))
        return found

    def unit(self, row: Row, name: str) -> UnitInfo | None:
        written = row.required(name)
        if written is None:
            return None
        lookup = self.directory.find(written)
        if lookup.unit is None:
            row.error(name, lookup.message, lookup.suggestion)
        return lookup.unit

    def phase(self, row: Row, issuer: UnitInfo | None) -> int | None:
        written = row.read("phase")
        if written is None or issuer is None:
            return None
        match = _PHASE_CODE.search(written)
        code = f"{match.group(1)}-{match.group(2)}" if match else written
        applying = [p for p in self.phases if issuer.path.startswith(p[2])]
        found = max((p for p in applying if p[1] == code), key=lambda p: len(p[2]), default=None)
        if found is None:
            known = sorted({p[1] for p in applying})
            hint = f" Các giai đoạn áp dụng cho đơn vị ban hành: {quoted(known)}." if known else ""
            row.error("phase", f"Không có giai đoạn “{written}” áp dụng cho {issuer.label}.{hint}")
            return None
        return found[0]

    def check_row(self, row: Row) -> None:
        number = row.text("number", 64)
        if not number and not row.given("number"):
            row.error("number", "Chưa ghi số quyết định.")
        day = row.required("date", values.date)
        issuer = self.unit(row, "issuer")
        decision_values = {
            "date": day,
            "award_form_id": self.closed(row, "award_form", self.award_forms),
            "authority": self.closed(row, "authority", AUTHORITIES),
            "phase_id": self.phase(row, issuer),
        }
        kind = self.closed(row, "kind", HONOREE_KINDS)
        name = row.text("name", 255)
        if not name:
            row.error("name", "Chưa ghi tên tập thể hoặc họ và tên.")
        unit = self.unit(row, "unit")
        codes = [code.strip() for code in _SPLIT.split(row.read("initiatives") or "") if code.strip()]
        if codes:
            self.code_rows.append((row, codes))
        if row.errors or issuer is None or unit is None:
            self.invalid.add((row.sheet, row.number))
            return
        decision = self.decision_for(row, number, issuer, decision_values)
        if decision is None:
            return
        entry = HonoreeEntry(row, decision, kind, name, row.text("position", 255), unit, codes)
        first = self.honorees.get(entry.key)
        if first is not None:
            self.reject(
                row,
                "name",
                f"“{name}” đã có trong quyết định này ở {first.row.place}: mỗi tập thể, cá nhân chỉ ghi một lần.",
            )
            return
        self.honorees[entry.key] = entry
        decision.honorees.append(entry)

    def decision_for(self, row: Row, number: str, issuer: UnitInfo, given: dict) -> Decision | None:
        key = (issuer.pk, number.casefold())
        decision = self.decisions.get(key)
        if decision is None:
            decision = self.decisions[key] = Decision(key, number, issuer, given, row)
            return decision
        differing = [
            self.by_field[{"award_form_id": "award_form", "phase_id": "phase"}.get(n, n)].header
            for n in DECISION_FIELDS
            if decision.values[n] != given[n]
        ]
        if differing:
            self.reject(
                row,
                None,
                f"Quyết định số {number} đã ghi ở {decision.first.place} với {quoted(differing)} khác.",
            )
            return None
        return decision

    def reject(self, row: Row, name: str | None, message: str) -> None:
        if (row.sheet, row.number) not in self.invalid:
            row.error(name, message)
            self.invalid.add((row.sheet, row.number))

    # --- comparison ------------------------------------------------------------------------------------------

    def resolve(self) -> None:
        self.link_initiatives()
        self.find_existing()
        writes = []
        for decision in self.decisions.values():
            entries = [e for e in decision.honorees if (e.row.sheet, e.row.number) not in self.invalid]
            if not entries:
                continue
            decision.honorees = entries
            writes.append(decision)
            for index, entry in enumerate(entries):
                if entry.existing is None:
                    outcome = NEW
                elif entry.changes or (index == 0 and decision.changes):
                    outcome = CHANGED
                else:
                    outcome = UNCHANGED
                self.plan.outcomes[outcome] += 1
        self.plan.outcomes[INVALID] = len(self.invalid)
        self.plan.writes = writes

    def link_initiatives(self) -> None:
        codes = sorted({code for _row, row_codes in self.code_rows for code in row_codes})
        found: dict[str, tuple[int, int]] = {}
        for chunk in chunks(codes):
            for pk, code, unit_id in Initiative.objects.filter(code__in=chunk).values_list(
                "pk", "code", "unit_id"
            ):
                found[code] = (pk, unit_id)
        visible = {unit.pk for unit in self.directory.units}
        for row, row_codes in self.code_rows:
            missing = [code for code in row_codes if code not in found or found[code][1] not in visible]
            if missing:
                row.error("initiatives", f"Không có mô hình mã {quoted(missing)} trong phạm vi của bạn.")
                self.invalid.add((row.sheet, row.number))
        for entry in self.honorees.values():
            entry.initiative_ids = {found[code][0] for code in entry.codes if code in found}

    def find_existing(self) -> None:
        issuers = sorted({key[0] for key in self.decisions})
        existing = {}
        for chunk in chunks(issuers):
            for commendation in Commendation.objects.filter(issuing_unit_id__in=chunk):
                existing[(commendation.issuing_unit_id, commendation.number.casefold())] = commendation
        honorees = {}
        found = [existing[key] for key in self.decisions if key in existing]
        for chunk in chunks([c.pk for c in found]):
            for honoree in Honoree.objects.filter(commendation_id__in=chunk).prefetch_related("initiatives"):
                honoree.linked = {i.pk for i in honoree.initiatives.all()}
                honorees[(honoree.commendation_id, honoree.kind, honoree.unit_id, honoree.name_key)] = honoree
        for key, decision in self.decisions.items():
            decision.existing = existing.get(key)
            if decision.existing is None:
                continue
            for name in DECISION_FIELDS:
                new = decision.values[name]
                if (new is not None or name != "phase_id") and getattr(decision.existing, name) != new:
                    decision.changes[name] = (getattr(decision.existing, name), new)
            for entry in decision.honorees:
                entry.existing = honorees.get(
                    (decision.existing.pk, entry.kind, entry.unit.pk, fold(entry.name))
                )
                if entry.existing is not None:
                    self.compare(entry)

    def compare(self, entry: HonoreeEntry) -> None:
        current = entry.existing
        if entry.position and entry.position != current.position:
            entry.changes["position"] = (current.position, entry.position)
        added = entry.initiative_ids - current.linked
        if added:
            entry.changes["initiatives"] = (sorted(current.linked), sorted(current.linked | added))

    def write(self, plan, *, context: WriteContext) -> None:
        from dvk.imports.kinds.commendations_write import write_commendations

        write_commendations(plan.writes, context)
