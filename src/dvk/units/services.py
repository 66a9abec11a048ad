"""The writes of the unit tree: create, edit, move, merge, deactivate. Nothing is ever deleted.

Every function checks `MANAGE_UNITS` through `units.selectors.has_permission` (an administrator holds it
everywhere; only an administrator creates a root unit), writes with `save(update_fields=…)` and records one
audit event per changed unit. Tree operations go through treebeard's manager and re-fetch the nodes after.
"""

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from dvk.accounts.roles import MANAGE_UNITS
from dvk.core.audit import diff, log_event
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.units.models import DocumentLayout, Unit, UnitKind
from dvk.units.selectors import clear_scope_cache, has_permission

HEADER_FIELDS = (
    "document_layout",
    "header_superior",
    "header_issuer",
    "state_header_superior",
    "state_header_issuer",
    "number_suffix",
    "place_name",
)
EDITABLE_FIELDS = ("name", "kind", "valid_from", "valid_to", *HEADER_FIELDS)
_TEXT_FIELDS = {"name", *HEADER_FIELDS} - {"document_layout"}


def _require(actor, unit: Unit, verb: str) -> None:
    if not has_permission(actor, MANAGE_UNITS, unit.pk):
        raise NotAllowed(f"Bạn không có quyền {verb} đơn vị “{unit.name}”.")


def _locked(unit: Unit) -> Unit:
    """The current row (tree fields included), locked until the end of the transaction."""
    return Unit.objects.select_for_update().get(pk=unit.pk)


