"""The list of summary reports of the user's scope."""

from django.views.generic import ListView

from dvk.backoffice.views.reports.base import ReportReaderMixin
from dvk.reports.selectors import reports_for_user


class ReportListView(ReportReaderMixin, ListView):
    template_name = "backoffice/reports/list.html"
    context_object_name = "reports"
    paginate_by = 25

    def get_queryset(self):
        return reports_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=self.can_manage, **kwargs)
