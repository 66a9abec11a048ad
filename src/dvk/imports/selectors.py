"""Reads of import runs: the history a user may see and one run of it."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dvk.accounts.roles import MANAGE_UNITS
from dvk.imports.models import ImportRun
from dvk.units.selectors import unit_ids_with_permission


def import_runs_for_user(user) -> QuerySet[ImportRun]:
    """Runs the user started, and runs of importers in units the user manages (administrators: all)."""
    runs = ImportRun.objects.select_related("created_by", "unit")
    if not user.is_authenticated or not user.is_active:
        return runs.none()
    if user.is_superuser:
        return runs
    return runs.filter(Q(created_by=user) | Q(unit_id__in=unit_ids_with_permission(user, MANAGE_UNITS)))


def get_import_run_for_user(user, pk) -> ImportRun:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(import_runs_for_user(user), pk=pk)
