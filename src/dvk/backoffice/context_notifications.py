"""The unread-notification count for the navbar badge, counted only when a page prints it."""

from django.utils.functional import SimpleLazyObject

from dvk.notifications.selectors import unread_count


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
