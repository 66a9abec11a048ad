from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.forms.models import model_to_dict
from django.shortcuts import redirect
from django.utils.safestring import mark_safe

from dvk.accounts.roles import EDIT_INITIATIVE
from dvk.backoffice.forms_registrations import RegistrationEditForm, format_vietnamese_number
from dvk.backoffice.views.registrations.actions import actions_for
from dvk.backoffice.views.registrations.base import RegistrationPageMixin, ServiceFormView, registration_url
from dvk.core.errors import DvkError
from dvk.initiatives.authoring import (
    EDITABLE_STATUSES,
    INITIATIVE_FIELDS,
    EditConflict,
    transition_registration,
    update_registration,
)
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.richtext import sanitize_rich_text
from dvk.initiatives.selectors import available_transitions

RICH_FIELDS = ("description", "objectives")


class RegistrationEditView(RegistrationPageMixin, ServiceFormView):
    """Edit a draft or returned registration and its initiative. The form carries the versions it was
    loaded with: if someone saved in between, nothing is overwritten and the user keeps what they typed."""

    permissions = (EDIT_INITIATIVE,)
    form_class = RegistrationEditForm
    template_name = "backoffice/registrations/initiative_form.html"
    crumb = "Sửa nội dung"
    submit_label = "Lưu thay đổi"

    @property
    def title(self) -> str:
        return f"Sửa mô hình “{self.registration.initiative.name}” — năm {self.registration.year}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current_sector": self.registration.initiative.sector}

    def get_initial(self):
        initiative = self.registration.initiative
        return {
            **model_to_dict(initiative, fields=INITIATIVE_FIELDS),
            "targets": self.registration.targets,
            "version": self.registration.version,
            "initiative_version": initiative.version,
        }

    def perform(self, form) -> str:
        data = form.cleaned_data
        update_registration(
            actor=self.request.user,
            registration=self.registration,
            expected_version=data["version"],
            expected_initiative_version=data["initiative_version"],
            initiative_fields=form.initiative_data(),
            registration_fields={"targets": data["targets"]},
        )
        return "Đã lưu thay đổi."

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302 and "and_submit" in self.request.POST:
            try:
                transition_registration(self.registration, Status.SUBMITTED, actor=self.request.user)
            except DvkError as error:
                messages.warning(self.request, f"Đã lưu nhưng chưa gửi được đăng ký: {error.message}")
            else:
                messages.success(self.request, "Đã gửi đăng ký để Thường trực Ban Chỉ đạo xem xét.")
            return redirect(self.get_success_url())
        return response

    def handle_error(self, form, error: DvkError):
        if isinstance(error, EditConflict):
            return self.conflict(form, error)
        return super().handle_error(form, error)

    def conflict(self, form, error: EditConflict):
        """Show the user's input again with the saved values beside it; the hidden versions move to the
        saved ones, so saving again is a conscious choice to replace them."""
        self.registration.refresh_from_db()
        initiative = self.registration.initiative
        initiative.refresh_from_db()
        data = form.data.copy()
        data["version"], data["initiative_version"] = self.registration.version, initiative.version
        fresh = self.get_form_class()(data=data, current_sector=initiative.sector)
        fresh.is_valid()
        fresh.add_error(None, error.message)
        saved = {name: getattr(initiative, name) for name in INITIATIVE_FIELDS}
        saved["targets"] = self.registration.targets
        typed = {
            name: sanitize_rich_text(value) if name in RICH_FIELDS else value
            for name, value in fresh.cleaned_data.items()
        }
        differences = [
            (fresh[name].label, _display(name, saved[name]))
            for name in (*INITIATIVE_FIELDS, "targets")
            if name in typed and _shown(saved[name]) != _shown(typed[name])
        ]
        return self.render_to_response(self.get_context_data(form=fresh, conflict_differences=differences))

    def get_success_url(self) -> str:
        return registration_url(self.registration)

    def get_context_data(self, **kwargs):
        registration = self.registration
        actions = actions_for(
            registration,
            self.request.user,
            registration_url(registration),
            # This page saves and submits in one button, and is the edit link itself.
            exclude_transitions={Status.SUBMITTED},
            exclude_url=self.request.path,
        )
        can_submit = Status.SUBMITTED in available_transitions(registration, self.request.user)
        return super().get_context_data(
            editable=registration.status in EDITABLE_STATUSES,
            actions=actions,
            can_submit=can_submit,
            is_edit=True,
            **kwargs,
        )


def _shown(value) -> str:
    """How a value compares on screen: a sector and its id, 12.50 and 12.5, typed and stored rich text."""
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, Decimal | int):
        return f"{Decimal(value).normalize():f}"
    return "" if value is None else str(value).strip()


def _display(name: str, value):
    if value in (None, ""):
        return "(để trống)"
    if name in RICH_FIELDS:
        return mark_safe(sanitize_rich_text(value))  # sanitised by nh3 to a few tags
    if name == "kind":
        return InitiativeKind(value).label
    if isinstance(value, Decimal | int):
        return format_vietnamese_number(value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return value
