"""Writing a planned commendations import: new decisions and honorees in bulk, new links to initiatives, and
the changes to existing decisions and honorees with one audit event each."""

from django.db.models import Max
from django.utils import timezone

from dvk.commendations.models import Commendation, Honoree
from dvk.core.audit import log_event
from dvk.core.text import clean, fold
from dvk.imports.audit import audit_changes, log_created
from dvk.imports.kinds.base import WriteContext
from dvk.imports.kinds.commendations import Decision

DECISION_AUDIT_FIELDS = ("number", "date", "issuing_unit_id", "award_form_id", "authority", "phase_id")
HONOREE_AUDIT_FIELDS = ("commendation_id", "kind", "name", "position", "unit_id")


def _new_decisions(decisions: list[Decision], context: WriteContext) -> list[Commendation]:
    created = []
    for decision in decisions:
        if decision.existing is None:
            decision.existing = Commendation.objects.create(
                number=decision.number,
                issuing_unit_id=decision.issuer.pk,
                created_by=context.actor if context.actor.is_authenticated else None,
                **decision.values,
            )
            created.append(decision.existing)
    return created


def _changed_decision(decision: Decision, context: WriteContext) -> None:
    commendation = decision.existing
    for name, (_old, new) in decision.changes.items():
        setattr(commendation, name, new)
    commendation.save(update_fields=[*decision.changes, "updated_at"])
    log_event(
        actor=context.actor,
        action="commendation.update",
        target=commendation,
        scope_unit_id=commendation.issuing_unit_id,
        changes=audit_changes(decision.changes),
        comment=context.comment,
    )


def _changed_honoree(entry, context: WriteContext, links: list) -> None:
    honoree = entry.existing
    if "position" in entry.changes:
        honoree.position = entry.changes["position"][1]
        honoree.save(update_fields=["position", "updated_at"])
    if "initiatives" in entry.changes:
        old, new = entry.changes["initiatives"]
        links += [
            Honoree.initiatives.through(honoree_id=honoree.pk, initiative_id=pk) for pk in set(new) - set(old)
        ]
    log_event(
        actor=context.actor,
        action="honoree.update",
        target=honoree,
        scope_unit_id=honoree.unit_id,
        changes=audit_changes(entry.changes),
        comment=context.comment,
    )


def write_commendations(decisions: list[Decision], context: WriteContext) -> None:
    created_decisions = _new_decisions(decisions, context)
    orders = dict(
        Honoree.objects.filter(commendation__in=[d.existing for d in decisions])
        .values("commendation_id")
        .annotate(top=Max("order"))
        .values_list("commendation_id", "top")
    )
    new_honorees, pending_links, links = [], [], []
    now = timezone.now()
    for done, decision in enumerate(decisions, start=1):
        if decision.changes:
            _changed_decision(decision, context)
        order = orders.get(decision.existing.pk) or 0
        for entry in decision.honorees:
            if entry.existing is None:
                order += 1
                name = clean(entry.name)
                honoree = Honoree(
                    commendation=decision.existing,
                    kind=entry.kind,
                    name=name,
                    name_key=fold(name),
                    position=entry.position,
                    unit_id=entry.unit.pk,
                    order=order,
                    created_at=now,
                )
                new_honorees.append(honoree)
                pending_links.append((honoree, entry.initiative_ids))
            elif entry.changes:
                _changed_honoree(entry, context, links)
        context.progress(done, len(decisions) + 1)
    Honoree.objects.bulk_create(new_honorees, batch_size=500)
    links += [
        Honoree.initiatives.through(honoree_id=honoree.pk, initiative_id=pk)
        for honoree, ids in pending_links
        for pk in sorted(ids)
    ]
    Honoree.initiatives.through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    log_created(
        created_decisions,
        actor=context.actor,
        action="commendation.create",
        fields=DECISION_AUDIT_FIELDS,
        scope_unit=lambda c: c.issuing_unit_id,
        comment=context.comment,
    )
    log_created(
        new_honorees,
        actor=context.actor,
        action="honoree.create",
        fields=HONOREE_AUDIT_FIELDS,
        scope_unit=lambda h: h.unit_id,
        comment=context.comment,
    )
    context.progress(1, 1)
