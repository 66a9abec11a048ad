"""What the report pages share: readers see the reports of their scope (404 outside it); writing needs
MANAGE_REPORTS on the report's unit (403 for a reader); a service's refusal becomes a form error."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dvk.accounts.roles import MANAGE_REPORTS, VIEW
from dvk.backoffice.views.base import ServiceFormView
from dvk.reports.models import SummaryReport
from dvk.reports.selectors import get_report_for_user
from dvk.units.selectors import has_permission


class ReportReaderMixin(LoginRequiredMixin):
    """403 for a signed-in user who may read nothing; with a `pk`, the report (404 when not in scope)."""

    report: SummaryReport | None = None
    manage = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not has_permission(request.user, MANAGE_REPORTS if self.manage else VIEW):
                raise PermissionDenied
            if "pk" in kwargs:
                self.report = get_report_for_user(request.user, kwargs["pk"])
                if self.manage and not self.can_manage:
                    raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def can_manage(self) -> bool:
        unit_id = self.report.unit_id if self.report is not None else None
        return has_permission(self.request.user, MANAGE_REPORTS, unit_id)

    def detail_url(self) -> str:
        return reverse("reports:detail", args=[self.report.pk])


class ReportFormView(ReportReaderMixin, ServiceFormView):
    """A form about one report whose valid form calls one service."""

    manage = True
    template_name = "backoffice/reports/form.html"

    def get_success_url(self) -> str:
        return self.detail_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            cancel_url=self.detail_url() if self.report else reverse("reports:list"),
            **kwargs,
        )
