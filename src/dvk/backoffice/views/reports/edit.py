"""Editing a report's texts: number, date, layout, the parts written by hand, recipients and signature."""

from django.forms.models import model_to_dict

from dvk.backoffice.forms_reports import ReportEditForm
from dvk.backoffice.views.reports.base import ReportFormView
from dvk.reports.services import update_summary_report


class ReportEditView(ReportFormView):
    form_class = ReportEditForm
    template_name = "backoffice/reports/edit.html"
    submit_label = "Lưu báo cáo"

    @property
    def title(self) -> str:
        return f"Sửa báo cáo “{self.report.title}”"

    def get_initial(self):
        return model_to_dict(self.report, fields=[*ReportEditForm.base_fields])

    def perform(self, form) -> str:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        update_summary_report(self.report, actor=self.request.user, version=version, **data)
        return "Đã lưu báo cáo."
