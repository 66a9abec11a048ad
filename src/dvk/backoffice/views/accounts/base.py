from django.urls import reverse

from dvk.accounts.models import User
from dvk.accounts.roles import MANAGE_USERS
from dvk.accounts.selectors import get_user_for_manager
from dvk.backoffice.views.units.base import ManagementMixin


class AccountPageMixin(ManagementMixin):
    """A page about one account the signed-in user manages (404 otherwise)."""

    permissions = (MANAGE_USERS,)
    account: User

    def load_objects(self, pk=None, **kwargs) -> None:
        self.account = get_user_for_manager(self.request.user, pk)

    def get_success_url(self) -> str:
        return reverse("accounts:detail", args=[self.account.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.account, **kwargs)
