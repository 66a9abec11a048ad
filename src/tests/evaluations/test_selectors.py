from decimal import Decimal

import pytest
from django.http import Http404

from dvk.accounts.roles import Role
from dvk.campaigns.models import ClassificationLevel
from dvk.evaluations.selectors import (
    get_review_for_user,
    registrations_to_open_for_user,
    registrations_to_screen_for_user,
    registrations_under_review_for_user,
    review_results,
    reviewer_candidates_for_user,
    reviewer_eligibility,
    reviews_for_user,
    reviews_of_registration_for_user,
    suggest_classification,
    units_containing,
)
from dvk.evaluations.services import assign_reviewers, record_recognition, submit_review
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.units.models import Unit
from tests.evaluations.helpers import criteria, make_phase, make_registration, scores_for
from tests.factories import make_unit, make_user


@pytest.fixture
def phase(tree):
    return make_phase(tree.b)


def test_work_lists_never_show_a_sibling_subtree(tree, people):
    for status, selector in (
        (Status.SUBMITTED, registrations_to_screen_for_user),
        (Status.SELF_ASSESSED, registrations_to_open_for_user),
        (Status.UNDER_REVIEW, registrations_under_review_for_user),
    ):
        mine = make_registration(tree.b1, status)
        theirs = make_registration(tree.c1, status)
        assert list(selector(people.secretariat)) == [mine]
        assert list(selector(people.secretariat_c)) == [theirs]
        assert list(selector(people.reviewer)) == []
        assert list(selector(people.staff)) == []


def test_the_inbox_holds_only_submitted_registrations(tree, people):
    submitted = make_registration(tree.b2)
    for status in (Status.DRAFT, Status.RETURNED, Status.ACCEPTED, Status.WITHDRAWN):
        make_registration(tree.b2, status)
    assert list(registrations_to_screen_for_user(people.secretariat)) == [submitted]


def test_reviewer_candidates_are_committee_members_of_the_scope(tree, people):
    make_user(tree.c, Role.REVIEWER, username="hd_c")
    inactive = make_user(tree.b, Role.REVIEWER, username="hd_khoa")
    inactive.is_active = False
    inactive.save()
    names = {u.username for u in reviewer_candidates_for_user(people.secretariat)}
    assert names == {"hd_b", "tt_b"}
    assert {u.username for u in reviewer_candidates_for_user(people.secretariat_c)} == {"hd_c", "tt_c"}


def test_units_containing_follows_ancestors_and_merges(tree):
    old = make_unit("Xã cũ", parent=tree.c)
    Unit.objects.filter(pk=old.pk).update(merged_into=tree.b1, is_active=False)
    containing = units_containing([old.pk, tree.b2.pk])
    assert containing[old.pk] == {old.pk, tree.c.pk, tree.province.pk, tree.b1.pk, tree.b.pk}
    assert containing[tree.b2.pk] == {tree.b2.pk, tree.b.pk, tree.province.pk}


def test_eligibility_marks_the_registrations_own_unit_as_a_conflict(tree, people):
    own = make_user(tree.b1, Role.REVIEWER, username="hd_b1")
    registration = make_registration(tree.b1, Status.UNDER_REVIEW)
    eligibility = reviewer_eligibility([registration], [own.pk, people.reviewer.pk, people.staff.pk])[
        registration.pk
    ]
    assert eligibility.eligible == {own.pk, people.reviewer.pk}
    assert eligibility.conflicted == {own.pk, people.staff.pk}
    assert eligibility.allows(people.reviewer.pk)
    assert not eligibility.allows(own.pk)


def test_a_reviewer_sees_only_their_own_sheets(tree, people, phase):
    second = make_user(tree.b, Role.REVIEWER, username="hd_b2")
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    mine, theirs = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer, second]
    )
    assert list(reviews_for_user(people.reviewer)) == [mine]
    assert get_review_for_user(people.reviewer, mine.pk) == mine
    with pytest.raises(Http404):
        get_review_for_user(people.reviewer, theirs.pk)
    with pytest.raises(Http404):
        get_review_for_user(people.secretariat, mine.pk)


