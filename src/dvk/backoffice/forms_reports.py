"""Screen forms of the dashboard and the summary reports. They offer only units of the user's scope and the phases
that apply to them; the report views hand the cleaned data to `dvk.reports.services`."""

from django import forms

from dvk.accounts.roles import MANAGE_REPORTS
from dvk.backoffice.forms_units import BootstrapFormMixin, UnitChoiceField
from dvk.campaigns.models import Phase
from dvk.reports.models import SummaryReport
from dvk.reports.services import FIRST_YEAR, LAST_YEAR
from dvk.units.models import DocumentLayout, Unit
from dvk.units.selectors import unit_ids_with_permission, units_for_user

YEAR_FIELD = {"min_value": FIRST_YEAR, "max_value": LAST_YEAR, "required": False}


def _phase_label(phase: Phase) -> str:
    return f"{phase.code} · {phase.launched_by.name}"


class PeriodMixin:
    """Either a phase or a year range (`year_from` … `year_to`)."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if cleaned.get("phase") is None and (start or end):
            start, end = start or end, end or start
            if start > end:
                self.add_error("year_to", "Năm kết thúc phải không nhỏ hơn năm bắt đầu.")
            cleaned["year_from"], cleaned["year_to"] = start, end
        return cleaned


class DashboardForm(BootstrapFormMixin, PeriodMixin, forms.Form):
    """The dashboard's pickers (GET). Invalid values fall back to the defaults the view chooses."""

    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int, empty_value=None, required=False)
    phase = forms.TypedChoiceField(label="Giai đoạn", coerce=int, empty_value=None, required=False)
    year_from = forms.IntegerField(label="Từ năm", **YEAR_FIELD)
    year_to = forms.IntegerField(label="Đến năm", **YEAR_FIELD)

    def __init__(self, data, *, units: list[Unit], phases: list[Phase]):
        super().__init__(data)
        base = min((u.depth for u in units), default=1)
        self.fields["unit"].choices = [(u.pk, f"{'· ' * (u.depth - base)}{u.name}") for u in units]
        self.fields["phase"].choices = [("", "Theo khoảng năm"), *((p.pk, _phase_label(p)) for p in phases)]
        for name in ("year_from", "year_to"):
            self.fields[name].widget.attrs.update(inputmode="numeric", placeholder="2020")


def report_units(user):
    """Units where the user may write reports (historical ones too: a report on Na Hang 2020-2022 is made
    after the district was merged)."""
    return units_for_user(user).filter(pk__in=unit_ids_with_permission(user, MANAGE_REPORTS))


class ReportCreateForm(BootstrapFormMixin, PeriodMixin, forms.Form):
    field_order = ["unit", "kind", "phase", "year_from", "year_to", "layout"]
    kind = forms.ChoiceField(label="Loại báo cáo", choices=SummaryReport.Kind.choices)
    phase = forms.ModelChoiceField(
        queryset=Phase.objects.none(),
        required=False,
        label="Giai đoạn",
        empty_label="Không theo giai đoạn (nhập khoảng năm)",
    )
    year_from = forms.IntegerField(label="Từ năm", **YEAR_FIELD)
    year_to = forms.IntegerField(label="Đến năm", **YEAR_FIELD)
    layout = forms.ChoiceField(
        label="Thể thức văn bản",
        choices=[("", "Theo thể thức của đơn vị"), *DocumentLayout.choices],
        required=False,
    )

    def __init__(self, *args, user, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(queryset=report_units(user), label="Đơn vị báo cáo")
        self.order_fields(self.field_order)
        self.fields["unit"].widget.attrs["class"] = "form-select"
        self.fields["phase"].queryset = Phase.objects.filter(pk__in=[p.pk for p in phases])
        self.fields["phase"].label_from_instance = _phase_label

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("phase") is None and not cleaned.get("year_from"):
            self.add_error("phase", "Chọn giai đoạn hoặc nhập khoảng năm của báo cáo.")
        return cleaned


class ReportEditForm(BootstrapFormMixin, forms.Form):
    """The report's texts. One paragraph per line in the long fields."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="Trích yếu", max_length=500)
    kind = forms.ChoiceField(label="Loại báo cáo", choices=SummaryReport.Kind.choices)
    layout = forms.ChoiceField(label="Thể thức văn bản", choices=DocumentLayout.choices)
    number = forms.CharField(
        label="Số báo cáo",
        max_length=64,
        required=False,
        help_text="Chỉ nhập số (ví dụ 125): hệ thống ghi “Số 125-BC/HU” hoặc “Số: 125/BC-UBND”. "
        "Nhập đầy đủ (ví dụ 125-BC/BDV) để in đúng như đã nhập.",
    )
    issued_on = forms.DateField(label="Ngày báo cáo", required=False, help_text="Để trống để ghi tay.")
    part_leadership = forms.CharField(label="I. Công tác lãnh đạo, chỉ đạo, triển khai", required=False)
    part_results_extra = forms.CharField(
        label="II. Kết quả — phần viết thêm",
        required=False,
        help_text="Phần II được viết tự động từ số liệu; nội dung ở đây được thêm vào cuối phần II "
        "(ví dụ kết quả nhân rộng mô hình).",
    )
    part_limitations = forms.CharField(label="III. Hạn chế, nguyên nhân", required=False)
    part_lessons = forms.CharField(label="IV. Bài học kinh nghiệm", required=False)
    part_directions = forms.CharField(label="V. Phương hướng, nhiệm vụ", required=False)
    part_proposals = forms.CharField(label="VI. Đề xuất, kiến nghị", required=False)
    recipients = forms.CharField(label="Nơi nhận", required=False, help_text="Mỗi nơi nhận một dòng.")
    signer_position = forms.CharField(
        label="Thẩm quyền, chức vụ người ký",
        required=False,
        max_length=150,
        help_text="Mỗi dòng một dòng in, ví dụ “T/M BAN THƯỜNG VỤ” rồi “PHÓ BÍ THƯ”.",
    )
    signer_name = forms.CharField(label="Người ký", required=False, max_length=150)

    LONG = ("part_leadership", "part_results_extra", "part_limitations", "part_lessons", "part_directions")
    LONG += ("part_proposals",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.LONG:
            self.fields[name].widget = forms.Textarea(attrs={"rows": 6, "class": "form-control"})
        for name in ("recipients", "signer_position"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3, "class": "form-control"})
        self.fields["issued_on"].widget.input_type = "date"
        self.fields["issued_on"].widget.format = "%Y-%m-%d"


class UnfreezeForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label="Lý do mở chốt số liệu",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Lý do được ghi vào nhật ký thay đổi của báo cáo.",
    )


class TemplateUploadForm(BootstrapFormMixin, forms.Form):
    template = forms.FileField(
        label="Mẫu Word (.docx)",
        help_text="Tải mẫu mặc định về, sửa trong Word (giữ nguyên các thẻ {{ … }} và {%p … %}) rồi tải lên.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )


def default_texts(layout: str) -> dict[str, str]:
    """Texts a new report starts with: the usual recipients and signature of its layout."""
    signer = (
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" if layout == DocumentLayout.STATE else "T/M BAN CHỈ ĐẠO\nTRƯỞNG BAN"
    )
    recipients = (
        "- Thường trực cấp ủy (b/c);\n- Các thành viên Ban Chỉ đạo;\n- Các đơn vị trực thuộc;\n- Lưu."
    )
    return {"recipients": recipients, "signer_position": signer}
