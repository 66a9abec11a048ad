from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView

from dvk.accounts import roles
from dvk.backoffice.forms_review import ReplicationForm
from dvk.backoffice.views.review.base import ReviewPageMixin
from dvk.core.errors import DvkError
from dvk.initiatives.replication import (
    can_record_replication,
    record_replication,
    replication_sources_for_user,
    replications_for_user,
)
from dvk.initiatives.selectors import initiatives_for_user

SEARCH_LIMIT = 20


class ReplicationView(ReviewPageMixin, FormView):
    """Nhân rộng on one initiative: what it replicates (the secretariat records or clears that), and where
    it spread."""

    permissions = (roles.VIEW,)
    template_name = "backoffice/review/replication.html"
    form_class = ReplicationForm

    def load_objects(self, pk=None, **kwargs) -> None:
        user = self.request.user
        self.initiative = get_object_or_404(
            initiatives_for_user(user).select_related("replicated_from__unit"), pk=pk
        )
        self.can_record = can_record_replication(user, self.initiative)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def post(self, request, *args, **kwargs):
        if not self.can_record:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        clear = form.cleaned_data["action"] == ReplicationForm.CLEAR
        source = None if clear else form.cleaned_data["source"]
        try:
            record_replication(actor=self.request.user, initiative=self.initiative, source=source)
        except DvkError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if source is None:
            messages.success(self.request, f"Đã bỏ liên kết nhân rộng của “{self.initiative.name}”.")
        else:
            messages.success(
                self.request, f"Đã ghi nhận “{self.initiative.name}” nhân rộng từ “{source.name}”."
            )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, initiative = self.request.user, self.initiative
        query = self.request.GET.get("q", "").strip()
        source = initiative.replicated_from
        context.update(
            initiative=initiative,
            can_record=self.can_record,
            source=source,
            source_visible=source is not None and source.unit_id in self.request.visible_unit_ids,
            spread=replications_for_user(user, initiative),
            query=query,
            found=list(replication_sources_for_user(user, search=query, exclude=initiative)[:SEARCH_LIMIT])
            if query and self.can_record
            else [],
        )
        return context
