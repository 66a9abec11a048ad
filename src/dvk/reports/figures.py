"""THE statistics service: every figure of DESIGN §5, for a scope (a unit's subtree plus its predecessors through
merges) and a phase or a year range. Pages, charts, exports, report sentences, the CLI and the API all call
`compute_figures`; nothing else counts.

Each figure is computed by aggregate SQL grouped by keys that partition the records (unit, sector, kind, year);
Python only adds up those groups (a few per unit), never loops over records. Initiative figures group by the
initiative's own unit, registration counts by the registering unit, so child rows always add up to the parent.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Q

from dvk.campaigns.models import Phase, Sector
from dvk.commendations.models import Honoree
from dvk.initiatives.enums import COUNTED_STATUSES, InitiativeKind, Status
from dvk.initiatives.models import Initiative, Registration
from dvk.units.models import Unit
from dvk.units.selectors import expand_scope

KINDS = (InitiativeKind.COLLECTIVE.value, InitiativeKind.INDIVIDUAL.value)
OWN_ROW = "own"  # the "trực thuộc" row: the scope unit's own records


@dataclass
class ByKind:
    total: int = 0
    collective: int = 0
    individual: int = 0

    def add(self, kind: str, n: int) -> None:
        self.total += n
        setattr(self, kind, getattr(self, kind) + n)


@dataclass
class Row:
    """One line of a breakdown (a sector, a child unit or a year)."""

    registrations: int = 0
    recognized: int = 0
    new_initiatives: int = 0
    exemplary: int = 0
    by_kind: dict[str, dict[str, int]] = field(
        default_factory=lambda: {
            k: {"registrations": 0, "recognized": 0, "new_initiatives": 0, "exemplary": 0} for k in KINDS
        }
    )

    def add(self, kind: str, measure: str, n: int) -> None:
        setattr(self, measure, getattr(self, measure) + n)
        self.by_kind[kind][measure] += n


@dataclass
class UnitRow(Row):
    unit_id: int | None = None
    code: str = ""
    name: str = ""
    is_own: bool = False


@dataclass
class SectorRow(Row):
    sector_id: int | None = None
    name: str = ""


@dataclass
class YearRow(Row):
    year: int = 0


@dataclass
class FigureSet:
    unit_id: int
    unit_code: str
    unit_name: str
    start_year: int
    end_year: int
    phase_id: int | None
    phase_code: str | None
    registrations: int = 0
    new_initiatives: ByKind = field(default_factory=ByKind)
    recognized: ByKind = field(default_factory=ByKind)
    recognitions: int = 0
    exemplary: ByKind = field(default_factory=ByKind)
    cumulative_initiatives: ByKind = field(default_factory=ByKind)
    active_initiatives: ByKind = field(default_factory=ByKind)
    commended: ByKind = field(default_factory=ByKind)
    by_sector: list[SectorRow] = field(default_factory=list)
    by_unit: list[UnitRow] = field(default_factory=list)
    by_year: list[YearRow] = field(default_factory=list)

    def as_json(self) -> dict:
        """The machine-readable form of DESIGN §5 (keys fixed for other systems)."""

        def line(row: Row) -> dict:
            return {
                "registrations": row.registrations,
                "recognized": row.recognized,
                "new_initiatives": row.new_initiatives,
            }

        return {
            "unit": {"code": self.unit_code, "name": self.unit_name},
            "phase": {
                "code": self.phase_code or f"{self.start_year}-{self.end_year}",
                "start_year": self.start_year,
                "end_year": self.end_year,
            },
            "registrations": self.registrations,
            "new_initiatives": asdict(self.new_initiatives),
            "recognized": asdict(self.recognized),
            "recognitions": self.recognitions,
            "exemplary": asdict(self.exemplary),
            "cumulative_initiatives": asdict(self.cumulative_initiatives),
            "active_initiatives": asdict(self.active_initiatives),
            "commended": asdict(self.commended),
            "by_sector": [{"sector": r.name, **line(r)} for r in self.by_sector],
            "by_unit": [{"unit": {"code": r.code, "name": r.name}, **line(r)} for r in self.by_unit],
            "by_year": [{"year": r.year, **line(r)} for r in self.by_year],
        }


def row_units(unit: Unit, scope: frozenset[int]) -> tuple[list[Unit], dict[int, int | str]]:
    """The breakdown rows of `unit` (its children and the units merged directly into it) and, for every unit of the
    scope, the row it counts in. A unit under a child's path counts there; a predecessor from elsewhere in the tree
    counts in the row of the unit it merged into; the scope unit itself is the "trực thuộc" row."""
    units = {
        u.pk: u
        for u in Unit.objects.filter(pk__in=scope).only(
            "pk", "path", "depth", "code", "name", "merged_into_id"
        )
    }
    heads = sorted(
        (
            u
            for u in units.values()
            if u.pk != unit.pk
            and ((u.depth == unit.depth + 1 and u.path.startswith(unit.path)) or u.merged_into_id == unit.pk)
        ),
        key=lambda u: (u.path.startswith(unit.path) is False, u.path),
    )
    assignment: dict[int, int | str] = {unit.pk: OWN_ROW}
    for head in heads:
        for pk in expand_scope([head.pk]) & scope:
            assignment.setdefault(pk, head.pk)
    for pk in scope:
        assignment.setdefault(pk, OWN_ROW)
    return heads, assignment


def _years_for(phase: Phase | None, years: tuple[int, int] | None) -> tuple[int, int]:
    if phase is not None:
        return phase.start_year, phase.end_year
    if years is None:
        raise ValueError("compute_figures needs a phase or a year range")
    return years


def compute_figures(
    unit: Unit, *, phase: Phase | None = None, years: tuple[int, int] | None = None
) -> FigureSet:
    """Every figure of DESIGN §5 for `unit`'s scope over `phase` (or the inclusive `years` range)."""
    y1, y2 = _years_for(phase, years)
    scope = expand_scope([unit.pk])
    heads, assignment = row_units(unit, scope)
    figures = FigureSet(
        unit_id=unit.pk,
        unit_code=unit.code,
        unit_name=unit.name,
        start_year=y1,
        end_year=y2,
        phase_id=phase.pk if phase else None,
        phase_code=phase.code if phase else None,
    )
    rows: dict[int | str, UnitRow] = {
        OWN_ROW: UnitRow(unit_id=unit.pk, code=unit.code, name=unit.name, is_own=True)
    }
    rows.update({h.pk: UnitRow(unit_id=h.pk, code=h.code, name=h.name) for h in heads})
    sectors = {s.pk: SectorRow(sector_id=s.pk, name=s.name) for s in Sector.objects.order_by("order", "name")}
    by_year = {y: YearRow(year=y) for y in range(y1, y2 + 1)}

    def spread(unit_id, sector_id, kind, year, measure, n):
        rows[assignment.get(unit_id, OWN_ROW)].add(kind, measure, n)
        sectors[sector_id].add(kind, measure, n)
        if year is not None:
            by_year[year].add(kind, measure, n)

    _registration_counts(figures, scope, y1, y2, spread)
    _recognised_initiatives(figures, scope, y1, y2, spread, by_year)
    _initiative_counts(figures, scope, y1, y2, spread)
    _commended(figures, scope, phase, y1, y2)

    figures.by_unit = [rows[OWN_ROW], *(rows[h.pk] for h in heads)]
    figures.by_sector = list(sectors.values())
    figures.by_year = list(by_year.values())
    return figures


