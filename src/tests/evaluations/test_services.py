from datetime import date
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from dvk.accounts.roles import Role
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.models import AuditEvent
from dvk.evaluations import signals
from dvk.evaluations.models import CriterionScore, Recognition, RecognitionLevel, Review
from dvk.evaluations.services import (
    assign_reviewers,
    open_reviews,
    record_recognition,
    record_recognitions,
    screen_registrations,
    submit_review,
)
from dvk.initiatives.enums import InitiativeKind, Status
from tests.evaluations.helpers import criteria, make_phase, make_registration, scores_for
from tests.factories import make_user


@pytest.fixture
def phase(tree):
    return make_phase(tree.b)


@pytest.fixture
def reviewers(tree):
    return [
        make_user(tree.b, Role.REVIEWER, username=f"hd{i}", full_name=f"Thành viên {i}") for i in (1, 2, 3)
    ]


def audited(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


# Screening --------------------------------------------------------------------------------------------------


def test_bulk_accept_runs_one_by_one_and_reports_refusals(tree, people):
    ok = [make_registration(tree.b1), make_registration(tree.b2)]
    wrong_state = make_registration(tree.b1, Status.DRAFT)
    out_of_scope = make_registration(tree.c1)
    outcome = screen_registrations(
        actor=people.secretariat, registrations=[*ok, wrong_state, out_of_scope], accept=True
    )
    assert outcome.done == ok
    assert [r for r, _ in outcome.failed] == [wrong_state, out_of_scope]
    assert "Không thể chuyển" in outcome.failed[0][1]
    assert "không có quyền" in outcome.failed[1][1]
    for registration in ok:
        registration.refresh_from_db()
        assert registration.status == Status.ACCEPTED
    out_of_scope.refresh_from_db()
    assert out_of_scope.status == Status.SUBMITTED


def test_returning_needs_a_reason(tree, people):
    registration = make_registration(tree.b1)
    with pytest.raises(ValidationFailed, match="lý do"):
        screen_registrations(actor=people.secretariat, registrations=[registration], accept=False, reason=" ")
    outcome = screen_registrations(
        actor=people.secretariat, registrations=[registration], accept=False, reason="Bổ sung ảnh"
    )
    registration.refresh_from_db()
    assert outcome.failed == []
    assert (registration.status, registration.return_reason) == (Status.RETURNED, "Bổ sung ảnh")


def test_staff_cannot_screen(tree, people):
    registration = make_registration(tree.b1)
    outcome = screen_registrations(actor=people.staff, registrations=[registration], accept=True)
    assert outcome.done == []
    assert "không có quyền" in outcome.failed[0][1]


def test_open_review_moves_self_assessed_registrations(tree, people):
    ready = make_registration(tree.b1, Status.SELF_ASSESSED)
    accepted = make_registration(tree.b1, Status.ACCEPTED)
    outcome = open_reviews(actor=people.secretariat, registrations=[ready, accepted])
    ready.refresh_from_db()
    assert ready.status == Status.UNDER_REVIEW
    assert [r for r, _ in outcome.failed] == [accepted]


# Assignment -------------------------------------------------------------------------------------------------


def test_assign_by_hand_creates_audited_sheets_and_announces_them(
    tree, people, reviewers, phase, django_capture_on_commit_callbacks
):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    heard = []
    signals.review_assigned.connect(lambda **kw: heard.append(kw["review"]), weak=False, dispatch_uid="t1")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            created = assign_reviewers(
                actor=people.secretariat, registrations=[registration], reviewers=reviewers[:2]
            )
    finally:
        signals.review_assigned.disconnect(dispatch_uid="t1")
    assert {r.reviewer for r in created} == set(reviewers[:2])
    assert all(r.state == Review.State.ASSIGNED and r.assigned_by == people.secretariat for r in created)
    assert audited("review.assign") == 2
    assert heard == created


def test_no_duplicate_assignment(tree, people, reviewers, phase):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    assign_reviewers(actor=people.secretariat, registrations=[registration], reviewers=reviewers[:1])
    created = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=reviewers[:2]
    )
    assert [r.reviewer for r in created] == [reviewers[1]]
    with pytest.raises(ValidationFailed, match="từ trước"):
        assign_reviewers(actor=people.secretariat, registrations=[registration], reviewers=reviewers[:2])
    assert Review.objects.filter(registration=registration).count() == 2


