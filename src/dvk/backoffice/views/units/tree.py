from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from dvk.units.selectors import units_for_user


class UnitTreeView(LoginRequiredMixin, TemplateView):
    """The units of the user's scope as an indented tree, historical units greyed."""

    template_name = "backoffice/units/tree.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        units = list(units_for_user(self.request.user))
        base_depth = min((u.depth for u in units), default=1)
        for unit in units:
            unit.indent = unit.depth - base_depth
        context["units"] = units
        return context
