"""URLs of the initiatives screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.pending import PendingView

urlpatterns = [
    path("", PendingView.as_view(), name="list"),
    path("luot-dang-ky/", PendingView.as_view(), name="registrations"),
    path("<int:pk>/", PendingView.as_view(), name="detail"),
    path("luot-dang-ky/<int:pk>/", PendingView.as_view(), name="registration"),
    path("xuat-excel/", PendingView.as_view(), name="export"),
]
