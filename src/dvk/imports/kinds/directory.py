"""The units an import may name, looked up by code (or by an unambiguous name), with the importer's scope.

An import writes only in units where its user holds `MANAGE_UNITS` (an administrator: everywhere). Unit names
shown in messages and suggestions come only from the user's visible units, so a refusal never reveals what
lies outside the scope.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from dvk.accounts.roles import MANAGE_UNITS
from dvk.imports.matching import Suggester, key
from dvk.units.models import Unit
from dvk.units.selectors import unit_ids_with_permission, visible_unit_ids

MAX_SUGGESTED = 50  # distinct unknown texts that get a "did you mean"; beyond, the file is wrong wholesale


@dataclass
class UnitInfo:
    pk: int
    code: str
    name: str
    path: str
    kind: str
    is_active: bool
    merged_into_id: int | None
    valid_from: date | None
    valid_to: date | None

    @property
    def label(self) -> str:
        return f"{self.name} (mã {self.code})"


@dataclass
class Lookup:
    unit: UnitInfo | None = None
    message: str = ""
    suggestion: str = ""


_FIELDS = ("pk", "code", "name", "path", "kind", "is_active", "merged_into_id", "valid_from", "valid_to")


class UnitDirectory:
    def __init__(self, actor):
        self.actor = actor
        self.manageable = unit_ids_with_permission(actor, MANAGE_UNITS)
        self.is_admin = bool(actor.is_superuser)
        units = Unit.objects.all() if self.is_admin else Unit.objects.filter(pk__in=visible_unit_ids(actor))
        self.units = [UnitInfo(*row) for row in units.order_by("path").values_list(*_FIELDS)]
        self.by_pk = {unit.pk: unit for unit in self.units}
        self.by_code = {unit.code.casefold(): unit for unit in self.units}
        self.by_path = {unit.path: unit for unit in self.units}
        self.by_name: dict[str, list[UnitInfo]] = defaultdict(list)
        for unit in self.units:
            self.by_name[key(unit.name)].append(unit)
        self._memo: dict[str, Lookup] = {}
        self._suggester: tuple[Suggester, dict[str, UnitInfo]] | None = None
        self._suggested = 0

    def can_manage(self, unit: UnitInfo) -> bool:
        return self.is_admin or unit.pk in self.manageable

    def parent_of(self, unit: UnitInfo) -> UnitInfo | None:
        return self.by_path.get(unit.path[: -Unit.steplen]) if len(unit.path) > Unit.steplen else None

    def find(self, text: str, *, manage: bool = True) -> Lookup:
        """The unit a cell names by code or by unambiguous name; with `manage`, it must be in the scope."""
        memo_key = f"{manage}|{text}"
        if memo_key not in self._memo:
            self._memo[memo_key] = self._find(text, manage)
        return self._memo[memo_key]

    def _find(self, text: str, manage: bool) -> Lookup:
        unit = self.by_code.get(text.casefold())
        if unit is None:
            named = self.by_name.get(key(text), [])
            if len(named) > 1:
                codes = ", ".join(u.code for u in named[:5])
                return Lookup(message=f"Có {len(named)} đơn vị tên “{text}” (mã {codes}): hãy ghi mã đơn vị.")
            unit = named[0] if named else None
        if unit is None:
            return self._unknown(text)
        if manage and not self.can_manage(unit):
            return Lookup(
                message=f"Đơn vị {unit.label} nằm ngoài phạm vi bạn được nhập dữ liệu: bạn chỉ nhập được cho "
                "các đơn vị mình quản lý."
            )
        return Lookup(unit=unit)

    def _unknown(self, text: str) -> Lookup:
        if Unit.objects.filter(code__iexact=text).exists():
            return Lookup(message=f"Đơn vị mã “{text}” nằm ngoài phạm vi của bạn.")
        suggestion = ""
        if self._suggested < MAX_SUGGESTED:
            self._suggested += 1
            suggester, by_label = self._suggestions()
            found = suggester.closest(text, n=1)
            suggestion = by_label[found[0]].label if found else ""
        message = f"Không có đơn vị mã “{text}” trong phạm vi của bạn."
        if suggestion:
            message += f" Có phải là {suggestion}?"
        return Lookup(message=message, suggestion=suggestion)

    def _suggestions(self) -> tuple[Suggester, dict[str, UnitInfo]]:
        if self._suggester is None:
            pool = [u for u in self.units if self.can_manage(u)]
            by_label = {u.code: u for u in pool} | {u.name: u for u in pool}
            self._suggester = (Suggester(by_label), by_label)
        return self._suggester

    def add(self, unit: UnitInfo) -> None:
        """Make a unit created by this import known (codes and paths of later rows may name it)."""
        self.units.append(unit)
        self.by_pk[unit.pk] = unit
        self.by_code[unit.code.casefold()] = unit
        self.by_path[unit.path] = unit
        self.by_name[key(unit.name)].append(unit)
        self.manageable = self.manageable | {unit.pk}
