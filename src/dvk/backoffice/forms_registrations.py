"""Screen forms of unit staff's registration pages. They validate what a commune officer types (numbers written
the Vietnamese way, the person of an individual model, years) and offer only units and initiatives where the
user holds EDIT_INITIATIVE; the views hand the cleaned data to `dvk.initiatives.services`."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dvk.accounts.roles import EDIT_INITIATIVE
from dvk.backoffice.forms_units import BootstrapFormMixin, UnitChoiceField
from dvk.campaigns.models import Criterion, Sector
from dvk.core.text import fold
from dvk.initiatives.attachments import ACCEPT_ATTRIBUTE, ALLOWED_DESCRIPTION
from dvk.initiatives.authoring import FIRST_YEAR, INITIATIVE_FIELDS
from dvk.initiatives.enums import InitiativeKind
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.selectors import initiatives_for_user
from dvk.units.selectors import unit_ids_with_permission, units_for_user

INDICATORS = ("households_benefiting", "funds_mobilised", "workdays", "land_donated_m2", "roads_km")
RICH_TEXT_ATTRS = {"rows": 6, "data-richtext": "1"}
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def last_year() -> int:
    return timezone.localdate().year + 1


def parse_vietnamese_number(text: str) -> Decimal:
    """ "1.234.567" and "1 234 567" are thousands; "12,5" and "12.5" are decimals; "1.234,5" both."""
    value = text.replace(" ", "").replace("\u00a0", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(value):
        value = value.replace(".", "")
    return Decimal(value)


def format_vietnamese_number(value: Decimal | int) -> str:
    """848000000 → "848.000.000", Decimal("12.50") → "12,5": how officers write numbers."""
    sign, text = (
        ("-", f"{-Decimal(value).normalize():f}") if value < 0 else ("", f"{Decimal(value).normalize():f}")
    )
    whole, _dot, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


class VietnameseNumberField(forms.DecimalField):
    """A number as officers write it. A text input (with the numeric keypad on phones) instead of
    type=number, which refuses thousands separators."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")
        self.widget.attrs.pop("step", None)

    def prepare_value(self, value):
        return format_vietnamese_number(value) if isinstance(value, Decimal | int) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_vietnamese_number(str(value).strip())
        except InvalidOperation:
            raise forms.ValidationError(_("Vui lòng nhập một số, ví dụ 1.500.000 hoặc 12,5.")) from None
        if not number.is_finite():
            raise forms.ValidationError(_("Vui lòng nhập một số."))
        return number


def _number_field(model_field, **kwargs) -> VietnameseNumberField:
    decimal_places = getattr(model_field, "decimal_places", 0)
    return VietnameseNumberField(
        label=model_field.verbose_name,
        required=False,
        min_value=Decimal(0),
        max_digits=getattr(model_field, "max_digits", 12),
        decimal_places=decimal_places,
        **kwargs,
    )


