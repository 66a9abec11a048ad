"""URLs of the review screens. Names are a contract other screens link to."""

from django.urls import path

from dvk.backoffice.views.review.assign import AssignView
from dvk.backoffice.views.review.inbox import InboxView
from dvk.backoffice.views.review.my_reviews import MyReviewsView
from dvk.backoffice.views.review.recognise import RecogniseView
from dvk.backoffice.views.review.replication import ReplicationView
from dvk.backoffice.views.review.results import ResultsView
from dvk.backoffice.views.review.score import ScoreView
from dvk.backoffice.views.review.withdraw import WithdrawView

urlpatterns = [
    path("tiep-nhan/", InboxView.as_view(), name="inbox"),
    path("phan-cong/", AssignView.as_view(), name="assign"),
    path("phieu-cham/", MyReviewsView.as_view(), name="my_reviews"),
    path("phieu-cham/<int:pk>/", ScoreView.as_view(), name="score"),
    path("phieu-cham/<int:pk>/rut-phan-cong/", WithdrawView.as_view(), name="withdraw"),
    path("luot-dang-ky/<int:pk>/ket-qua/", ResultsView.as_view(), name="results"),
    path("cong-nhan/", RecogniseView.as_view(), name="recognise"),
    path("mo-hinh/<int:pk>/nhan-rong/", ReplicationView.as_view(), name="replication"),
]
