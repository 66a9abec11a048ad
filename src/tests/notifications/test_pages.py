"""The notifications page (unread first, mark read) and the unread badge in the navbar."""

import copy

import pytest
from django.urls import reverse
from django.utils import timezone

from dvk.notifications.models import Notification, Verb
from dvk.notifications.selectors import notifications_for_user, unread_count


@pytest.fixture
def badge(settings):
    """The context processor the lead adds to settings (dvk.backoffice.context_notifications)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    name = "dvk.backoffice.context_notifications.unread_notifications"
    if name not in processors:
        processors.append(name)
    settings.TEMPLATES = templates


@pytest.fixture
def inbox(people):
    old = Notification.objects.create(
        user=people.staff, verb=Verb.ACCEPTED, text="Lượt đăng ký cũ đã được tiếp nhận.", url="/mo-hinh/"
    )
    Notification.objects.filter(pk=old.pk).update(read_at=timezone.now())
    new = Notification.objects.create(
        user=people.staff, verb=Verb.RETURNED, text="Lượt đăng ký bị trả lại.", url="/mo-hinh/luot-dang-ky/"
    )
    theirs = Notification.objects.create(user=people.staff_c, verb=Verb.RETURNED, text="Của xã C1.")
    return old, new, theirs


def test_unread_come_first_and_only_ones_own(inbox, people):
    old, new, _theirs = inbox
    assert list(notifications_for_user(people.staff)) == [new, old]
    assert unread_count(people.staff) == 1


def test_the_page_lists_own_notifications(inbox, people, client):
    client.force_login(people.staff)
    page = client.get(reverse("notifications:list")).content.decode()
    assert page.index("Lượt đăng ký bị trả lại.") < page.index("Lượt đăng ký cũ")
    assert "Chưa đọc" in page
    assert "Của xã C1." not in page
    assert "Đánh dấu tất cả đã đọc" in page


def test_opening_a_notification_marks_it_read_and_follows_it(inbox, people, client):
    _old, new, _theirs = inbox
    client.force_login(people.staff)
    response = client.post(reverse("notifications:read", args=[new.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/mo-hinh/luot-dang-ky/"
    new.refresh_from_db()
    assert new.read_at is not None


def test_someone_elses_notification_is_404(inbox, people, client):
    _old, _new, theirs = inbox
    client.force_login(people.staff)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_outside_url_is_not_followed(people, client):
    odd = Notification.objects.create(
        user=people.staff, verb=Verb.ACCEPTED, text="x", url="https://evil.example/"
    )
    client.force_login(people.staff)
    response = client.post(reverse("notifications:read", args=[odd.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_mark_all_read(inbox, people, client):
    client.force_login(people.staff)
    response = client.post(reverse("notifications:list"), follow=True)
    assert "Đã đánh dấu 1 thông báo là đã đọc." in response.content.decode()
    assert unread_count(people.staff) == 0
    assert unread_count(people.staff_c) == 1


def test_the_navbar_shows_the_unread_count(inbox, people, client, badge):
    client.force_login(people.staff)
    page = client.get(reverse("home")).content.decode()
    assert reverse("notifications:list") in page
    assert 'title="Chưa đọc">1</span>' in page
    client.post(reverse("notifications:list"))
    assert 'title="Chưa đọc">' not in client.get(reverse("home")).content.decode()
