"""The new-report form: a secretariat starts the report of its unit for a phase or a year range."""

from django.urls import reverse

from dvk.backoffice.forms_reports import ReportCreateForm, default_texts, report_units
from dvk.backoffice.views.reports.base import ReportFormView
from dvk.initiatives.selectors import phases_for_user
from dvk.reports.services import create_summary_report
from dvk.units.selectors import scope_roots


class ReportCreateView(ReportFormView):
    """A secretariat starts the sơ kết / tổng kết report of its unit for a phase (or a year range)."""

    form_class = ReportCreateForm
    title = "Lập báo cáo sơ kết, tổng kết"
    intro = (
        "Phần II (kết quả) được viết tự động từ số liệu của đơn vị trong giai đoạn; các phần khác nhập sau khi "
        "tạo báo cáo. Số liệu cập nhật theo dữ liệu cho đến khi “Chốt số liệu”."
    )
    submit_label = "Tạo báo cáo"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "phases": self.phases}

    @property
    def phases(self):
        if not hasattr(self, "_phases"):
            self._phases = list(phases_for_user(self.request.user))
        return self._phases

    def get_initial(self):
        own = scope_roots(self.request.user).filter(pk__in=report_units(self.request.user)).first()
        return {"unit": own.pk if own else None, "phase": self.phases[0].pk if self.phases else None}

    def perform(self, form) -> str:
        data = form.cleaned_data
        unit = data["unit"]
        layout = data["layout"] or unit.document_layout
        years = (data["year_from"], data["year_to"]) if data.get("year_from") else None
        self.created = create_summary_report(
            actor=self.request.user,
            unit=unit,
            phase=data["phase"],
            years=None if data["phase"] else years,
            kind=data["kind"],
            layout=layout,
            **default_texts(layout),
        )
        return f"Đã tạo báo cáo “{self.created.title}”."

    def get_success_url(self) -> str:
        return reverse("reports:detail", args=[self.created.pk])
