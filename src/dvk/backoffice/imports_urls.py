"""URLs of the import screens (namespace "imports")."""

from django.urls import path

from dvk.backoffice.views.imports import detail, files, index, progress, start

urlpatterns = [
    path("", index.ImportIndexView.as_view(), name="index"),
    path("mau/<str:kind>/", files.TemplateDownloadView.as_view(), name="template"),
    path("<int:pk>/", detail.ImportDetailView.as_view(), name="detail"),
    path("<int:pk>/nhap/", start.ImportStartView.as_view(), name="start"),
    path("<int:pk>/tien-do/", progress.ImportProgressView.as_view(), name="progress"),
    path("<int:pk>/tep-goc/", files.OriginalFileView.as_view(), name="original"),
]
