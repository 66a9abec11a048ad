from django.views.generic import ListView

from dvk.accounts.roles import MANAGE_USERS
from dvk.accounts.selectors import users_for_manager
from dvk.backoffice.forms_accounts import UserFilterForm
from dvk.backoffice.views.units.base import ManagementMixin


class UserListView(ManagementMixin, ListView):
    """Accounts of the user's scope, filterable by unit (with its subtree), role and a search box."""

    permissions = (MANAGE_USERS,)
    template_name = "backoffice/accounts/users.html"
    context_object_name = "accounts"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = UserFilterForm(self.request.GET or None, user=self.request.user)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return users_for_manager(
            self.request.user,
            unit=filters.get("unit"),
            role=filters.get("role", ""),
            search=filters.get("q", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, filter_query=query.urlencode())
        return context
