from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from dvk.accounts.roles import Role
from dvk.units.selectors import own_memberships, scope_roots


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "backoffice/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["memberships"] = own_memberships(user)
        context["scope_roots"] = scope_roots(user)
        context["visible_unit_count"] = len(self.request.visible_unit_ids)
        context["roles"] = Role
        return context
