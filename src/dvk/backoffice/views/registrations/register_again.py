from dvk.accounts.roles import EDIT_INITIATIVE
from dvk.backoffice.forms_registrations import RegisterAgainForm
from dvk.backoffice.views.registrations.base import PermissionGateMixin, ServiceFormView, registration_url
from dvk.initiatives.authoring import register_again


class RegisterAgainView(PermissionGateMixin, ServiceFormView):
    """Register one of the unit's earlier models for a new year (a search box narrows a long list)."""

    permissions = (EDIT_INITIATIVE,)
    form_class = RegisterAgainForm
    template_name = "backoffice/registrations/register_again.html"
    title = "Đăng ký lại mô hình đã có"
    submit_label = "Tạo lượt đăng ký"

    def get_form_kwargs(self):
        query = self.request.GET.get("q", "").strip()
        return {**super().get_form_kwargs(), "user": self.request.user, "query": query}

    def get_initial(self):
        return {"initiative": self.request.GET.get("initiative")}

    def perform(self, form) -> str:
        data = form.cleaned_data
        self.created = register_again(
            actor=self.request.user, initiative=data["initiative"], year=data["year"]
        )
        return (
            f"Đã tạo lượt đăng ký năm {self.created.year} cho mô hình “{data['initiative'].name}”. "
            "Hãy xem lại chỉ tiêu rồi gửi đăng ký."
        )

    def get_success_url(self) -> str:
        return registration_url(self.created)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", ""), **kwargs)
