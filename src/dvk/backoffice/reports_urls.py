"""URLs of the reports screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.reports.create import ReportCreateView
from dvk.backoffice.views.reports.detail import ReportDetailView
from dvk.backoffice.views.reports.download import ReportDownloadView
from dvk.backoffice.views.reports.edit import ReportEditView
from dvk.backoffice.views.reports.freeze import ReportFreezeView, ReportUnfreezeView
from dvk.backoffice.views.reports.list import ReportListView
from dvk.backoffice.views.reports.template import (
    DefaultTemplateView,
    ReportTemplateClearView,
    ReportTemplateView,
)

urlpatterns = [
    path("", ReportListView.as_view(), name="list"),
    path("moi/", ReportCreateView.as_view(), name="create"),
    path("<int:pk>/", ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/tai/<str:fmt>/", ReportDownloadView.as_view(), name="download"),
    path("<int:pk>/sua/", ReportEditView.as_view(), name="edit"),
    path("<int:pk>/chot-so-lieu/", ReportFreezeView.as_view(), name="freeze"),
    path("<int:pk>/mo-chot-so-lieu/", ReportUnfreezeView.as_view(), name="unfreeze"),
    path("<int:pk>/mau-word/", ReportTemplateView.as_view(), name="template"),
    path("<int:pk>/mau-word/bo/", ReportTemplateClearView.as_view(), name="template_clear"),
    path("mau-word/<str:layout>/", DefaultTemplateView.as_view(), name="default_template"),
]
