"""THE statistics service: every figure of DESIGN §5, for a scope (a unit's subtree plus its predecessors through
merges) and a phase or a year range. Pages, charts, exports, report sentences, the CLI and the API all call
`compute_figures`; nothing else counts.

It runs the same few aggregate queries whatever the size of the data. The scope is `expand_scope([unit])`; its
units (not records) are placed in breakdown rows in Python: each child of the unit, each unit merged straight
into it from elsewhere in the tree, and the "trực thuộc" row of its own records. A unit under a child's path
counts in that child's row, a predecessor from elsewhere in the row of the unit it merged into: every unit is in
exactly one row, so child rows add up to the parent and nothing counts twice. SQL groups the records by row (the
first path step below the unit), sector and kind; Python adds up those few groups.

The initiatives are counted by their own unit, from the roll-ups that `initiatives.rollups` keeps on them: year
masks of their counted, recognised and exemplary registrations, so that one pass over the initiatives answers
every figure, distinct counts included (docs/decisions/0007). Registrations count by the registering unit (kept
as it was that year): the initiative's own unit, else the one other unit its roll-ups name (a second pass over
those initiatives only), else, for the rare initiatives registered by several other units, their registrations.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Substr
from django.db.models.lookups import GreaterThan

from dvk.campaigns.models import Phase, Sector
from dvk.campaigns.selectors import find_phase  # noqa: F401 - the CLI finds phases here
from dvk.commendations.models import Honoree
from dvk.initiatives.enums import COUNTED_STATUSES, Status, YearOutcome
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.years import years_mask
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
from dvk.units.models import Unit
from dvk.units.selectors import scope_paths, subtree_filter

# --- Which row each unit of the scope counts in --------------------------------------------------------------


def _scope_units(scope: frozenset[int]) -> dict[int, Unit]:
    units = Unit.objects.filter(pk__in=scope).only("pk", "path", "depth", "code", "name", "merged_into_id")
    return {u.pk: u for u in units}


def _units_for_rows(unit: Unit, outside_paths: list[str]) -> dict[int, Unit]:
    """The units that decide the rows, not every unit of the scope: the unit, its children, the subtrees outside
    its path (predecessors from elsewhere) and the units those merged into. A unit under a child's path needs no
    lookup: SQL places it by its path."""
    fields = ("pk", "path", "depth", "code", "name", "merged_into_id")
    near = Q(pk=unit.pk) | Q(path__startswith=unit.path, depth=unit.depth + 1) | subtree_filter(outside_paths)
    units = {u.pk: u for u in Unit.objects.filter(near).only(*fields)}
    targets = {u.merged_into_id for u in units.values()} - set(units) - {None}
    units.update((u.pk, u) for u in Unit.objects.filter(pk__in=targets).only(*fields))
    return units


def row_units(unit: Unit, scope: frozenset[int]) -> tuple[list[Unit], dict[int, int | str]]:
    """The breakdown rows of `unit` (its children, then the units merged straight into it from elsewhere) and,
    for every unit of `scope`, the row it counts in: a head's pk, or OWN_ROW for the "trực thuộc" row."""
    return _rows(unit, _scope_units(scope))


def _rows(unit: Unit, units: dict[int, Unit]) -> tuple[list[Unit], dict[int, int | str]]:
    """Walks units, never records: a unit under the scope unit's path counts in the child on its path; a unit
    outside it (a predecessor from elsewhere, or a unit under one) follows its merge link, else its nearest
    ancestor in the scope, until it reaches a unit whose row is known."""
    by_path = {u.path: u for u in units.values()}
    prefix, key_length = unit.path, len(unit.path) + Unit.steplen
    children = [u for u in units.values() if u.depth == unit.depth + 1 and u.path.startswith(prefix)]
    merged = [u for u in units.values() if u.merged_into_id == unit.pk and not u.path.startswith(prefix)]
    heads = sorted(children, key=lambda u: u.path) + sorted(merged, key=lambda u: u.path)
    assignment: dict[int, int | str] = {unit.pk: OWN_ROW, **{h.pk: h.pk for h in heads}}

    def known(u: Unit) -> int | str | None:
        if u.pk in assignment:
            return assignment[u.pk]
        return by_path[u.path[:key_length]].pk if u.path.startswith(prefix) else None

    def next_of(u: Unit) -> Unit | None:
        if u.merged_into_id in units:
            return units[u.merged_into_id]
        ancestors = (by_path.get(u.path[:end]) for end in range(len(u.path) - Unit.steplen, 0, -Unit.steplen))
        return next((a for a in ancestors if a is not None), None)

    for start in units.values():
        chain, row = [start], known(start)
        while row is None:
            following = next_of(chain[-1])
            if following is None or following in chain:
                break
            chain.append(following)
            row = known(following)
        for u in chain:
            assignment.setdefault(u.pk, OWN_ROW if row is None else row)
    return heads, assignment