def test_a_reviewer_of_the_registrations_own_unit_is_refused(tree, people, phase):
    own = make_user(tree.b1, Role.STAFF, username="hd_b1", full_name="Lò Văn Xã")
    own.memberships.create(unit=tree.b, role=Role.REVIEWER)
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    with pytest.raises(ValidationFailed, match="xung đột lợi ích") as refusal:
        assign_reviewers(actor=people.secretariat, registrations=[registration], reviewers=[own])
    assert "Lò Văn Xã" in refusal.value.message
    assert not Review.objects.exists()


def test_a_reviewer_outside_the_committee_scope_is_refused(tree, people, phase):
    other = make_user(tree.c, Role.REVIEWER, username="hd_c")
    staff_only = people.staff
    registration = make_registration(tree.b2, Status.UNDER_REVIEW, phase=phase)
    for reviewer in (other, staff_only):
        with pytest.raises(ValidationFailed, match="hội đồng bình xét"):
            assign_reviewers(actor=people.secretariat, registrations=[registration], reviewers=[reviewer])


def test_assignment_refuses_wrong_state_role_and_scope(tree, people, reviewers, phase):
    accepted = make_registration(tree.b1, Status.ACCEPTED, phase=phase)
    with pytest.raises(InvalidState):
        assign_reviewers(actor=people.secretariat, registrations=[accepted], reviewers=reviewers)
    under_review = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    with pytest.raises(NotAllowed):
        assign_reviewers(actor=people.reviewer, registrations=[under_review], reviewers=reviewers)
    with pytest.raises(NotAllowed):
        assign_reviewers(actor=people.secretariat_c, registrations=[under_review], reviewers=reviewers)


def test_spreading_evenly_balances_the_load_deterministically(tree, people, reviewers, phase):
    registrations = [make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase) for _ in range(3)]
    created = assign_reviewers(
        actor=people.secretariat, registrations=registrations, reviewers=reviewers, per_registration=2
    )
    load = {r.username: 0 for r in reviewers}
    for review in created:
        load[review.reviewer.username] += 1
    assert load == {"hd1": 2, "hd2": 2, "hd3": 2}
    per_registration = {r.pk: [] for r in registrations}
    for review in created:
        per_registration[review.registration_id].append(review.reviewer.username)
    assert list(per_registration.values()) == [["hd1", "hd2"], ["hd3", "hd1"], ["hd2", "hd3"]]


def test_spreading_skips_conflicts_and_counts_existing_sheets(tree, people, reviewers, phase):
    own = make_user(tree.b2, Role.REVIEWER, username="hd0_b2")
    in_b2 = make_registration(tree.b2, Status.UNDER_REVIEW, phase=phase)
    assign_reviewers(actor=people.secretariat, registrations=[in_b2], reviewers=reviewers[2:])
    created = assign_reviewers(
        actor=people.secretariat, registrations=[in_b2], reviewers=[own, *reviewers], per_registration=2
    )
    assert [r.reviewer for r in created] == [reviewers[0]]
    with pytest.raises(ValidationFailed, match="Không đủ người chấm"):
        assign_reviewers(actor=people.secretariat, registrations=[in_b2], reviewers=[own], per_registration=3)


# Scoring ----------------------------------------------------------------------------------------------------


@pytest.fixture
def sheet(tree, people, phase):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    return assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer]
    )[0]


def test_submitting_a_review_stores_scores_and_the_weighted_total(sheet, people):
    registration = sheet.registration
    first = criteria(registration)[0]
    first.weight = Decimal("1.5")
    first.save()
    review = submit_review(
        actor=people.reviewer, review=sheet, scores=scores_for(registration, 30, "35.5", 18), comment="Tốt"
    )
    assert review.state == Review.State.SUBMITTED
    assert review.total == Decimal("98.50")
    assert review.submitted_at is not None
    assert list(CriterionScore.objects.filter(review=review).values_list("points", "comment")) == [
        (Decimal(30), "Nhận xét 1"),
        (Decimal("35.5"), "Nhận xét 2"),
        (Decimal(18), "Nhận xét 3"),
    ]
    assert audited("review.submit") == 1


