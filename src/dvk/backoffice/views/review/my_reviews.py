from django.views.generic import ListView

from dvk.accounts import roles
from dvk.backoffice.views.review.base import ReviewPageMixin
from dvk.evaluations.selectors import reviews_for_user


class MyReviewsView(ReviewPageMixin, ListView):
    """A committee member's review sheets: those still to score first."""

    permissions = (roles.SCORE_REVIEW, roles.OPEN_REVIEW)
    template_name = "backoffice/review/my_reviews.html"
    context_object_name = "reviews"
    paginate_by = 50

    def get_queryset(self):
        return reviews_for_user(self.request.user)
