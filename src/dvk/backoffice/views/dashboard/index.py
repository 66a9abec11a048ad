"""The dashboard (số liệu): the figures of DESIGN §5 for a unit of the user's scope over a phase or a year range,
as cards, charts and tables, every number linked to the records behind it; and the child units that registered
nothing in the last year of the period."""

from datetime import date

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from dvk.backoffice.forms_reports import DashboardForm
from dvk.backoffice.views.dashboard.presenters import Links, Period, breakdown_rows, cards, chart_data
from dvk.reports.figures import compute_figures
from dvk.reports.selectors import phases_applying_to, phases_launched_within
from dvk.units.selectors import get_unit_for_user, scope_roots, units_for_user

DEFAULT_YEARS = 3


def _requested_unit(user, raw: str | None, units: list):
    """The unit asked for (404 when it is not in the user's scope), else the user's own membership unit."""
    if raw:
        try:
            return get_unit_for_user(user, int(raw))
        except ValueError:
            pass
    own = scope_roots(user).first()
    return own if own is not None else units[0]


def _period(form: DashboardForm, phases: list, default_phase=None) -> tuple[Period, object]:
    """The phase or year range asked for; by default the latest phase applying to the unit itself (a province
    whose districts ran their own phases opens on a year range, not on one district's phase)."""
    data = form.cleaned_data if form.is_valid() else {}
    by_pk = {p.pk: p for p in phases}
    phase = by_pk.get(data.get("phase"))
    if phase is None and data.get("year_from"):
        return Period(data["year_from"], data["year_to"]), None
    if phase is None and not form.data.get("year_from"):
        phase = default_phase
    if phase is not None:
        return Period(phase.start_year, phase.end_year, phase.pk), phase
    this_year = timezone.localdate().year
    return Period(this_year - DEFAULT_YEARS + 1, this_year), None


def silent_units(unit, year: int, units_by_pk: dict) -> list:
    """Child rows that registered nothing in `year`, leaving out units that did not exist that year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = []
    for row in compute_figures(unit, years=(year, year)).by_unit:
        if row.is_own or row.registrations:
            continue
        child = units_by_pk.get(row.unit_id)
        if child is not None and (
            (child.valid_to and child.valid_to < first) or (child.valid_from and child.valid_from > last)
        ):
            continue
        rows.append(row)
    return rows


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "backoffice/dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = list(units_for_user(user))
        if not units:
            return {**context, "no_scope": True}
        unit = _requested_unit(user, self.request.GET.get("unit"), units)
        applying = list(phases_applying_to(unit))
        phases = [*applying, *phases_launched_within(unit)]
        form = DashboardForm(self.request.GET or None, units=units, phases=phases)
        period, phase = _period(form, phases, applying[0] if applying else None)
        form.initial = {"unit": unit.pk, "phase": phase.pk if phase else None}
        if phase is None:
            form.initial.update(year_from=period.start, year_to=period.end)
        figures = compute_figures(unit, phase=phase, years=None if phase else (period.start, period.end))
        links = Links(unit.pk, period)
        silent_year = min(period.end, timezone.localdate().year)
        context.update(
            form=form,
            unit=unit,
            phase=phase,
            period=period,
            figures=figures,
            cards=cards(figures, links),
            unit_rows=breakdown_rows(figures.by_unit, links, "unit"),
            sector_rows=breakdown_rows(figures.by_sector, links, "sector"),
            year_rows=breakdown_rows(figures.by_year, links, "year"),
            charts=chart_data(figures, links),
            silent_year=silent_year,
            silent=silent_units(unit, silent_year, {u.pk: u for u in units}),
            has_children=len(figures.by_unit) > 1,
        )
        return context
