"""What every management page shares: the permission gate and the form that calls one service."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from dvk.accounts.roles import MANAGE_UNITS
from dvk.core.errors import DvkError
from dvk.units.models import Unit
from dvk.units.selectors import get_unit_for_user, has_permission


class ManagementMixin(LoginRequiredMixin):
    """403 for a signed-in user who holds `permission` nowhere; `load_objects` then 404s what is out of
    scope and 403s what is visible but not manageable."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not has_permission(request.user, self.permission):
                raise PermissionDenied
            self.load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self, **kwargs) -> None:
        pass


class ServiceFormView(FormView):
    """A form page whose valid form calls one service; a refusal becomes a form error, never a 500."""

    template_name = "backoffice/units/form.html"
    title = ""
    intro = ""
    submit_label = "Lưu"
    danger = False

    def perform(self, form) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def error_field(self, error: DvkError) -> str | None:
        return None

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except DvkError as error:
            form.add_error(self.error_field(error), error.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            intro=self.intro,
            submit_label=self.submit_label,
            danger=self.danger,
            cancel_url=self.get_success_url(),
        )
        return context


class UnitPageMixin(ManagementMixin):
    """A page about one unit of the user's scope on which they hold MANAGE_UNITS."""

    permission = MANAGE_UNITS
    unit: Unit

    def load_objects(self, pk=None, **kwargs) -> None:
        self.unit = get_unit_for_user(self.request.user, pk)
        if not has_permission(self.request.user, MANAGE_UNITS, self.unit.pk):
            raise PermissionDenied

    def get_success_url(self) -> str:
        return f"{reverse('units:list')}#unit-{self.unit.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)
