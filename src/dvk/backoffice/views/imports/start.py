from django.contrib import messages
from django.shortcuts import redirect
from django.views import View

from dvk.backoffice.forms_imports import ImportStartForm
from dvk.backoffice.views.imports.base import RunPageMixin
from dvk.core.errors import DvkError
from dvk.imports.services import start_import


class ImportStartView(RunPageMixin, View):
    """Confirm a previewed run: it is queued for the background worker; the page then shows its progress."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ImportStartForm(request.POST)
        only_valid = form.is_valid() and form.cleaned_data["only_valid"]
        try:
            start_import(self.run, actor=request.user, only_valid=only_valid)
        except DvkError as error:
            messages.error(request, error.message)
        return redirect("imports:detail", pk=self.run.pk)
