"""Who is told what, only after the transaction commits, and e-mail only when SMTP is configured."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from dvk.accounts.roles import EDIT_INITIATIVE, Role
from dvk.campaigns.models import AwardForm
from dvk.commendations.models import Authority, Commendation, Honoree
from dvk.commendations.signals import commendation_issued
from dvk.evaluations.models import Review
from dvk.evaluations.signals import review_assigned
from dvk.initiatives.enums import Status
from dvk.initiatives.services import transition_registration
from dvk.notifications.models import Notification, Verb
from dvk.notifications.selectors import covering_unit_ids, users_to_notify
from dvk.notifications.services import send_notification_emails
from dvk.units.models import Unit
from tests.factories import InitiativeFactory, RegistrationFactory, make_unit, make_user


def told(verb=None) -> set[str]:
    rows = Notification.objects.all() if verb is None else Notification.objects.filter(verb=verb)
    return set(rows.values_list("user__username", flat=True))


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """E-mails go through a background task: run it at once here (the database queue is tested below)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def submitted(tree):
    initiative = InitiativeFactory(unit=tree.b1, name="Dân vận khéo làm đường")
    return RegistrationFactory(initiative=initiative, year=2022, status=Status.SUBMITTED)


def test_a_return_tells_the_units_staff_only(submitted, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        transition_registration(submitted, Status.RETURNED, actor=people.secretariat, note="Thiếu ảnh")
    assert told() == {"cb_b1"}  # not the sibling's staff, not the secretariat who acted
    notification = Notification.objects.get()
    assert notification.verb == Verb.RETURNED
    assert "Dân vận khéo làm đường" in notification.text
    assert "Thiếu ảnh" in notification.text
    assert notification.url == f"/mo-hinh/luot-dang-ky/{submitted.pk}/"
    assert notification.read_at is None


@pytest.mark.parametrize(
    ("path", "verb"),
    [
        ([Status.ACCEPTED], Verb.ACCEPTED),
        ([Status.ACCEPTED, Status.SELF_ASSESSED, Status.UNDER_REVIEW, Status.RECOGNISED], Verb.RECOGNISED),
        (
            [Status.ACCEPTED, Status.SELF_ASSESSED, Status.UNDER_REVIEW, Status.NOT_RECOGNISED],
            Verb.NOT_RECOGNISED,
        ),
    ],
)
def test_acceptance_and_recognition_tell_the_staff(
    submitted, people, path, verb, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for step in path:
            actor = people.staff if step == Status.SELF_ASSESSED else people.secretariat
            transition_registration(submitted, step, actor=actor)
    assert told(verb) == {"cb_b1"}
    assert told() == {"cb_b1"}  # self-assessment and opening review tell nobody


def test_a_submission_tells_nobody(tree, people, django_capture_on_commit_callbacks):
    draft = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        transition_registration(draft, Status.SUBMITTED, actor=people.staff)
    assert told() == set()


def test_nothing_is_told_when_the_transaction_rolls_back(
    submitted, people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "smtp.example.org"
    people.staff.email = "cb@example.org"
    people.staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
            transition_registration(submitted, Status.RETURNED, actor=people.secretariat, note="Thiếu ảnh")
            raise RuntimeError("the request failed after the transition")
        transition_registration(
            submitted, Status.ACCEPTED, actor=people.secretariat
        )  # a later, committed step
    assert told() == {"cb_b1"}
    assert told(Verb.RETURNED) == set()
    assert len(mail.outbox) == 1
    assert "tiếp nhận" in mail.outbox[0].body


def test_an_email_goes_out_when_smtp_is_configured(
    submitted, people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "smtp.example.org"
    people.staff.email = "cb@example.org"
    people.staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        transition_registration(submitted, Status.ACCEPTED, actor=people.secretariat)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cb@example.org"]
    assert "Tiếp nhận" in message.subject
    assert "Dân vận khéo làm đường" in message.body


def test_no_email_without_smtp(submitted, people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_HOST = ""
    people.staff.email = "cb@example.org"
    people.staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        transition_registration(submitted, Status.ACCEPTED, actor=people.secretariat)
    assert told() == {"cb_b1"}
    assert mail.outbox == []


def test_an_unreachable_mail_server_never_breaks_the_action(
    submitted, people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens: the connection is refused
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    people.staff.email = "cb@example.org"
    people.staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        transition_registration(submitted, Status.ACCEPTED, actor=people.secretariat)
    submitted.refresh_from_db()
    assert submitted.status == Status.ACCEPTED
    assert told() == {"cb_b1"}
    assert send_notification_emails(Notification.objects.select_related("user")) == 0


def test_a_review_assignment_tells_the_reviewer(submitted, people, django_capture_on_commit_callbacks):
    review = Review.objects.create(
        registration=submitted, reviewer=people.reviewer, assigned_by=people.secretariat
    )
    with django_capture_on_commit_callbacks(execute=True):
        review_assigned.send(sender=Review, review=review, actor=people.secretariat)
    notification = Notification.objects.get()
    assert (notification.user, notification.verb) == (people.reviewer, Verb.REVIEW_ASSIGNED)
    assert notification.url == f"/binh-xet/phieu-cham/{review.pk}/"


def test_a_commendation_tells_the_staff_of_each_honorees_unit(
    tree, people, django_capture_on_commit_callbacks
):
    staff_b2 = make_user(tree.b2, Role.STAFF, username="cb_b2")
    decision = Commendation.objects.create(
        number="1568/QĐ-UBND",
        date=date(2022, 10, 14),
        issuing_unit=tree.b,
        award_form=AwardForm.objects.first(),
        authority=Authority.GOVERNMENT,
    )
    Honoree.objects.create(
        commendation=decision, kind="collective", name="Nhân dân thôn Nà Khà", unit=tree.b1
    )
    Honoree.objects.create(commendation=decision, kind="individual", name="Đặng Thị Hoa", unit=tree.b2)
    with django_capture_on_commit_callbacks(execute=True):
        commendation_issued.send(sender=Commendation, commendation=decision, actor=people.secretariat)
    assert told(Verb.COMMENDED) == {"cb_b1", staff_b2.username}
    assert "Nhân dân thôn Nà Khà" in Notification.objects.get(user=people.staff).text
    assert "1568/QĐ-UBND" in Notification.objects.get(user=staff_b2).text


def test_the_nearest_level_is_told(tree, people):
    own = InitiativeFactory(unit=tree.b)  # the district's own model: its officers, not the commune's
    other_secretariat = make_user(tree.b, Role.SECRETARIAT, username="tt_b_2")
    assert users_to_notify(own.unit_id, EDIT_INITIATIVE, exclude=people.secretariat) == [other_secretariat]
    assert users_to_notify(tree.b1.pk, EDIT_INITIATIVE) == [people.staff]
    assert users_to_notify(tree.b2.pk, EDIT_INITIATIVE) == [people.secretariat, other_secretariat]


def test_the_successor_of_a_merged_unit_is_told(tree, people):
    old = make_unit("Xã cũ", parent=tree.c)
    Unit.objects.filter(pk=old.pk).update(merged_into=tree.b1, is_active=False)
    assert covering_unit_ids(old.pk)[:3] == [old.pk, tree.c.pk, tree.province.pk]
    assert tree.b1.pk in covering_unit_ids(old.pk)
    assert users_to_notify(old.pk, EDIT_INITIATIVE) == [people.secretariat_c]
    people.secretariat_c.memberships.all().delete()
    assert users_to_notify(old.pk, EDIT_INITIATIVE) == [people.staff]


@pytest.mark.django_db(transaction=True)
def test_emails_wait_in_the_queue_for_the_worker_not_in_the_request(
    default_catalogues, submitted, people, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.EMAIL_HOST = "smtp.example.org"
    people.staff.email = "cb@example.org"
    people.staff.save()

    transition_registration(submitted, Status.ACCEPTED, actor=people.secretariat)

    assert told() == {"cb_b1"}
    assert mail.outbox == []  # the request is done; the mail server was not touched
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("worker", batch=True, interval=0, verbosity=0)

    assert [m.to for m in mail.outbox] == [["cb@example.org"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
