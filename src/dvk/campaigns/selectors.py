"""Which phases apply where: the one rule every screen, report, import and the CLI use. A phase launched by a unit
applies to that unit's subtree; the phase of a unit is the one launched by the unit or its nearest ancestor."""

from django.db.models import Q, QuerySet

from dvk.campaigns.models import Phase
from dvk.units.models import Unit
from dvk.units.selectors import visible_unit_ids


def ancestor_paths(unit: Unit) -> list[str]:
    """The paths of the unit and of every unit above it."""
    return [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]


def phases_applying_to(unit: Unit) -> QuerySet[Phase]:
    """Phases launched by the unit or by a unit above it: the phases its figures and reports are about."""
    return (
        Phase.objects.filter(launched_by__path__in=ancestor_paths(unit))
        .select_related("launched_by")
        .order_by("-start_year", "-launched_by__depth", "code")
    )


def phase_for_year(unit: Unit, year: int) -> Phase | None:
    """The phase whose years contain `year`, launched by the unit or its nearest ancestor that launched one."""
    return (
        phases_applying_to(unit)
        .filter(start_year__lte=year, end_year__gte=year)
        .order_by("-launched_by__depth", "-start_year")
        .first()
    )


def find_phase(unit: Unit, code: str) -> Phase | None:
    """A phase by code among those applying to the unit (the nearest launcher wins)."""
    return phases_applying_to(unit).filter(code=code).order_by("-launched_by__depth").first()


def phases_launched_within(unit: Unit) -> QuerySet[Phase]:
    """Phases launched by units under `unit` (a province reads its districts' phases)."""
    return (
        Phase.objects.filter(launched_by__path__startswith=unit.path, launched_by__depth__gt=unit.depth)
        .select_related("launched_by")
        .order_by("-start_year", "launched_by__path", "code")
    )


def phases_for_user(user) -> QuerySet[Phase]:
    """Phases that apply to some of the user's scope: launched inside it or by a unit above it."""
    phases = Phase.objects.select_related("launched_by").order_by("-start_year", "launched_by__path", "code")
    if user.is_superuser:
        return phases
    paths = Unit.objects.filter(memberships__user=user).values_list("path", flat=True)
    above = {path[:end] for path in paths for end in range(Unit.steplen, len(path) + 1, Unit.steplen)}
    return phases.filter(Q(launched_by_id__in=visible_unit_ids(user)) | Q(launched_by__path__in=above))
