from dvk.accounts.services import PasswordRejected, reset_password
from dvk.backoffice.forms_accounts import ResetPasswordForm
from dvk.backoffice.views.accounts.base import AccountPageMixin
from dvk.backoffice.views.units.base import ServiceFormView


class ResetPasswordView(AccountPageMixin, ServiceFormView):
    """Set a new password for a user who forgot theirs; tell them in person, they change it after."""

    form_class = ResetPasswordForm
    template_name = "backoffice/accounts/form.html"
    submit_label = "Đặt lại mật khẩu"
    intro = "Báo mật khẩu mới trực tiếp cho người dùng và đề nghị họ đổi mật khẩu sau khi đăng nhập."

    @property
    def title(self) -> str:
        return f"Đặt lại mật khẩu cho “{self.account.username}”"

    def error_field(self, error):
        return "password1" if isinstance(error, PasswordRejected) else None

    def perform(self, form) -> str:
        reset_password(actor=self.request.user, user=self.account, password=form.cleaned_data["password1"])
        return f"Đã đặt lại mật khẩu cho “{self.account.username}”."
