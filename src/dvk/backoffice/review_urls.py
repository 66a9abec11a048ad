"""URLs of the review screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.pending import PendingView

urlpatterns = [
    path("tiep-nhan/", PendingView.as_view(), name="inbox"),
    path("phan-cong/", PendingView.as_view(), name="assign"),
    path("phieu-cham/", PendingView.as_view(), name="my_reviews"),
    path("phieu-cham/<int:pk>/", PendingView.as_view(), name="score"),
    path("luot-dang-ky/<int:pk>/ket-qua/", PendingView.as_view(), name="results"),
    path("cong-nhan/", PendingView.as_view(), name="recognise"),
    path("mo-hinh/<int:pk>/nhan-rong/", PendingView.as_view(), name="replication"),
]
