"""The report's Word template: download a default one, upload the unit's own (checked by rendering the report
with it), go back to the default."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views import View

from dvk.backoffice.forms_reports import TemplateUploadForm
from dvk.backoffice.views.reports.base import ReportFormView, ReportReaderMixin
from dvk.core.errors import DvkError
from dvk.reports.exporters.docx import DOCX_CONTENT_TYPE, default_template, render_docx
from dvk.reports.selectors import report_document
from dvk.reports.services import check_docx, clear_report_template, set_report_template
from dvk.units.models import DocumentLayout

TEMPLATE_NAMES = {
    DocumentLayout.PARTY: "mau-bao-cao-van-ban-dang",
    DocumentLayout.STATE: "mau-bao-cao-hanh-chinh",
}


class DefaultTemplateView(ReportReaderMixin, View):
    """GET: the default .docx template of a layout, to edit in Word."""

    def get(self, request, layout: str):
        if layout not in TEMPLATE_NAMES:
            raise Http404
        response = HttpResponse(default_template(layout), content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAMES[layout]}.docx"'
        return response


class ReportTemplateView(ReportFormView):
    form_class = TemplateUploadForm
    template_name = "backoffice/reports/template.html"
    title = "Mẫu Word của báo cáo"
    submit_label = "Tải mẫu lên"

    def perform(self, form) -> str:
        upload = form.cleaned_data["template"]
        content = upload.read()
        check_docx(content)
        render_docx(report_document(self.report), content)  # raises TemplateFailed with the reason
        set_report_template(self.report, actor=self.request.user, content=content, filename=upload.name)
        return f"Đã dùng mẫu “{upload.name}” cho báo cáo."

    def get_context_data(self, **kwargs):
        return super().get_context_data(layouts=DocumentLayout.choices, **kwargs)


class ReportTemplateClearView(ReportReaderMixin, View):
    """POST: print the report with the default template again."""

    manage = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            clear_report_template(self.report, actor=request.user)
        except DvkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Báo cáo dùng lại mẫu Word mặc định.")
        return redirect(self.detail_url())
