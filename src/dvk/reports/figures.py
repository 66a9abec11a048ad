"""THE statistics service: every figure of DESIGN §5, for a scope (a unit's subtree plus its predecessors through
merges) and a phase or a year range. Pages, charts, exports, report sentences, the CLI and the API all call
`compute_figures`; nothing else counts.

It runs the same few aggregate queries whatever the size of the data. The scope's units are placed in breakdown
rows by `reports.rows` (each child of the unit, each unit merged straight into it, and the "trực thuộc" row of its
own records); SQL groups the records by row, sector and kind; Python adds up those few groups.

The initiatives are counted by their own unit, from the roll-ups that `initiatives.rollups` keeps on them: year
masks of their counted, recognised and exemplary registrations, so that one pass over the initiatives answers
every figure, distinct counts included (docs/decisions/0007). Registrations count by the registering unit (kept
as it was that year): the initiative's own unit, else the one other unit its roll-ups name (a second pass over
those initiatives only), else, for the rare initiatives registered by several other units, their registrations.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.expressions import Combinable
from django.db.models.lookups import GreaterThan

from dvk.campaigns.models import Phase, Sector
from dvk.campaigns.selectors import find_phase  # noqa: F401 - the CLI finds phases here
from dvk.commendations.models import Honoree
from dvk.initiatives.enums import COUNTED_STATUSES, Status
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.rollups import active_in
from dvk.initiatives.years import MASK_BASE_YEAR, MASK_LAST_YEAR, years_mask
from dvk.reports.figureset import (  # noqa: F401 - the service's public data types
    KINDS,
    MEASURES,
    OWN_ROW,
    ByKind,
    FigureSet,
    Row,
    SectorRow,
    UnitRow,
    YearRow,
)
from dvk.reports.rows import Partition
from dvk.units.models import Unit

# --- The figures ---------------------------------------------------------------------------------------------


class _Tally:
    """Adds grouped counts into the totals and the breakdowns of a FigureSet under construction."""

    def __init__(self, figures: FigureSet, partition: Partition, sectors: list[Sector]):
        unit = partition.unit
        self.figures = figures
        self.partition = partition
        self.units: dict[int | str, UnitRow] = {
            OWN_ROW: UnitRow(unit_id=unit.pk, code=unit.code, name=unit.name, is_own=True),
            **{h.pk: UnitRow(unit_id=h.pk, code=h.code, name=h.name) for h in partition.heads},
        }
        self.sectors = {s.pk: SectorRow(sector_id=s.pk, name=s.name) for s in sectors}
        self.years = {y: YearRow(year=y) for y in range(figures.start_year, figures.end_year + 1)}

    def spread(self, group: dict, measure: str, n: int, *, year: int | None = None) -> None:
        """Count `n` of `measure` in the group's unit row, its unit × sector cell, its sector and (given a
        year) its year."""
        if not n:
            return
        kind, sector = group["g_kind"], group["g_sector"]
        unit_row = self.units[self.partition.row_of(group)]
        unit_row.add(kind, measure, n)
        unit_row.by_sector.setdefault(sector, Row()).add(kind, measure, n)
        self.sectors[sector].add(kind, measure, n)
        if year is not None:
            self.years[year].add(kind, measure, n)

    def finish(self) -> FigureSet:
        self.figures.by_unit = [self.units[OWN_ROW], *(self.units[h.pk] for h in self.partition.heads)]
        self.figures.by_sector = list(self.sectors.values())
        self.figures.by_year = list(self.years.values())
        return self.figures


def _years_for(phase: Phase | None, years: tuple[int, int] | None) -> tuple[int, int]:
    if phase is not None and years is not None:
        raise ValueError("compute_figures takes a phase or a year range, not both")
    if phase is not None:
        return phase.start_year, phase.end_year
    if years is None:
        raise ValueError("compute_figures needs a phase or a year range")
    y1, y2 = years
    if y1 > y2:
        raise ValueError("the year range ends before it starts")
    return y1, y2


def compute_figures(
    unit: Unit, *, phase: Phase | None = None, years: tuple[int, int] | None = None
) -> FigureSet:
    """Every figure of DESIGN §5 for `unit`'s scope over `phase` (or the inclusive `years` range, where
    "commended" counts the decisions dated in those years)."""
    y1, y2 = _years_for(phase, years)
    with _aggregate_session():
        return _compute(unit, phase, y1, y2)


# PostgreSQL settings for the figures' few large aggregates: no JIT compilation (it costs seconds and saves
# milliseconds here), and enough memory to aggregate by hashing, because the planner cannot know that the
# groups collapse to a few per breakdown row. Both last until the end of the transaction.
POSTGRESQL_SETTINGS = {"jit": "off", "work_mem": "64MB"}


@contextmanager
def _aggregate_session() -> Iterator[None]:
    """A transaction with POSTGRESQL_SETTINGS on PostgreSQL. Nothing on SQLite, where DVK opens transactions
    with BEGIN IMMEDIATE: a transaction here would take the write lock for a read."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        names = ", ".join("set_config(%s, %s, true)" for _ in POSTGRESQL_SETTINGS)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {names}", [v for item in POSTGRESQL_SETTINGS.items() for v in item])
        yield


