from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from dvk.accounts import roles
from dvk.backoffice.forms_review import ScoreForm
from dvk.backoffice.views.review.base import ReviewPageMixin
from dvk.core.errors import DvkError
from dvk.evaluations.models import Review
from dvk.evaluations.selectors import (
    criteria_for_registration,
    get_review_for_user,
    missing_criteria_message,
    reviews_of_registration_for_user,
)
from dvk.evaluations.services import submit_review
from dvk.initiatives.enums import Status


class ScoreView(ReviewPageMixin, FormView):
    """A reviewer scores each criterion of the phase's set with a comment; once submitted, the sheet is
    read-only and the other members' submitted sheets appear beside it."""

    permissions = (roles.SCORE_REVIEW, roles.OPEN_REVIEW)
    template_name = "backoffice/review/score.html"
    form_class = ScoreForm

    def load_objects(self, pk=None, **kwargs) -> None:
        self.review = get_review_for_user(self.request.user, pk)
        self.registration = self.review.registration
        self.criteria = criteria_for_registration(self.registration)
        self.open = (
            self.review.state == Review.State.ASSIGNED
            and self.registration.status == Status.UNDER_REVIEW
            and bool(self.criteria)
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "criteria": self.criteria}

    def post(self, request, *args, **kwargs):
        if not self.open:
            messages.error(request, "Phiếu chấm này không còn nhận điểm.")
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            submit_review(
                actor=self.request.user,
                review=self.review,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except DvkError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, f"Đã gửi phiếu chấm “{self.registration.initiative.name}”.")
        return redirect(reverse("review:score", args=[self.review.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheets = list(reviews_of_registration_for_user(self.request.user, self.registration))
        context.update(
            review=self.review,
            registration=self.registration,
            open=self.open,
            missing_criteria=missing_criteria_message(self.registration),
            sheets=sheets,
            table=score_table(self.criteria, sheets),
            hidden_others=self.review.state != Review.State.SUBMITTED,
        )
        return context


def score_table(criteria, sheets) -> list[dict]:
    """Rows of criteria × sheets (the points or the verdict each sheet gave), for reading."""
    given = {(s.review_id, s.criterion_id): s for sheet in sheets for s in sheet.scores.all()}
    rows = []
    for criterion in criteria:
        rows.append(
            {"criterion": criterion, "cells": [given.get((sheet.pk, criterion.pk)) for sheet in sheets]}
        )
    return rows
