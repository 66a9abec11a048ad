"""What the unit staff's registration pages share: the permission gate (403 for a user who holds the
permission nowhere or not on this registration's unit, 404 for a registration outside their scope) and the
form that calls one service, turning a refusal into a message next to the field concerned."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dvk.backoffice.views.base import PermissionGateMixin, ServiceFormView  # noqa: F401 - the pages import them here
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Registration
from dvk.initiatives.selectors import get_registration_for_user
from dvk.units.selectors import has_permission

STATUS_CLASSES = {
    Status.DRAFT: "text-bg-secondary",
    Status.SUBMITTED: "text-bg-info",
    Status.RETURNED: "text-bg-warning",
    Status.ACCEPTED: "text-bg-primary",
    Status.SELF_ASSESSED: "text-bg-primary",
    Status.UNDER_REVIEW: "text-bg-info",
    Status.RECOGNISED: "text-bg-success",
    Status.NOT_RECOGNISED: "text-bg-dark",
    Status.WITHDRAWN: "text-bg-light border",
}


def registration_url(registration: Registration) -> str:
    """The registration's detail page: where every successful action of these pages leads."""
    return reverse("initiatives:registration", args=[registration.pk])


class RegistrationPageMixin(PermissionGateMixin):
    """A page about one registration: 404 outside the user's scope, 403 without `permissions` on its unit."""

    registration: Registration

    def load_objects(self, pk=None, **kwargs) -> None:
        self.registration = get_registration_for_user(self.request.user, pk)
        user, unit_id = self.request.user, self.registration.unit_id
        if not any(has_permission(user, p, unit_id) for p in self.permissions):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        registration = self.registration
        return super().get_context_data(
            registration=registration,
            initiative=registration.initiative,
            registration_url=registration_url(registration),
            status_label=Status(registration.status).label,
            status_class=STATUS_CLASSES[registration.status],
            **kwargs,
        )
