from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import ListView

from dvk.accounts import roles
from dvk.backoffice.forms_review import AssignForm
from dvk.backoffice.views.review.base import FilteredListMixin, ReviewPageMixin
from dvk.core.errors import DvkError
from dvk.evaluations.selectors import (
    registrations_under_review_for_user,
    reviewer_candidates_for_user,
    reviewer_eligibility,
)
from dvk.evaluations.services import assign_reviewers


class AssignView(ReviewPageMixin, FilteredListMixin, ListView):
    """Assign committee members to registrations under review: by hand, in bulk, or spread evenly. Members
    of a registration's own unit are shown as excluded (conflict of interest) and refused by the service."""

    permissions = (roles.OPEN_REVIEW,)
    template_name = "backoffice/review/assign.html"
    context_object_name = "registrations"
    paginate_by = 50
    form = None

    def preselected(self) -> list[str]:
        return [pk for pk in self.request.GET.getlist("registration") if pk.isdigit()]

    def get_queryset(self):
        registrations = self.filter_registrations(registrations_under_review_for_user(self.request.user))
        if self.preselected():
            registrations = registrations.filter(pk__in=self.preselected())
        return registrations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        candidates = list(reviewer_candidates_for_user(user))
        page = list(context["registrations"])
        eligibility = reviewer_eligibility(page, [c.pk for c in candidates])
        names = {c.pk: c.display_name for c in candidates}
        for registration in page:
            registration.excluded = sorted(
                names[pk] for pk in eligibility[registration.pk].conflicted if pk in names
            )
        form = self.form or AssignForm(user=user)
        if form.is_bound:
            chosen_registrations = set(form.data.getlist("registrations"))
            chosen_reviewers = set(form.data.getlist("reviewers"))
        else:
            chosen_registrations, chosen_reviewers = set(self.preselected()), set()
        context.update(
            self.filter_context(),
            registrations=page,
            form=form,
            candidates=candidates,
            chosen_registrations=chosen_registrations,
            chosen_reviewers=chosen_reviewers,
            mode=form.data.get("mode", AssignForm.ALL) if form.is_bound else AssignForm.ALL,
            per_registration=form.data.get("per_registration", 2) if form.is_bound else 2,
            single=bool(self.preselected()),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.form = AssignForm(request.POST, user=request.user)
        if self.form.is_valid():
            data = self.form.cleaned_data
            spread = data["mode"] == AssignForm.SPREAD
            try:
                created = assign_reviewers(
                    actor=request.user,
                    registrations=list(data["registrations"]),
                    reviewers=list(data["reviewers"]),
                    per_registration=data["per_registration"] if spread else None,
                )
            except DvkError as error:
                self.form.add_error(None, error.message)
            else:
                count = len({review.registration_id for review in created})
                messages.success(request, f"Đã phân công {len(created)} phiếu chấm cho {count} lượt đăng ký.")
                return redirect(request.get_full_path())
        return self.get(request, *args, **kwargs)