def test_scores_are_validated(sheet, people):
    registration = sheet.registration
    for bad, message in [
        ((41, 10, 10), "từ 0 đến 40"),
        ((-1, 10, 10), "từ 0 đến 40"),
        (("abc", 10, 10), "không phải là số"),
        ((10, 10), "Chưa cho điểm"),
    ]:
        with pytest.raises(ValidationFailed, match=message):
            submit_review(actor=people.reviewer, review=sheet, scores=scores_for(registration, *bad))
    assert not CriterionScore.objects.exists()


def test_only_the_assigned_reviewer_scores_once(sheet, people, reviewers):
    scores = scores_for(sheet.registration, 30, 30, 15)
    for intruder in (people.secretariat, reviewers[0]):
        with pytest.raises(NotAllowed):
            submit_review(actor=intruder, review=sheet, scores=scores)
    submit_review(actor=people.reviewer, review=sheet, scores=scores)
    with pytest.raises(InvalidState, match="đã được gửi"):
        submit_review(actor=people.reviewer, review=sheet, scores=scores)


def test_pass_fail_criteria_need_a_verdict_and_give_no_total(tree, people, phase):
    registration = make_registration(
        tree.b1, Status.UNDER_REVIEW, phase=phase, kind=InitiativeKind.INDIVIDUAL
    )
    sheet = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer]
    )[0]
    checklist = criteria(registration)
    with pytest.raises(ValidationFailed, match="Đạt"):
        submit_review(actor=people.reviewer, review=sheet, scores={checklist[0].pk: {"passed": True}})
    review = submit_review(
        actor=people.reviewer, review=sheet, scores={c.pk: {"passed": True} for c in checklist}
    )
    assert review.total is None
    assert set(review.scores.values_list("passed", flat=True)) == {True}


def test_a_registration_without_phase_cannot_be_scored(tree, people):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, year=2025)
    sheet = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer]
    )[0]
    with pytest.raises(ValidationFailed, match="chưa gắn với giai đoạn"):
        submit_review(actor=people.reviewer, review=sheet, scores={})


# Recognition ------------------------------------------------------------------------------------------------


def _scored(registration, people, reviewers, *totals):
    """Sheets whose totals are `totals` (points split over the three criteria)."""
    for reviewer, total in zip(reviewers, totals, strict=False):
        sheet = assign_reviewers(
            actor=people.secretariat, registrations=[registration], reviewers=[reviewer]
        )[0]
        third = min(total, 20)
        rest = total - third
        submit_review(
            actor=reviewer, review=sheet, scores=scores_for(registration, rest / 2, rest / 2, third)
        )


