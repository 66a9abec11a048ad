"""Writes of the secretariat's and the reviewers' work: screening, opening review, assigning reviewers (in
`evaluations.assignment`), scoring, recording recognition. Status changes go through `initiatives.services.transition_registration`
(the only writer of `Registration.status`); every write here is audited and announced after commit."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from dvk.accounts import roles
from dvk.campaigns.models import ClassificationLevel
from dvk.core.audit import diff, log_event
from dvk.core.errors import DvkError, InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.evaluations import signals
from dvk.evaluations.assignment import assign_reviewers, withdraw_review  # noqa: F401 - part of this API
from dvk.evaluations.models import CriterionScore, Recognition, RecognitionLevel, Review
from dvk.evaluations.selectors import (
    classification_levels,
    criteria_for_registration,
    mean_review_total,
    missing_criteria_message,
    suggest_classification,
)
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Registration
from dvk.initiatives.services import refresh_initiative_rollups, transition_registration
from dvk.units.selectors import has_permission


@dataclass
class BulkOutcome:
    """What a one-by-one bulk action did: the registrations done and, for the others, why not."""

    done: list[Registration] = field(default_factory=list)
    failed: list[tuple[Registration, str]] = field(default_factory=list)


def _one_by_one(registrations: Iterable[Registration], action: Callable[[Registration], Any]) -> BulkOutcome:
    """Apply `action` to each registration in its own transaction, so that one refusal undoes no other."""
    outcome = BulkOutcome()
    for registration in registrations:
        try:
            with transaction.atomic():
                action(registration)
        except DvkError as error:
            outcome.failed.append((registration, error.message))
        else:
            outcome.done.append(registration)
    return outcome


def screen_registrations(
    *, actor, registrations: Iterable[Registration], accept: bool, reason: str = ""
) -> BulkOutcome:
    """Accept (or return, with a reason) submitted registrations, one transaction each."""
    reason = clean(reason)
    if not accept and not reason:
        raise ValidationFailed("Vui lòng ghi rõ lý do trả lại.")
    target = Status.ACCEPTED if accept else Status.RETURNED
    return _one_by_one(
        registrations,
        lambda r: transition_registration(r, target, actor=actor, note="" if accept else reason),
    )


def open_reviews(*, actor, registrations: Iterable[Registration]) -> BulkOutcome:
    """Put self-assessed registrations under review, one transaction each."""
    return _one_by_one(registrations, lambda r: transition_registration(r, Status.UNDER_REVIEW, actor=actor))


def _points(value, criterion) -> Decimal:
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(f"Điểm của tiêu chí “{criterion}” không phải là số.") from None
    if not points.is_finite() or points < 0 or points > criterion.max_points:
        raise ValidationFailed(
            f"Điểm của tiêu chí “{criterion}” phải từ 0 đến {criterion.max_points.normalize():f}."
        )
    return points


def _score_rows(review: Review, criteria, scores: Mapping[int, Mapping[str, Any]]) -> list[CriterionScore]:
    unknown = set(scores) - {c.pk for c in criteria}
    if unknown:
        raise ValidationFailed("Phiếu chấm có tiêu chí không thuộc bộ tiêu chí của lượt đăng ký này.")
    rows = []
    for criterion in criteria:
        given = scores.get(criterion.pk) or {}
        row = CriterionScore(review=review, criterion=criterion, comment=clean(given.get("comment")))
        if criterion.max_points is None:
            if given.get("passed") is None:
                raise ValidationFailed(f"Chọn “Đạt” hoặc “Không đạt” cho tiêu chí “{criterion}”.")
            row.passed = bool(given["passed"])
        else:
            if given.get("points") in (None, ""):
                raise ValidationFailed(f"Chưa cho điểm tiêu chí “{criterion}”.")
            row.points = _points(given["points"], criterion)
        rows.append(row)
    return rows


def _lock_sheet(actor, review: Review) -> Review:
    """The sheet, locked, once it is certain `actor` may score it now."""
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("registration__initiative", "registration__phase")
        .get(pk=review.pk)
    )
    unit_id = review.registration.unit_id
    if review.reviewer_id != actor.pk or not (
        has_permission(actor, roles.SCORE_REVIEW, unit_id)
        or has_permission(actor, roles.OPEN_REVIEW, unit_id)
    ):
        raise NotAllowed("Chỉ người được phân công mới chấm được phiếu này.")
    if review.state == Review.State.SUBMITTED:
        raise InvalidState("Phiếu chấm này đã được gửi, không sửa được nữa.")
    status = review.registration.get_status_display()
    if review.registration.status != Status.UNDER_REVIEW:
        raise InvalidState(f"Lượt đăng ký đang ở trạng thái “{status}”, không chấm được.")
    return review


@transaction.atomic
def submit_review(
    *, actor, review: Review, scores: Mapping[int, Mapping[str, Any]], comment: str = ""
) -> Review:
    """A reviewer scores every criterion of the phase's set (points 0..max, or pass/fail) and submits the
    sheet; the total is the weighted sum of the points. A submitted sheet is final."""
    review = _lock_sheet(actor, review)
    registration = review.registration
    criteria = criteria_for_registration(registration)
    if not criteria:
        raise ValidationFailed(missing_criteria_message(registration))
    rows = _score_rows(review, criteria, scores)
    weighted = [row.points * row.criterion.weight for row in rows if row.points is not None]
    review.total = sum(weighted, Decimal(0)).quantize(Decimal("0.01")) if weighted else None
    review.comment = (comment or "").strip()
    review.state = Review.State.SUBMITTED
    review.submitted_at = timezone.now()
    CriterionScore.objects.bulk_create(rows)
    review.save(update_fields=["total", "comment", "state", "submitted_at", "updated_at"])
    log_event(
        actor=actor,
        action="review.submit",
        target=review,
        scope_unit_id=registration.unit_id,
        changes={"state": (Review.State.ASSIGNED, review.state), "total": (None, review.total)},
        comment=review.comment,
    )
    return review


def _recognition_values(registration: Registration, values: dict[str, Any]) -> dict[str, Any]:
    """Check one outcome (level when recognised, reason when not, exemplary only if recognised, a
    classification of the registration's phase that agrees with the outcome) and complete it."""
    recognised, classification = values["recognised"], values["classification"]
    values["reason"], values["decision_number"] = clean(values["reason"]), clean(values["decision_number"])
    if recognised and values["level"] not in RecognitionLevel.values:
        raise ValidationFailed("Chọn cấp công nhận.")
    if not recognised and not values["reason"]:
        raise ValidationFailed("Vui lòng ghi rõ lý do không công nhận.")
    if not recognised and values["is_exemplary"]:
        raise ValidationFailed("Chỉ mô hình được công nhận mới có thể là mô hình tiêu biểu.")
    if classification is not None and classification.phase_id != registration.phase_id:
        raise ValidationFailed("Mức phân loại không thuộc thang phân loại của giai đoạn của lượt đăng ký.")
    if classification is not None and classification.recognised != recognised:
        raise ValidationFailed(f"Mức phân loại “{classification.name}” không khớp với kết quả công nhận.")
    if classification is not None and classification.exemplary and not values["is_exemplary"]:
        raise ValidationFailed(
            f"Mức phân loại “{classification.name}” là mức tiêu biểu: hãy đánh dấu “Tiêu biểu” hoặc chọn mức khác."
        )
    if classification is not None and values["is_exemplary"] and not classification.exemplary:
        raise ValidationFailed(
            f"Đã đánh dấu “Tiêu biểu” nhưng mức phân loại “{classification.name}” không phải mức tiêu biểu."
        )
    return {
        **values,
        "reason": "" if recognised else values["reason"],
        "classification_name": classification.name if classification else "",
        "total_score": mean_review_total(registration),
    }


def _save_recognition(registration: Registration, values: dict[str, Any], actor) -> tuple[Recognition, dict]:
    """Create or update the registration's Recognition row; returns it with the audited changes."""
    recognition = Recognition.objects.filter(registration=registration).first()
    if recognition is None:
        recognition = Recognition.objects.create(registration=registration, recorded_by=actor, **values)
        changes = {name: (None, value) for name, value in values.items()}
    else:
        changes = diff(recognition, values)
        for name, value in values.items():
            setattr(recognition, name, value)
        recognition.recorded_by = actor
        recognition.save(update_fields=[*values, "recorded_by", "updated_at"])
    return recognition, changes


def _lock_for_recognition(actor, registration: Registration, target: str) -> Registration:
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("initiative", "phase")
        .get(pk=registration.pk)
    )
    if not has_permission(actor, roles.RECORD_RECOGNITION, registration.unit_id):
        raise NotAllowed("Bạn không có quyền ghi kết quả công nhận cho lượt đăng ký của đơn vị này.")
    if registration.status not in (Status.UNDER_REVIEW, target):
        raise InvalidState(
            f"Lượt đăng ký đang ở trạng thái “{registration.get_status_display()}”, không ghi được kết quả "
            f"“{Status(target).label}”."
        )
    return registration


