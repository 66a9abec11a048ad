from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views import View

from dvk.backoffice.views.imports.base import RunPageMixin
from dvk.backoffice.views.imports.detail import run_progress


class ImportProgressView(RunPageMixin, View):
    """The progress bar, polled by htmx every second; once the run is over, htmx reloads the page (result)."""

    def get(self, request, *args, **kwargs):
        run = self.run
        if not run.is_active:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        context = {"run": run, "progress": run_progress(run)}
        return TemplateResponse(request, "backoffice/imports/_progress.html", context)
