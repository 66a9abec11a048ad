"""Each role × each action × a record in scope / out of scope → allowed or refused, as DESIGN §2 says.

The actors come from conftest: staff of xã B1, secretariat / reviewer of huyện B (which contains B1), a viewer
of the province, an administrator. "In scope" records belong to xã B1; "out of scope" ones to xã C1, in the
sibling district C. Every action runs through the same service the pages call; a refusal must be a DvkError
(the pages turn it into a message) and must leave nothing written.
"""

from datetime import date

import pytest
from django.http import Http404

from dvk.accounts.roles import Role
from dvk.campaigns.models import AwardForm
from dvk.commendations.models import Authority, Commendation
from dvk.commendations.selectors import HonoreeData
from dvk.commendations.services import issue_commendation
from dvk.core.errors import DvkError
from dvk.evaluations.models import Review
from dvk.evaluations.services import assign_reviewers, record_recognition
from dvk.initiatives.authoring import create_initiative, self_assess_registration
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Initiative
from dvk.initiatives.replication import record_replication
from dvk.initiatives.selectors import get_registration_for_user
from dvk.initiatives.services import transition_registration
from dvk.units.models import Unit
from tests.factories import InitiativeFactory, RegistrationFactory, make_user, sector

ROLES = ["staff", "secretariat", "reviewer", "viewer", "admin"]


def _registration(unit, status):
    return RegistrationFactory(initiative=InitiativeFactory(unit=unit), status=status, year=2025)


def create(actor, unit, people):
    registration = create_initiative(
        actor=actor, unit=unit, year=2025, name="Mô hình thử", kind=InitiativeKind.COLLECTIVE, sector=sector()
    )
    return registration.initiative.unit_id == unit.pk


def submit(actor, unit, people):
    registration = _registration(unit, Status.DRAFT)
    return transition_registration(registration, Status.SUBMITTED, actor=actor).status == Status.SUBMITTED


def accept(actor, unit, people):
    registration = _registration(unit, Status.SUBMITTED)
    return transition_registration(registration, Status.ACCEPTED, actor=actor).status == Status.ACCEPTED


def return_(actor, unit, people):
    registration = _registration(unit, Status.SUBMITTED)
    return transition_registration(registration, Status.RETURNED, actor=actor, note="Bổ sung").status


def withdraw(actor, unit, people):
    registration = _registration(unit, Status.DRAFT)
    return transition_registration(registration, Status.WITHDRAWN, actor=actor, note="Rút").status


def self_assess(actor, unit, people):
    registration = _registration(unit, Status.ACCEPTED)
    return self_assess_registration(
        actor=actor, registration=registration, results="Đã làm", self_assessment="Tốt", scores={}
    )


def open_review(actor, unit, people):
    registration = _registration(unit, Status.SELF_ASSESSED)
    return transition_registration(registration, Status.UNDER_REVIEW, actor=actor).status


def assign(actor, unit, people):
    registration = _registration(unit, Status.UNDER_REVIEW)
    reviewer = make_user(Unit.objects.get_parent(unit), Role.REVIEWER, username=f"hd_{unit.code}")
    return assign_reviewers(actor=actor, registrations=[registration], reviewers=[reviewer])


def recognise(actor, unit, people):
    registration = _registration(unit, Status.UNDER_REVIEW)
    return record_recognition(actor=actor, registration=registration, recognised=True, level="district")


def commend(actor, unit, people):
    initiative = InitiativeFactory(unit=unit)
    return issue_commendation(
        actor=actor,
        number=f"9/QĐ-{unit.code}",
        date=date(2022, 10, 14),
        issuing_unit=Unit.objects.get_parent(unit),
        award_form=AwardForm.objects.get(code="giay-khen"),
        authority=Authority.GOVERNMENT,
        honorees=[
            HonoreeData(
                kind=InitiativeKind.COLLECTIVE, name="Chi hội Phụ nữ", unit=unit, initiatives=[initiative]
            )
        ],
    )


def replicate(actor, unit, people):
    source = InitiativeFactory(unit=unit)
    copy = InitiativeFactory(unit=unit)
    return record_replication(actor=actor, initiative=copy, source=source)


def read(actor, unit, people):
    registration = _registration(unit, Status.SUBMITTED)
    try:
        return get_registration_for_user(actor, registration.pk)
    except Http404 as exc:
        raise DvkError("không thấy") from exc


# action → the roles allowed in their own scope (the administrator is allowed everywhere).
ALLOWED = {
    create: {"staff", "secretariat"},
    submit: {"staff", "secretariat"},
    withdraw: {"staff", "secretariat"},
    self_assess: {"staff", "secretariat"},
    accept: {"secretariat"},
    return_: {"secretariat"},
    open_review: {"secretariat"},
    assign: {"secretariat"},
    recognise: {"secretariat"},
    commend: {"secretariat"},
    replicate: {"secretariat"},
    read: {"staff", "secretariat", "reviewer", "viewer"},
}


def _written_counts():
    return (Initiative.objects.count(), Review.objects.count(), Commendation.objects.count())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED), ids=lambda a: a.__name__.rstrip("_"))
@pytest.mark.parametrize("where", ["in_scope", "out_of_scope"])
def test_role_action_scope(tree, people, role, action, where):
    actor = people.admin if role == "admin" else getattr(people, role)
    unit = tree.b1 if where == "in_scope" else tree.c1
    expected = role == "admin" or (where == "in_scope" and role in ALLOWED[action])
    if role == "viewer" and action is read:
        expected = True  # the viewer reads the whole province, both districts
    if expected:
        assert action(actor, unit, people)
    else:
        before = _written_counts()
        with pytest.raises(DvkError):
            action(actor, unit, people)
        # Only the fixtures' own rows exist: the refused action wrote nothing of its own.
        assert _written_counts()[1:] == before[1:]