def test_recording_a_recognition_moves_the_registration(
    tree, people, reviewers, phase, django_capture_on_commit_callbacks
):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    _scored(registration, people, reviewers, 92, 96)
    level = phase.classification_levels.get(code="tieu-bieu")
    heard = []
    signals.recognition_recorded.connect(
        lambda **kw: heard.append(kw["recognition"]), weak=False, dispatch_uid="t2"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            recognition = record_recognition(
                actor=people.secretariat,
                registration=registration,
                recognised=True,
                level=RecognitionLevel.DISTRICT,
                classification=level,
                is_exemplary=True,
                decision_number="12-QĐ/BCĐ",
                decision_date=date(2022, 12, 10),
                reason="",
            )
    finally:
        signals.recognition_recorded.disconnect(dispatch_uid="t2")
    registration.refresh_from_db()
    assert registration.status == Status.RECOGNISED
    assert (recognition.classification_name, recognition.total_score) == ("Tiêu biểu", Decimal("94.00"))
    assert recognition.is_exemplary
    assert heard == [recognition]
    assert audited("recognition.record") == 1
    assert (
        registration.initiative.__class__.objects.get(pk=registration.initiative_id).first_recognised_year
        == 2022
    )


def test_refusing_recognition_needs_a_reason_and_forbids_exemplary(tree, people, phase):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    base = {"actor": people.secretariat, "registration": registration, "recognised": False}
    with pytest.raises(ValidationFailed, match="lý do"):
        record_recognition(**base, reason="")
    with pytest.raises(ValidationFailed, match="tiêu biểu"):
        record_recognition(**base, reason="Chưa đạt", is_exemplary=True)
    recognition = record_recognition(**base, reason="Chưa hiệu quả")
    registration.refresh_from_db()
    assert registration.status == Status.NOT_RECOGNISED
    assert recognition.reason == "Chưa hiệu quả"


def test_recognition_refuses_wrong_role_scope_and_state(tree, people, phase):
    under_review = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    values = {"recognised": True, "level": RecognitionLevel.DISTRICT}
    for actor in (people.reviewer, people.staff, people.secretariat_c):
        with pytest.raises(NotAllowed):
            record_recognition(actor=actor, registration=under_review, **values)
    accepted = make_registration(tree.b1, Status.ACCEPTED, phase=phase)
    with pytest.raises(InvalidState):
        record_recognition(actor=people.secretariat, registration=accepted, **values)
    assert not Recognition.objects.exists()


def test_a_decided_recognition_may_be_corrected_but_not_reversed(tree, people, phase):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    values = {"actor": people.secretariat, "registration": registration, "level": RecognitionLevel.DISTRICT}
    record_recognition(**values, recognised=True)
    corrected = record_recognition(**values, recognised=True, decision_number="15-QĐ/BCĐ")
    assert corrected.decision_number == "15-QĐ/BCĐ"
    assert Recognition.objects.count() == 1
    with pytest.raises(InvalidState):
        record_recognition(**values, recognised=False, reason="Nhầm")


def test_classification_must_match_the_phase_and_outcome(tree, people, phase):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    other_phase = make_phase(tree.c)
    with pytest.raises(ValidationFailed, match="thang phân loại"):
        record_recognition(
            actor=people.secretariat,
            registration=registration,
            recognised=True,
            level=RecognitionLevel.DISTRICT,
            classification=other_phase.classification_levels.first(),
        )
    with pytest.raises(ValidationFailed, match="cấp công nhận"):
        record_recognition(actor=people.secretariat, registration=registration, recognised=True)


def test_bulk_recognition_follows_each_suggestion(tree, people, reviewers, phase):
    high = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    middle = make_registration(tree.b2, Status.UNDER_REVIEW, phase=phase)
    unscored = make_registration(tree.b2, Status.UNDER_REVIEW, phase=phase)
    _scored(high, people, reviewers, 95, 91)
    _scored(middle, people, reviewers, 75, 80)
    wrong = make_registration(tree.c1, Status.UNDER_REVIEW, phase=phase)
    outcome = record_recognitions(
        actor=people.secretariat,
        registrations=[high, middle, unscored, wrong],
        recognised=True,
        level=RecognitionLevel.DISTRICT,
        decision_number="20-QĐ/BCĐ",
    )
    assert outcome.done == [high, middle, unscored]
    assert [r for r, _ in outcome.failed] == [wrong]
    results = {r.registration_id: (r.classification_name, r.is_exemplary) for r in Recognition.objects.all()}
    assert results == {
        high.pk: ("Tiêu biểu", True),
        middle.pk: ("Công nhận", False),
        unscored.pk: ("", False),
    }


def test_every_write_is_attributed(tree, people, sheet):
    events = AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(Review))
    assert events.get().actor == people.secretariat


def test_an_exemplary_classification_and_the_exemplary_mark_go_together(tree, people):
    phase = make_phase(tree.b)
    levels = {level.exemplary: level for level in phase.classification_levels.filter(recognised=True)}
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    values = {"actor": people.secretariat, "registration": registration, "level": RecognitionLevel.DISTRICT}
    with pytest.raises(ValidationFailed, match="là mức tiêu biểu"):
        record_recognition(**values, recognised=True, classification=levels[True])
    with pytest.raises(ValidationFailed, match="không phải mức tiêu biểu"):
        record_recognition(**values, recognised=True, classification=levels[False], is_exemplary=True)
    assert not Recognition.objects.exists()

    recognition = record_recognition(
        **values, recognised=True, classification=levels[True], is_exemplary=True
    )

    assert (recognition.classification_name, recognition.is_exemplary) == (levels[True].name, True)
