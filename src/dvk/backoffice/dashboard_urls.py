"""URLs of the dashboard screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.dashboard.index import DashboardView

urlpatterns = [
    path("", DashboardView.as_view(), name="index"),
]
