"""Writes of commendation work: proposals (đề nghị) drawn from recognised and exemplary initiatives, and
numbered decisions naming collectives and individuals. A decision number is unique per issuing unit and an
honoree appears once per decision: both are refused with a message, never a database error."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import IntegrityError, transaction

from dvk.accounts import roles
from dvk.campaigns.models import AwardForm, Phase
from dvk.commendations import signals
from dvk.commendations.models import Authority, Commendation, Honoree, Proposal
from dvk.commendations.selectors import HonoreeData, phases_for_user, proposal_candidates_for_user
from dvk.core.audit import log_event
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.initiatives.enums import InitiativeKind
from dvk.initiatives.models import Initiative
from dvk.units.models import Unit
from dvk.units.selectors import expand_scope, has_permission, visible_unit_ids


class DuplicateNumber(ValidationFailed):
    """The issuing unit already has a decision with this number."""


def _check_manager(actor, unit: Unit) -> None:
    if not has_permission(actor, roles.MANAGE_COMMENDATIONS, unit.pk):
        raise NotAllowed(f"Bạn không có quyền khen thưởng cho đơn vị “{unit.name}”.")


def _check_phase(actor, phase: Phase | None) -> None:
    if phase is not None and not phases_for_user(actor).filter(pk=phase.pk).exists():
        raise NotAllowed("Giai đoạn này không áp dụng cho phạm vi của bạn.")


def _check_proposal_items(actor, unit: Unit, phase: Phase | None, initiatives: Sequence[Initiative]) -> None:
    if not initiatives:
        raise ValidationFailed("Chọn ít nhất một mô hình để đề nghị khen thưởng.")
    allowed = set(proposal_candidates_for_user(actor, unit=unit, phase=phase).values_list("pk", flat=True))
    for initiative in initiatives:
        if initiative.pk not in allowed:
            raise ValidationFailed(
                f"“{initiative.name}” không phải mô hình được công nhận trong giai đoạn thuộc phạm vi "
                f"“{unit.name}”, không thể đưa vào đề nghị."
            )


@transaction.atomic
def create_proposal(
    *, actor, unit: Unit, phase: Phase | None, title: str, initiatives: Sequence[Initiative]
) -> Proposal:
    """A secretariat's list of recognised / exemplary initiatives proposed for commendation."""
    _check_manager(actor, unit)
    _check_phase(actor, phase)
    title = clean(title)
    if not title:
        raise ValidationFailed("Nhập tiêu đề đề nghị.")
    initiatives = list(initiatives)
    _check_proposal_items(actor, unit, phase, initiatives)
    proposal = Proposal.objects.create(unit=unit, phase=phase, title=title, created_by=actor)
    proposal.initiatives.set(initiatives)
    log_event(
        actor=actor,
        action="proposal.create",
        target=proposal,
        scope_unit_id=unit.pk,
        changes={"initiatives": (None, sorted(i.pk for i in initiatives))},
        comment=title,
    )
    return proposal


