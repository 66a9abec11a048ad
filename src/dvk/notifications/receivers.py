"""Who is told what: listeners of the workflow, review and commendation announcements (connected in
`NotificationsConfig.ready`). Recipients are computed when the causing transaction has committed."""

from collections import defaultdict

from django.urls import reverse

from dvk.accounts import roles
from dvk.initiatives.enums import Status
from dvk.notifications.models import Verb
from dvk.notifications.selectors import users_to_notify
from dvk.notifications.services import notify_after_commit

_VERBS = {
    Status.RETURNED: Verb.RETURNED,
    Status.ACCEPTED: Verb.ACCEPTED,
    Status.RECOGNISED: Verb.RECOGNISED,
    Status.NOT_RECOGNISED: Verb.NOT_RECOGNISED,
}


def _registration_text(verb: str, name: str, year: int, note: str) -> str:
    if verb == Verb.RETURNED:
        reason = f" Lý do: {note}" if note else ""
        return f"Lượt đăng ký mô hình “{name}” năm {year} bị trả lại để bổ sung, chỉnh sửa.{reason}"
    if verb == Verb.ACCEPTED:
        return f"Lượt đăng ký mô hình “{name}” năm {year} đã được tiếp nhận."
    if verb == Verb.RECOGNISED:
        return f"Mô hình “{name}” được công nhận năm {year}."
    return f"Mô hình “{name}” không được công nhận năm {year}."


def on_registration_transitioned(sender, registration, from_status, to_status, actor=None, note="", **kwargs):
    """Returned, accepted, recognised or not: the registering unit's staff are told."""
    verb = _VERBS.get(to_status)
    if verb is None:
        return
    unit_id = registration.unit_id
    notify_after_commit(
        lambda: users_to_notify(unit_id, roles.EDIT_INITIATIVE, exclude=actor),
        verb=verb,
        text=_registration_text(verb, registration.initiative.name, registration.year, note),
        url=reverse("initiatives:registration", args=[registration.pk]),
    )


def on_review_assigned(sender, review, actor=None, **kwargs):
    """The reviewer is told which registration to score."""
    registration = review.registration
    reviewer = review.reviewer
    notify_after_commit(
        lambda: [reviewer] if reviewer.is_active else [],
        verb=Verb.REVIEW_ASSIGNED,
        text=f"Bạn được phân công chấm mô hình “{registration.initiative.name}” năm {registration.year}.",
        url=reverse("review:score", args=[review.pk]),
    )


def on_review_withdrawn(sender, registration, reviewer, actor=None, **kwargs):
    """The reviewer is told that a registration is no longer theirs to score."""
    notify_after_commit(
        lambda: [reviewer] if reviewer.is_active else [],
        verb=Verb.REVIEW_WITHDRAWN,
        text=(
            f"Đã rút phân công chấm mô hình “{registration.initiative.name}” năm {registration.year}: "
            "bạn không cần chấm mô hình này nữa."
        ),
        url=reverse("review:my_reviews"),
    )


def on_commendation_issued(sender, commendation, actor=None, **kwargs):
    """The staff of each honoree's unit are told who of theirs was commended, by which decision."""
    names_by_unit: dict[int, list[str]] = defaultdict(list)
    for honoree in commendation.honorees.order_by("kind", "order", "id"):
        names_by_unit[honoree.unit_id].append(honoree.name)
    decision = f"Quyết định số {commendation.number} ngày {commendation.date:%d/%m/%Y}"
    url = reverse("commendations:decision", args=[commendation.pk])
    for unit_id, names in names_by_unit.items():
        shown = "; ".join(names[:3]) + (
            f" và {len(names) - 3} tập thể, cá nhân khác" if len(names) > 3 else ""
        )
        notify_after_commit(
            lambda unit_id=unit_id: users_to_notify(unit_id, roles.EDIT_INITIATIVE, exclude=actor),
            verb=Verb.COMMENDED,
            text=f"{decision} khen thưởng: {shown}.",
            url=url,
        )
