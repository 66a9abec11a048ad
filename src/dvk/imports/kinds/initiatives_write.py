"""Writing a planned initiatives import: new rows in bulk, changes field by field with one audit event each,
then the roll-ups and search tokens that bulk writes must refresh themselves."""

from django.utils import timezone

from dvk.core.audit import log_event
from dvk.imports.audit import audit_changes, log_created, plain
from dvk.imports.bulk import insert_new, insert_rows
from dvk.imports.kinds.base import WriteContext
from dvk.imports.kinds.initiatives_plan import InitiativeWrites
from dvk.initiatives.models import Initiative
from dvk.initiatives.services import refresh_initiative_rollups

BATCH = 500
CREATE_BATCH = 2000
INITIATIVE_AUDIT_FIELDS = (
    "code",
    "name",
    "unit_id",
    "kind",
    "person_name",
    "person_position",
    "sector_id",
    "address",
    "households_benefiting",
    "funds_mobilised",
    "workdays",
    "land_donated_m2",
    "roads_km",
)
RECOGNITION_FIELDS = (
    "recognised",
    "is_exemplary",
    "level",
    "classification_name",
    "decision_number",
    "decision_date",
)
_SEARCHED = {"code", "name", "person_name", "description", "unit_id"}


class IdentitySet:
    """Membership by identity (unsaved model instances all compare equal)."""

    def __init__(self, objects):
        self.ids = {id(obj) for obj in objects}

    def __contains__(self, obj) -> bool:
        return id(obj) in self.ids


class Progress:
    """Counts written records against the total and reports after each batch."""

    def __init__(self, context: WriteContext, total: int):
        self.context, self.total, self.done = context, max(total, 1), 0

    def add(self, count: int) -> None:
        self.done += count
        self.context.progress(self.done, self.total)


def _create(objects: list, progress: Progress) -> None:
    for start in range(0, len(objects), CREATE_BATCH):
        batch = objects[start : start + CREATE_BATCH]
        insert_new(batch)
        progress.add(len(batch))


def _apply(pairs: list, *, actor, action: str, unit_of, context: WriteContext, progress: Progress) -> None:
    """Set the changed fields, save them in bulk, and record one audit event per changed record."""
    if not pairs:
        return
    now = timezone.now()
    fields = {"updated_at"}
    for obj, changes in pairs:
        for name, (_old, new) in changes.items():
            setattr(obj, name, new)
        fields |= set(changes)
        obj.updated_at = now
        if hasattr(obj, "version"):
            obj.version += 1
            fields.add("version")
        if "status" in changes:
            obj.status_changed_at = now
            fields.add("status_changed_at")
        if isinstance(obj, Initiative):
            obj.search_text = obj.folded_text()
            fields.add("search_text")
    model = type(pairs[0][0])
    for start in range(0, len(pairs), BATCH):
        batch = pairs[start : start + BATCH]
        model.objects.bulk_update([obj for obj, _ in batch], sorted(fields), batch_size=BATCH)
        for obj, changes in batch:
            log_event(
                actor=actor,
                action=action,
                target=obj,
                scope_unit_id=unit_of(obj),
                changes=audit_changes(changes),
                comment=context.comment,
            )
        progress.add(len(batch))


def write_initiatives(writes: InitiativeWrites, context: WriteContext) -> None:
    actor = context.actor
    total = (
        len(writes.new_initiatives)
        + len(writes.initiative_changes)
        + 2 * len(writes.new_registrations)
        + len(writes.registration_changes)
        + len(writes.new_recognitions)
        + len(writes.recognition_changes)
    )
    progress = Progress(context, total)
    new = IdentitySet(writes.new_initiatives)
    _create(writes.new_initiatives, progress)
    _apply(
        writes.initiative_changes,
        actor=actor,
        action="initiative.update",
        unit_of=lambda o: o.unit_id,
        context=context,
        progress=progress,
    )

    registrations = []
    for item in writes.new_registrations:
        item.registration.initiative_id = item.initiative.pk
        registrations.append(item.registration)
    _create(registrations, progress)
    recognitions = []
    for item in writes.new_registrations:
        if item.recognition is not None:
            item.recognition.registration = item.registration
            recognitions.append(item.recognition)
    recognitions += writes.new_recognitions
    _create(recognitions, progress)
    _apply(
        writes.registration_changes,
        actor=actor,
        action="registration.update",
        unit_of=lambda o: o.unit_id,
        context=context,
        progress=progress,
    )
    _apply(
        writes.recognition_changes,
        actor=actor,
        action="recognition.update",
        unit_of=lambda o: o.registration.unit_id,
        context=context,
        progress=progress,
    )

    comment = context.comment
    log_created(
        writes.new_initiatives,
        actor=actor,
        action="initiative.create",
        fields=INITIATIVE_AUDIT_FIELDS,
        scope_unit=lambda o: o.unit_id,
        comment=comment,
    )
    with_recognition = {id(item.registration): item.recognition for item in writes.new_registrations}
    log_created(
        registrations,
        actor=actor,
        action="registration.create",
        fields=("year", "status", "unit_id"),
        scope_unit=lambda o: o.unit_id,
        comment=comment,
        extra=lambda o: _recognition_changes(with_recognition.get(id(o))),
    )
    log_created(
        writes.new_recognitions,
        actor=actor,
        action="recognition.create",
        fields=RECOGNITION_FIELDS,
        scope_unit=lambda o: o.registration.unit_id,
        comment=comment,
    )
    progress.add(len(registrations))

    # New initiatives carry their roll-ups (initiatives_plan.set_rollups); existing ones are refreshed.
    touched = {item.initiative.pk for item in writes.new_registrations if item.initiative not in new}
    touched |= {r.initiative_id for r, _ in writes.registration_changes}
    touched |= {r.registration.initiative_id for r in writes.new_recognitions}
    touched |= {r.registration.initiative_id for r, _ in writes.recognition_changes}
    touched |= {i.pk for i, changes in writes.initiative_changes if "unit_id" in changes}
    refresh_initiative_rollups(touched)
    index_new_for_search(writes.new_initiatives)
    index_for_search({i.pk for i, changes in writes.initiative_changes if _SEARCHED & set(changes)})


def _recognition_changes(recognition) -> dict:
    """A new registration's recognition, recorded in the registration's own "created" event."""
    if recognition is None:
        return {}
    return {
        f"recognition.{name}": [None, plain(getattr(recognition, name))]
        for name in RECOGNITION_FIELDS
        if getattr(recognition, name) not in (None, "")
    }


def index_new_for_search(initiatives: list[Initiative]) -> None:
    """Write the search tokens of the initiatives this import inserted (bulk inserts send no post_save)."""
    if not initiatives:
        return
    from dvk.initiatives.models import SearchToken
    from dvk.initiatives.search import new_initiative_tokens

    insert_rows(SearchToken, ("initiative_id", "token"), new_initiative_tokens(initiatives))


def index_for_search(ids: set[int]) -> None:
    """Rebuild the search tokens of initiatives written in bulk (bulk writes send no post_save)."""
    if not ids:
        return
    from dvk.initiatives.search import index_initiatives

    index_initiatives(ids)
