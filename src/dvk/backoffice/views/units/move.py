from dvk.backoffice.forms_units import UnitMoveForm
from dvk.backoffice.views.units.base import ServiceFormView, UnitPageMixin
from dvk.units.services import move_unit


class UnitMoveView(UnitPageMixin, ServiceFormView):
    """Put a unit (with its subtree and records) under another unit."""

    form_class = UnitMoveForm
    submit_label = "Chuyển đơn vị"
    intro = "Đơn vị được chuyển cùng toàn bộ đơn vị trực thuộc, mô hình và hồ sơ của nó."

    @property
    def title(self) -> str:
        return f"Chuyển đơn vị “{self.unit.name}”"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "unit": self.unit}

    def perform(self, form) -> str:
        new_parent = form.cleaned_data["new_parent"]
        move_unit(actor=self.request.user, unit=self.unit, new_parent=new_parent)
        return f"Đã chuyển “{self.unit.name}” vào “{new_parent.name}”."
