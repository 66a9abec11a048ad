"""The registration workflow: every allowed pair through the one writer, forbidden samples refused, each
role's permission and scope checked, every change audited."""

import pytest

from dvk.core.audit import events_for
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.initiatives import signals
from dvk.initiatives.enums import Status
from dvk.initiatives.selectors import available_transitions
from dvk.initiatives.services import transition_registration
from dvk.initiatives.workflow import REASON_FIELDS, TRANSITIONS
from tests.factories import InitiativeFactory, RegistrationFactory, make_user

# Which of the conftest people performs each permission in the happy path.
ACTOR_FOR_PERMISSION = {
    "initiatives.submit_registration": "staff",
    "initiatives.withdraw_registration": "staff",
    "initiatives.self_assess_registration": "staff",
    "initiatives.screen_registration": "secretariat",
    "evaluations.open_review": "secretariat",
    "evaluations.record_recognition": "secretariat",
}

FORBIDDEN = [
    (Status.DRAFT, Status.ACCEPTED),
    (Status.DRAFT, Status.RECOGNISED),
    (Status.SUBMITTED, Status.RECOGNISED),
    (Status.RETURNED, Status.ACCEPTED),
    (Status.ACCEPTED, Status.RECOGNISED),
    (Status.SELF_ASSESSED, Status.RECOGNISED),
    (Status.RECOGNISED, Status.DRAFT),
    (Status.NOT_RECOGNISED, Status.RECOGNISED),
    (Status.WITHDRAWN, Status.SUBMITTED),
    (Status.UNDER_REVIEW, Status.WITHDRAWN),
    (Status.RECOGNISED, Status.WITHDRAWN),
]


def registration_in(unit, status):
    return RegistrationFactory(initiative=InitiativeFactory(unit=unit), status=status)


@pytest.mark.parametrize(("frm", "to"), list(TRANSITIONS))
def test_every_allowed_transition_moves_the_status_and_is_audited(tree, people, frm, to):
    registration = registration_in(tree.b1, frm)
    actor = getattr(people, ACTOR_FOR_PERMISSION[TRANSITIONS[(frm, to)]])
    note = "Lý do cụ thể" if to in REASON_FIELDS else ""

    transition_registration(registration, to, actor=actor, note=note)

    registration.refresh_from_db()
    assert registration.status == to
    assert registration.version == 2
    event = events_for(registration).get()
    assert (event.actor, event.action, event.changes) == (
        actor,
        "registration.transition",
        {"status": [frm, to]},
    )
    assert event.scope_unit_id == tree.b1.pk
    if to in REASON_FIELDS:
        assert getattr(registration, REASON_FIELDS[to]) == "Lý do cụ thể"


@pytest.mark.parametrize(("frm", "to"), FORBIDDEN)
def test_forbidden_transitions_are_refused_and_change_nothing(tree, people, frm, to):
    assert (frm, to) not in TRANSITIONS
    registration = registration_in(tree.b1, frm)
    with pytest.raises(InvalidState, match="Không thể chuyển"):
        transition_registration(registration, to, actor=people.admin, note="x")
    registration.refresh_from_db()
    assert registration.status == frm
    assert not events_for(registration).exists()


@pytest.mark.parametrize(
    ("who", "frm", "to"),
    [
        ("staff_c", Status.DRAFT, Status.SUBMITTED),  # staff of a sibling district's commune
        ("secretariat_c", Status.SUBMITTED, Status.ACCEPTED),  # secretariat of the sibling district
        ("staff", Status.SUBMITTED, Status.ACCEPTED),  # staff may not screen
        ("reviewer", Status.DRAFT, Status.SUBMITTED),  # reviewers score, they do not submit
        ("viewer", Status.SUBMITTED, Status.RETURNED),  # viewers change nothing
        ("nobody", Status.DRAFT, Status.SUBMITTED),
    ],
)
def test_wrong_role_or_scope_is_refused(tree, people, who, frm, to):
    registration = registration_in(tree.b1, frm)
    with pytest.raises(NotAllowed):
        transition_registration(registration, to, actor=getattr(people, who), note="x")
    registration.refresh_from_db()
    assert registration.status == frm


def test_the_secretariat_of_a_merged_successor_screens_the_predecessors_registrations(tree, people):
    registration = registration_in(tree.c1, Status.SUBMITTED)
    tree.c1.merged_into = tree.b2
    tree.c1.save(update_fields=["merged_into"])
    secretariat = make_user(tree.b, "secretariat")
    transition_registration(registration, Status.ACCEPTED, actor=secretariat)
    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED
    assert registration.unit_id == tree.c1.pk  # nothing moved


@pytest.mark.parametrize("to", [Status.RETURNED, Status.WITHDRAWN])
def test_returning_or_withdrawing_needs_a_reason(tree, people, to):
    registration = registration_in(tree.b1, Status.SUBMITTED)
    actor = people.secretariat
    with pytest.raises(ValidationFailed, match="lý do"):
        transition_registration(registration, to, actor=actor, note="   ")
    registration.refresh_from_db()
    assert registration.status == Status.SUBMITTED


def test_rollups_follow_the_writer(tree, people):
    registration = registration_in(tree.b1, Status.DRAFT)
    initiative = registration.initiative
    initiative.refresh_from_db()
    assert initiative.first_year is None
    transition_registration(registration, Status.SUBMITTED, actor=people.staff)
    initiative.refresh_from_db()
    assert initiative.first_year == registration.year


def test_listeners_hear_of_a_transition_only_after_commit(tree, people, django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, registration, from_status, to_status, actor, note, **kwargs):
        heard.append((from_status, to_status, actor))

    signals.registration_transitioned.connect(listener)
    try:
        registration = registration_in(tree.b1, Status.DRAFT)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            transition_registration(registration, Status.SUBMITTED, actor=people.staff)
        assert heard == []
        for callback in callbacks:
            callback()
        assert heard == [(Status.DRAFT, Status.SUBMITTED, people.staff)]
    finally:
        signals.registration_transitioned.disconnect(listener)


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("staff", Status.DRAFT, {Status.SUBMITTED, Status.WITHDRAWN}),
        ("secretariat", Status.SUBMITTED, {Status.RETURNED, Status.ACCEPTED, Status.WITHDRAWN}),
        ("staff", Status.SUBMITTED, {Status.WITHDRAWN}),
        ("viewer", Status.SUBMITTED, set()),
        ("staff_c", Status.DRAFT, set()),
        ("secretariat", Status.UNDER_REVIEW, {Status.RECOGNISED, Status.NOT_RECOGNISED}),
    ],
)
def test_available_transitions_come_from_the_same_table(tree, people, who, status, expected):
    registration = registration_in(tree.b1, status)
    assert set(available_transitions(registration, getattr(people, who))) == expected
