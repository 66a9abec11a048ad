from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from dvk.backoffice.forms_registrations import TransitionForm
from dvk.backoffice.views.registrations.base import registration_url
from dvk.core.errors import DvkError
from dvk.initiatives.enums import Status
from dvk.initiatives.selectors import get_registration_for_user
from dvk.initiatives.services import transition_registration

DONE = {
    Status.SUBMITTED: "Đã gửi đăng ký để Thường trực Ban Chỉ đạo xem xét.",
    Status.RETURNED: "Đã trả lại lượt đăng ký cho đơn vị.",
    Status.ACCEPTED: "Đã tiếp nhận lượt đăng ký.",
    Status.WITHDRAWN: "Đã rút lượt đăng ký. Hồ sơ vẫn được lưu lại.",
}


class RegistrationTransitionView(LoginRequiredMixin, View):
    """POST `to` (a status) and `note`: one workflow step through the one writer. A refusal (wrong role,
    wrong state, missing reason) comes back as a message; a registration outside the scope is a 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        registration = get_registration_for_user(request.user, pk)
        form = TransitionForm(request.POST)
        form.is_valid()
        to, note = form.cleaned_data.get("to", ""), form.cleaned_data.get("note", "")
        if to not in Status.values:
            messages.error(request, "Thao tác không hợp lệ.")
        else:
            try:
                transition_registration(registration, to, actor=request.user, note=note)
            except DvkError as error:
                messages.error(request, error.message)
            else:
                label = Status(to).label
                messages.success(request, DONE.get(to, f"Lượt đăng ký đã chuyển sang “{label}”."))
        return redirect(self.next_url(form.cleaned_data.get("next", ""), registration))

    def next_url(self, candidate: str, registration) -> str:
        safe = url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return candidate if candidate and safe else registration_url(registration)
