"""Reads of initiatives and registrations, always through the user's scope."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.workflow import TRANSITIONS
from dvk.units.selectors import has_permission, visible_unit_ids


def initiatives_for_user(user) -> QuerySet[Initiative]:
    return Initiative.objects.filter(unit_id__in=visible_unit_ids(user)).select_related("unit", "sector")


def registrations_for_user(user) -> QuerySet[Registration]:
    return Registration.objects.filter(unit_id__in=visible_unit_ids(user)).select_related(
        "initiative", "initiative__sector", "unit"
    )


def get_registration_for_user(user, pk) -> Registration:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(registrations_for_user(user), pk=pk)


def available_transitions(registration: Registration, user) -> list[str]:
    """The statuses `user` may move this registration to now: what the buttons offer."""
    return [
        to
        for (frm, to), permission in TRANSITIONS.items()
        if frm == registration.status and has_permission(user, permission, registration.unit_id)
    ]
