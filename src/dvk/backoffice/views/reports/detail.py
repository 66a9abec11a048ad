"""A report's page: the document as it will print, the downloads, "chốt số liệu" and the audit trail."""

from django.views.generic import DetailView

from dvk.backoffice.views.reports.base import ReportReaderMixin
from dvk.backoffice.views.reports.download import DOCUMENT_FORMATS
from dvk.core.audit import events_for
from dvk.reports.exporters import EXPORTERS
from dvk.reports.selectors import report_document

EVENT_LABELS = {
    "report.create": "Tạo báo cáo",
    "report.update": "Sửa nội dung",
    "report.freeze": "Chốt số liệu",
    "report.unfreeze": "Mở chốt số liệu",
    "report.set_template": "Dùng mẫu Word riêng",
    "report.clear_template": "Dùng lại mẫu Word mặc định",
}
FIGURE_CARDS = [
    ("registrations", "Lượt đăng ký"),
    ("new_initiatives", "Mô hình mới"),
    ("recognized", "Được công nhận"),
    ("exemplary", "Tiêu biểu"),
    ("cumulative_initiatives", "Tổng số mô hình"),
    ("active_initiatives", "Đang duy trì"),
    ("commended", "Khen thưởng"),
    ("recognitions", "Lượt công nhận"),
]


def figure_cards(figures: dict) -> list[tuple[str, dict]]:
    """(label, {total, collective, individual}) of the report's figures (plain totals have no split)."""
    cards = []
    for key, label in FIGURE_CARDS:
        value = figures[key]
        cards.append((label, value if isinstance(value, dict) else {"total": value, "collective": None}))
    return cards


class ReportDetailView(ReportReaderMixin, DetailView):
    """The report as it will print: header, the figures, Part II written from them, the other parts; the
    downloads, "chốt số liệu" and the report's audit trail."""

    template_name = "backoffice/reports/detail.html"

    def get_object(self, queryset=None):
        return self.report

    def get_context_data(self, **kwargs):
        document = report_document(self.report)
        events = list(events_for(self.report).order_by("-created_at", "-pk")[:30])
        for event in events:
            event.label = EVENT_LABELS.get(event.action, event.action)
        return super().get_context_data(
            report=self.report,
            document=document,
            figure_cards=figure_cards(document.snapshot["figures"]),
            exemplary_count=len(document.snapshot["exemplary"]),
            honoree_count=len(document.snapshot["honorees"]),
            can_manage=self.can_manage,
            # Plain dicts: an Exporter is callable, and templates call what they can.
            formats=[{"format": f, "label": EXPORTERS[f].label} for f in DOCUMENT_FORMATS if f in EXPORTERS],
            events=events,
            **kwargs,
        )
