"""Year end: continue a model into next year ("duy trì") or stop it ("dừng"), each behind a confirmation page."""

from dvk.accounts.roles import CLOSE_REGISTRATION_YEAR
from dvk.backoffice.forms_registrations import ConfirmForm, StopForm
from dvk.backoffice.views.registrations.base import RegistrationPageMixin, ServiceFormView, registration_url
from dvk.core.errors import InvalidState
from dvk.initiatives.authoring import check_year_end, continue_registration, stop_registration


class YearEndView(RegistrationPageMixin, ServiceFormView):
    permissions = (CLOSE_REGISTRATION_YEAR,)
    template_name = "backoffice/registrations/confirm.html"
    intro = ""
    danger = False

    def blocked_reason(self) -> str:
        try:
            check_year_end(self.registration)
        except InvalidState as error:
            return error.message
        return ""

    def get_success_url(self) -> str:
        return registration_url(getattr(self, "result", None) or self.registration)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=self.intro,
            danger=self.danger,
            blocked=self.blocked_reason(),
            cancel_url=registration_url(self.registration),
            **kwargs,
        )


class ContinueView(YearEndView):
    form_class = ConfirmForm
    crumb = "Duy trì"

    @property
    def title(self) -> str:
        return f"Duy trì mô hình sang năm {self.registration.year + 1}"

    @property
    def submit_label(self) -> str:
        return f"Duy trì sang năm {self.registration.year + 1}"

    @property
    def intro(self) -> str:
        return (
            f"Năm {self.registration.year} được ghi nhận là “Duy trì”. Hệ thống tạo lượt đăng ký năm "
            f"{self.registration.year + 1} ở dạng bản nháp, điền sẵn chỉ tiêu của năm nay để đơn vị chỉnh sửa "
            "rồi gửi đăng ký."
        )

    def perform(self, form) -> str:
        self.result = continue_registration(actor=self.request.user, registration=self.registration)
        return f"Đã duy trì mô hình: lượt đăng ký năm {self.result.year} đã được tạo (bản nháp)."


class StopView(YearEndView):
    form_class = StopForm
    title = "Dừng mô hình"
    crumb = "Dừng"
    submit_label = "Dừng mô hình"
    danger = True

    @property
    def intro(self) -> str:
        return (
            f"Mô hình được ghi nhận dừng sau năm {self.registration.year}. Hồ sơ và kết quả các năm vẫn được "
            "lưu lại; lý do dừng được ghi vào nhật ký thay đổi."
        )

    def perform(self, form) -> str:
        stop_registration(
            actor=self.request.user, registration=self.registration, reason=form.cleaned_data["reason"]
        )
        return f"Đã ghi nhận dừng mô hình sau năm {self.registration.year}."
