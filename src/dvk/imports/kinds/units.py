"""The units register: `Mã đơn vị | Tên đơn vị | Loại đơn vị | Mã đơn vị cấp trên | Hiệu lực từ | Hiệu lực đến |
Sáp nhập vào`.

Rows may come in any order: a parent may be further down the file. A parent left blank makes a new unit a root
(administrators only) and leaves an existing unit where it is. A parent that is neither in the file nor in the
importer's view, or a chain of parents that loops, is an error. A unit with "Sáp nhập vào", or whose validity
ended before today, is written as no longer operating. Units are created and moved through treebeard, parents
before children; every creation, move and change is audited.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from dvk.imports import values
from dvk.imports.kinds.base import CHANGED, DUPLICATE, INVALID, NEW, UNCHANGED, Importer, Row, WriteContext
from dvk.imports.kinds.directory import UnitDirectory, UnitInfo
from dvk.imports.matching import Choices
from dvk.imports.reading import Column
from dvk.units.models import Unit, UnitKind
from dvk.units.selectors import clear_scope_cache

COLUMNS = (
    Column("code", "Mã đơn vị", ("Mã", "Mã ĐV", "Mã số đơn vị"), required=True),
    Column("name", "Tên đơn vị", ("Tên", "Đơn vị"), required=True),
    Column("kind", "Loại đơn vị", ("Loại", "Cấp đơn vị"), required=True),
    Column(
        "parent",
        "Mã đơn vị cấp trên",
        ("Đơn vị cấp trên", "Mã cấp trên", "Trực thuộc"),
        help="Để trống với đơn vị cấp cao nhất (chỉ quản trị hệ thống tạo được).",
    ),
    Column("valid_from", "Hiệu lực từ", ("Ngày hiệu lực", "Từ ngày", "Ngày thành lập")),
    Column("valid_to", "Hiệu lực đến", ("Đến ngày", "Hết hiệu lực", "Ngày hết hiệu lực")),
    Column("merged_into", "Sáp nhập vào", ("Mã đơn vị sáp nhập vào", "Sáp nhập vào đơn vị")),
)
KINDS = Choices.of(
    "loại đơn vị",
    UnitKind.choices,
    {
        "Thành phố trực thuộc TW": "central_city",
        "TP trực thuộc TW": "central_city",
        "TP trực thuộc trung ương": "central_city",
        "TP thuộc tỉnh": "provincial_city",
        "MTTQ": "mass_org",
        "Mặt trận, đoàn thể": "mass_org",
        "Cơ quan, đơn vị": "agency",
    },
)
_FIELDS = ("name", "kind", "valid_from", "valid_to")


@dataclass
class UnitEntry:
    row: Row
    code: str
    values: dict[str, Any]  # name, kind and the validity dates given
    parent_text: str
    merged_text: str
    existing: UnitInfo | None = None
    parent: Any = None  # an UnitEntry of the file, an existing UnitInfo, or None
    merged_into: Any = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    move: bool = False
    pk: int | None = None

    @property
    def fingerprint(self) -> tuple:
        return (sorted(self.values.items()), self.parent_text.casefold(), self.merged_text.casefold())


def _node(target: Any):
    return ("f", target.code.casefold()) if isinstance(target, UnitEntry) else ("u", target.pk)


class UnitImporter(Importer):
    kind = "units"
    columns = COLUMNS

    def __init__(self, actor):
        super().__init__(actor)
        self.directory = UnitDirectory(actor)
        self.entries: dict[str, UnitEntry] = {}
        self.invalid: set[tuple[str, int]] = set()

    def check_row(self, row: Row) -> None:
        code = row.text("code", 32)
        if not code and not row.errors:
            row.error("code", "Chưa ghi mã đơn vị.")
        data = {"name": row.text("name", 255), "kind": None}
        if not data["name"]:
            row.error("name", "Chưa ghi tên đơn vị.")
        kind_text = row.read("kind")
        if kind_text is None:
            row.error("kind", "Chưa ghi loại đơn vị.")
        elif (kind := KINDS.find(kind_text)) is None:
            row.error("kind", KINDS.unknown_message(kind_text), KINDS.suggestion(kind_text))
        else:
            data["kind"] = kind
        data["valid_from"] = row.read("valid_from", values.date)
        data["valid_to"] = row.read("valid_to", values.date)
        if data["valid_from"] and data["valid_to"] and data["valid_to"] < data["valid_from"]:
            row.error("valid_to", "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.")
        entry = UnitEntry(
            row,
            code,
            {k: v for k, v in data.items() if v not in (None, "")},
            row.read("parent") or "",
            row.read("merged_into") or "",
        )
        if row.errors:
            self.invalid.add((row.sheet, row.number))
            return
        first = self.entries.get(code.casefold())
        if first is None:
            self.entries[code.casefold()] = entry
        elif first.fingerprint == entry.fingerprint:
            self.plan.outcomes[DUPLICATE] += 1
        else:
            self.reject(entry, "code", f"Mã đơn vị “{code}” đã có ở {first.row.place} với nội dung khác.")

    def reject(self, entry: UnitEntry, name: str | None, message: str) -> None:
        if not self.is_invalid(entry):
            entry.row.error(name, message)
            self.invalid.add((entry.row.sheet, entry.row.number))

    def is_invalid(self, entry: UnitEntry) -> bool:
        return (entry.row.sheet, entry.row.number) in self.invalid

    # --- resolving references -----------------------------------------------------------------------------

    def resolve(self) -> None:
        entries = [e for e in self.entries.values() if not self.is_invalid(e)]
        for entry in entries:
            self.find_existing(entry)
        for entry in entries:
            entry.parent = self.reference(entry, "parent", entry.parent_text)
            entry.merged_into = self.reference(entry, "merged_into", entry.merged_text)
        order = self.check_cycles(entries)
        for entry in order:
            self.check_entry(entry)
        writes = [e for e in order if not self.is_invalid(e)]
        for entry in writes:
            self.plan.outcomes[
                NEW if entry.existing is None else (CHANGED if entry.changes or entry.move else UNCHANGED)
            ] += 1
        self.plan.outcomes[INVALID] = len(self.invalid)
        self.plan.writes = writes

    def find_existing(self, entry: UnitEntry) -> None:
        lookup = self.directory.by_code.get(entry.code.casefold())
        if lookup is None and Unit.objects.filter(code__iexact=entry.code).exists():
            self.reject(
                entry, "code", f"Mã đơn vị “{entry.code}” đã được dùng cho một đơn vị ngoài phạm vi của bạn."
            )
        elif lookup is not None and not self.directory.can_manage(lookup):
            self.reject(entry, "code", f"Đơn vị {lookup.label} nằm ngoài phạm vi bạn quản lý.")
        entry.existing = lookup

    def reference(self, entry: UnitEntry, name: str, text: str) -> Any:
        if not text:
            return None
        in_file = self.entries.get(text.casefold())
        if in_file is not None:
            return in_file
        lookup = self.directory.find(text, manage=False)
        if lookup.unit is None and self.is_current(entry, name, text):
            return None  # unchanged: the current parent or merge target, beyond the importer's view
        if lookup.unit is None:
            self.reject(entry, name, lookup.message)
        return lookup.unit

    def is_current(self, entry: UnitEntry, name: str, text: str) -> bool:
        current = entry.existing
        if current is None:
            return False
        if name == "merged_into":
            found = Unit.objects.filter(pk=current.merged_into_id)
        elif len(current.path) > Unit.steplen:
            found = Unit.objects.filter(path=current.path[: -Unit.steplen])
        else:
            return False
        code = found.values_list("code", flat=True).first()
        return code is not None and code.casefold() == text.casefold()

    def effective_parent(self, node: Any) -> Any:
        """The parent after the import: the file's, else the current one (as a file entry if it is in the file)."""
        if isinstance(node, UnitEntry):
            if node.parent is not None:
                return node.parent
            node = node.existing
            if node is None:
                return None
        parent = self.directory.parent_of(node)
        if parent is None:
            return None
        return self.entries.get(parent.code.casefold(), parent)

    def check_cycles(self, entries: list[UnitEntry]) -> list[UnitEntry]:
        """Reject rows whose parents loop; return the others, parents before children."""
        depth: dict[tuple, int] = {}
        for entry in entries:
            chain: list[Any] = []
            seen: set[tuple] = set()
            node = entry
            while node is not None and _node(node) not in depth:
                if _node(node) in seen:
                    self.reject_loop(chain[[_node(n) for n in chain].index(_node(node)) :], node)
                    depth.update({_node(n): 0 for n in chain})
                    chain = []
                    break
                seen.add(_node(node))
                chain.append(node)
                node = self.effective_parent(node)
            base = depth.get(_node(node), 0) if node is not None else 0
            for offset, item in enumerate(reversed(chain), start=1):
                depth[_node(item)] = base + offset
        return sorted(entries, key=lambda e: depth.get(_node(e), 0))

    def reject_loop(self, loop: list[Any], again: Any) -> None:
        names = " → ".join(node.code for node in [*loop, again])
        for node in loop:
            if isinstance(node, UnitEntry):
                self.reject(node, "parent", f"Cấp trên của các đơn vị tạo thành vòng lặp: {names}.")

    def check_entry(self, entry: UnitEntry) -> None:
        if self.is_invalid(entry):
            return
        for name, target in (("parent", entry.parent), ("merged_into", entry.merged_into)):
            if isinstance(target, UnitEntry) and self.is_invalid(target):
                self.reject(entry, name, f"Đơn vị “{target.code}” ở {target.row.place} có lỗi.")
                return
        if entry.merged_into is not None and _node(entry.merged_into) == _node(entry):
            self.reject(entry, "merged_into", "Một đơn vị không thể sáp nhập vào chính nó.")
            return
        if not self.in_scope(entry):
            return
        if entry.existing is not None:
            self.compare(entry)

    def in_scope(self, entry: UnitEntry) -> bool:
        parent = entry.parent
        if entry.existing is not None and parent is not None:
            target = parent.existing if isinstance(parent, UnitEntry) else parent
            current = self.directory.parent_of(entry.existing)
            entry.move = target is None or current is None or target.pk != current.pk
        if entry.existing is None and parent is None and not self.directory.is_admin:
            self.reject(
                entry,
                "parent",
                "Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất: hãy ghi mã đơn vị cấp trên.",
            )
            return False
        moving = entry.existing is None or entry.move
        if moving and isinstance(parent, UnitInfo) and not self.directory.can_manage(parent):
            self.reject(entry, "parent", f"Đơn vị cấp trên {parent.label} nằm ngoài phạm vi bạn quản lý.")
            return False
        return True

    def compare(self, entry: UnitEntry) -> None:
        current = entry.existing
        for name, value in entry.values.items():
            if getattr(current, name) != value:
                entry.changes[name] = (getattr(current, name), value)
        valid_from = entry.values.get("valid_from", current.valid_from)
        valid_to = entry.values.get("valid_to", current.valid_to)
        if valid_from and valid_to and valid_to < valid_from:
            self.reject(
                entry, "valid_to", "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực đang lưu."
            )
        merged = entry.merged_into
        if merged is not None and not isinstance(merged, UnitEntry) and merged.pk != current.merged_into_id:
            entry.changes["merged_into_id"] = (current.merged_into_id, merged.pk)
        if isinstance(merged, UnitEntry) and (
            merged.existing is None or merged.existing.pk != current.merged_into_id
        ):
            entry.changes["merged_into_id"] = (current.merged_into_id, merged)
        if current.is_active and closed(entry, valid_to):
            entry.changes["is_active"] = (True, False)

    def write(self, plan, *, context: WriteContext) -> None:
        from dvk.imports.kinds.units_write import write_units

        write_units(plan.writes, context)
        clear_scope_cache(self.actor)


def closed(entry: UnitEntry, valid_to: date | None) -> bool:
    """Written as no longer operating: merged, or its validity ended before today."""
    return entry.merged_into is not None or (valid_to is not None and valid_to < timezone.localdate())
