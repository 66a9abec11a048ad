from django.shortcuts import redirect
from django.views.generic import ListView

from dvk.accounts import roles
from dvk.backoffice.forms_review import BulkRecognitionForm
from dvk.backoffice.views.review.base import FilteredListMixin, ReviewPageMixin, report_bulk
from dvk.evaluations.selectors import registrations_under_review_for_user, suggest_classification
from dvk.evaluations.services import record_recognitions


class RecogniseView(ReviewPageMixin, FilteredListMixin, ListView):
    """Registrations under review with their mean score and suggested classification; the same outcome is
    recorded for the ticked ones, each in its own transaction (one refusal undoes nothing else)."""

    permissions = (roles.RECORD_RECOGNITION,)
    template_name = "backoffice/review/recognise.html"
    context_object_name = "registrations"
    paginate_by = 50
    form = None

    def get_queryset(self):
        return self.filter_registrations(
            registrations_under_review_for_user(self.request.user, roles.RECORD_RECOGNITION)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["registrations"])
        for registration in page:
            levels = registration.phase.classification_levels.all() if registration.phase else []
            registration.suggested = suggest_classification(levels, registration.mean_total)
        form = self.form or BulkRecognitionForm(user=self.request.user)
        chosen = set(form.data.getlist("registrations")) if form.is_bound else set()
        context.update(self.filter_context(), registrations=page, form=form, chosen=chosen)
        return context

    def post(self, request, *args, **kwargs):
        self.form = BulkRecognitionForm(request.POST, user=request.user)
        if not self.form.is_valid():
            return self.get(request, *args, **kwargs)
        data = self.form.cleaned_data
        outcome = record_recognitions(
            actor=request.user,
            registrations=list(data["registrations"]),
            recognised=data["recognised"],
            level=data["level"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            reason=data["reason"],
        )
        report_bulk(request, outcome, "ghi kết quả cho" if data["recognised"] else "ghi không công nhận cho")
        return redirect(request.get_full_path())