def _registration_counts(figures: FigureSet, scope, y1, y2, spread) -> None:
    groups = (
        Registration.objects.filter(unit_id__in=scope, year__range=(y1, y2), status__in=COUNTED_STATUSES)
        .values("unit_id", "initiative__sector_id", "initiative__kind", "year")
        .annotate(n=Count("id"), recognised=Count("id", filter=Q(status=Status.RECOGNISED)))
        .order_by()
    )
    for g in groups:
        figures.registrations += g["n"]
        figures.recognitions += g["recognised"]
        spread(
            g["unit_id"],
            g["initiative__sector_id"],
            g["initiative__kind"],
            g["year"],
            "registrations",
            g["n"],
        )


def _recognised_initiatives(figures: FigureSet, scope, y1, y2, spread, by_year) -> None:
    """Distinct initiatives recognised (and exemplary) in the range: grouped by the initiative's own attributes so
    that the groups partition the initiatives; per year separately (one initiative may count in several years)."""
    base = Registration.objects.filter(
        initiative__unit_id__in=scope, year__range=(y1, y2), status=Status.RECOGNISED
    )
    distinct = {
        "recognized": Count("initiative_id", distinct=True),
        "exemplary": Count("initiative_id", distinct=True, filter=Q(recognition__is_exemplary=True)),
    }
    keys = ("initiative__unit_id", "initiative__sector_id", "initiative__kind")
    for g in base.values(*keys).annotate(**distinct).order_by():
        kind = g["initiative__kind"]
        for measure in ("recognized", "exemplary"):
            getattr(figures, measure).add(kind, g[measure])
            spread(g["initiative__unit_id"], g["initiative__sector_id"], kind, None, measure, g[measure])
    for g in base.values("year", "initiative__kind").annotate(**distinct).order_by():
        for measure in ("recognized", "exemplary"):
            by_year[g["year"]].add(g["initiative__kind"], measure, g[measure])


def _initiative_counts(figures: FigureSet, scope, y1, y2, spread) -> None:
    groups = (
        Initiative.objects.filter(unit_id__in=scope, first_year__lte=y2)
        .values("unit_id", "sector_id", "kind", "first_year")
        .annotate(
            n=Count("id"),
            active=Count("id", filter=Q(stopped_year__isnull=True) | Q(stopped_year__gte=y2)),
        )
        .order_by()
    )
    for g in groups:
        kind = g["kind"]
        figures.cumulative_initiatives.add(kind, g["n"])
        figures.active_initiatives.add(kind, g["active"])
        if g["first_year"] >= y1:
            figures.new_initiatives.add(kind, g["n"])
            spread(g["unit_id"], g["sector_id"], kind, g["first_year"], "new_initiatives", g["n"])


def _commended(figures: FigureSet, scope, phase: Phase | None, y1: int, y2: int) -> None:
    honorees = Honoree.objects.filter(unit_id__in=scope)
    if phase is not None:
        honorees = honorees.filter(commendation__phase=phase)
    else:
        honorees = honorees.filter(commendation__date__year__range=(y1, y2))
    for g in honorees.values("kind").annotate(n=Count("id")).order_by():
        figures.commended.add(g["kind"], g["n"])


def find_phase(unit: Unit, code: str) -> Phase | None:
    """A phase by code, launched by the unit or by one of its ancestors (the phase that applies to it)."""
    ancestors: Iterable[str] = [unit.path[:i] for i in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    return (
        Phase.objects.filter(code=code, launched_by__path__in=list(ancestors))
        .order_by("-launched_by__depth")
        .first()
    )
