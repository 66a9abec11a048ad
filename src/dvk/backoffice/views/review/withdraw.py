"""Withdrawing a reviewer's assignment that has not been scored (the secretariat, from the results page)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from dvk.accounts import roles
from dvk.backoffice.views.review.base import ReviewPageMixin
from dvk.core.errors import DvkError
from dvk.evaluations.selectors import get_assigned_review_for_user
from dvk.evaluations.services import withdraw_review


class WithdrawView(ReviewPageMixin, View):
    permissions = (roles.OPEN_REVIEW,)
    http_method_names = ["post"]

    def load_objects(self, pk=None, **kwargs) -> None:
        self.review = get_assigned_review_for_user(self.request.user, pk)

    def post(self, request, *args, **kwargs):
        review = self.review
        name = review.reviewer.display_name
        try:
            withdraw_review(actor=request.user, review=review)
        except DvkError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"Đã rút phân công {name} chấm “{review.registration.initiative.name}”."
            )
        return redirect(reverse("review:results", args=[review.registration_id]))
