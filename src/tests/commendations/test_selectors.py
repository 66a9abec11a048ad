import pytest
from django.http import Http404

from dvk.campaigns.models import Phase
from dvk.commendations.selectors import (
    commendation_units_for_user,
    commendations_for_user,
    get_commendation_for_user,
    get_proposal_for_user,
    honorees_from_initiatives,
    honorees_of,
    phases_for_user,
    proposal_candidates_for_user,
    proposals_for_user,
)
from dvk.commendations.services import create_proposal, issue_commendation
from dvk.initiatives.enums import InitiativeKind
from tests.commendations.helpers import collective, decision_values, person, recognised
from tests.evaluations.helpers import make_phase


@pytest.fixture
def phase(tree):
    return make_phase(tree.b)


@pytest.fixture
def decisions(tree, people):
    mine = issue_commendation(
        actor=people.secretariat, honorees=[collective(tree.b1), person(tree.b2)], **decision_values(tree.b)
    )
    theirs = issue_commendation(
        actor=people.secretariat_c, honorees=[collective(tree.c1)], **decision_values(tree.c)
    )
    return mine, theirs


def test_decisions_never_leak_to_a_sibling_subtree(people, decisions):
    mine, theirs = decisions
    assert list(commendations_for_user(people.secretariat)) == [mine]
    assert list(commendations_for_user(people.secretariat_c)) == [theirs]
    assert set(commendations_for_user(people.viewer)) == {mine, theirs}
    assert list(commendations_for_user(people.staff)) == []
    with pytest.raises(Http404):
        get_commendation_for_user(people.secretariat, theirs.pk)


def test_decisions_carry_their_honoree_counts(people, decisions):
    mine = commendations_for_user(people.secretariat).get()
    assert (mine.collective_count, mine.individual_count) == (1, 1)
    assert [h.kind for h in honorees_of(mine)] == ["collective", "individual"]


def test_proposals_never_leak_to_a_sibling_subtree(tree, people, phase):
    mine = create_proposal(
        actor=people.secretariat,
        unit=tree.b,
        phase=phase,
        title="Đề nghị B",
        initiatives=[recognised(tree.b1)],
    )
    phase_c = make_phase(tree.c)
    theirs = create_proposal(
        actor=people.secretariat_c,
        unit=tree.c,
        phase=phase_c,
        title="Đề nghị C",
        initiatives=[recognised(tree.c1)],
    )
    assert list(proposals_for_user(people.secretariat)) == [mine]
    assert proposals_for_user(people.secretariat).get().initiative_count == 1
    with pytest.raises(Http404):
        get_proposal_for_user(people.secretariat, theirs.pk)


def test_candidates_are_recognised_in_the_phase_and_the_scope_exemplary_first(tree, people, phase):
    plain = recognised(tree.b2, name="Công nhận")
    star = recognised(tree.b1, exemplary=True, name="Tiêu biểu")
    recognised(tree.b1, year=2019)
    recognised(tree.c1)
    candidates = list(proposal_candidates_for_user(people.secretariat, unit=tree.b, phase=phase))
    assert candidates == [star, plain]
    assert [c.is_exemplary for c in candidates] == [True, False]
    only = proposal_candidates_for_user(people.secretariat, unit=tree.b, phase=phase, only_exemplary=True)
    assert list(only) == [star]
    assert list(proposal_candidates_for_user(people.secretariat, unit=tree.b2, phase=phase)) == [plain]
    assert list(proposal_candidates_for_user(people.secretariat_c, unit=tree.b, phase=phase)) == []


def test_phases_apply_down_the_tree_never_sideways(tree, people, phase):
    province_phase = Phase.objects.create(
        launched_by=tree.province, code="2021-2025", name="Tỉnh", start_year=2021, end_year=2025
    )
    make_phase(tree.c)
    assert set(phases_for_user(people.secretariat)) == {phase, province_phase}
    assert set(phases_for_user(people.staff)) == {phase, province_phase}
    assert list(commendation_units_for_user(people.secretariat)) == [tree.b, tree.b1, tree.b2]
    assert list(commendation_units_for_user(people.staff)) == []


def test_a_proposal_suggests_one_honoree_per_unit_or_person(tree):
    first = recognised(tree.b1)
    second = recognised(tree.b1)
    individual = recognised(tree.b2, kind=InitiativeKind.INDIVIDUAL)
    rows = honorees_from_initiatives([first, second, individual])
    assert [(r.kind, r.name, r.unit, r.initiatives) for r in rows] == [
        ("collective", "Xã B1", tree.b1, [first, second]),
        ("individual", "Nguyễn Thị Mai", tree.b2, [individual]),
    ]
