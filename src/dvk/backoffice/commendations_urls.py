"""URLs of the commendations screens. Names are a contract other screens link to."""

from django.urls import path

from dvk.backoffice.views.commendations.decisions import DecisionCreateView, DecisionView
from dvk.backoffice.views.commendations.list import CommendationListView, ProposalListView
from dvk.backoffice.views.commendations.proposals import ProposalCreateView, ProposalView

urlpatterns = [
    path("", CommendationListView.as_view(), name="list"),
    path("de-nghi/", ProposalListView.as_view(), name="proposals"),
    path("de-nghi/moi/", ProposalCreateView.as_view(), name="proposal_create"),
    path("de-nghi/<int:pk>/", ProposalView.as_view(), name="proposal"),
    path("quyet-dinh/moi/", DecisionCreateView.as_view(), name="decision_create"),
    path("quyet-dinh/<int:pk>/", DecisionView.as_view(), name="decision"),
]
