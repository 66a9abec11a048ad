"""Screen forms of the unit pages. They validate input and offer only units of the user's scope; the views
hand the cleaned data to `dvk.units.services`."""

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvk.accounts.roles import MANAGE_UNITS
from dvk.units.models import Unit
from dvk.units.selectors import unit_ids_with_permission, units_for_user
from dvk.units.services import HEADER_FIELDS


class BootstrapFormMixin:
    """Gives every widget the Bootstrap 5 class `_form_fields.html` expects and native date pickers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(self.extra_fields())
        if self.field_order is not None:
            self.order_fields(self.field_order)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def extra_fields(self) -> dict[str, forms.Field]:
        return {}


def _unit_label(unit: Unit) -> str:
    return f"{'— ' * (unit.depth - 1)}{unit.name} ({unit.code})"


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker showing the tree by indentation."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("Chọn đơn vị…"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return _unit_label(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return _unit_label(obj)


def manageable_units(user):
    """Active units of the user's scope where they hold MANAGE_UNITS: the only units these forms offer."""
    return units_for_user(user, include_inactive=False).filter(
        pk__in=unit_ids_with_permission(user, MANAGE_UNITS)
    )


class _UnitFieldsForm(BootstrapFormMixin, forms.Form):
    """A plain form with the model's labels, widgets and help texts for `field_names`. No ModelForm: the
    instance is never touched, the service compares the fresh row with the cleaned data."""

    field_names: tuple[str, ...] = ()

    def extra_fields(self):
        return fields_for_model(Unit, fields=self.field_names)


class UnitCreateForm(_UnitFieldsForm):
    field_names = ("code", "name", "kind", "valid_from", *HEADER_FIELDS)


class UnitEditForm(_UnitFieldsForm):
    field_names = ("name", "kind", "valid_from", "valid_to", *HEADER_FIELDS)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."))
        return cleaned


class UnitMoveForm(BootstrapFormMixin, forms.Form):
    def __init__(self, *args, user, unit: Unit, **kwargs):
        self.user, self.unit = user, unit
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        unit = self.unit
        targets = manageable_units(self.user).exclude(path__startswith=unit.path)
        targets = targets.exclude(path=unit.path[: -Unit.steplen])  # its current parent
        return {"new_parent": UnitChoiceField(queryset=targets, label=_("Chuyển vào đơn vị"))}


class UnitMergeForm(BootstrapFormMixin, forms.Form):
    field_order = ["sources", "into", "effective_date"]
    effective_date = forms.DateField(
        label=_("Ngày sáp nhập có hiệu lực"),
        help_text=_("Các đơn vị được sáp nhập hết hiệu lực vào ngày hôm trước."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        units = manageable_units(self.user)
        return {
            "sources": UnitMultipleChoiceField(
                queryset=units,
                label=_("Các đơn vị được sáp nhập"),
                help_text=_("Giữ phím Ctrl (hoặc chạm từng dòng trên điện thoại) để chọn nhiều đơn vị."),
                widget=forms.SelectMultiple(attrs={"size": 8}),
            ),
            "into": UnitChoiceField(queryset=units, label=_("Sáp nhập vào đơn vị")),
        }

    def clean(self):
        cleaned = super().clean()
        into, sources = cleaned.get("into"), cleaned.get("sources") or []
        if into is not None and into in sources:
            self.add_error("into", _("Đơn vị nhận sáp nhập không được nằm trong các đơn vị được sáp nhập."))
        return cleaned


class UnitDeactivateForm(BootstrapFormMixin, forms.Form):
    valid_to = forms.DateField(label=_("Hoạt động đến hết ngày"), initial=timezone.localdate)