class MarkInvalidMixin:
    """Widgets of fields with errors get Bootstrap's is-invalid and point to their message."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in [field] if field else []:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_error"})


class FormBase(MarkInvalidMixin, BootstrapFormMixin, forms.Form):
    pass


class InitiativeFieldsForm(FormBase):
    """The initiative's fields (DESIGN §3) and the year's targets, shared by the create and edit pages."""

    field_order = ["kind", "name", "person_name", "person_position", "sector", "address", "started_on"]

    def __init__(self, *args, current_sector: Sector | None = None, **kwargs):
        self.current_sector = current_sector
        super().__init__(*args, **kwargs)

    def extra_fields(self) -> dict[str, forms.Field]:
        fields = fields_for_model(Initiative, fields=INITIATIVE_FIELDS)
        sectors = Sector.objects.filter(is_active=True)
        if self.current_sector is not None:
            sectors = Sector.objects.filter(pk=self.current_sector.pk) | sectors
        fields["sector"].queryset = sectors.order_by("order", "name")
        fields["sector"].empty_label = _("Chọn lĩnh vực…")
        fields["kind"].choices = InitiativeKind.choices
        fields["name"].error_messages["required"] = _("Vui lòng nhập tên mô hình.")
        fields["sector"].error_messages["required"] = _("Vui lòng chọn lĩnh vực.")
        fields["name"].widget = forms.TextInput(attrs={"maxlength": 500})
        fields["kind"].widget.attrs["data-kind-select"] = "1"
        for name in ("person_name", "person_position"):
            fields[name].widget.attrs["data-individual-only"] = "1"
            fields[name].help_text = _("Bắt buộc với mô hình cá nhân.")
        for name in ("description", "objectives"):
            fields[name].widget = forms.Textarea(attrs=RICH_TEXT_ATTRS)
        fields["description"].help_text = _("Mô hình “khéo” ở điểm nào: cách làm, cách vận động nhân dân.")
        for name in INDICATORS:
            fields[name] = _number_field(Initiative._meta.get_field(name))
        fields["households_benefiting"].help_text = _("Số hộ")
        fields["workdays"].help_text = _("Số ngày công")
        fields.update(fields_for_model(Registration, fields=["targets"]))
        fields["targets"].widget = forms.Textarea(attrs={"rows": 4})
        fields["targets"].help_text = _("Chỉ tiêu cụ thể mô hình đặt ra trong năm đăng ký.")
        return fields

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == InitiativeKind.INDIVIDUAL:
            if not cleaned.get("person_name"):
                self.add_error("person_name", _("Mô hình cá nhân cần ghi họ và tên người thực hiện."))
            if not cleaned.get("person_position"):
                self.add_error("person_position", _("Mô hình cá nhân cần ghi chức vụ của người thực hiện."))
        for name in ("households_benefiting", "workdays"):
            value = cleaned.get(name)
            if value is not None and value != int(value):
                self.add_error(name, _("Vui lòng nhập số nguyên."))
            elif value is not None:
                cleaned[name] = int(value)
        return cleaned

    def initiative_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in INITIATIVE_FIELDS}


def editable_units(user):
    """Units of the user's scope where they may register initiatives. Units that stopped operating stay
    offered (their years before the stop may still be entered: the service checks the year), except those
    closed without a date."""
    return (
        units_for_user(user)
        .filter(pk__in=unit_ids_with_permission(user, EDIT_INITIATIVE))
        .exclude(is_active=False, valid_to__isnull=True)
    )


def default_year(units) -> int:
    """This year, or the last year of operation when the user's only units all stopped (merged units of
    the 2025 reform still enter their earlier years)."""
    this_year = timezone.localdate().year
    units = list(units)
    if units and all(not unit.is_active and unit.valid_to for unit in units):
        return min(this_year, max(unit.valid_to.year for unit in units))
    return this_year


class RegisteringUnitField(UnitChoiceField):
    def label_from_instance(self, obj) -> str:
        label = f"{obj.name} ({obj.code})"
        if not obj.is_active and obj.valid_to:
            return f"{label} — hoạt động đến {obj.valid_to:%d/%m/%Y}"
        return label


def year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Năm đăng ký"),
        min_value=FIRST_YEAR,
        max_value=last_year(),
        error_messages={
            "min_value": _("Năm đăng ký phải từ %(limit_value)s trở đi."),
            "max_value": _("Năm đăng ký không được sau năm %(limit_value)s."),
        },
        **kwargs,
    )


class RegistrationCreateForm(InitiativeFieldsForm):
    field_order = ["unit", "year", *InitiativeFieldsForm.field_order]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        units = editable_units(self.user)
        fields = {
            "unit": RegisteringUnitField(queryset=units, label=_("Đơn vị đăng ký")),
            "year": year_field(initial=default_year(editable_units(self.user))),
        }
        if len(units) == 1:
            fields["unit"].initial = units[0].pk
        fields["year"].initial = default_year(units)
        return {**fields, **super().extra_fields()}


class RegistrationEditForm(InitiativeFieldsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    initiative_version = forms.IntegerField(widget=forms.HiddenInput)


class RegisterAgainForm(FormBase):
    """Pick an earlier initiative of the user's units and the new year."""

    def __init__(self, *args, user, query: str = "", **kwargs):
        self.user, self.query = user, query
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        initiatives = initiatives_for_user(self.user).filter(
            unit_id__in=unit_ids_with_permission(self.user, EDIT_INITIATIVE)
        )
        if fold(self.query):
            initiatives = initiatives.filter(search_text__contains=fold(self.query))
        initiatives = initiatives.order_by("unit__path", "name")
        return {
            "initiative": InitiativeChoiceField(
                queryset=initiatives, label=_("Mô hình đã đăng ký"), empty_label=_("Chọn mô hình…")
            ),
            "year": year_field(initial=default_year(editable_units(self.user))),
        }


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Initiative) -> str:
        last = f", đăng ký gần nhất {obj.last_year}" if obj.last_year else ""
        return f"{obj.name} — {obj.unit.name} ({obj.code}{last})"