def _compute(unit: Unit, phase: Phase | None, y1: int, y2: int) -> FigureSet:
    partition = Partition.of(unit)
    phase_id, phase_code = (phase.pk, phase.code) if phase else (None, None)
    figures = FigureSet(unit.pk, unit.code, unit.name, y1, y2, phase_id, phase_code)
    tally = _Tally(figures, partition, list(Sector.objects.order_by("order", "name")))
    _initiative_counts(tally, y1, y2)
    _registrations_elsewhere(tally, y1, y2)
    _registrations_of_many_units(tally, y1, y2)
    _commended(figures, partition, phase, y1, y2)
    return tally.finish()


def _data_years(y1: int, y2: int) -> range:
    """The years of the range that can hold registrations (those of the masks, initiatives.years): one column
    each per measure; the others' rows stay at zero."""
    return range(max(y1, MASK_BASE_YEAR), min(y2, MASK_LAST_YEAR) + 1)


def _in(mask: str | Combinable, years: int) -> GreaterThan:
    """The year mask `mask` (a field or an expression) shares a year with the mask `years`."""
    return GreaterThan((F(mask) if isinstance(mask, str) else mask).bitand(years), 0)


# The years an initiative was registered by its own unit (the masks of initiatives.rollups), and recognised then.
OWN_YEARS = F("registered_years") - F("elsewhere_years")
OWN_RECOGNISED_YEARS = F("recognised_years").bitand(OWN_YEARS)


def _initiative_counts(tally: _Tally, y1: int, y2: int) -> None:
    """Everything but "commended", in one pass over the initiatives registered up to y2, from their roll-ups
    (initiatives.rollups): cumulative, active, new, recognised and exemplary by the initiative's unit, and per
    year of the range its registrations, recognitions, new and exemplary initiatives. Registrations count by the
    registering unit: here those of the initiative's own unit; `_registrations_elsewhere` and
    `_registrations_of_many_units` count the others."""
    partition, figures = tally.partition, tally.figures
    years = _data_years(y1, y2)
    own = Q(registered_by_many=False)
    per_year = {}
    for y in years:
        per_year |= {
            f"registered_{y}": Count("id", filter=own & _in(OWN_YEARS, years_mask(y, y))),
            f"recognised_{y}": Count("id", filter=own & _in(OWN_RECOGNISED_YEARS, years_mask(y, y))),
            f"new_{y}": Count("id", filter=Q(first_year=y)),
            f"exemplary_{y}": Count("id", filter=_in("exemplary_years", years_mask(y, y))),
        }
    groups = (
        Initiative.objects.filter(partition.scope("unit__"), first_year__lte=y2)
        .values(**partition.keys("unit__"), g_sector=F("sector_id"), g_kind=F("kind"))
        .annotate(
            n=Count("id"),
            active=Count("id", filter=active_in(y2)),
            recognized=Count("id", filter=_in("recognised_years", years_mask(y1, y2))),
            exemplary=Count("id", filter=_in("exemplary_years", years_mask(y1, y2))),
            **per_year,
        )
        .order_by()
    )
    for g in groups:
        kind = g["g_kind"]
        figures.cumulative_initiatives.add(kind, g["n"])
        figures.active_initiatives.add(kind, g["active"])
        for measure in ("recognized", "exemplary"):
            getattr(figures, measure).add(kind, g[measure])
            tally.spread(g, measure, g[measure])
        for y in years:
            figures.new_initiatives.add(kind, g[f"new_{y}"])
            tally.spread(g, "new_initiatives", g[f"new_{y}"], year=y)
            tally.years[y].add(kind, "exemplary", g[f"exemplary_{y}"])
            _count_registrations(tally, g, y, g[f"registered_{y}"], g[f"recognised_{y}"])


