"""URLs of the commendations screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.pending import PendingView

urlpatterns = [
    path("", PendingView.as_view(), name="list"),
    path("de-nghi/", PendingView.as_view(), name="proposals"),
    path("de-nghi/moi/", PendingView.as_view(), name="proposal_create"),
    path("de-nghi/<int:pk>/", PendingView.as_view(), name="proposal"),
    path("quyet-dinh/moi/", PendingView.as_view(), name="decision_create"),
    path("quyet-dinh/<int:pk>/", PendingView.as_view(), name="decision"),
]
