from django.http import FileResponse, Http404, HttpResponse
from django.views import View

from dvk.backoffice.views.imports.base import ImportPageMixin, RunPageMixin
from dvk.imports.exports import export_rows
from dvk.imports.models import ImportKind
from dvk.imports.templates import build_workbook, file_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OriginalFileView(RunPageMixin, View):
    """The file as it was uploaded, kept with the run."""

    def get(self, request, *args, **kwargs):
        if not self.run.original_file:
            raise Http404
        try:
            handle = self.run.original_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=self.run.original_name)


class TemplateDownloadView(ImportPageMixin, View):
    """The .xlsx template of a register; with ?du-lieu=1, filled with the data of the user's scope."""

    def get(self, request, *args, kind=None, **kwargs):
        if kind not in ImportKind.values:
            raise Http404
        filled = request.GET.get("du-lieu") == "1"
        rows = export_rows(kind, request.user) if filled else ()
        content = build_workbook(kind, actor=request.user, rows=rows)
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{file_name(kind, filled=filled)}"'
        return response
