"""URLs of the initiatives screens: the lists everyone reads, their Excel export and the detail pages. Names
are a contract other screens link to."""

from django.urls import path

from dvk.backoffice.views.initiatives.detail import InitiativeDetailView, RegistrationDetailView
from dvk.backoffice.views.initiatives.export import ExportView
from dvk.backoffice.views.initiatives.lists import InitiativeListView, RegistrationListView

urlpatterns = [
    path("", InitiativeListView.as_view(), name="list"),
    path("luot-dang-ky/", RegistrationListView.as_view(), name="registrations"),
    path("<int:pk>/", InitiativeDetailView.as_view(), name="detail"),
    path("luot-dang-ky/<int:pk>/", RegistrationDetailView.as_view(), name="registration"),
    path("xuat-excel/", ExportView.as_view(), name="export"),
]
