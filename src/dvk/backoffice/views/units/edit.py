from django.forms.models import model_to_dict

from dvk.backoffice.forms_units import UnitEditForm
from dvk.backoffice.views.units.base import ServiceFormView, UnitPageMixin
from dvk.units.services import update_unit


class UnitEditView(UnitPageMixin, ServiceFormView):
    """Name, kind, validity and the names printed in document headers."""

    form_class = UnitEditForm

    @property
    def title(self) -> str:
        return f"Sửa đơn vị “{self.unit.name}”"

    def get_initial(self):
        return model_to_dict(self.unit, fields=UnitEditForm.field_names)

    def perform(self, form) -> str:
        unit = update_unit(actor=self.request.user, unit=self.unit, **form.cleaned_data)
        return f"Đã lưu đơn vị “{unit.name}”."
