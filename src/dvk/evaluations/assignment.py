"""Assigning reviewers to registrations under review, and withdrawing an assignment not yet scored. Both are
the secretariat's (OPEN_REVIEW on the registration's unit), audited, and announced to the reviewer after commit."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count

from dvk.accounts import roles
from dvk.core.audit import log_event
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.evaluations import signals
from dvk.evaluations.models import Review
from dvk.evaluations.selectors import reviewer_eligibility
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Registration
from dvk.units.selectors import has_permission


def _check_can_assign(actor, registrations: Sequence[Registration]) -> None:
    if not registrations:
        raise ValidationFailed("Chọn ít nhất một lượt đăng ký để phân công chấm.")
    for registration in registrations:
        if not has_permission(actor, roles.OPEN_REVIEW, registration.unit_id):
            raise NotAllowed(f"Bạn không có quyền phân công chấm “{registration.initiative.name}”.")
        if registration.status != Status.UNDER_REVIEW:
            raise InvalidState(
                f"“{registration.initiative.name}” đang ở trạng thái “{registration.get_status_display()}”, "
                "chỉ phân công chấm được lượt đăng ký đang bình xét."
            )


def _refusal(reviewer, registration: Registration, eligibility) -> str:
    if reviewer.pk in eligibility.conflicted:
        return (
            f"{reviewer.display_name} không được chấm “{registration.initiative.name}” vì công tác tại chính "
            f"đơn vị có mô hình ({registration.unit.name}): xung đột lợi ích."
        )
    return (
        f"{reviewer.display_name} không phải thành viên hội đồng bình xét có phạm vi gồm đơn vị "
        f"“{registration.unit.name}”."
    )


def _plan_by_hand(registrations, reviewers, eligibility, existing) -> list[tuple[Registration, Any]]:
    """Every chosen reviewer on every chosen registration; a single ineligible pair refuses the lot."""
    pairs = []
    for registration in registrations:
        for reviewer in reviewers:
            if not eligibility[registration.pk].allows(reviewer.pk):
                raise ValidationFailed(_refusal(reviewer, registration, eligibility[registration.pk]))
            if (registration.pk, reviewer.pk) not in existing:
                pairs.append((registration, reviewer))
    return pairs


def _plan_evenly(registrations, reviewers, eligibility, existing, per_registration: int):
    """Each registration gets `per_registration` reviewers in all, taken among the chosen ones it allows,
    the least loaded first (ties by user name): deterministic for the same data."""
    load = dict.fromkeys((r.pk for r in reviewers), 0)
    open_sheets = Review.objects.filter(reviewer__in=reviewers, state=Review.State.ASSIGNED)
    for row in open_sheets.values("reviewer_id").annotate(n=Count("pk")):
        load[row["reviewer_id"]] = row["n"]
    pairs = []
    for registration in sorted(registrations, key=lambda r: r.pk):
        has = {user_id for reg_id, user_id in existing if reg_id == registration.pk}
        allowed = [r for r in reviewers if eligibility[registration.pk].allows(r.pk) and r.pk not in has]
        allowed.sort(key=lambda r: (load[r.pk], r.username))
        needed = per_registration - len(has)
        if needed > len(allowed):
            raise ValidationFailed(
                f"Không đủ người chấm cho “{registration.initiative.name}”: cần thêm {needed}, chỉ có "
                f"{len(allowed)} người được chọn đủ điều kiện (không tính người cùng đơn vị với mô hình)."
            )
        for reviewer in allowed[: max(needed, 0)]:
            pairs.append((registration, reviewer))
            load[reviewer.pk] += 1
    return pairs


@transaction.atomic
def assign_reviewers(
    *, actor, registrations: Sequence[Registration], reviewers: Sequence, per_registration: int | None = None
) -> list[Review]:
    """Create review sheets: every chosen reviewer on every chosen registration, or (with `per_registration`)
    spread evenly. Refuses reviewers outside the registration's committee and those of its own unit
    (conflict of interest); never assigns a reviewer twice."""
    registrations, reviewers = list(registrations), list(reviewers)
    _check_can_assign(actor, registrations)
    if not reviewers:
        raise ValidationFailed("Chọn ít nhất một người chấm.")
    if per_registration is not None and per_registration < 1:
        raise ValidationFailed("Số người chấm mỗi lượt phải từ 1 trở lên.")
    eligibility = reviewer_eligibility(registrations, [r.pk for r in reviewers])
    existing = set(
        Review.objects.filter(registration__in=registrations).values_list("registration_id", "reviewer_id")
    )
    if per_registration is None:
        pairs = _plan_by_hand(registrations, reviewers, eligibility, existing)
    else:
        pairs = _plan_evenly(registrations, reviewers, eligibility, existing, per_registration)
    if not pairs:
        raise ValidationFailed("Những người được chọn đã được phân công chấm các lượt đăng ký này từ trước.")
    created = []
    for registration, reviewer in pairs:
        review = Review.objects.create(registration=registration, reviewer=reviewer, assigned_by=actor)
        log_event(
            actor=actor,
            action="review.assign",
            target=review,
            scope_unit_id=registration.unit_id,
            changes={"reviewer": (None, reviewer.pk)},
            comment=f"Phân công {reviewer.display_name} chấm “{registration.initiative.name}”",
        )
        created.append(review)
    transaction.on_commit(
        lambda: [signals.review_assigned.send(sender=Review, review=r, actor=actor) for r in created]
    )
    return created


@transaction.atomic
def withdraw_review(*, actor, review: Review) -> None:
    """Withdraw a reviewer's assignment that has not been scored yet (a wrong member chosen, a member away):
    the sheet and any points saved on it go; the audit trail keeps who withdrew whom."""
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("registration__initiative", "reviewer")
        .get(pk=review.pk)
    )
    registration = review.registration
    if not has_permission(actor, roles.OPEN_REVIEW, registration.unit_id):
        raise NotAllowed(f"Bạn không có quyền rút phân công chấm “{registration.initiative.name}”.")
    if review.state != Review.State.ASSIGNED:
        raise InvalidState(
            f"{review.reviewer.display_name} đã nộp phiếu chấm “{registration.initiative.name}”: "
            "không rút phân công được nữa."
        )
    if registration.status != Status.UNDER_REVIEW:
        raise InvalidState(
            f"“{registration.initiative.name}” đang ở trạng thái “{registration.get_status_display()}”, "
            "chỉ rút phân công được khi lượt đăng ký đang bình xét."
        )
    log_event(
        actor=actor,
        action="review.withdraw",
        target=registration,
        scope_unit_id=registration.unit_id,
        changes={"reviewer": (review.reviewer_id, None)},
        comment=f"Rút phân công {review.reviewer.display_name} chấm “{registration.initiative.name}”",
    )
    reviewer, pk = review.reviewer, review.pk
    review.delete()
    transaction.on_commit(
        lambda: signals.review_withdrawn.send(
            sender=Review, registration=registration, reviewer=reviewer, review_id=pk, actor=actor
        )
    )
