from dvk.accounts.roles import EDIT_INITIATIVE
from dvk.backoffice.forms_registrations import RegistrationCreateForm
from dvk.backoffice.views.registrations.base import PermissionGateMixin, ServiceFormView, registration_url
from dvk.initiatives.authoring import create_initiative
from dvk.initiatives.enums import InitiativeKind


class RegistrationCreateView(PermissionGateMixin, ServiceFormView):
    """Register a new model for a year: the initiative and its draft registration, in one form."""

    permissions = (EDIT_INITIATIVE,)
    form_class = RegistrationCreateForm
    template_name = "backoffice/registrations/initiative_form.html"
    title = "Đăng ký mô hình mới"
    submit_label = "Lưu bản nháp"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"kind": InitiativeKind.COLLECTIVE}

    def perform(self, form) -> str:
        data = form.cleaned_data
        self.created = create_initiative(
            actor=self.request.user,
            unit=data["unit"],
            year=data["year"],
            targets=data["targets"],
            **form.initiative_data(),
        )
        return (
            f"Đã lưu bản nháp đăng ký mô hình “{self.created.initiative.name}” năm {self.created.year} "
            f"(mã {self.created.initiative.code}). Khi đã hoàn chỉnh, hãy gửi đăng ký."
        )

    def get_success_url(self) -> str:
        return registration_url(self.created)
