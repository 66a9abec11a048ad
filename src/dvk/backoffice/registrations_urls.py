"""URLs of the registrations screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.pending import PendingView

urlpatterns = [
    path("moi/", PendingView.as_view(), name="create"),
    path("dang-ky-lai/", PendingView.as_view(), name="register_again"),
    path("<int:pk>/sua/", PendingView.as_view(), name="edit"),
    path("<int:pk>/chuyen/", PendingView.as_view(), name="transition"),
    path("<int:pk>/tu-danh-gia/", PendingView.as_view(), name="self_assess"),
    path("<int:pk>/duy-tri/", PendingView.as_view(), name="continue"),
    path("<int:pk>/dung/", PendingView.as_view(), name="stop"),
    path("<int:pk>/tep/", PendingView.as_view(), name="attachments"),
    path("tep/<int:pk>/go/", PendingView.as_view(), name="attachment_remove"),
]
