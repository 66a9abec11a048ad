"""The filter form of the initiative and registration lists (and of their Excel export). It reads GET
parameters, offers only units and phases of the user's scope, and turns what is valid into
`initiatives.selectors.ListFilters`; an invalid value (say a unit out of scope) is dropped with a message next
to its field, never widening the list.

GET parameters (dashboards link to the records behind a figure with them): q, phase, year, year_from, year_to,
first_year_from, first_year_to, active_in, unit, sector, kind,
status (a status, or "counted" for every status but draft and withdrawn), classification, exemplary (1 or 0),
sort (name, year, unit, status, updated; "-" first for descending), page.
"""

from django import forms
from django.utils import timezone

from dvk.backoffice.forms_units import BootstrapFormMixin
from dvk.campaigns.models import Sector
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.selectors import (
    COUNTED,
    DEFAULT_SORT,
    SORT_KEYS,
    ListFilters,
    classification_names_for_user,
    phases_for_user,
)
from dvk.initiatives.years import FIRST_YEAR
from dvk.units.selectors import units_for_user

SORT_VALUES = {*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)}
SORT_CHOICES = [
    ("-updated", "Cập nhật gần nhất"),
    ("updated", "Cập nhật cũ nhất"),
    ("name", "Tên mô hình A → Z"),
    ("-name", "Tên mô hình Z → A"),
    ("-year", "Năm mới nhất"),
    ("year", "Năm cũ nhất"),
    ("unit", "Đơn vị A → Z"),
    ("-unit", "Đơn vị Z → A"),
    ("status", "Trạng thái (theo quy trình)"),
    ("-status", "Trạng thái (ngược quy trình)"),
]


class ListFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)
    phase = forms.TypedChoiceField(label="Giai đoạn", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label="Đơn vị", required=False, coerce=int, empty_value=None)
    sector = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=Sector.objects.order_by("order", "name"),
        required=False,
        empty_label="Tất cả",
    )
    kind = forms.ChoiceField(label="Loại", required=False, choices=[("", "Tất cả"), *InitiativeKind.choices])
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), (COUNTED, "Đã đăng ký (trừ Nháp, Đã rút)"), *Status.choices],
    )
    classification = forms.ChoiceField(label="Phân loại", required=False)
    exemplary = forms.TypedChoiceField(
        label="Tiêu biểu",
        required=False,
        choices=[("", "Tất cả"), ("1", "Tiêu biểu"), ("0", "Không tiêu biểu")],
        coerce=lambda value: value == "1",
        empty_value=None,
    )

    year_from = forms.IntegerField(label="Từ năm", required=False, min_value=FIRST_YEAR, max_value=9999)
    year_to = forms.IntegerField(label="Đến năm", required=False, min_value=FIRST_YEAR, max_value=9999)
    # Carried by the dashboard's links to the records behind a figure (new, cumulative, active initiatives).
    first_year_from = forms.IntegerField(required=False, widget=forms.HiddenInput)
    first_year_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    active_in = forms.IntegerField(required=False, widget=forms.HiddenInput)

    sort = forms.ChoiceField(label="Sắp xếp", required=False, choices=SORT_CHOICES)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.units = {unit.pk: unit for unit in units_for_user(user)}
        self.phases = {phase.pk: phase for phase in phases_for_user(user)}
        base_depth = min((unit.depth for unit in self.units.values()), default=1)
        self.fields["unit"].choices = [("", "Tất cả")] + [
            (unit.pk, f"{'· ' * (unit.depth - base_depth)}{unit.name}") for unit in self.units.values()
        ]
        self.fields["phase"].choices = [("", "Tất cả")] + [
            (phase.pk, f"{phase.code} · {phase.launched_by.name}") for phase in self.phases.values()
        ]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", "Tất cả")] + [
            (year, str(year)) for year in range(this_year + 1, FIRST_YEAR - 1, -1)
        ]
        names = classification_names_for_user(user)
        self.fields["classification"].choices = [("", "Tất cả")] + [(name, name) for name in names]
        self.fields["q"].widget.attrs.update(
            placeholder="Tên mô hình, người, đơn vị… (gõ không dấu cũng được)", type="search"
        )
        self.is_valid()

    def filters(self) -> ListFilters:
        """The valid part of what was asked, as selector filters."""
        data = getattr(self, "cleaned_data", {})
        sort = data.get("sort")
        return ListFilters(
            phase=self.phases.get(data.get("phase")),
            year=data.get("year"),
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            first_year_from=data.get("first_year_from"),
            first_year_to=data.get("first_year_to"),
            active_in=data.get("active_in"),
            unit=self.units.get(data.get("unit")),
            sector=data.get("sector"),
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            classification=data.get("classification") or "",
            exemplary=data.get("exemplary"),
            search=data.get("q") or "",
            sort=sort if sort in SORT_VALUES else DEFAULT_SORT,
        )

    @property
    def active_count(self) -> int:
        """How many filters (besides the search box) narrow the list: the filter panel opens when any does."""
        data = getattr(self, "cleaned_data", {})
        return sum(
            1 for name in self.fields if name not in ("q", "sort") and data.get(name) not in (None, "")
        )
