from dvk.backoffice.forms_units import UnitDeactivateForm
from dvk.backoffice.views.units.base import ServiceFormView, UnitPageMixin
from dvk.units.services import deactivate_unit


class UnitDeactivateView(UnitPageMixin, ServiceFormView):
    """Close a unit that no longer operates (without a successor: use merge for that). Nothing is deleted."""

    form_class = UnitDeactivateForm
    submit_label = "Ngừng hoạt động"
    danger = True
    intro = (
        "Đơn vị ngừng hoạt động vẫn được giữ lại cùng toàn bộ mô hình và hồ sơ, nhưng không nhận thêm "
        "đơn vị trực thuộc hay người dùng mới. Nếu đơn vị được sáp nhập vào đơn vị khác, hãy dùng chức năng "
        "Sáp nhập."
    )

    @property
    def title(self) -> str:
        return f"Ngừng hoạt động đơn vị “{self.unit.name}”"

    def perform(self, form) -> str:
        deactivate_unit(actor=self.request.user, unit=self.unit, valid_to=form.cleaned_data["valid_to"])
        return f"Đơn vị “{self.unit.name}” đã ngừng hoạt động."
