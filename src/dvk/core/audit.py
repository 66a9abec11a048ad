"""`log_event`: how every service records a write in the audit trail."""

from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from dvk.core.models import AuditEvent


def plain(value: Any) -> Any:
    """A value as the audit trail stores it (JSON): records by id, decimals as text, dates as ISO text."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def log_event(
    *,
    actor,
    action: str,
    target: models.Model,
    scope_unit_id: int | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    comment: str = "",
) -> AuditEvent:
    """Record one write. `changes` maps a field to its (old, new) values."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        scope_unit_id=scope_unit_id,
        changes={name: [plain(old), plain(new)] for name, (old, new) in (changes or {}).items()},
        comment=comment,
    )


def diff(instance: models.Model, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The (old, new) pairs of `values` that differ from the instance's current attributes."""
    return {
        name: (getattr(instance, name), value)
        for name, value in values.items()
        if getattr(instance, name) != value
    }


def events_for(target: models.Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).select_related("actor")
