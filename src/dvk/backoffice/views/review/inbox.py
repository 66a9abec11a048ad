from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import ListView

from dvk.accounts import roles
from dvk.backoffice.forms_review import ScreeningForm
from dvk.backoffice.views.review.base import FilteredListMixin, ReviewPageMixin, report_bulk
from dvk.core.errors import DvkError
from dvk.evaluations.selectors import registrations_to_open_for_user, registrations_to_screen_for_user
from dvk.evaluations.services import open_reviews, screen_registrations

SUBMITTED, SELF_ASSESSED = "submitted", "self_assessed"


class InboxView(ReviewPageMixin, FilteredListMixin, ListView):
    """The secretariat's inbox: submitted registrations to accept or return, and self-assessed ones to put
    under review; one by one or ticked in bulk (each registration on its own, so one refusal undoes nothing
    else)."""

    permissions = (roles.SCREEN_REGISTRATION, roles.OPEN_REVIEW)
    template_name = "backoffice/review/inbox.html"
    context_object_name = "registrations"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        self.tab = SELF_ASSESSED if self.request.GET.get("tab") == SELF_ASSESSED else SUBMITTED
        source = (
            registrations_to_open_for_user if self.tab == SELF_ASSESSED else registrations_to_screen_for_user
        )
        return self.filter_registrations(source(user))

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            self.filter_context(),
            tab=self.tab,
            extra_filter_hidden=[("tab", SELF_ASSESSED)] if self.tab == SELF_ASSESSED else [],
            submitted_count=registrations_to_screen_for_user(user).count(),
            self_assessed_count=registrations_to_open_for_user(user).count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ScreeningForm(request.POST, user=request.user)
        if not form.is_valid():
            errors = [e for field_errors in form.errors.values() for e in field_errors]
            messages.error(request, " ".join(errors))
            return redirect(request.get_full_path())
        data, user = form.cleaned_data, request.user
        registrations = list(data["registrations"])
        try:
            if data["action"] == ScreeningForm.OPEN:
                outcome, verb = open_reviews(actor=user, registrations=registrations), "đưa ra bình xét"
            else:
                accept = data["action"] == ScreeningForm.ACCEPT
                outcome = screen_registrations(
                    actor=user, registrations=registrations, accept=accept, reason=data["reason"]
                )
                verb = "tiếp nhận" if accept else "trả lại"
        except DvkError as error:
            messages.error(request, error.message)
            return redirect(request.get_full_path())
        report_bulk(request, outcome, verb)
        if data["action"] == ScreeningForm.OPEN and len(outcome.done) == 1 and not outcome.failed:
            return redirect(f"{reverse('review:assign')}?registration={outcome.done[0].pk}")
        return redirect(request.get_full_path())
