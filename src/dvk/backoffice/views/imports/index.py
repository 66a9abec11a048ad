from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from dvk.backoffice.forms_imports import ImportUploadForm
from dvk.backoffice.views.imports.base import ImportPageMixin
from dvk.core.errors import DvkError
from dvk.imports.models import ImportKind
from dvk.imports.reading import max_bytes
from dvk.imports.selectors import import_runs_for_user
from dvk.imports.services import preview_import

PAGE_SIZE = 20


class ImportIndexView(ImportPageMixin, FormView):
    """Upload a register (→ the preview), download the templates, and the history of imports."""

    template_name = "backoffice/imports/index.html"
    form_class = ImportUploadForm

    def get_initial(self):
        kind = self.request.GET.get("loai")
        return {"kind": kind} if kind in ImportKind.values else {}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            outcome = preview_import(
                actor=self.request.user,
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                filename=upload.name,
            )
        except DvkError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        if outcome.run.problem_count:
            messages.warning(self.request, "Tệp có lỗi: xem danh sách bên dưới.")
        return redirect("imports:detail", pk=outcome.run.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = import_runs_for_user(self.request.user)
        page = self.request.GET.get("trang", "1")
        start = (int(page) - 1) * PAGE_SIZE if page.isdigit() and int(page) > 0 else 0
        window = list(runs[start : start + PAGE_SIZE + 1])
        context.update(
            runs=window[:PAGE_SIZE],
            next_page=start // PAGE_SIZE + 2 if len(window) > PAGE_SIZE else None,
            previous_page=start // PAGE_SIZE if start else None,
            kinds=ImportKind.choices,
            max_mb=max_bytes() // (1024 * 1024),
        )
        return context
