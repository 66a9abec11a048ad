"""What the review pages share: the permission gate, the work-list filter and the summary of a one-by-one
bulk action."""

from django.contrib import messages

from dvk.accounts import roles
from dvk.backoffice.forms_review import RegistrationFilterForm
from dvk.backoffice.views.base import PermissionGateMixin
from dvk.evaluations.services import BulkOutcome
from dvk.units.selectors import expand_scope, has_permission


class ReviewPageMixin(PermissionGateMixin):
    """The review pages (gated by `permissions`), with the tabs of the review work the user may do."""

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs["review_tabs"] = {
            "screen": has_permission(user, roles.SCREEN_REGISTRATION),
            "open": has_permission(user, roles.OPEN_REVIEW),
            "recognise": has_permission(user, roles.RECORD_RECOGNITION),
            "score": has_permission(user, roles.SCORE_REVIEW) or has_permission(user, roles.OPEN_REVIEW),
        }
        return super().get_context_data(**kwargs)


class FilteredListMixin:
    """A work list narrowed by `RegistrationFilterForm` (a unit's subtree, a year); keeps the filter in the
    pagination links and after a POST."""

    def filter_registrations(self, registrations):
        self.filter_form = RegistrationFilterForm(self.request.GET or None, user=self.request.user)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        if data.get("unit") is not None:
            registrations = registrations.filter(unit_id__in=expand_scope([data["unit"].pk]))
        if data.get("year"):
            registrations = registrations.filter(year=data["year"])
        return registrations

    def filter_context(self) -> dict:
        query = self.request.GET.copy()
        query.pop("page", None)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        active = data.get("unit") is not None or bool(data.get("year"))
        return {"filter_form": self.filter_form, "filter_query": query.urlencode(), "filter_active": active}


def _name(registration) -> str:
    return f"“{registration.initiative.name}” ({registration.year})"


def report_bulk(request, outcome: BulkOutcome, verb: str) -> None:
    """One message for a bulk action: "Đã tiếp nhận 5, 1 không thực hiện được: …"."""
    failed = "; ".join(f"{_name(r)}: {message}" for r, message in outcome.failed)
    if not outcome.failed:
        messages.success(request, f"Đã {verb} {len(outcome.done)} lượt đăng ký.")
    elif outcome.done:
        messages.warning(
            request, f"Đã {verb} {len(outcome.done)}, {len(outcome.failed)} không thực hiện được: {failed}"
        )
    else:
        messages.error(request, f"Không {verb} được lượt đăng ký nào: {failed}")