@transaction.atomic
def update_proposal(*, actor, proposal: Proposal, title: str, initiatives: Sequence[Initiative]) -> Proposal:
    """Change the title and the list of a proposal that no decision has answered yet."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("unit", "phase").get(pk=proposal.pk)
    )
    _check_manager(actor, proposal.unit)
    if proposal.state == Proposal.State.DECIDED:
        raise InvalidState("Đề nghị này đã có quyết định khen thưởng, không sửa được nữa.")
    title = clean(title)
    if not title:
        raise ValidationFailed("Nhập tiêu đề đề nghị.")
    initiatives = list(initiatives)
    _check_proposal_items(actor, proposal.unit, proposal.phase, initiatives)
    old = sorted(proposal.initiatives.values_list("pk", flat=True))
    new = sorted(i.pk for i in initiatives)
    changes = {"initiatives": (old, new)} if old != new else {}
    if title != proposal.title:
        changes["title"] = (proposal.title, title)
        proposal.title = title
        proposal.save(update_fields=["title", "updated_at"])
    proposal.initiatives.set(initiatives)
    if changes:
        log_event(
            actor=actor,
            action="proposal.update",
            target=proposal,
            scope_unit_id=proposal.unit_id,
            changes=changes,
        )
    return proposal


def _validated_honorees(
    actor, issuing_unit: Unit, honorees: Iterable[HonoreeData], taken: set[tuple]
) -> list[HonoreeData]:
    """Clean names, check units and initiatives are in scope and refuse a second mention of an honoree."""
    scope, visible = expand_scope([issuing_unit.pk]), visible_unit_ids(actor)
    cleaned = []
    for data in honorees:
        if data.kind not in InitiativeKind.values:
            raise ValidationFailed("Chọn đối tượng khen thưởng: tập thể hoặc cá nhân.")
        if data.unit is None:
            raise ValidationFailed(f"Chọn đơn vị của “{data.name}”.")
        if data.unit.pk not in scope:
            raise ValidationFailed(
                f"Đơn vị “{data.unit.name}” không thuộc phạm vi của đơn vị ban hành “{issuing_unit.name}”."
            )
        data.name, data.position = clean(data.name), clean(data.position)
        if not data.name:
            if data.kind == InitiativeKind.INDIVIDUAL:
                raise ValidationFailed("Nhập họ và tên cá nhân được khen thưởng.")
            data.name = data.unit.name
        if any(i.unit_id not in visible for i in data.initiatives):
            raise NotAllowed("Có mô hình không thuộc phạm vi bạn được xem.")
        if data.key in taken:
            raise ValidationFailed(_duplicate_message(data))
        taken.add(data.key)
        cleaned.append(data)
    return cleaned


def _duplicate_message(data: HonoreeData) -> str:
    who = "Tập thể" if data.kind == InitiativeKind.COLLECTIVE else "Cá nhân"
    return (
        f"{who} “{data.name}” ({data.unit.name}) đã có trong quyết định này: mỗi tập thể, cá nhân chỉ được "
        "khen thưởng một lần trong một quyết định."
    )


def _write_honorees(commendation: Commendation, honorees: list[HonoreeData], start: int) -> list[Honoree]:
    written = []
    for order, data in enumerate(honorees, start=start):
        try:
            with transaction.atomic():
                honoree = Honoree.objects.create(
                    commendation=commendation,
                    kind=data.kind,
                    name=data.name,
                    position=data.position,
                    unit=data.unit,
                    order=order,
                )
        except IntegrityError:
            raise ValidationFailed(_duplicate_message(data)) from None
        honoree.initiatives.set(data.initiatives)
        written.append(honoree)
    return written


def _check_decision(actor, *, number: str, day: date | None, issuing_unit: Unit, authority: str) -> None:
    _check_manager(actor, issuing_unit)
    if not number:
        raise ValidationFailed("Nhập số quyết định.")
    if day is None:
        raise ValidationFailed("Nhập ngày quyết định.")
    if authority not in Authority.values:
        raise ValidationFailed("Chọn loại khen thưởng: Đảng, Chính quyền hoặc Đoàn thể.")
    if Commendation.objects.filter(issuing_unit=issuing_unit, number__iexact=number).exists():
        raise DuplicateNumber(f"Đơn vị “{issuing_unit.name}” đã có quyết định khen thưởng số {number}.")


def _create_decision(actor, *, number: str, day: date, issuing_unit: Unit, **details) -> Commendation:
    """The decision row; a number taken meanwhile (the unique constraint) is the same refusal as before."""
    try:
        with transaction.atomic():
            return Commendation.objects.create(
                number=number, date=day, issuing_unit=issuing_unit, created_by=actor, **details
            )
    except IntegrityError:
        raise DuplicateNumber(
            f"Đơn vị “{issuing_unit.name}” đã có quyết định khen thưởng số {number}."
        ) from None


def _mark_decided(actor, proposal: Proposal, commendation: Commendation) -> None:
    if proposal.state == Proposal.State.DECIDED:
        return
    log_event(
        actor=actor,
        action="proposal.decide",
        target=proposal,
        scope_unit_id=proposal.unit_id,
        changes={"state": (proposal.state, Proposal.State.DECIDED)},
        comment=str(commendation),
    )
    proposal.state = Proposal.State.DECIDED
    proposal.save(update_fields=["state", "updated_at"])


@transaction.atomic
def issue_commendation(
    *,
    actor,
    number: str,
    date: date | None,
    issuing_unit: Unit,
    award_form: AwardForm,
    authority: str,
    honorees: Iterable[HonoreeData],
    issuer_title: str = "",
    signer_name: str = "",
    signer_position: str = "",
    phase: Phase | None = None,
    proposal: Proposal | None = None,
    summary: str = "",
) -> Commendation:
    """Record a numbered commendation decision with its honorees (at least one). A proposal it answers is
    marked decided."""
    number = clean(number)
    _check_decision(actor, number=number, day=date, issuing_unit=issuing_unit, authority=authority)
    _check_phase(actor, phase)
    if proposal is not None and proposal.unit_id not in visible_unit_ids(actor):
        raise NotAllowed("Đề nghị khen thưởng không thuộc phạm vi của bạn.")
    honorees = _validated_honorees(actor, issuing_unit, honorees, set())
    if not honorees:
        raise ValidationFailed("Quyết định cần có ít nhất một tập thể hoặc cá nhân được khen thưởng.")
    details = {
        "issuer_title": clean(issuer_title),
        "signer_name": clean(signer_name),
        "signer_position": clean(signer_position),
        "award_form": award_form,
        "authority": authority,
        "phase": phase,
        "proposal": proposal,
        "summary": (summary or "").strip(),
    }
    commendation = _create_decision(actor, number=number, day=date, issuing_unit=issuing_unit, **details)
    _write_honorees(commendation, honorees, start=1)
    log_event(
        actor=actor,
        action="commendation.issue",
        target=commendation,
        scope_unit_id=issuing_unit.pk,
        changes={"number": (None, number), "honorees": (None, [h.name for h in honorees])},
    )
    if proposal is not None:
        _mark_decided(actor, proposal, commendation)
    transaction.on_commit(
        lambda: signals.commendation_issued.send(sender=Commendation, commendation=commendation, actor=actor)
    )
    return commendation


@transaction.atomic
def add_honorees(*, actor, commendation: Commendation, honorees: Iterable[HonoreeData]) -> list[Honoree]:
    """Name more collectives or individuals in an existing decision (each once per decision)."""
    commendation = (
        Commendation.objects.select_for_update(of=("self",))
        .select_related("issuing_unit")
        .get(pk=commendation.pk)
    )
    _check_manager(actor, commendation.issuing_unit)
    existing = list(commendation.honorees.values_list("kind", "unit_id", "name_key", "order"))
    taken = {(kind, unit_id, key) for kind, unit_id, key, _ in existing}
    honorees = _validated_honorees(actor, commendation.issuing_unit, honorees, taken)
    if not honorees:
        raise ValidationFailed("Nhập ít nhất một tập thể hoặc cá nhân.")
    written = _write_honorees(commendation, honorees, start=max((o for *_, o in existing), default=0) + 1)
    log_event(
        actor=actor,
        action="commendation.add_honorees",
        target=commendation,
        scope_unit_id=commendation.issuing_unit_id,
        changes={"honorees": (None, [h.name for h in written])},
    )
    return written