@transaction.atomic
def record_recognition(
    *,
    actor,
    registration: Registration,
    recognised: bool,
    level: str = "",
    classification: ClassificationLevel | None = None,
    is_exemplary: bool = False,
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
) -> Recognition:
    """Record the outcome of a registration under review (recognised or not, level, classification,
    exemplary, decision) and move it to recognised / not recognised. On a decided registration the same
    outcome may be corrected (decision number, level …); changing the outcome itself is refused."""
    target = Status.RECOGNISED if recognised else Status.NOT_RECOGNISED
    registration = _lock_for_recognition(actor, registration, target)
    values = _recognition_values(
        registration,
        {
            "recognised": recognised,
            "level": level,
            "classification": classification,
            "is_exemplary": is_exemplary,
            "decision_number": decision_number,
            "decision_date": decision_date,
            "reason": reason,
        },
    )
    recognition, changes = _save_recognition(registration, values, actor)
    log_event(
        actor=actor,
        action="recognition.record",
        target=recognition,
        scope_unit_id=registration.unit_id,
        changes=changes,
        comment=recognition.reason,
    )
    if registration.status == Status.UNDER_REVIEW:
        note = recognition.reason or _decision_note(recognition)
        transition_registration(registration, target, actor=actor, note=note)
    else:  # a correction: "exemplary" may have changed
        refresh_initiative_rollups([registration.initiative_id])
    transaction.on_commit(
        lambda: signals.recognition_recorded.send(sender=Recognition, recognition=recognition, actor=actor)
    )
    return recognition


def _decision_note(recognition: Recognition) -> str:
    parts = ["Công nhận"]
    if recognition.classification_name:
        parts.append(f"phân loại {recognition.classification_name}")
    if recognition.is_exemplary:
        parts.append("tiêu biểu")
    if recognition.decision_number:
        parts.append(f"quyết định số {recognition.decision_number}")
    return ", ".join(parts)


def record_recognitions(
    *,
    actor,
    registrations: Iterable[Registration],
    recognised: bool,
    level: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    reason: str = "",
) -> BulkOutcome:
    """The same outcome for several registrations, one transaction each; a recognised one takes the
    classification (and the exemplary mark) its mean score suggests."""

    def record(registration: Registration) -> None:
        suggested = None
        if recognised:
            suggested = suggest_classification(
                classification_levels(registration.phase), mean_review_total(registration)
            )
            suggested = suggested if suggested is not None and suggested.recognised else None
        record_recognition(
            actor=actor,
            registration=registration,
            recognised=recognised,
            level=level,
            classification=suggested,
            is_exemplary=bool(suggested and suggested.exemplary),
            decision_number=decision_number,
            decision_date=decision_date,
            reason=reason,
        )

    return _one_by_one(registrations, record)
