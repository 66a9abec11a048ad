from dvk.accounts.roles import SELF_ASSESS_REGISTRATION
from dvk.backoffice.forms_registrations import SelfAssessmentForm
from dvk.backoffice.views.registrations.base import RegistrationPageMixin, ServiceFormView, registration_url
from dvk.initiatives.authoring import self_assess_registration, self_assessment_criteria
from dvk.initiatives.enums import Status


class SelfAssessView(RegistrationPageMixin, ServiceFormView):
    """After acceptance: the year's results, the unit's own assessment and its points against the phase's
    criteria; saving sends the self-assessment (status "self-assessed")."""

    permissions = (SELF_ASSESS_REGISTRATION,)
    form_class = SelfAssessmentForm
    template_name = "backoffice/registrations/self_assess.html"
    crumb = "Tự đánh giá"
    submit_label = "Gửi tự đánh giá"

    @property
    def title(self) -> str:
        return f"Kết quả và tự đánh giá năm {self.registration.year}"

    def load_objects(self, **kwargs) -> None:
        super().load_objects(**kwargs)
        self.criteria = self_assessment_criteria(self.registration)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "criteria": self.criteria}

    def get_initial(self):
        registration = self.registration
        initial = {"results": registration.results, "self_assessment": registration.self_assessment}
        for key, value in (registration.self_assessment_scores or {}).items():
            initial[f"criterion_{key}"] = ("1" if value else "0") if isinstance(value, bool) else value
        return initial

    def perform(self, form) -> str:
        data = form.cleaned_data
        self_assess_registration(
            actor=self.request.user,
            registration=self.registration,
            results=data["results"],
            self_assessment=data["self_assessment"],
            scores=form.scores(),
        )
        return "Đã gửi kết quả và tự đánh giá."

    def get_success_url(self) -> str:
        return registration_url(self.registration)

    def get_context_data(self, **kwargs):
        registration = self.registration
        max_total = sum(c.max_points for c in self.criteria if c.max_points is not None)
        return super().get_context_data(
            open=registration.status == Status.ACCEPTED,
            max_total=f"{max_total.normalize():f}" if max_total else "",
            **kwargs,
        )
