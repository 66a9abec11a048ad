"""What every import page shares: secretariat and administrators only (403 for others), and the run loaded
through the history selector (404 when missing or not the user's)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from dvk.accounts.roles import MANAGE_UNITS
from dvk.imports.models import ImportRun
from dvk.imports.selectors import get_import_run_for_user
from dvk.units.selectors import has_permission


class ImportPageMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (user.is_superuser or has_permission(user, MANAGE_UNITS)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RunPageMixin(ImportPageMixin):
    run: ImportRun

    def dispatch(self, request, *args, pk=None, **kwargs):
        if request.user.is_authenticated:
            self.run = get_import_run_for_user(request.user, pk)
        return super().dispatch(request, *args, pk=pk, **kwargs)
