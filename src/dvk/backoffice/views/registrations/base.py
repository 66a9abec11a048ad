"""What the unit staff's registration pages share: the permission gate (403 for a user who holds the
permission nowhere or not on this registration's unit, 404 for a registration outside their scope) and the
form that calls one service, turning a refusal into a message next to the field concerned."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from dvk.core.errors import DvkError
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


class PermissionGateMixin(LoginRequiredMixin):
    """403 for a signed-in user who holds `permission` nowhere."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not has_permission(request.user, self.permission):
                raise PermissionDenied
            self.load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self, **kwargs) -> None:
        pass


class RegistrationPageMixin(PermissionGateMixin):
    """A page about one registration: 404 outside the user's scope, 403 without `permission` on its unit."""

    registration: Registration

    def load_objects(self, pk=None, **kwargs) -> None:
        self.registration = get_registration_for_user(self.request.user, pk)
        if not has_permission(self.request.user, self.permission, self.registration.unit_id):
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


class ServiceFormView(FormView):
    """A form page whose valid form calls one service. A `DvkError` becomes a form error (next to its field
    when the service names one), never a 500 nor a half-written record."""

    title = ""
    crumb = ""  # the breadcrumb's last item, when the title is too long for a phone
    submit_label = "Lưu"

    def perform(self, form) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def handle_error(self, form, error: DvkError):
        field = getattr(error, "field", None)
        form.add_error(field if field in form.fields else None, error.message)
        return self.form_invalid(form)

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except DvkError as error:
            return self.handle_error(form, error)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title, crumb=self.crumb, submit_label=self.submit_label, **kwargs
        )
