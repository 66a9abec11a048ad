"""Which actions a user may take on a registration now, for the action panels of these pages (and of the
registration's detail page). Derived from the workflow table and the services' own checks: a button shown
is an action the service will accept."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse

from dvk.accounts import roles
from dvk.core.errors import InvalidState
from dvk.initiatives.authoring import EDITABLE_STATUSES, check_year_end
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Registration
from dvk.initiatives.selectors import available_transitions
from dvk.initiatives.workflow import ACTION_LABELS, REASON_FIELDS
from dvk.units.selectors import has_permission


@dataclass(frozen=True)
class TransitionAction:
    to: str
    label: str
    needs_reason: bool
    danger: bool


@dataclass(frozen=True)
class LinkAction:
    label: str
    url: str


@dataclass(frozen=True)
class Actions:
    transitions: list[TransitionAction]
    links: list[LinkAction]
    transition_url: str
    next_url: str

    def __bool__(self) -> bool:
        return bool(self.transitions or self.links)


def _year_end_open(registration: Registration) -> bool:
    try:
        check_year_end(registration)
    except InvalidState:
        return False
    return True


def _links(registration: Registration, user) -> list[LinkAction]:
    pk, unit_id = registration.pk, registration.unit_id
    links = []
    if registration.status in EDITABLE_STATUSES and has_permission(user, roles.EDIT_INITIATIVE, unit_id):
        links.append(LinkAction("Sửa nội dung", reverse("registrations:edit", args=[pk])))
    if registration.status == Status.ACCEPTED and has_permission(
        user, roles.SELF_ASSESS_REGISTRATION, unit_id
    ):
        links.append(
            LinkAction("Nhập kết quả và tự đánh giá", reverse("registrations:self_assess", args=[pk]))
        )
    if _year_end_open(registration) and has_permission(user, roles.CLOSE_REGISTRATION_YEAR, unit_id):
        links.append(
            LinkAction(
                f"Duy trì sang năm {registration.year + 1}", reverse("registrations:continue", args=[pk])
            )
        )
        links.append(LinkAction("Dừng mô hình", reverse("registrations:stop", args=[pk])))
    if has_permission(user, roles.EDIT_INITIATIVE, unit_id):
        links.append(LinkAction("Ảnh và tài liệu", reverse("registrations:attachments", args=[pk])))
    return links


def actions_for(
    registration: Registration,
    user,
    next_url: str,
    *,
    exclude_transitions: Iterable[str] = (),
    exclude_url: str = "",
) -> Actions:
    """The buttons and links to show `user` for this registration. Self-assessment has its own page (it
    carries results and scores), so the bare transition is not offered."""
    hidden = {Status.SELF_ASSESSED, *exclude_transitions}
    transitions = [
        TransitionAction(
            to=to,
            label=str(ACTION_LABELS[to]),
            needs_reason=to in REASON_FIELDS,
            danger=to == Status.WITHDRAWN,
        )
        for to in available_transitions(registration, user)
        if to not in hidden
    ]
    return Actions(
        transitions=transitions,
        links=[link for link in _links(registration, user) if link.url != exclude_url],
        transition_url=reverse("registrations:transition", args=[registration.pk]),
        next_url=next_url,
    )
