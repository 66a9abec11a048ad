"""Properties of the figures on generated histories (hypothesis).

Each example writes a small random history into the `tree` of conftest (extended by a 2025 merge: xã B1 and xã C1
into a new xã N), inside a savepoint rolled back at the end of the example, then checks:

- every total equals a plain-Python count of the generated history (the definitions of DESIGN §5, written a
  second time, the slow way), some of whose registrations come from a unit other than the initiative's own;
- the roll-ups that `refresh_initiative_rollups` stores equal those of the Python rule (`stale_rollups`);
- child rows add up to the parent for registrations, recognised and new initiatives (by unit and by sector);
- new ≤ cumulative; recognised ≤ distinct registered initiatives; active ≤ cumulative;
- a report on the new commune equals the sum of the reports on its predecessors plus its own records.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dvk.campaigns.models import Sector
from dvk.evaluations.models import Recognition
from dvk.initiatives.enums import InitiativeKind, Status, YearOutcome
from dvk.initiatives.rollups import refresh_initiative_rollups, stale_rollups
from dvk.reports.figures import compute_figures
from dvk.units.models import UnitKind
from dvk.units.selectors import expand_scope
from tests.factories import InitiativeFactory, RegistrationFactory, make_unit

YEARS = range(2017, 2025)
UNCOUNTED = {Status.DRAFT, Status.WITHDRAWN}
STATUSES = [*Status, Status.RECOGNISED, Status.RECOGNISED, Status.RECOGNISED, Status.NOT_RECOGNISED]
UNITS = ("province", "b", "b1", "b2", "c", "c1", "n")
MEASURES = ("registrations", "recognized", "new_initiatives")
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Year:
    year: int
    status: str
    outcome: str
    exemplary: bool
    unit: str | None = None  # the registering unit, when not the initiative's own


@dataclass(frozen=True)
class Plan:
    unit: str
    kind: str
    sector: int
    years: tuple[Year, ...]


def _years(draw_years, statuses, outcomes, flags, elsewhere):
    return tuple(
        Year(y, s, o if s not in UNCOUNTED else "", e and s == Status.RECOGNISED, u)
        for y, s, o, e, u in zip(draw_years, statuses, outcomes, flags, elsewhere, strict=False)
    )


@st.composite
def plans(draw) -> Plan:
    years = sorted(draw(st.sets(st.sampled_from(YEARS), min_size=1, max_size=5)))
    n = len(years)
    statuses = draw(st.lists(st.sampled_from(STATUSES), min_size=n, max_size=n))
    outcomes = draw(
        st.lists(st.sampled_from(["", YearOutcome.CONTINUED, YearOutcome.STOPPED]), min_size=n, max_size=n)
    )
    flags = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    elsewhere = draw(st.lists(st.none() | st.none() | st.sampled_from(UNITS), min_size=n, max_size=n))
    return Plan(
        unit=draw(st.sampled_from(UNITS)),
        kind=draw(st.sampled_from(InitiativeKind.values)),
        sector=draw(st.integers(0, 3)),
        years=_years(years, statuses, outcomes, flags, elsewhere),
    )


HISTORIES = st.lists(plans(), max_size=10)
RANGES = st.tuples(st.sampled_from(YEARS), st.integers(0, 3)).map(
    lambda t: (t[0], min(t[0] + t[1], YEARS[-1]))
)


@pytest.fixture
def units(tree) -> dict:
    new = make_unit("Xã N", parent=tree.province, kind=UnitKind.COMMUNE, valid_from=date(2025, 7, 1))
    for old in (tree.b1, tree.c1):
        old.merged_into = new
        old.save(update_fields=["merged_into"])
    return {name: getattr(tree, name, None) or new for name in UNITS}


class Rollback(Exception):
    pass


def write(history: list[Plan], units: dict) -> None:
    sectors = list(Sector.objects.order_by("order")[:4])
    initiatives = []
    for plan in history:
        unit = units[plan.unit]
        initiative = InitiativeFactory(unit=unit, kind=plan.kind, sector=sectors[plan.sector])
        for entry in plan.years:
            registration = RegistrationFactory(
                initiative=initiative,
                unit=units[entry.unit] if entry.unit else unit,
                year=entry.year,
                status=entry.status,
                outcome=entry.outcome,
            )
            if entry.status in (Status.RECOGNISED, Status.NOT_RECOGNISED):
                Recognition.objects.create(
                    registration=registration,
                    recognised=entry.status == Status.RECOGNISED,
                    is_exemplary=entry.exemplary,
                )
        initiatives.append(initiative.pk)
    refresh_initiative_rollups(initiatives)
    assert stale_rollups(initiatives) == []


def in_rollback(check):
    """Run `check` on data written in a savepoint that is always rolled back."""
    try:
        with transaction.atomic():
            check()
            raise Rollback
    except Rollback:
        pass


# --- the definitions, the slow way ---------------------------------------------------------------------------


def expected(history: list[Plan], scope_names: set[str], y1: int, y2: int) -> dict:
    mine = [p for p in history if p.unit in scope_names]
    # Registrations count by the registering unit, initiatives by their own.
    registered_here = [y for p in history for y in p.years if (y.unit or p.unit) in scope_names]

    def counted(p: Plan) -> list[Year]:
        return [y for y in p.years if y.status not in UNCOUNTED]

    def active(p: Plan) -> bool:
        years = [y for y in counted(p) if y.year <= y2]
        stops = [y.year for y in years if y.outcome == YearOutcome.STOPPED and y.year < y2]
        return not any(all(not s < y.year for y in years) for s in stops)

    cumulative = [p for p in mine if any(y.year <= y2 for y in counted(p))]
    return {
        "registrations": sum(y1 <= y.year <= y2 and y.status not in UNCOUNTED for y in registered_here),
        "recognitions": sum(y1 <= y.year <= y2 and y.status == Status.RECOGNISED for y in registered_here),
        "new": sum(bool(counted(p)) and y1 <= min(y.year for y in counted(p)) <= y2 for p in mine),
        "recognized": sum(
            any(y1 <= y.year <= y2 and y.status == Status.RECOGNISED for y in p.years) for p in mine
        ),
        "exemplary": sum(any(y1 <= y.year <= y2 and y.exemplary for y in p.years) for p in mine),
        "cumulative": len(cumulative),
        "active": sum(active(p) for p in cumulative),
    }


def actual(figures) -> dict:
    return {
        "registrations": figures.registrations,
        "recognitions": figures.recognitions,
        "new": figures.new_initiatives.total,
        "recognized": figures.recognized.total,
        "exemplary": figures.exemplary.total,
        "cumulative": figures.cumulative_initiatives.total,
        "active": figures.active_initiatives.total,
    }


def names_in_scope(units: dict, unit) -> set[str]:
    scope = expand_scope([unit.pk])
    return {name for name, u in units.items() if u.pk in scope}


# --- properties ----------------------------------------------------------------------------------------------


@EXAMPLES
@given(history=HISTORIES, years=RANGES, root=st.sampled_from(["province", "b", "c", "n", "b1"]))
def test_totals_follow_the_definitions(units, history, years, root):
    def check():
        write(history, units)
        figures = compute_figures(units[root], years=years)
        assert actual(figures) == expected(history, names_in_scope(units, units[root]), *years)

    in_rollback(check)


@EXAMPLES
@given(history=HISTORIES, years=RANGES, root=st.sampled_from(["province", "b", "n"]))
def test_rows_add_up_and_figures_are_ordered(units, history, years, root):
    def check():
        write(history, units)
        figures = compute_figures(units[root], years=years)
        totals = {"registrations": figures.registrations, "recognized": figures.recognized.total}
        totals["new_initiatives"] = figures.new_initiatives.total
        for measure in MEASURES:
            for breakdown in (figures.by_unit, figures.by_sector):
                assert sum(getattr(r, measure) for r in breakdown) == totals[measure]
                for kind in InitiativeKind.values:
                    assert sum(r.by_kind[kind][measure] for r in breakdown) == _by_kind(
                        figures, measure, kind
                    )
            for line in figures.by_unit:
                assert sum(getattr(cell, measure) for cell in line.by_sector.values()) == getattr(
                    line, measure
                )
        assert sum(y.registrations for y in figures.by_year) == figures.registrations
        assert sum(y.new_initiatives for y in figures.by_year) == figures.new_initiatives.total
        for kind in ("total", *InitiativeKind.values):
            assert getattr(figures.new_initiatives, kind) <= getattr(figures.cumulative_initiatives, kind)
            assert getattr(figures.active_initiatives, kind) <= getattr(figures.cumulative_initiatives, kind)
            assert getattr(figures.exemplary, kind) <= getattr(figures.recognized, kind)
        registered = {
            (p.unit, i)
            for i, p in enumerate(history)
            if p.unit in names_in_scope(units, units[root])
            for y in p.years
            if y.status not in UNCOUNTED and years[0] <= y.year <= years[1]
        }
        assert figures.recognized.total <= len(registered)

    in_rollback(check)


def _by_kind(figures, measure: str, kind: str) -> int:
    if measure == "registrations":
        return sum(r.by_kind[kind]["registrations"] for r in figures.by_sector)
    return getattr(getattr(figures, measure), kind)


@EXAMPLES
@given(history=HISTORIES, years=RANGES)
def test_a_new_commune_is_its_predecessors_plus_its_own_records(units, history, years):
    def check():
        write(history, units)
        whole = actual(compute_figures(units["n"], years=years))
        parts = [actual(compute_figures(units[name], years=years)) for name in ("b1", "c1")]
        own = expected(history, {"n"}, *years)
        assert whole == {key: sum(p[key] for p in parts) + own[key] for key in whole}

    in_rollback(check)
