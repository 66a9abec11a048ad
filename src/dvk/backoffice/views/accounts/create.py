from django.urls import reverse

from dvk.accounts.roles import MANAGE_USERS
from dvk.accounts.services import PasswordRejected, create_user
from dvk.backoffice.forms_accounts import UserCreateForm
from dvk.backoffice.views.units.base import ManagementMixin, ServiceFormView


class UserCreateView(ManagementMixin, ServiceFormView):
    """A new account with its first role in a unit of the manager's scope."""

    permissions = (MANAGE_USERS,)
    form_class = UserCreateForm
    template_name = "backoffice/accounts/form.html"
    title = "Thêm người dùng"
    submit_label = "Tạo tài khoản"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def error_field(self, error):
        return "password1" if isinstance(error, PasswordRejected) else None

    def perform(self, form) -> str:
        data = form.cleaned_data
        self.created = create_user(
            actor=self.request.user,
            username=data["username"],
            full_name=data["full_name"],
            password=data["password1"],
            unit=data["unit"],
            role=data["role"],
            email=data["email"],
            position=data["position"],
        )
        return f"Đã tạo tài khoản “{self.created.username}”."

    def get_success_url(self) -> str:
        created = getattr(self, "created", None)
        return reverse("accounts:detail", args=[created.pk]) if created else reverse("accounts:users")
