"""URLs of the notifications screens. Names are a contract other screens link to."""

from django.urls import path

from dvk.backoffice.views.notifications.views import NotificationListView, NotificationReadView

urlpatterns = [
    path("", NotificationListView.as_view(), name="list"),
    path("<int:pk>/da-doc/", NotificationReadView.as_view(), name="read"),
]
