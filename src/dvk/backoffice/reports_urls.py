"""URLs of the reports screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.pending import PendingView

urlpatterns = [
    path("", PendingView.as_view(), name="list"),
    path("moi/", PendingView.as_view(), name="create"),
    path("<int:pk>/", PendingView.as_view(), name="detail"),
    path("<int:pk>/tai/<str:fmt>/", PendingView.as_view(), name="download"),
]
