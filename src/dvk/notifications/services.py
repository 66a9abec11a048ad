"""Writes of notifications: create them once the transaction that caused them has committed (and, when SMTP is
configured, queue their e-mails for the background worker: `notifications.tasks`), and mark them read.

Delivery never breaks the action that caused it: the action is already committed when we run, so a failure
here (a database hiccup, an unreachable mail server) is logged and the user's request goes on. Marking a
notification read is the user's own reading state, not a record of the movement: it is not audited.
"""

import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from dvk.accounts.models import User
from dvk.core.errors import NotAllowed
from dvk.notifications.models import Notification
from dvk.notifications.tasks import email_notifications

logger = logging.getLogger(__name__)
EMAIL_TIMEOUT_SECONDS = 10


def notify_after_commit(
    recipients: Callable[[], Iterable[User]], *, verb: str, text: str, url: str = ""
) -> None:
    """Once the current transaction commits (at once outside one), tell `recipients()` (computed then):
    an in-app notification each, and an e-mail when settings.EMAIL_HOST is set. Nothing happens if the
    transaction rolls back."""
    transaction.on_commit(lambda: _deliver(recipients, verb=verb, text=text, url=url))


def _deliver(recipients: Callable[[], Iterable[User]], *, verb: str, text: str, url: str) -> None:
    try:
        users = list(recipients())
        created = Notification.objects.bulk_create(
            [Notification(user=user, verb=verb, text=text[:500], url=url) for user in users]
        )
    except Exception:
        logger.exception("Không tạo được thông báo “%s”.", text)
        return
    if settings.EMAIL_HOST:
        _queue_emails([n.pk for n in created if n.user.email])


def _queue_emails(notification_ids: list[int]) -> None:
    """Hand the e-mails to the background worker (notifications.tasks); the notifications exist already."""
    if not notification_ids:
        return
    try:
        email_notifications.enqueue(notification_ids)
    except Exception:
        logger.exception("Không xếp được %s thư thông báo vào hàng đợi gửi.", len(notification_ids))


def _message(notification: Notification) -> EmailMessage:
    base = getattr(settings, "DVK_SITE_URL", "").rstrip("/")
    link = f"{base}{notification.url}" if notification.url else ""
    body = "\n\n".join(
        part
        for part in (
            f"Kính gửi {notification.user.display_name},",
            notification.text,
            f"Xem chi tiết: {link}" if link else "",
            "Thư này được gửi tự động từ hệ thống quản lý phong trào thi đua “Dân vận khéo”.",
        )
        if part
    )
    subject = f"[DVK] {notification.get_verb_display()}: {notification.text}"[:150]
    return EmailMessage(subject=subject, body=body, to=[notification.user.email])


def send_notification_emails(notifications: Iterable[Notification]) -> int:
    """E-mail the notifications whose recipient has an address; returns how many were sent. Failures are
    logged, never raised."""
    messages = [_message(n) for n in notifications if n.user.email]
    if not messages:
        return 0
    try:
        with get_connection(timeout=EMAIL_TIMEOUT_SECONDS) as connection:
            return connection.send_messages(messages) or 0
    except Exception:
        logger.exception("Không gửi được %s thư thông báo.", len(messages))
        return 0


def mark_notification_read(notification: Notification, *, actor) -> Notification:
    """Mark one of the actor's own notifications read (idempotent)."""
    if notification.user_id != actor.pk:
        raise NotAllowed("Thông báo này không phải của bạn.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_notifications_read(*, actor) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Notification.objects.filter(user_id=actor.pk, read_at__isnull=True).update(read_at=timezone.now())
