"""Writes to initiatives and registrations. `transition_registration` is the only code that writes
`Registration.status`.

Unit staff's authoring (create, edit, self-assess, close the year) lives in `initiatives.authoring`.
"""

from django.db import transaction
from django.utils import timezone

from dvk.core.audit import log_event
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.initiatives import signals
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Registration
from dvk.initiatives.rollups import refresh_initiative_rollups
from dvk.initiatives.workflow import REASON_FIELDS, TRANSITIONS
from dvk.units.selectors import has_permission


@transaction.atomic
def transition_registration(registration: Registration, to: str, *, actor, note: str = "") -> Registration:
    """Move a registration to status `to`. Locks the row, checks the pair, the actor's permission on the
    registration's unit and the reason where one is required; saves, records an AuditEvent and, once the
    transaction commits, announces the change (notifications listen to `registration_transitioned`)."""
    locked = Registration.objects.select_for_update().select_related("initiative").get(pk=registration.pk)
    frm = locked.status
    to = Status(to)
    permission = TRANSITIONS.get((frm, to))
    if permission is None:
        raise InvalidState(f"Không thể chuyển lượt đăng ký từ “{Status(frm).label}” sang “{to.label}”.")
    if not has_permission(actor, permission, locked.unit_id):
        raise NotAllowed("Bạn không có quyền thực hiện thao tác này với lượt đăng ký của đơn vị này.")
    note = clean(note)
    reason_field = REASON_FIELDS.get(to)
    if reason_field and not note:
        raise ValidationFailed("Vui lòng ghi rõ lý do.")

    locked.status = to
    locked.status_changed_at = timezone.now()
    locked.version += 1
    fields = ["status", "status_changed_at", "version", "updated_at"]
    if reason_field:
        setattr(locked, reason_field, note)
        fields.append(reason_field)
    locked.save(update_fields=fields)
    log_event(
        actor=actor,
        action="registration.transition",
        target=locked,
        scope_unit_id=locked.unit_id,
        changes={"status": (frm, to.value)},
        comment=note,
    )
    refresh_initiative_rollups([locked.initiative_id])
    transaction.on_commit(
        lambda: signals.registration_transitioned.send(
            sender=Registration,
            registration=locked,
            from_status=frm,
            to_status=to.value,
            actor=actor,
            note=note,
        )
    )
    registration.refresh_from_db()
    return locked
