"""What the back-office pages share: the permission gate and the form page that calls one service."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import FormView

from dvk.core.errors import DvkError
from dvk.units.selectors import has_permission


class PermissionGateMixin(LoginRequiredMixin):
    """403 for a signed-in user holding none of `permissions` anywhere; then `load_objects` (which 404s what is
    out of the user's scope and 403s what is visible but not theirs to act on)."""

    permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not any(has_permission(request.user, p) for p in self.permissions):
                raise PermissionDenied
            self.load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self, **kwargs) -> None:
        pass


class ServiceFormView(FormView):
    """A form page whose valid form calls one service. A `DvkError` becomes a form error (next to its field
    when the service names one), never a 500 nor a half-written record."""

    title = ""
    intro = ""
    crumb = ""  # the breadcrumb's last item, when the title is too long for a phone
    submit_label = "Lưu"
    danger = False

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
        for name in ("title", "intro", "crumb", "submit_label", "danger"):
            kwargs.setdefault(name, getattr(self, name))
        return super().get_context_data(**kwargs)
