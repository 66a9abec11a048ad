"""Screen forms of the review pages: screening, assignment, scoring, recognition and replication. Choices come
from the scoped selectors; the views hand the cleaned data to `dvk.evaluations.services` and
`dvk.initiatives.replication`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dvk.accounts import roles
from dvk.backoffice.forms_units import BootstrapFormMixin, UnitChoiceField
from dvk.evaluations.models import RecognitionLevel
from dvk.evaluations.selectors import (
    classification_levels,
    registrations_under_review_for_user,
    reviewer_candidates_for_user,
)
from dvk.initiatives.replication import replication_sources_for_user
from dvk.initiatives.selectors import registrations_for_user
from dvk.units.selectors import units_for_user

PICK_ONE = _("Chọn ít nhất một lượt đăng ký.")


class RegistrationsField(forms.ModelMultipleChoiceField):
    """Registrations ticked in a list (the list renders the checkboxes itself)."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("error_messages", {"required": PICK_ONE, "invalid_choice": PICK_ONE})
        super().__init__(queryset=queryset, widget=forms.CheckboxSelectMultiple, **kwargs)


class RegistrationFilterForm(BootstrapFormMixin, forms.Form):
    """Narrow a work list to a unit's subtree and a year."""

    unit = UnitChoiceField(queryset=None, label=_("Đơn vị"), required=False, empty_label=_("Tất cả đơn vị"))
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_user(user)


class ScreeningForm(forms.Form):
    """Accept, return (with a reason) or put under review the ticked registrations."""

    ACCEPT, RETURN, OPEN = "accept", "return", "open_review"
    action = forms.ChoiceField(
        choices=[(ACCEPT, _("Tiếp nhận")), (RETURN, _("Trả lại")), (OPEN, _("Đưa ra bình xét"))]
    )
    reason = forms.CharField(
        label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"] = RegistrationsField(registrations_for_user(user))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.RETURN and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Vui lòng ghi rõ lý do trả lại."))
        return cleaned


class AssignForm(forms.Form):
    """Reviewers for the ticked registrations: all of them on each, or spread N per registration."""

    ALL, SPREAD = "all", "spread"
    mode = forms.ChoiceField(
        choices=[
            (ALL, _("Mỗi người được chọn chấm tất cả các lượt đã chọn")),
            (SPREAD, _("Chia đều: mỗi lượt có đủ số người chấm dưới đây")),
        ],
        initial=ALL,
        widget=forms.RadioSelect,
    )
    per_registration = forms.IntegerField(
        label=_("Số người chấm mỗi lượt"), min_value=1, max_value=15, initial=2, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"] = RegistrationsField(registrations_under_review_for_user(user))
        self.fields["reviewers"] = forms.ModelMultipleChoiceField(
            queryset=reviewer_candidates_for_user(user),
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Chọn ít nhất một người chấm.")},
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == self.SPREAD and not cleaned.get("per_registration"):
            self.add_error("per_registration", _("Nhập số người chấm mỗi lượt."))
        return cleaned


class ScoreForm(forms.Form):
    """One row per criterion: points 0..max (or Đạt / Không đạt) and a comment; an overall comment."""

    PASS_CHOICES = [("yes", _("Đạt")), ("no", _("Không đạt"))]

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            if criterion.max_points is None:
                self.fields[f"passed_{criterion.pk}"] = forms.ChoiceField(
                    label=criterion.text,
                    choices=self.PASS_CHOICES,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                )
            else:
                self.fields[f"points_{criterion.pk}"] = forms.DecimalField(
                    label=criterion.text,
                    min_value=0,
                    max_value=criterion.max_points,
                    decimal_places=2,
                    widget=forms.NumberInput(
                        attrs={"class": "form-control", "step": "0.5", "inputmode": "decimal"}
                    ),
                )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Nhận xét"),
                required=False,
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Nhận xét chung"),
            required=False,
            widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        )

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        for criterion in self.criteria:
            name = f"passed_{criterion.pk}" if criterion.max_points is None else f"points_{criterion.pk}"
            yield criterion, self[name], self[f"comment_{criterion.pk}"]

    def scores(self) -> dict[int, dict]:
        data = self.cleaned_data
        scores = {}
        for criterion in self.criteria:
            entry = {"comment": data.get(f"comment_{criterion.pk}", "")}
            if criterion.max_points is None:
                entry["passed"] = data.get(f"passed_{criterion.pk}") == "yes"
            else:
                entry["points"] = data.get(f"points_{criterion.pk}")
            scores[criterion.pk] = entry
        return scores


class _RecognitionFields(BootstrapFormMixin, forms.Form):
    recognised = forms.TypedChoiceField(
        label=_("Kết quả"),
        choices=[("1", _("Công nhận")), ("0", _("Không công nhận"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    level = forms.ChoiceField(
        label=_("Cấp công nhận"),
        choices=[("", _("Chọn cấp…")), *RecognitionLevel.choices],
        required=False,
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False)
    reason = forms.CharField(
        label=_("Lý do không công nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi không công nhận."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognised"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        cleaned = super().clean()
        recognised = cleaned.get("recognised")
        if recognised and not cleaned.get("level"):
            self.add_error("level", _("Chọn cấp công nhận."))
        if recognised is False and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Vui lòng ghi rõ lý do không công nhận."))
        return cleaned


class RecognitionForm(_RecognitionFields):
    """The outcome of one registration, prefilled with the classification its scores suggest."""

    field_order = [
        "recognised",
        "level",
        "classification",
        "is_exemplary",
        "decision_number",
        "decision_date",
    ]
    is_exemplary = forms.BooleanField(label=_("Mô hình tiêu biểu"), required=False)

    def __init__(self, *args, registration, **kwargs):
        self.levels = classification_levels(registration.phase)
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        return {
            "classification": forms.TypedChoiceField(
                label=_("Phân loại"),
                choices=[("", _("Không phân loại")), *((str(lv.pk), lv.name) for lv in self.levels)],
                coerce=lambda pk: next((lv for lv in self.levels if str(lv.pk) == pk), None),
                empty_value=None,
                required=False,
            )
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_exemplary") and cleaned.get("recognised") is False:
            self.add_error("is_exemplary", _("Chỉ mô hình được công nhận mới có thể là mô hình tiêu biểu."))
        return cleaned


class BulkRecognitionForm(_RecognitionFields):
    """One outcome for the ticked registrations; each recognised one takes its suggested classification."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"] = RegistrationsField(
            registrations_under_review_for_user(user, roles.RECORD_RECOGNITION)
        )


class ReplicationForm(forms.Form):
    """Name the original an initiative replicates (picked from a search), or clear the link."""

    SET, CLEAR = "set", "clear"
    action = forms.ChoiceField(choices=[(SET, SET), (CLEAR, CLEAR)])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"] = forms.ModelChoiceField(
            queryset=replication_sources_for_user(user),
            required=False,
            error_messages={"invalid_choice": _("Không tìm thấy mô hình gốc trong phạm vi của bạn.")},
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("action") == self.SET
            and cleaned.get("source") is None
            and "source" not in self.errors
        ):
            self.add_error("source", _("Chọn mô hình gốc."))
        return cleaned