class SelfAssessmentForm(FormBase):
    """The year's results, the unit's own assessment and points per criterion of the phase."""

    results = forms.CharField(
        label=_("Kết quả thực hiện"),
        widget=forms.Textarea(attrs=RICH_TEXT_ATTRS),
        error_messages={"required": _("Vui lòng nhập kết quả thực hiện.")},
    )
    self_assessment = forms.CharField(
        label=_("Tự đánh giá"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mặt làm được, hạn chế, khả năng duy trì và nhân rộng."),
    )

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        self.criteria = criteria
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        return {f"criterion_{criterion.pk}": self._criterion_field(criterion) for criterion in self.criteria}

    @staticmethod
    def _criterion_field(criterion: Criterion) -> forms.Field:
        if criterion.max_points is None:
            return forms.TypedChoiceField(
                label=criterion.text,
                choices=[("", _("Chọn…")), ("1", _("Đạt")), ("0", _("Không đạt"))],
                coerce=lambda value: value == "1",
                error_messages={"required": _("Vui lòng chọn đạt hoặc không đạt.")},
            )
        top = criterion.max_points.normalize()
        field = VietnameseNumberField(
            label=criterion.text,
            min_value=Decimal(0),
            max_value=criterion.max_points,
            help_text=_("Từ 0 đến %(max)s điểm") % {"max": f"{top:f}"},
            error_messages={
                "required": _("Vui lòng tự chấm tiêu chí này."),
                "max_value": _("Điểm tối đa của tiêu chí này là %(max)s.")
                % {"max": format_vietnamese_number(top)},
                "min_value": _("Điểm không được âm."),
            },
        )
        field.widget.attrs["data-score"] = "1"
        return field

    def criterion_fields(self):
        return [self[f"criterion_{criterion.pk}"] for criterion in self.criteria]

    def scores(self) -> dict[int, object]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}


class StopForm(FormBase):
    reason = forms.CharField(
        label=_("Lý do dừng"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng ghi rõ lý do dừng mô hình.")},
    )


class ConfirmForm(forms.Form):
    """A confirmation page's form: nothing to fill in."""


class AttachmentForm(FormBase):
    file = forms.FileField(
        label=_("Tệp ảnh hoặc tài liệu"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={"required": _("Vui lòng chọn tệp."), "empty": _("Tệp đã chọn rỗng.")},
    )
    caption = forms.CharField(label=_("Chú thích"), max_length=255, required=False)

    def __init__(self, *args, max_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Nhận %(types)s; tối đa %(mb)s MB mỗi tệp.") % {
            "types": ALLOWED_DESCRIPTION,
            "mb": max_mb,
        }


class TransitionForm(forms.Form):
    to = forms.CharField()
    note = forms.CharField(required=False)
    next = forms.CharField(required=False)
