import pytest

from dvk.commendations import signals
from dvk.commendations.models import Commendation, Honoree, Proposal
from dvk.commendations.services import (
    DuplicateNumber,
    add_honorees,
    create_proposal,
    issue_commendation,
    update_proposal,
)
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.models import AuditEvent
from dvk.initiatives.enums import InitiativeKind, Status
from tests.commendations.helpers import collective, decision_values, person, recognised
from tests.evaluations.helpers import make_phase, make_registration


@pytest.fixture
def phase(tree):
    return make_phase(tree.b)


# Proposals --------------------------------------------------------------------------------------------------


def test_a_proposal_lists_recognised_initiatives_of_the_scope(tree, people, phase):
    chosen = [recognised(tree.b1, exemplary=True), recognised(tree.b2)]
    proposal = create_proposal(
        actor=people.secretariat, unit=tree.b, phase=phase, title=" Đề nghị  khen thưởng ", initiatives=chosen
    )
    assert (proposal.title, proposal.state) == ("Đề nghị khen thưởng", Proposal.State.DRAFT)
    assert set(proposal.initiatives.all()) == set(chosen)
    assert AuditEvent.objects.filter(action="proposal.create", actor=people.secretariat).count() == 1


def test_a_proposal_refuses_what_is_not_a_recognised_initiative_of_the_phase(tree, people, phase):
    not_recognised = make_registration(tree.b1, Status.UNDER_REVIEW).initiative
    before_phase = recognised(tree.b1, year=2019)
    other_district = recognised(tree.c1)
    for initiative in (not_recognised, before_phase, other_district):
        with pytest.raises(ValidationFailed, match="không thể đưa vào đề nghị"):
            create_proposal(
                actor=people.secretariat, unit=tree.b, phase=phase, title="Đề nghị", initiatives=[initiative]
            )
    with pytest.raises(ValidationFailed, match="ít nhất một"):
        create_proposal(actor=people.secretariat, unit=tree.b, phase=phase, title="Đề nghị", initiatives=[])
    with pytest.raises(ValidationFailed, match="tiêu đề"):
        create_proposal(
            actor=people.secretariat, unit=tree.b, phase=phase, title=" ", initiatives=[recognised(tree.b1)]
        )


def test_proposals_need_the_role_on_the_unit(tree, people, phase):
    initiative = recognised(tree.b1)
    for actor, unit in ((people.staff, tree.b1), (people.reviewer, tree.b), (people.secretariat_c, tree.b)):
        with pytest.raises(NotAllowed):
            create_proposal(actor=actor, unit=unit, phase=phase, title="Đề nghị", initiatives=[initiative])


