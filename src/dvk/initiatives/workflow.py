"""The registration workflow as data (DESIGN §4): which status may follow which, and the permission the actor
needs on the registration's unit. No database here; `services.transition_registration` enforces it and
`selectors.available_transitions` offers it."""

from django.utils.translation import gettext_lazy as _

from dvk.accounts import roles
from dvk.initiatives.enums import Status

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): roles.SUBMIT_REGISTRATION,
    (Status.RETURNED, Status.SUBMITTED): roles.SUBMIT_REGISTRATION,
    (Status.SUBMITTED, Status.RETURNED): roles.SCREEN_REGISTRATION,
    (Status.SUBMITTED, Status.ACCEPTED): roles.SCREEN_REGISTRATION,
    (Status.ACCEPTED, Status.SELF_ASSESSED): roles.SELF_ASSESS_REGISTRATION,
    (Status.SELF_ASSESSED, Status.UNDER_REVIEW): roles.OPEN_REVIEW,
    (Status.UNDER_REVIEW, Status.RECOGNISED): roles.RECORD_RECOGNITION,
    (Status.UNDER_REVIEW, Status.NOT_RECOGNISED): roles.RECORD_RECOGNITION,
    (Status.DRAFT, Status.WITHDRAWN): roles.WITHDRAW_REGISTRATION,
    (Status.SUBMITTED, Status.WITHDRAWN): roles.WITHDRAW_REGISTRATION,
    (Status.RETURNED, Status.WITHDRAWN): roles.WITHDRAW_REGISTRATION,
    (Status.ACCEPTED, Status.WITHDRAWN): roles.WITHDRAW_REGISTRATION,
}

# Transitions that must carry a reason, and the registration field that keeps it.
REASON_FIELDS: dict[str, str] = {
    Status.RETURNED: "return_reason",
    Status.WITHDRAWN: "withdraw_reason",
}

# The verb a button shows for moving to a status.
ACTION_LABELS: dict[str, str] = {
    Status.SUBMITTED: _("Gửi đăng ký"),
    Status.RETURNED: _("Trả lại"),
    Status.ACCEPTED: _("Tiếp nhận"),
    Status.SELF_ASSESSED: _("Gửi tự đánh giá"),
    Status.UNDER_REVIEW: _("Đưa ra bình xét"),
    Status.RECOGNISED: _("Công nhận"),
    Status.NOT_RECOGNISED: _("Không công nhận"),
    Status.WITHDRAWN: _("Rút đăng ký"),
}


def targets_from(status: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == status]


def permission_for(frm: str, to: str) -> str | None:
    return TRANSITIONS.get((frm, to))
