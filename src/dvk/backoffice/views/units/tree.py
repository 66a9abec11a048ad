from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from dvk.accounts.roles import MANAGE_UNITS
from dvk.units.models import Unit
from dvk.units.selectors import unit_ids_with_permission, units_for_user


def _annotate(units: list[Unit], user) -> None:
    """Indentation and which actions each row offers (from the user's MANAGE_UNITS scope, no query)."""
    manageable = unit_ids_with_permission(user, MANAGE_UNITS)
    manageable_paths = {unit.path for unit in units if unit.pk in manageable}
    base_depth = min((unit.depth for unit in units), default=1)
    for unit in units:
        unit.indent = unit.depth - base_depth
        unit.can_manage = unit.pk in manageable
        # Moving or merging needs a second unit to manage: the parent's permission is the sign of one.
        unit.can_relocate = (
            unit.can_manage
            and unit.is_active
            and (user.is_superuser or unit.path[: -Unit.steplen] in manageable_paths)
        )


class UnitTreeView(LoginRequiredMixin, TemplateView):
    """The units of the user's scope as an indented tree, historical units greyed, with the actions the
    user may take on each."""

    template_name = "backoffice/units/tree.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = list(units_for_user(user))
        _annotate(units, user)
        context["units"] = units
        context["can_create_root"] = user.is_superuser
        context["can_merge"] = any(unit.can_relocate for unit in units)
        return context
