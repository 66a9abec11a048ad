"""Withdrawing a reviewer's assignment that has not been scored yet: the service and the results page."""

import pytest

from dvk.accounts.roles import Role
from dvk.core.errors import InvalidState, NotAllowed
from dvk.core.models import AuditEvent
from dvk.evaluations.models import Review
from dvk.evaluations.services import assign_reviewers, submit_review, withdraw_review
from dvk.initiatives.enums import Status
from dvk.initiatives.selectors import registration_events
from dvk.notifications.models import Notification, Verb
from tests.evaluations.helpers import make_phase, make_registration, scores_for
from tests.factories import make_user


@pytest.fixture
def sheets(tree, people):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=make_phase(tree.b))
    other = make_user(tree.b, Role.REVIEWER, username="hd_b2", full_name="Thành viên hai")
    return assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer, other]
    )


def test_an_unscored_assignment_is_withdrawn_audited_and_the_reviewer_told(
    sheets, people, django_capture_on_commit_callbacks
):
    sheet = next(s for s in sheets if s.reviewer == people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_review(actor=people.secretariat, review=sheet)

    assert not Review.objects.filter(pk=sheet.pk).exists()
    assert Review.objects.filter(registration=sheet.registration).count() == 1
    event = AuditEvent.objects.get(action="review.withdraw")
    assert (event.actor, event.changes) == (people.secretariat, {"reviewer": [people.reviewer.pk, None]})
    told = Notification.objects.get(user=people.reviewer, verb=Verb.REVIEW_WITHDRAWN)
    assert sheet.registration.initiative.name in told.text
    # The same member may be assigned again.
    assign_reviewers(
        actor=people.secretariat, registrations=[sheet.registration], reviewers=[people.reviewer]
    )


def test_a_scored_sheet_another_district_or_a_reviewer_cannot_withdraw(sheets, people):
    sheet = next(s for s in sheets if s.reviewer == people.reviewer)
    with pytest.raises(NotAllowed):
        withdraw_review(actor=people.secretariat_c, review=sheet)
    with pytest.raises(NotAllowed):
        withdraw_review(actor=people.reviewer, review=sheet)
    submit_review(
        actor=people.reviewer, review=sheet, scores=scores_for(sheet.registration, 30, 30, 20), comment=""
    )
    with pytest.raises(InvalidState, match="đã nộp phiếu chấm"):
        withdraw_review(actor=people.secretariat, review=sheet)
    assert Review.objects.filter(registration=sheet.registration).count() == 2
    assert not AuditEvent.objects.filter(action="review.withdraw").exists()


def test_the_results_page_withdraws_with_a_message(sheets, people, as_user):
    sheet = sheets[0]
    results = f"/binh-xet/luot-dang-ky/{sheet.registration_id}/ket-qua/"
    page = as_user(people.secretariat).get(results)
    assert f"/binh-xet/phieu-cham/{sheet.pk}/rut-phan-cong/" in page.content.decode()

    response = as_user(people.secretariat).post(
        f"/binh-xet/phieu-cham/{sheet.pk}/rut-phan-cong/", follow=True
    )

    assert response.redirect_chain[-1][0] == results
    assert "Đã rút phân công" in response.content.decode()
    assert not Review.objects.filter(pk=sheet.pk).exists()


def test_the_withdraw_address_answers_only_a_post_of_the_secretariat_in_scope(sheets, people, as_user):
    address = f"/binh-xet/phieu-cham/{sheets[0].pk}/rut-phan-cong/"
    assert as_user(people.secretariat).get(address).status_code == 405
    assert as_user(people.secretariat_c).post(address).status_code == 404
    assert as_user(people.reviewer).post(address).status_code == 403
    assert as_user(people.secretariat).post("/binh-xet/phieu-cham/999999/rut-phan-cong/").status_code == 404
    assert Review.objects.filter(pk=sheets[0].pk).exists()


def test_the_withdrawal_shows_in_the_timeline_only_to_those_who_see_the_sheets(sheets, people):
    withdraw_review(actor=people.secretariat, review=sheets[0])
    registration = sheets[0].registration
    assert "review.withdraw" in {e.action for e in registration_events(registration, with_reviews=True)}
    assert "review.withdraw" not in {e.action for e in registration_events(registration)}
