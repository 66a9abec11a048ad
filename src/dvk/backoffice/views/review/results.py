from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import FormView

from dvk.accounts import roles
from dvk.backoffice.forms_review import RecognitionForm
from dvk.backoffice.views.review.base import ReviewPageMixin
from dvk.backoffice.views.review.score import score_table
from dvk.core.errors import DvkError
from dvk.evaluations.models import Review
from dvk.evaluations.selectors import (
    can_see_all_reviews,
    default_recognition_level,
    missing_criteria_message,
    recognition_of,
    review_results,
    reviews_of_registration_for_user,
)
from dvk.evaluations.services import record_recognition
from dvk.initiatives.enums import Status
from dvk.initiatives.selectors import get_registration_for_user
from dvk.units.selectors import has_permission

RECORDABLE = (Status.UNDER_REVIEW, Status.RECOGNISED, Status.NOT_RECOGNISED)


class ResultsView(ReviewPageMixin, FormView):
    """The secretariat's view of a registration's review: per criterion the mean and spread, the mean total
    and the classification the phase's scale suggests; and the form recording the recognition."""

    permissions = (roles.OPEN_REVIEW, roles.RECORD_RECOGNITION)
    template_name = "backoffice/review/results.html"
    form_class = RecognitionForm

    def load_objects(self, pk=None, **kwargs) -> None:
        user = self.request.user
        self.registration = get_registration_for_user(user, pk)
        if not can_see_all_reviews(user, self.registration):
            raise PermissionDenied
        self.results = review_results(self.registration)
        self.recognition = recognition_of(self.registration)
        self.can_record = self.registration.status in RECORDABLE and has_permission(
            user, roles.RECORD_RECOGNITION, self.registration.unit_id
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "registration": self.registration}

    def get_initial(self):
        recognition, suggested = self.recognition, self.results.suggested
        if recognition is not None:
            return {
                "recognised": "1" if recognition.recognised else "0",
                "level": recognition.level,
                "classification": str(recognition.classification_id or ""),
                "is_exemplary": recognition.is_exemplary,
                "decision_number": recognition.decision_number,
                "decision_date": recognition.decision_date,
                "reason": recognition.reason,
            }
        recognised = suggested is not None and suggested.recognised
        return {
            "recognised": "1" if recognised or suggested is None else "0",
            "classification": str(suggested.pk) if recognised else "",
            "is_exemplary": bool(recognised and suggested.exemplary),
            "level": default_recognition_level(self.registration),
        }

    def post(self, request, *args, **kwargs):
        if not self.can_record:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            recognition = record_recognition(
                actor=self.request.user,
                registration=self.registration,
                recognised=data["recognised"],
                level=data["level"],
                classification=data["classification"],
                is_exemplary=data["is_exemplary"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                reason=data["reason"],
            )
        except DvkError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        outcome = "được công nhận" if recognition.recognised else "không được công nhận"
        messages.success(self.request, f"Đã ghi kết quả: “{self.registration.initiative.name}” {outcome}.")
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheets = list(reviews_of_registration_for_user(self.request.user, self.registration))
        context.update(
            registration=self.registration,
            results=self.results,
            recognition=self.recognition,
            can_record=self.can_record,
            sheets=sheets,
            unscored=[sheet for sheet in sheets if sheet.state == Review.State.ASSIGNED],
            can_withdraw=self.registration.status == Status.UNDER_REVIEW
            and has_permission(self.request.user, roles.OPEN_REVIEW, self.registration.unit_id),
            table=score_table([row.criterion for row in self.results.criteria], sheets),
            missing_criteria=missing_criteria_message(self.registration),
        )
        return context
