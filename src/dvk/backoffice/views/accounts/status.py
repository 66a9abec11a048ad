from django.contrib import messages
from django.shortcuts import redirect
from django.views import View

from dvk.accounts.services import set_user_active
from dvk.backoffice.views.accounts.base import AccountPageMixin
from dvk.core.errors import DvkError


class UserActiveView(AccountPageMixin, View):
    """POST only: lock (`active=0`) or unlock (`active=1`) an account."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        active = request.POST.get("active") == "1"
        try:
            set_user_active(actor=request.user, user=self.account, active=active)
        except DvkError as error:
            messages.error(request, error.message)
        else:
            done = "Đã mở khóa" if active else "Đã khóa"
            messages.success(request, f"{done} tài khoản “{self.account.username}”.")
        return redirect(self.get_success_url())
