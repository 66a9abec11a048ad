"""Writing a planned units import: create and move through treebeard (parents first), then the field
changes and merges, each audited."""

from typing import Any

from dvk.core.audit import log_event
from dvk.imports.audit import audit_changes, log_created
from dvk.imports.kinds.base import WriteContext
from dvk.imports.kinds.units import UnitEntry, closed
from dvk.units.models import Unit

CREATED_FIELDS = ("code", "name", "kind", "valid_from", "valid_to", "is_active")


def _pk(target: Any) -> int | None:
    """The id of an existing unit or of a unit this import created."""
    if target is None or isinstance(target, int):
        return target
    return target.pk


def _create(entry: UnitEntry) -> Unit:
    values = {"code": entry.code, **entry.values}
    values["is_active"] = not closed(entry, values.get("valid_to"))
    parent_pk = _pk(entry.parent)
    if parent_pk is None:
        unit = Unit.objects.add_root(values)
    else:
        unit = Unit.objects.add_child(Unit.objects.get(pk=parent_pk), values)
    return Unit.objects.get(pk=unit.pk)


def _move(entry: UnitEntry, context: WriteContext) -> None:
    unit = Unit.objects.get(pk=entry.pk)
    old_parent = Unit.objects.get_parent(unit)
    new_parent = Unit.objects.get(pk=_pk(entry.parent))
    Unit.objects.move(unit, new_parent, "last-child")
    log_event(
        actor=context.actor,
        action="unit.move",
        target=unit,
        scope_unit_id=unit.pk,
        changes={"parent": (old_parent.pk if old_parent else None, new_parent.pk)},
        comment=context.comment,
    )


def _update(entry: UnitEntry, context: WriteContext) -> None:
    changes = {
        name: (old, _pk(new) if name == "merged_into_id" else new)
        for name, (old, new) in entry.changes.items()
    }
    if not changes:
        return
    unit = Unit.objects.get(pk=entry.pk)
    for name, (_old, new) in changes.items():
        setattr(unit, name, new)
    unit.save(update_fields=[*changes, "updated_at"])
    log_event(
        actor=context.actor,
        action="unit.update",
        target=unit,
        scope_unit_id=unit.pk,
        changes=audit_changes(changes),
        comment=context.comment,
    )


def write_units(entries: list[UnitEntry], context: WriteContext) -> None:
    created = []
    total = 2 * len(entries) or 1
    for done, entry in enumerate(entries, start=1):
        if entry.existing is None:
            unit = _create(entry)
            entry.pk = unit.pk
            created.append(unit)
        else:
            entry.pk = entry.existing.pk
            if entry.move:
                _move(entry, context)
        context.progress(done, total)
    for done, entry in enumerate(entries, start=len(entries) + 1):
        if entry.existing is None and entry.merged_into is not None:
            entry.changes["merged_into_id"] = (None, entry.merged_into)
        _update(entry, context)
        context.progress(done, total)
    log_created(
        created,
        actor=context.actor,
        action="unit.create",
        fields=CREATED_FIELDS,
        scope_unit=lambda unit: unit.pk,
        comment=context.comment,
    )
