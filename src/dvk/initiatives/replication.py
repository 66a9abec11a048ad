"""Nhân rộng: initiative B replicates initiative A (`Initiative.replicated_from`). The secretariat records the
link on B (which must be in its scope); A may be any initiative it can see. Self-links and cycles are refused.
The selectors show, on A, where it spread."""

from django.db import transaction
from django.db.models import F, QuerySet

from dvk.accounts import roles
from dvk.core.audit import log_event
from dvk.core.errors import NotAllowed, ValidationFailed
from dvk.core.text import clean, fold
from dvk.initiatives.models import Initiative
from dvk.units.selectors import has_permission, visible_unit_ids

# Recording a replication link is part of the committee's recognition work (DESIGN §1: it "spreads them").
RECORD_REPLICATION = roles.RECORD_RECOGNITION


def can_record_replication(user, initiative: Initiative) -> bool:
    return has_permission(user, RECORD_REPLICATION, initiative.unit_id)


def _creates_cycle(initiative: Initiative, source: Initiative) -> bool:
    """Does `source` already (transitively) replicate `initiative`?"""
    seen, current = {initiative.pk}, source.replicated_from_id
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = Initiative.objects.filter(pk=current).values_list("replicated_from_id", flat=True).first()
    return False


@transaction.atomic
def record_replication(*, actor, initiative: Initiative, source: Initiative | None) -> Initiative:
    """Record that `initiative` replicates `source` (or, with None, that it replicates nothing)."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not can_record_replication(actor, locked):
        raise NotAllowed("Bạn không có quyền ghi nhận nhân rộng cho mô hình của đơn vị này.")
    if source is not None:
        if source.unit_id not in visible_unit_ids(actor):
            raise NotAllowed("Mô hình gốc không thuộc phạm vi bạn được xem.")
        if source.pk == locked.pk:
            raise ValidationFailed("Một mô hình không thể nhân rộng từ chính nó.")
        if _creates_cycle(locked, source):
            raise ValidationFailed(
                f"“{source.name}” đã (trực tiếp hoặc gián tiếp) nhân rộng từ “{locked.name}”: "
                "không thể ghi nhận vòng tròn nhân rộng."
            )
    old = locked.replicated_from_id
    new = source.pk if source is not None else None
    if old == new:
        return locked
    locked.replicated_from = source
    locked.version += 1
    locked.save(update_fields=["replicated_from", "version", "updated_at"])
    log_event(
        actor=actor,
        action="initiative.replication",
        target=locked,
        scope_unit_id=locked.unit_id,
        changes={"replicated_from": (old, new)},
        comment=f"Nhân rộng từ “{source.name}”" if source is not None else "Bỏ liên kết nhân rộng",
    )
    return locked


def replications_for_user(user, initiative: Initiative) -> QuerySet[Initiative]:
    """Where `initiative` spread: the initiatives replicating it that `user` may see."""
    return (
        Initiative.objects.filter(replicated_from=initiative, unit_id__in=visible_unit_ids(user))
        .select_related("unit", "sector")
        .order_by("unit__path", "name")
    )


def replication_sources_for_user(
    user, *, search: str = "", exclude: Initiative | None = None
) -> QuerySet[Initiative]:
    """Initiatives `user` may name as the original of a replication, searched without diacritics on the code,
    name, person and description."""
    sources = Initiative.objects.filter(unit_id__in=visible_unit_ids(user)).select_related("unit", "sector")
    if exclude is not None:
        sources = sources.exclude(pk=exclude.pk)
    for word in fold(clean(search)).split():
        sources = sources.filter(search_text__contains=word)
    return sources.order_by(F("first_recognised_year").desc(nulls_last=True), "name")