def test_sheets_of_a_sibling_subtree_never_leak(tree, people, phase):
    other_phase = make_phase(tree.c)
    reviewer_c = make_user(tree.c, Role.REVIEWER, username="hd_c")
    registration = make_registration(tree.c1, Status.UNDER_REVIEW, phase=other_phase)
    assign_reviewers(actor=people.secretariat_c, registrations=[registration], reviewers=[reviewer_c])
    assert list(reviews_of_registration_for_user(people.secretariat, registration)) == []
    assert list(reviews_of_registration_for_user(people.reviewer, registration)) == []
    assert list(reviews_for_user(people.reviewer)) == []


def test_a_reviewer_sees_the_others_scores_only_after_submitting(tree, people, phase):
    second = make_user(tree.b, Role.REVIEWER, username="hd_b2")
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    mine, theirs = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer, second]
    )
    submit_review(actor=second, review=theirs, scores=scores_for(registration, 30, 30, 15))
    assert list(reviews_of_registration_for_user(people.reviewer, registration)) == [mine]
    assert set(reviews_of_registration_for_user(people.secretariat, registration)) == {mine, theirs}
    assert list(reviews_of_registration_for_user(people.viewer, registration)) == []
    submit_review(actor=people.reviewer, review=mine, scores=scores_for(registration, 20, 20, 10))
    assert set(reviews_of_registration_for_user(people.reviewer, registration)) == {mine, theirs}


def test_readers_see_submitted_sheets_once_the_registration_is_decided(tree, people, phase):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    (sheet,) = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer]
    )
    submit_review(actor=people.reviewer, review=sheet, scores=scores_for(registration, 30, 30, 15))
    record_recognition(actor=people.secretariat, registration=registration, recognised=True, level="district")
    registration.refresh_from_db()
    assert list(reviews_of_registration_for_user(people.viewer, registration)) == [sheet]
    assert list(reviews_of_registration_for_user(people.staff_c, registration)) == []


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (None, None),
        (Decimal("69.99"), None),
        (Decimal(70), "Công nhận"),
        (Decimal("89.5"), "Công nhận"),
        (Decimal(90), "Tiêu biểu"),
        (Decimal(100), "Tiêu biểu"),
    ],
)
def test_the_suggested_classification_follows_the_thresholds(phase, total, expected):
    suggested = suggest_classification(phase.classification_levels.all(), total)
    assert (suggested.name if suggested else None) == expected


def test_thresholds_are_data(phase):
    ClassificationLevel.objects.create(phase=phase, code="kha", name="Khá", min_score=Decimal(50))
    assert suggest_classification(phase.classification_levels.all(), Decimal(55)).name == "Khá"


def test_results_aggregate_per_criterion_and_total(tree, people, phase):
    second = make_user(tree.b, Role.REVIEWER, username="hd_b2")
    third = make_user(tree.b, Role.REVIEWER, username="hd_b3")
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    sheets = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer, second, third]
    )
    submit_review(actor=people.reviewer, review=sheets[0], scores=scores_for(registration, 30, 32, 10))
    submit_review(actor=second, review=sheets[1], scores=scores_for(registration, 36, 38, 20))
    results = review_results(registration)
    first = results.criteria[0]
    assert (first.criterion, first.count, first.mean, first.low, first.high) == (
        criteria(registration)[0],
        2,
        Decimal("33.00"),
        Decimal(30),
        Decimal(36),
    )
    assert (results.submitted, results.assigned) == (2, 3)
    assert (results.total_mean, results.total_low, results.total_high) == (
        Decimal("83.00"),
        Decimal(72),
        Decimal(94),
    )
    assert results.suggested.name == "Công nhận"


def test_results_of_a_checklist_count_the_passes(tree, people, phase):
    registration = make_registration(
        tree.b1, Status.UNDER_REVIEW, phase=phase, kind=InitiativeKind.INDIVIDUAL
    )
    (sheet,) = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer]
    )
    checklist = criteria(registration)
    submit_review(
        actor=people.reviewer,
        review=sheet,
        scores={checklist[0].pk: {"passed": True}, checklist[1].pk: {"passed": False}},
    )
    results = review_results(registration)
    assert [(r.count, r.passed) for r in results.criteria] == [(1, 1), (1, 0)]
    assert results.total_mean is None
    assert results.suggested is None