def _count_registrations(tally: _Tally, group: dict, year: int, registered: int, recognised: int) -> None:
    """Registrations (status other than draft/withdrawn) and positive recognitions of a group in a year. Within
    one year an initiative has one registration, so a year's recognitions are also its distinct recognised
    initiatives."""
    tally.figures.registrations += registered
    tally.figures.recognitions += recognised
    tally.spread(group, "registrations", registered, year=year)
    tally.years[year].add(group["g_kind"], "recognized", recognised)


def _registrations_elsewhere(tally: _Tally, y1: int, y2: int) -> None:
    """The registrations of initiatives made by the one other unit that registered them (an old commune, before
    the new commune it merged into took its initiative over), by that unit, from the same roll-ups: a pass over
    those few initiatives only, through a partial index."""
    partition = tally.partition
    years = _data_years(y1, y2)
    per_year = {}
    for y in years:
        per_year |= {
            f"registered_{y}": Count("id", filter=_in("elsewhere_years", years_mask(y, y))),
            f"recognised_{y}": Count(
                "id", filter=_in(F("elsewhere_years").bitand(F("recognised_years")), years_mask(y, y))
            ),
        }
    groups = (
        Initiative.objects.filter(
            partition.scope("elsewhere_unit__"),
            _in("elsewhere_years", years_mask(y1, y2)),
            elsewhere_years__gt=0,  # the partial index's condition
        )
        .values(**partition.keys("elsewhere_unit__"), g_sector=F("sector_id"), g_kind=F("kind"))
        .annotate(**per_year)
        .order_by()
    )
    for g in groups:
        for y in years:
            _count_registrations(tally, g, y, g[f"registered_{y}"], g[f"recognised_{y}"])


def _registrations_of_many_units(tally: _Tally, y1: int, y2: int) -> None:
    """The registrations of the rare initiatives registered by two or more units besides their own, read from
    the registrations themselves, by the registering unit as it was that year."""
    partition = tally.partition
    groups = (
        Registration.objects.filter(
            partition.scope("unit__"),
            initiative__registered_by_many=True,
            year__range=(y1, y2),
            status__in=COUNTED_STATUSES,
        )
        .values(
            "year",
            **partition.keys("unit__"),
            g_sector=F("initiative__sector_id"),
            g_kind=F("initiative__kind"),
        )
        .annotate(n=Count("id"), recognised=Count("id", filter=Q(status=Status.RECOGNISED)))
        .order_by()
    )
    for g in groups:
        _count_registrations(tally, g, g["year"], g["n"], g["recognised"])


def _commended(figures: FigureSet, partition: Partition, phase: Phase | None, y1: int, y2: int) -> None:
    """Honorees in the scope of the phase's decisions (with a year range: of the decisions dated in it)."""
    honorees = Honoree.objects.filter(partition.scope("unit__"))
    if phase is not None:
        honorees = honorees.filter(commendation__phase=phase)
    else:
        honorees = honorees.filter(commendation__date__year__range=(y1, y2))
    for g in honorees.values("kind").annotate(n=Count("id")).order_by():
        figures.commended.add(g["kind"], g["n"])


# --- Finding what a caller names by code ---------------------------------------------------------------------


def find_unit(code: str) -> Unit | None:
    """A unit by its official code (for the CLI and other callers that name units by code, not for pages: those
    get their unit through `units.selectors.get_unit_for_user`)."""
    return Unit.objects.filter(code=code).first()
