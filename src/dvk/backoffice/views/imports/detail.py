from django.core.paginator import Paginator
from django.views.generic import TemplateView

from dvk.backoffice.views.imports.base import RunPageMixin
from dvk.imports import progress
from dvk.imports.models import ImportStatus

PROBLEMS_PER_PAGE = 100


def run_progress(run) -> dict:
    """Percent and step label of an active run (from the worker's progress file), else of the row."""
    data = progress.read_file(run.pk) if run.is_active else None
    started = run.started_at.timestamp() if run.started_at else run.updated_at.timestamp()
    return {
        "percent": (data or {}).get("percent", run.progress),
        "label": (data or {}).get("label") or run.get_status_display(),
        "stale": run.is_active and progress.is_stale(data, started),
    }


class ImportDetailView(RunPageMixin, TemplateView):
    """One run: the preview with its problems and the confirmation, the progress bar, or the result."""

    template_name = "backoffice/imports/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run, user = self.run, self.request.user
        page = Paginator(run.problems, PROBLEMS_PER_PAGE).get_page(self.request.GET.get("trang"))
        may_confirm = run.created_by_id == user.pk or user.is_superuser
        state = run_progress(run)
        context.update(
            run=run,
            problems=page,
            progress=state,
            may_confirm=may_confirm,
            can_start_all=may_confirm and run.can_start and not run.problem_count,
            can_start_valid=may_confirm and run.can_start and run.problem_count and run.valid_rows,
            can_restart=may_confirm and state["stale"],
            is_done=run.status == ImportStatus.DONE,
        )
        return context
