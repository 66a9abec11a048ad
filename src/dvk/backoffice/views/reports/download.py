"""Downloading the report as Word, PDF or the Excel appendices (the registry's exporters)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views import View

from dvk.backoffice.views.reports.base import ReportReaderMixin
from dvk.core.errors import DvkError
from dvk.reports.exporters import UnknownFormat, get_exporter

STEMS = {"xlsx": "phu-luc"}
DOCUMENT_FORMATS = ("docx", "pdf", "xlsx")  # what a report page offers


def filename(report, fmt: str) -> str:
    """'bao-cao-so-ket-072-2020-2022' (the appendices: 'phu-luc-…'), without diacritics for any mail client."""
    kind = "tong-ket" if report.kind == report.Kind.FINAL else "so-ket"
    period = (
        str(report.start_year)
        if report.start_year == report.end_year
        else f"{report.start_year}-{report.end_year}"
    )
    return f"{STEMS.get(fmt, 'bao-cao')}-{kind}-{report.unit.code}-{period}"


class ReportDownloadView(ReportReaderMixin, View):
    def get(self, request, pk: int, fmt: str):
        if fmt not in DOCUMENT_FORMATS:
            raise Http404
        try:
            exporter = get_exporter(fmt)
        except UnknownFormat:
            raise Http404 from None
        try:
            content = exporter(self.report)
        except DvkError as error:
            messages.error(request, error.message)
            return redirect(self.detail_url())
        name = exporter.filename(filename(self.report, fmt))
        response = HttpResponse(content, content_type=exporter.content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
