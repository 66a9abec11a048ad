from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from dvk.accounts.roles import MANAGE_USERS
from dvk.units.selectors import has_permission, memberships_for_user


class UserListView(LoginRequiredMixin, TemplateView):
    template_name = "backoffice/accounts/users.html"

    def get_context_data(self, **kwargs):
        if not has_permission(self.request.user, MANAGE_USERS):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        context["memberships"] = memberships_for_user(self.request.user)
        return context
