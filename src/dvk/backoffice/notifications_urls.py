"""URLs of the notifications screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.pending import PendingView

urlpatterns = [
    path("", PendingView.as_view(), name="list"),
    path("<int:pk>/da-doc/", PendingView.as_view(), name="read"),
]
