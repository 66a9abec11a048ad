from django.contrib import messages
from django.shortcuts import redirect
from django.views import View

from dvk.accounts.roles import MANAGE_USERS
from dvk.accounts.selectors import get_membership_for_manager
from dvk.accounts.services import account_refusal, add_membership, remove_membership
from dvk.backoffice.forms_accounts import MembershipForm
from dvk.backoffice.views.accounts.base import AccountPageMixin
from dvk.backoffice.views.units.base import ManagementMixin, ServiceFormView
from dvk.core.errors import DvkError


class UserDetailView(AccountPageMixin, ServiceFormView):
    """An account, its roles in the manager's scope, and a form to add a role."""

    form_class = MembershipForm
    template_name = "backoffice/accounts/detail.html"
    submit_label = "Thêm phân công"

    @property
    def title(self) -> str:
        return self.account.display_name

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form) -> str:
        unit, role = form.cleaned_data["unit"], form.cleaned_data["role"]
        add_membership(actor=self.request.user, user=self.account, unit=unit, role=role)
        return f"Đã phân công “{self.account.username}” tại “{unit.name}”."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        total = self.account.memberships.count()
        context["hidden_memberships"] = total - len(self.account.managed_memberships)
        context["account_refusal"] = account_refusal(self.request.user, self.account)
        return context


class MembershipRemoveView(ManagementMixin, View):
    """POST only: take one role away, then back to the account."""

    permissions = (MANAGE_USERS,)
    http_method_names = ["post"]

    def load_objects(self, pk=None, **kwargs) -> None:
        self.membership = get_membership_for_manager(self.request.user, pk)

    def post(self, request, *args, **kwargs):
        membership = self.membership
        try:
            remove_membership(actor=request.user, membership=membership)
        except DvkError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, f"Đã gỡ vai trò {membership.get_role_display()} tại “{membership.unit.name}”."
            )
        return redirect("accounts:detail", membership.user_id)
