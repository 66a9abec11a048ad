"""What every management page shares: the permission gate and the form that calls one service."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dvk.accounts.roles import MANAGE_UNITS
from dvk.backoffice.views.base import PermissionGateMixin as ManagementMixin
from dvk.backoffice.views.base import ServiceFormView as BaseServiceFormView
from dvk.units.models import Unit
from dvk.units.selectors import get_unit_for_user, has_permission


class ServiceFormView(BaseServiceFormView):
    """A management form page; its cancel link goes where success would."""

    template_name = "backoffice/units/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.get_success_url(), **kwargs)


class UnitPageMixin(ManagementMixin):
    """A page about one unit of the user's scope on which they hold MANAGE_UNITS."""

    permissions = (MANAGE_UNITS,)
    unit: Unit

    def load_objects(self, pk=None, **kwargs) -> None:
        self.unit = get_unit_for_user(self.request.user, pk)
        if not has_permission(self.request.user, MANAGE_UNITS, self.unit.pk):
            raise PermissionDenied

    def get_success_url(self) -> str:
        return f"{reverse('units:list')}#unit-{self.unit.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)
