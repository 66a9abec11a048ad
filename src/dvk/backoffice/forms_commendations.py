"""Screen forms of the commendation pages: the proposal (đề nghị) pickers, the decision and its honoree rows.
Choices come from the scoped selectors; the views hand the cleaned data to `dvk.commendations.services`."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from dvk.backoffice.forms_units import BootstrapFormMixin, UnitChoiceField
from dvk.campaigns.models import AwardForm
from dvk.commendations.models import Authority
from dvk.commendations.selectors import commendation_units_for_user, phases_for_user
from dvk.initiatives.enums import InitiativeKind


class PhaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} — {obj.launched_by.name}"


class ProposalScopeForm(BootstrapFormMixin, forms.Form):
    """Which unit proposes, for which phase: decides the candidate initiatives."""

    unit = UnitChoiceField(queryset=None, label=_("Đơn vị đề nghị"))
    phase = PhaseChoiceField(queryset=None, label=_("Giai đoạn"), empty_label=_("Chọn giai đoạn…"))
    only_exemplary = forms.BooleanField(label=_("Chỉ mô hình tiêu biểu"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = commendation_units_for_user(user)
        self.fields["phase"].queryset = phases_for_user(user)


class ProposalItemsForm(BootstrapFormMixin, forms.Form):
    """The title and the ticked initiatives of a proposal."""

    title = forms.CharField(label=_("Tiêu đề đề nghị"), max_length=255)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiatives"] = forms.ModelMultipleChoiceField(
            queryset=candidates,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Chọn ít nhất một mô hình để đề nghị khen thưởng.")},
        )


class DecisionForm(BootstrapFormMixin, forms.Form):
    """The decision itself: number, date, issuer, signer, award form, authority, phase."""

    field_order = [
        "number",
        "date",
        "issuing_unit",
        "issuer_title",
        "signer_name",
        "signer_position",
        "award_form",
        "authority",
        "phase",
        "summary",
    ]
    number = forms.CharField(label=_("Số quyết định"), max_length=64, help_text=_("Ví dụ: 1568/QĐ-UBND"))
    date = forms.DateField(label=_("Ngày quyết định"))
    issuing_unit = UnitChoiceField(queryset=None, label=_("Đơn vị ban hành"))
    issuer_title = forms.CharField(
        label=_("Cơ quan, người ban hành"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Chủ tịch UBND huyện Na Hang"),
    )
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)
    award_form = forms.ModelChoiceField(
        queryset=AwardForm.objects.filter(is_active=True),
        label=_("Hình thức khen thưởng"),
        empty_label=_("Chọn hình thức…"),
    )
    authority = forms.ChoiceField(
        label=_("Loại khen thưởng"), choices=[("", _("Chọn loại…")), *Authority.choices]
    )
    phase = PhaseChoiceField(
        queryset=None, label=_("Giai đoạn"), required=False, empty_label=_("Không gắn giai đoạn")
    )
    summary = forms.CharField(label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = commendation_units_for_user(user)
        self.fields["phase"].queryset = phases_for_user(user)


_CODE_SPLIT = re.compile(r"[\s,;]+")


class HonoreeForm(forms.Form):
    """One collective or individual. A blank row is skipped. The unit is typed as its code, helped by one
    list of the scope's units shared by every row (a select per row would repeat hundreds of options)."""

    kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=InitiativeKind.choices, initial=InitiativeKind.COLLECTIVE
    )
    name = forms.CharField(label=_("Tên tập thể / Họ và tên"), max_length=255, required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=32, required=False)
    initiative_codes = forms.CharField(label=_("Mã mô hình"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.attrs["list"] = "honoree-units"
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = (
                f"{css} form-control-sm" if css == "form-control" else f"{css} form-select-sm"
            )
            field.widget.attrs["aria-label"] = str(field.label)
            if name == "initiative_codes":
                field.widget.attrs["placeholder"] = "NH-0001, NH-0002"

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("name") or data.get("unit") or data.get("initiative_codes"))

    def clean(self):
        cleaned = super().clean()
        if self.is_blank:
            return cleaned
        if not cleaned.get("unit"):
            self.add_error("unit", _("Chọn đơn vị."))
        if cleaned.get("kind") == InitiativeKind.INDIVIDUAL and not cleaned.get("name"):
            self.add_error("name", _("Nhập họ và tên."))
        cleaned["codes"] = [c for c in _CODE_SPLIT.split(cleaned.get("initiative_codes") or "") if c]
        return cleaned


HonoreeFormSet = forms.formset_factory(HonoreeForm, extra=3, max_num=500, absolute_max=1000)
