from django.urls import reverse

from dvk.accounts.roles import MANAGE_UNITS
from dvk.backoffice.forms_units import UnitMergeForm
from dvk.backoffice.views.units.base import ManagementMixin, ServiceFormView
from dvk.units.services import merge_units


class UnitMergeView(ManagementMixin, ServiceFormView):
    """Merge units into another one (the 2025 reform): the sources close, their records stay with them and
    remain visible from the target."""

    permissions = (MANAGE_UNITS,)
    form_class = UnitMergeForm
    title = "Sáp nhập đơn vị"
    submit_label = "Sáp nhập"
    danger = True
    intro = (
        "Các đơn vị được sáp nhập hết hiệu lực vào ngày trước ngày sáp nhập và chuyển sang trạng thái ngừng "
        "hoạt động. Mô hình và hồ sơ của chúng được giữ nguyên và xem được từ đơn vị nhận sáp nhập."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"into": self.request.GET.get("into"), "sources": self.request.GET.getlist("source")}

    def perform(self, form) -> str:
        data = form.cleaned_data
        merged = merge_units(
            actor=self.request.user,
            sources=list(data["sources"]),
            into=data["into"],
            effective_date=data["effective_date"],
        )
        names = ", ".join(f"“{unit.name}”" for unit in merged)
        return f"Đã sáp nhập {names} vào “{data['into'].name}”."

    def get_success_url(self) -> str:
        return reverse("units:list")
