"""“Chốt số liệu” (freeze the report's figures) and undoing it with a reason."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views import View

from dvk.backoffice.forms_reports import UnfreezeForm
from dvk.backoffice.views.reports.base import ReportFormView, ReportReaderMixin
from dvk.core.errors import DvkError
from dvk.reports.services import freeze_report_figures, unfreeze_report_figures


class ReportFreezeView(ReportReaderMixin, View):
    """POST: keep the figures as they are now. Later changes to the data leave the report unchanged."""

    manage = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            freeze_report_figures(self.report, actor=request.user)
        except DvkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã chốt số liệu. Báo cáo không thay đổi khi dữ liệu thay đổi sau này.")
        return redirect(self.detail_url())


class ReportUnfreezeView(ReportFormView):
    form_class = UnfreezeForm
    title = "Mở chốt số liệu"
    intro = (
        "Sau khi mở chốt, số liệu của báo cáo lại cập nhật theo dữ liệu hiện tại. Số liệu đã chốt và lý do mở "
        "chốt được lưu trong nhật ký thay đổi của báo cáo."
    )
    submit_label = "Mở chốt số liệu"
    danger = True

    def perform(self, form) -> str:
        unfreeze_report_figures(self.report, actor=self.request.user, reason=form.cleaned_data["reason"])
        return "Đã mở chốt số liệu: báo cáo dùng số liệu hiện tại."