@dataclass
class _Partition:
    """The scope as SQL sees it (the paths of its few subtrees) and the row of a group (by the first path step
    below the unit, or by the unit itself for the few units outside the unit's path)."""

    unit: Unit
    heads: list[Unit]
    assignment: dict[int, int | str]
    outside: list[int]
    head_by_path: dict[str, int]
    paths: list[str]

    @classmethod
    def of(cls, unit: Unit) -> "_Partition":
        paths = scope_paths([unit.pk])
        units = _units_for_rows(unit, [p for p in paths if not p.startswith(unit.path)])
        heads, assignment = _rows(unit, units)
        outside = sorted(pk for pk, u in units.items() if not u.path.startswith(unit.path))
        head_by_path = {h.path: h.pk for h in heads if h.path.startswith(unit.path)}
        return cls(unit, heads, assignment, outside, head_by_path, paths)

    def scope(self, prefix: str) -> Q:
        """Records whose unit (reached through `prefix`, e.g. "initiative__unit__") is in the scope."""
        return subtree_filter(self.paths, prefix)

    def keys(self, prefix: str) -> dict:
        """Group-by expressions that place a record in its row: the first path step below the scope unit, and
        the unit itself when it lies outside the unit's path."""
        keys = {"row_path": Substr(f"{prefix}path", 1, len(self.unit.path) + Unit.steplen)}
        if self.outside:
            keys["row_unit"] = Case(
                When(**{f"{prefix}id__in": self.outside}, then=F(f"{prefix}id")),
                output_field=BigIntegerField(),
            )
        return keys

    def row_of(self, group: dict) -> int | str:
        if group.get("row_unit") is not None:
            return self.assignment[group["row_unit"]]
        return self.head_by_path.get(group["row_path"], OWN_ROW)


# --- The figures ---------------------------------------------------------------------------------------------


class _Tally:
    """Adds grouped counts into the totals and the breakdowns of a FigureSet under construction."""

    def __init__(self, figures: FigureSet, partition: _Partition, sectors: list[Sector]):
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
    partition = _Partition.of(unit)
    phase_id, phase_code = (phase.pk, phase.code) if phase else (None, None)
    figures = FigureSet(unit.pk, unit.code, unit.name, y1, y2, phase_id, phase_code)
    tally = _Tally(figures, partition, list(Sector.objects.order_by("order", "name")))
    _initiative_counts(tally, y1, y2)
    _registrations_elsewhere(tally, y1, y2)
    _registrations_of_many_units(tally, y1, y2)
    _commended(figures, partition, phase, y1, y2)
    return tally.finish()


def _active(y2: int) -> Q:
    """Not stopped before y2: its last registration up to y2 is not a stop before y2. The roll-ups decide every
    initiative but those registered again after a stop (`last_year` after `stopped_year`); only those are looked
    up: their last registration up to y2, one backward step on the (initiative, year) index."""
    last_year_by_y2 = (
        Registration.objects.filter(
            initiative=OuterRef(OuterRef("pk")), status__in=COUNTED_STATUSES, year__lte=y2
        )
        .order_by("-year")
        .values("year")[:1]
    )
    stopped_last = Registration.objects.filter(
        initiative=OuterRef("pk"),
        year=Subquery(last_year_by_y2),
        year__lt=y2,
        outcome=YearOutcome.STOPPED,
    )
    return (
        Q(stopped_year__isnull=True)
        | Q(stopped_year__gte=y2)
        | (Q(last_year__gt=F("stopped_year")) & ~Exists(stopped_last))
    )


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
    years = range(y1, y2 + 1)
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
            active=Count("id", filter=_active(y2)),
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
    years = range(y1, y2 + 1)
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


def _commended(figures: FigureSet, partition: _Partition, phase: Phase | None, y1: int, y2: int) -> None:
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
