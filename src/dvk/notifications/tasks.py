"""The background task that e-mails notifications (django-tasks; the `dvk worker` beside `dvk serve` picks it
up), so that a slow or unreachable mail server never holds up the officer's request."""

from django_tasks import task


@task()
def email_notifications(notification_ids: list[int]) -> int:
    """E-mail these notifications to their recipients; returns how many were sent (failures are logged)."""
    from dvk.notifications.models import Notification
    from dvk.notifications.services import send_notification_emails

    return send_notification_emails(
        Notification.objects.filter(pk__in=notification_ids).select_related("user")
    )