def test_a_decided_proposal_is_final(tree, people, phase):
    initiative = recognised(tree.b1)
    proposal = create_proposal(
        actor=people.secretariat, unit=tree.b, phase=phase, title="Đề nghị", initiatives=[initiative]
    )
    other = recognised(tree.b2)
    update_proposal(
        actor=people.secretariat, proposal=proposal, title="Đề nghị mới", initiatives=[initiative, other]
    )
    assert proposal.initiatives.count() == 2
    issue_commendation(
        actor=people.secretariat, proposal=proposal, honorees=[collective(tree.b1)], **decision_values(tree.b)
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.DECIDED
    with pytest.raises(InvalidState):
        update_proposal(actor=people.secretariat, proposal=proposal, title="Sửa", initiatives=[initiative])


# Decisions --------------------------------------------------------------------------------------------------


def test_issuing_a_decision_names_its_honorees_and_announces_it(
    tree, people, phase, django_capture_on_commit_callbacks
):
    initiative = recognised(tree.b1, kind=InitiativeKind.INDIVIDUAL)
    heard = []
    signals.commendation_issued.connect(
        lambda **kw: heard.append(kw["commendation"]), weak=False, dispatch_uid="t3"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            decision = issue_commendation(
                actor=people.secretariat,
                honorees=[
                    collective(tree.b2),
                    collective(tree.b1, "Chi hội Phụ nữ thôn Nà"),
                    person(tree.b1, initiatives=[initiative]),
                ],
                phase=phase,
                **decision_values(tree.b),
            )
    finally:
        signals.commendation_issued.disconnect(dispatch_uid="t3")
    assert heard == [decision]
    rows = list(decision.honorees.order_by("order").values_list("kind", "name", "unit__name", "order"))
    assert rows == [
        ("collective", "Xã B2", "Xã B2", 1),
        ("collective", "Chi hội Phụ nữ thôn Nà", "Xã B1", 2),
        ("individual", "Nguyễn Thị Mai", "Xã B1", 3),
    ]
    assert list(Honoree.objects.get(kind="individual").initiatives.all()) == [initiative]
    assert AuditEvent.objects.filter(action="commendation.issue").count() == 1


def test_a_duplicate_honoree_is_refused_with_a_message(tree, people):
    with pytest.raises(ValidationFailed, match="đã có trong quyết định này"):
        issue_commendation(
            actor=people.secretariat,
            honorees=[person(tree.b1, "Nguyễn Thị Mai"), person(tree.b1, "nguyen thi  MAI")],
            **decision_values(tree.b),
        )
    assert not Commendation.objects.exists()
    decision = issue_commendation(
        actor=people.secretariat, honorees=[collective(tree.b1)], **decision_values(tree.b)
    )
    with pytest.raises(ValidationFailed, match="đã có trong quyết định này"):
        add_honorees(actor=people.secretariat, commendation=decision, honorees=[collective(tree.b1, "Xã B1")])
    same_name_elsewhere = add_honorees(
        actor=people.secretariat, commendation=decision, honorees=[person(tree.b2)]
    )
    assert [h.order for h in same_name_elsewhere] == [2]


def test_the_database_constraint_becomes_a_message_too(tree, people):
    decision = issue_commendation(
        actor=people.secretariat, honorees=[person(tree.b1)], **decision_values(tree.b)
    )
    from dvk.commendations.services import _write_honorees

    with pytest.raises(ValidationFailed, match="đã có trong quyết định này"):
        _write_honorees(decision, [person(tree.b1)], start=5)


def test_a_decision_number_is_unique_per_issuing_unit(tree, people):
    issue_commendation(actor=people.secretariat, honorees=[collective(tree.b1)], **decision_values(tree.b))
    with pytest.raises(DuplicateNumber, match="đã có quyết định khen thưởng số 15/QĐ-UBND"):
        issue_commendation(
            actor=people.secretariat, honorees=[collective(tree.b2)], **decision_values(tree.b)
        )
    issue_commendation(actor=people.secretariat_c, honorees=[collective(tree.c1)], **decision_values(tree.c))
    assert Commendation.objects.count() == 2


def test_decisions_are_refused_out_of_role_or_scope(tree, people):
    for actor in (people.staff, people.reviewer, people.viewer, people.secretariat_c):
        with pytest.raises(NotAllowed):
            issue_commendation(actor=actor, honorees=[collective(tree.b1)], **decision_values(tree.b))
    with pytest.raises(ValidationFailed, match="không thuộc phạm vi của đơn vị ban hành"):
        issue_commendation(
            actor=people.secretariat, honorees=[collective(tree.b1)], **decision_values(tree.b2)
        )
    foreign = recognised(tree.c1)
    with pytest.raises(NotAllowed, match="phạm vi"):
        issue_commendation(
            actor=people.secretariat,
            honorees=[collective(tree.b1, initiatives=[foreign])],
            **decision_values(tree.b),
        )
    assert not Commendation.objects.exists()


def test_a_decision_needs_its_essentials(tree, people):
    cases = [
        ({"number": " "}, [collective(tree.b1)], "số quyết định"),
        ({"date": None}, [collective(tree.b1)], "ngày quyết định"),
        ({"authority": "khac"}, [collective(tree.b1)], "loại khen thưởng"),
        ({}, [], "ít nhất một"),
        ({}, [person(tree.b1, name=" ")], "họ và tên"),
    ]
    for changes, honorees, message in cases:
        with pytest.raises(ValidationFailed, match=message):
            issue_commendation(
                actor=people.secretariat, honorees=honorees, **decision_values(tree.b, **changes)
            )
    assert not Commendation.objects.exists()


def test_a_number_taken_meanwhile_is_the_same_message(tree, people):
    from dvk.commendations.services import _create_decision

    values = decision_values(tree.b)
    issue_commendation(actor=people.secretariat, honorees=[collective(tree.b1)], **values)
    number, day, unit = values.pop("number"), values.pop("date"), values.pop("issuing_unit")
    with pytest.raises(DuplicateNumber):
        _create_decision(people.secretariat, number=number, day=day, issuing_unit=unit, **values)
