from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dvk.accounts.roles import MANAGE_UNITS
from dvk.backoffice.forms_units import UnitCreateForm
from dvk.backoffice.views.units.base import ManagementMixin, ServiceFormView
from dvk.units.selectors import get_unit_for_user, has_permission
from dvk.units.services import create_unit


class UnitCreateView(ManagementMixin, ServiceFormView):
    """Add a unit under a unit of the scope, or (administrators) a new root unit."""

    permissions = (MANAGE_UNITS,)
    form_class = UnitCreateForm
    submit_label = "Thêm đơn vị"

    def load_objects(self, pk=None, **kwargs) -> None:
        user = self.request.user
        self.parent = get_unit_for_user(user, pk) if pk is not None else None
        allowed = (
            user.is_superuser if self.parent is None else has_permission(user, MANAGE_UNITS, self.parent.pk)
        )
        if not allowed:
            raise PermissionDenied

    @property
    def title(self) -> str:
        if self.parent is None:
            return "Thêm đơn vị cấp cao nhất"
        return f"Thêm đơn vị trực thuộc “{self.parent.name}”"

    def perform(self, form) -> str:
        self.created = create_unit(actor=self.request.user, parent=self.parent, **form.cleaned_data)
        return f"Đã thêm đơn vị “{self.created.name}”."

    def get_success_url(self) -> str:
        created = getattr(self, "created", None) or self.parent
        return f"{reverse('units:list')}#unit-{created.pk}" if created else reverse("units:list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.parent, **kwargs)