def _cleaned(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unit fields not editable here: {', '.join(sorted(unknown))}")
    values = {name: clean(value) if name in _TEXT_FIELDS else value for name, value in fields.items()}
    if "name" in values and not values["name"]:
        raise ValidationFailed("Tên đơn vị không được để trống.")
    if "kind" in values and values["kind"] not in UnitKind.values:
        raise ValidationFailed(f"Loại đơn vị “{values['kind']}” không hợp lệ.")
    if "document_layout" in values and values["document_layout"] not in DocumentLayout.values:
        raise ValidationFailed(f"Thể thức văn bản “{values['document_layout']}” không hợp lệ.")
    return values


def _check_validity(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationFailed(
            f"Ngày hết hiệu lực ({valid_to:%d/%m/%Y}) không được trước ngày bắt đầu hiệu lực "
            f"({valid_from:%d/%m/%Y})."
        )


def _check_code_free(code: str) -> str:
    code = clean(code)
    if not code:
        raise ValidationFailed("Mã đơn vị không được để trống.")
    taken = Unit.objects.filter(code__iexact=code).first()
    if taken is not None:
        raise ValidationFailed(f"Mã đơn vị “{code}” đã được dùng cho “{taken.name}”.")
    return code


def _active_children_count(unit: Unit) -> int:
    return Unit.objects.get_children(unit).filter(is_active=True).count()


@transaction.atomic
def create_unit(
    *,
    actor,
    parent: Unit | None,
    code: str,
    name: str,
    kind: str,
    valid_from: date | None = None,
    **header_fields: Any,
) -> Unit:
    """Add a unit under `parent` (or a root unit when `parent` is None: administrators only)."""
    if parent is None:
        if not (actor is not None and actor.is_authenticated and actor.is_superuser):
            raise NotAllowed("Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất.")
    else:
        parent = _locked(parent)
        _require(actor, parent, "thêm đơn vị trực thuộc")
        if not parent.is_active:
            raise InvalidState(
                f"Đơn vị “{parent.name}” đã ngừng hoạt động, không thể thêm đơn vị trực thuộc."
            )
    values = _cleaned({"name": name, "kind": kind, **header_fields}, EDITABLE_FIELDS)
    values.update(code=_check_code_free(code), valid_from=valid_from)
    _check_validity(valid_from, values.get("valid_to"))
    unit = Unit.objects.add_root(values) if parent is None else Unit.objects.add_child(parent, values)
    unit = Unit.objects.get(pk=unit.pk)
    changes = {field: (None, value) for field, value in values.items() if value not in (None, "")}
    changes["parent"] = (None, parent.pk if parent else None)
    log_event(actor=actor, action="unit.create", target=unit, scope_unit_id=unit.pk, changes=changes)
    clear_scope_cache(actor)
    return unit


@transaction.atomic
def update_unit(*, actor, unit: Unit, **fields: Any) -> Unit:
    """Rename, reclassify, change validity or document header names. Not the tree position (`move_unit`)."""
    unit = _locked(unit)
    _require(actor, unit, "sửa")
    values = _cleaned(fields, EDITABLE_FIELDS)
    _check_validity(values.get("valid_from", unit.valid_from), values.get("valid_to", unit.valid_to))
    changes = diff(unit, values)
    if not changes:
        return unit
    for field, (_old, new) in changes.items():
        setattr(unit, field, new)
    unit.save(update_fields=[*changes, "updated_at"])
    log_event(actor=actor, action="unit.update", target=unit, scope_unit_id=unit.pk, changes=changes)
    return unit


@transaction.atomic
def move_unit(*, actor, unit: Unit, new_parent: Unit) -> Unit:
    """Put `unit` (with its subtree and records) under `new_parent`."""
    unit, new_parent = _locked(unit), _locked(new_parent)
    _require(actor, unit, "chuyển")
    _require(actor, new_parent, "chuyển đơn vị vào")
    if new_parent.pk == unit.pk or new_parent.is_descendant_of(unit):
        raise ValidationFailed(
            f"Không thể chuyển “{unit.name}” vào chính nó hoặc vào một đơn vị trực thuộc của nó."
        )
    if not new_parent.is_active:
        raise InvalidState(
            f"Đơn vị “{new_parent.name}” đã ngừng hoạt động, không thể nhận đơn vị trực thuộc."
        )
    old_parent = Unit.objects.get_parent(unit)
    if old_parent is not None and old_parent.pk == new_parent.pk:
        raise InvalidState(f"“{unit.name}” đã trực thuộc “{new_parent.name}”.")
    Unit.objects.move(unit, new_parent, "last-child")
    unit = Unit.objects.get(pk=unit.pk)
    changes = {"parent": (old_parent.pk if old_parent else None, new_parent.pk)}
    log_event(actor=actor, action="unit.move", target=unit, scope_unit_id=unit.pk, changes=changes)
    clear_scope_cache(actor)
    return unit


def _check_mergeable(actor, source: Unit, into: Unit, effective_date: date) -> None:
    _require(actor, source, "sáp nhập")
    if into.is_descendant_of(source):
        raise ValidationFailed(
            f"Không thể sáp nhập “{source.name}” vào đơn vị trực thuộc “{into.name}” của nó."
        )
    if source.merged_into_id is not None or not source.is_active:
        raise InvalidState(f"Đơn vị “{source.name}” đã ngừng hoạt động hoặc đã được sáp nhập trước đó.")
    if (count := _active_children_count(source)) > 0:
        raise InvalidState(
            f"Đơn vị “{source.name}” còn {count} đơn vị trực thuộc đang hoạt động; "
            "hãy chuyển hoặc sáp nhập các đơn vị đó trước."
        )
    if source.valid_from and effective_date <= source.valid_from:
        raise ValidationFailed(
            f"Ngày sáp nhập phải sau ngày bắt đầu hiệu lực của “{source.name}” ({source.valid_from:%d/%m/%Y})."
        )


def _check_no_cycle(sources: list[Unit], into: Unit) -> None:
    """Following `merged_into` from the target must never lead back to a source."""
    source_ids = {source.pk for source in sources}
    seen: set[int] = set()
    current = into
    while current is not None and current.pk not in seen:
        if current.pk in source_ids:
            raise ValidationFailed(f"Sáp nhập vào “{into.name}” sẽ tạo thành vòng sáp nhập.")
        seen.add(current.pk)
        current = current.merged_into


@transaction.atomic
def merge_units(*, actor, sources: list[Unit], into: Unit, effective_date: date) -> list[Unit]:
    """Close each source on the day before `effective_date` and point it at `into`.

    Records stay with the units that own them; visibility follows `merged_into` (units.selectors)."""
    sources = [_locked(source) for source in {source.pk: source for source in sources}.values()]
    if not sources:
        raise ValidationFailed("Hãy chọn ít nhất một đơn vị được sáp nhập.")
    into = _locked(into)
    _require(actor, into, "nhận sáp nhập vào")
    if not into.is_active:
        raise InvalidState(f"Đơn vị “{into.name}” đã ngừng hoạt động, không thể nhận sáp nhập.")
    if any(source.pk == into.pk for source in sources):
        raise ValidationFailed(f"Không thể sáp nhập “{into.name}” vào chính nó.")
    _check_no_cycle(sources, into)
    for source in sources:
        _check_mergeable(actor, source, into, effective_date)
    valid_to = effective_date - timedelta(days=1)
    for source in sources:
        changes = diff(source, {"valid_to": valid_to, "merged_into": into, "is_active": False})
        source.valid_to, source.merged_into, source.is_active = valid_to, into, False
        source.save(update_fields=["valid_to", "merged_into", "is_active", "updated_at"])
        log_event(actor=actor, action="unit.merge", target=source, scope_unit_id=source.pk, changes=changes)
    clear_scope_cache(actor)
    return [Unit.objects.get(pk=source.pk) for source in sources]


@transaction.atomic
def deactivate_unit(*, actor, unit: Unit, valid_to: date) -> Unit:
    """Mark a unit as no longer operating from the day after `valid_to`; its records stay."""
    unit = _locked(unit)
    _require(actor, unit, "ngừng hoạt động")
    if not unit.is_active:
        raise InvalidState(f"Đơn vị “{unit.name}” đã ngừng hoạt động.")
    if (count := _active_children_count(unit)) > 0:
        raise InvalidState(
            f"Đơn vị “{unit.name}” còn {count} đơn vị trực thuộc đang hoạt động; "
            "hãy chuyển, sáp nhập hoặc cho ngừng hoạt động các đơn vị đó trước."
        )
    _check_validity(unit.valid_from, valid_to)
    changes = diff(unit, {"valid_to": valid_to, "is_active": False})
    unit.valid_to, unit.is_active = valid_to, False
    unit.save(update_fields=["valid_to", "is_active", "updated_at"])
    log_event(actor=actor, action="unit.deactivate", target=unit, scope_unit_id=unit.pk, changes=changes)
    clear_scope_cache(actor)
    return unit
