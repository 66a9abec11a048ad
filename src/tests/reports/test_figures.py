"""Each figure of DESIGN §5 on small hand-built histories: what counts, what does not, and where it counts.

The `tree` fixture: tỉnh A > huyện B (xã B1, xã B2), huyện C (xã C1). Histories are written straight to the tables
(as an import of old registers would), then the initiatives' roll-ups are refreshed by the service the workflow
uses.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dvk.campaigns.models import AwardForm, Sector
from dvk.commendations.models import Commendation, Honoree
from dvk.evaluations.models import Recognition
from dvk.initiatives.enums import InitiativeKind, Status, YearOutcome
from dvk.initiatives.models import Initiative
from dvk.initiatives.services import refresh_initiative_rollups
from dvk.reports.figures import OWN_ROW, compute_figures, find_phase, find_unit
from dvk.reports.rows import Partition, row_units
from dvk.units.models import UnitKind
from dvk.units.selectors import expand_scope
from tests.factories import InitiativeFactory, PhaseFactory, RegistrationFactory, make_unit

COLLECTIVE, INDIVIDUAL = InitiativeKind.COLLECTIVE, InitiativeKind.INDIVIDUAL
RECOGNISED, NOT_RECOGNISED = Status.RECOGNISED, Status.NOT_RECOGNISED
STOPPED, CONTINUED = YearOutcome.STOPPED, YearOutcome.CONTINUED
RANGE = (2020, 2022)


def model(unit, *years, kind=COLLECTIVE, sector=None) -> Initiative:
    """An initiative of `unit` with one registration per entry of `years`: a year, or a tuple
    (year, status[, outcome[, "exemplary"]]). A bare year is a recognised registration."""
    initiative = InitiativeFactory(unit=unit, kind=kind, sector=sector or Sector.objects.order_by("order")[0])
    for entry in years:
        year, status, outcome, *flags = (
            (*entry, "", "")[:4] if isinstance(entry, tuple) else (entry, RECOGNISED, "")
        )
        registration = RegistrationFactory(
            initiative=initiative, unit=unit, year=year, status=status, outcome=outcome
        )
        if status in (RECOGNISED, NOT_RECOGNISED):
            Recognition.objects.create(
                registration=registration, recognised=status == RECOGNISED, is_exemplary="exemplary" in flags
            )
    refresh_initiative_rollups([initiative.pk])
    return initiative


def figures(unit, years=RANGE, **kwargs):
    return compute_figures(unit, years=years, **kwargs)


def row(result, unit):
    return next(r for r in result.by_unit if r.unit_id == unit.pk and not r.is_own)


def own(result):
    return next(r for r in result.by_unit if r.is_own)


# --- registrations -------------------------------------------------------------------------------------------


def test_registrations_count_every_status_but_draft_and_withdrawn(tree):
    for status in Status:
        model(tree.b1, (2021, status))
    result = figures(tree.b)
    assert result.registrations == len(Status) - 2
    assert result.by_year[1].registrations == len(Status) - 2


def test_a_returned_registration_counts_as_a_registration(tree):
    model(tree.b1, (2021, Status.RETURNED))
    assert figures(tree.b).registrations == 1


def test_registrations_outside_the_years_or_the_subtree_do_not_count(tree):
    model(tree.b1, 2019, 2020, 2022, 2023)
    model(tree.c1, 2021)
    result = figures(tree.b)
    assert result.registrations == 2
    assert [y.registrations for y in result.by_year] == [1, 0, 1]


def test_recognitions_count_each_positive_recognition(tree):
    model(tree.b1, 2020, 2021, (2022, NOT_RECOGNISED))
    result = figures(tree.b)
    assert result.recognitions == 2
    assert result.recognized.total == 1


# --- new and cumulative initiatives --------------------------------------------------------------------------


def test_new_initiatives_are_first_registered_in_the_years(tree):
    model(tree.b1, 2019, 2020)  # registered before: not new
    model(tree.b1, 2021, kind=INDIVIDUAL)
    model(
        tree.b1, (2019, Status.WITHDRAWN), (2020, Status.DRAFT), (2022, Status.SUBMITTED)
    )  # first counted: 2022
    model(tree.b1, 2023)  # after the range
    result = figures(tree.b)
    assert result.new_initiatives.total == 2
    assert (result.new_initiatives.collective, result.new_initiatives.individual) == (1, 1)
    assert [y.new_initiatives for y in result.by_year] == [0, 1, 1]


def test_cumulative_initiatives_are_every_one_registered_by_the_last_year(tree):
    model(tree.b1, 2012)
    model(tree.b2, 2019, 2020)
    model(tree.b2, 2021)
    model(tree.b2, (2018, Status.DRAFT))  # never counted
    model(tree.b2, 2023)  # after the range
    result = figures(tree.b)
    assert result.cumulative_initiatives.total == 3
    assert result.new_initiatives.total == 1
    assert result.new_initiatives.total <= result.cumulative_initiatives.total


# --- recognised and exemplary --------------------------------------------------------------------------------


def test_an_initiative_recognised_in_two_years_counts_once(tree):
    model(tree.b1, 2020, 2021, kind=INDIVIDUAL)
    result = figures(tree.b)
    assert result.recognized.total == result.recognized.individual == 1
    assert row(result, tree.b1).recognized == 1
    assert [y.recognized for y in result.by_year] == [1, 1, 0]


def test_an_initiative_recognised_before_the_years_counts_when_recognised_again(tree):
    model(tree.b1, 2018, (2020, NOT_RECOGNISED), 2021, 2022)  # recognised again in the range: counts once
    model(tree.b1, 2019, (2020, NOT_RECOGNISED))  # not again: does not count
    model(tree.b1, 2017, (2018, CONTINUED), (2021, NOT_RECOGNISED))
    result = figures(tree.b)
    assert result.recognized.total == 1
    assert result.recognitions == 2


def test_not_recognised_and_undecided_registrations_are_not_recognised(tree):
    model(tree.b1, (2021, NOT_RECOGNISED), (2022, Status.UNDER_REVIEW))
    assert figures(tree.b).recognized.total == 0


def test_exemplary_counts_distinct_initiatives_recognised_as_exemplary(tree):
    model(tree.b1, (2020, RECOGNISED, "", "exemplary"), (2021, RECOGNISED, "", "exemplary"))
    model(tree.b2, 2021, kind=INDIVIDUAL)  # recognised, not exemplary
    model(tree.b2, (2019, RECOGNISED, "", "exemplary"), 2020)  # exemplary before the range only
    result = figures(tree.b)
    assert (result.exemplary.total, result.exemplary.collective) == (1, 1)
    assert row(result, tree.b1).exemplary == 1
    assert [y.exemplary for y in result.by_year] == [1, 1, 0]


# --- active initiatives --------------------------------------------------------------------------------------


def test_a_stopped_initiative_leaves_the_active_ones(tree):
    model(tree.b1, (2019, RECOGNISED, CONTINUED), (2020, RECOGNISED, STOPPED))  # stopped before 2022
    model(tree.b1, (2021, RECOGNISED, STOPPED))  # stopped before 2022
    model(tree.b1, (2021, RECOGNISED, CONTINUED), (2022, RECOGNISED, STOPPED))  # stopped at the end of 2022
    model(tree.b1, (2015, RECOGNISED, CONTINUED))  # never stopped
    result = figures(tree.b)
    assert result.cumulative_initiatives.total == 4
    assert result.active_initiatives.total == 2


def test_an_initiative_registered_again_after_stopping_is_active(tree):
    model(tree.b1, (2016, RECOGNISED, STOPPED), (2019, RECOGNISED, CONTINUED), (2020, RECOGNISED, CONTINUED))
    model(tree.b1, (2014, RECOGNISED, STOPPED), (2016, RECOGNISED, STOPPED))  # stopped twice, both before
    model(tree.b1, (2015, RECOGNISED, STOPPED), (2018, RECOGNISED, STOPPED), (2023, RECOGNISED, CONTINUED))
    model(tree.b1, (2017, RECOGNISED, STOPPED), (2019, Status.WITHDRAWN))  # withdrawn: not a restart
    result = figures(tree.b)
    assert result.cumulative_initiatives.total == 4
    assert result.active_initiatives.total == 1


# --- commended -----------------------------------------------------------------------------------------------


def decision(unit, number, day, phase=None):
    return Commendation.objects.create(
        number=number,
        date=day,
        issuing_unit=unit,
        award_form=AwardForm.objects.order_by("order")[0],
        authority="government",
        phase=phase,
    )


def honour(commendation, unit, *names, kind=COLLECTIVE):
    for name in names:
        Honoree.objects.create(commendation=commendation, kind=kind, name=name, unit=unit)


def test_commended_counts_honorees_in_the_scope_of_the_phase_decisions(tree):
    phase = PhaseFactory(launched_by=tree.b)
    in_phase = decision(tree.b, "1/QĐ", date(2022, 10, 14), phase)
    honour(in_phase, tree.b1, "Chi hội phụ nữ thôn 1", "Chi đoàn thôn 2")
    honour(in_phase, tree.b2, "Nguyễn Văn A", kind=INDIVIDUAL)
    honour(in_phase, tree.c1, "Tổ tự quản C1")  # outside B's subtree
    honour(decision(tree.b, "2/QĐ", date(2022, 5, 1)), tree.b1, "Không thuộc giai đoạn")
    result = compute_figures(tree.b, phase=phase)
    assert (result.commended.total, result.commended.collective, result.commended.individual) == (3, 2, 1)


def test_with_a_year_range_commended_counts_decisions_dated_in_those_years(tree):
    phase = PhaseFactory(launched_by=tree.b, start_year=2017, end_year=2019, code="2017-2019")
    honour(decision(tree.b, "1/QĐ", date(2021, 3, 1), phase), tree.b1, "Theo ngày, khác giai đoạn")
    honour(decision(tree.b, "2/QĐ", date(2022, 12, 31)), tree.b2, "Không có giai đoạn")
    honour(decision(tree.b, "3/QĐ", date(2023, 1, 1)), tree.b2, "Sau khoảng năm")
    assert figures(tree.b).commended.total == 2
    assert compute_figures(tree.b, phase=phase).commended.total == 1


def test_a_phase_and_a_year_range_give_the_same_figures_but_commended(tree):
    phase = PhaseFactory(launched_by=tree.province)
    model(tree.b1, 2019, 2020, (2021, RECOGNISED, STOPPED))
    model(tree.c1, (2022, NOT_RECOGNISED))
    by_phase = compute_figures(tree.b, phase=phase).as_json()
    by_years = figures(tree.b).as_json()
    assert by_phase == by_years
    assert find_phase(tree.b1, "2020-2022") == phase


def test_a_phase_or_a_year_range_is_required_but_not_both(tree):
    phase = PhaseFactory(launched_by=tree.b)
    with pytest.raises(ValueError, match="needs a phase"):
        compute_figures(tree.b)
    with pytest.raises(ValueError, match="not both"):
        compute_figures(tree.b, phase=phase, years=RANGE)
    with pytest.raises(ValueError, match="ends before"):
        compute_figures(tree.b, years=(2022, 2020))


# --- breakdowns ----------------------------------------------------------------------------------------------


def test_child_rows_and_the_own_row_add_up_to_the_parent(tree):
    model(tree.b, 2021)  # the district's own ("trực thuộc")
    model(tree.b1, 2020, 2021, kind=INDIVIDUAL)
    model(tree.b2, (2022, NOT_RECOGNISED))
    result = figures(tree.b)
    assert [(r.name, r.is_own) for r in result.by_unit] == [
        ("Huyện B", True),
        ("Xã B1", False),
        ("Xã B2", False),
    ]
    assert [(r.registrations, r.recognized, r.new_initiatives) for r in result.by_unit] == [
        (1, 1, 1),
        (2, 1, 1),
        (1, 0, 1),
    ]
    assert own(result).by_kind[COLLECTIVE]["registrations"] == 1
    assert row(result, tree.b1).by_kind[INDIVIDUAL]["recognized"] == 1


def test_records_of_grandchildren_count_in_their_child_row(tree):
    model(tree.b1, 2021)
    model(tree.c1, 2021, 2022)
    result = figures(tree.province)
    assert [(r.name, r.registrations) for r in result.by_unit] == [
        ("Tỉnh A", 0),
        ("Huyện B", 1),
        ("Huyện C", 2),
    ]


def test_sector_rows_and_unit_sector_cells_split_by_kind(tree):
    first, second = Sector.objects.order_by("order")[:2]
    model(tree.b1, 2021, sector=first)
    model(tree.b1, 2021, 2022, sector=second, kind=INDIVIDUAL)
    model(tree.b2, 2020, sector=second)
    result = figures(tree.b)
    by_sector = {s.sector_id: s for s in result.by_sector}
    assert (by_sector[first.pk].registrations, by_sector[second.pk].registrations) == (1, 3)
    assert by_sector[second.pk].by_kind[INDIVIDUAL]["registrations"] == 2
    cells = row(result, tree.b1).by_sector
    assert (cells[first.pk].registrations, cells[second.pk].registrations) == (1, 2)
    assert cells[second.pk].by_kind[INDIVIDUAL] == {
        "registrations": 2,
        "recognized": 1,
        "new_initiatives": 1,
        "exemplary": 0,
    }
    assert len(result.by_sector) == Sector.objects.count()


def test_years_without_records_still_have_a_row(tree):
    result = figures(tree.b, years=(2009, 2025))
    assert [y.year for y in result.by_year] == list(range(2009, 2026))
    assert result.registrations == 0


# --- merges --------------------------------------------------------------------------------------------------


@pytest.fixture
def reform(tree):
    """2025: xã B1 and xã C1 (of two districts) merge into a new xã N directly under the province; xã C1 has a
    hamlet-level unit under it, and huyện C is merged straight into huyện B."""
    new = make_unit("Xã N", parent=tree.province, kind=UnitKind.COMMUNE, valid_from=date(2025, 7, 1))
    hamlet = make_unit("Tổ C1a", parent=tree.c1, kind=UnitKind.AGENCY)
    for old in (tree.b1, tree.c1):
        old.merged_into = new
        old.valid_to = date(2025, 6, 30)
        old.save(update_fields=["merged_into", "valid_to"])
    return new, hamlet


def test_a_new_commune_reports_its_predecessors_in_their_own_rows(tree, reform):
    new, hamlet = reform
    model(tree.b1, 2021)
    model(hamlet, 2022)
    model(new, (2025, Status.SUBMITTED))
    result = figures(new, years=(2020, 2025))
    assert [(r.name, r.is_own, r.registrations) for r in result.by_unit] == [
        ("Xã N", True, 1),
        ("Xã B1", False, 1),
        ("Xã C1", False, 1),  # the hamlet under xã C1 counts with it
    ]
    assert result.registrations == 3


def test_a_predecessor_merged_from_elsewhere_in_the_tree_is_counted_once(tree, reform):
    model(tree.b1, 2021)
    model(tree.c1, 2021)
    result = figures(tree.province)
    assert result.registrations == 2
    rows = {r.name: r.registrations for r in result.by_unit}
    assert rows == {"Tỉnh A": 0, "Huyện B": 1, "Huyện C": 1, "Xã N": 0}  # by the tree as it was


def test_a_unit_merged_straight_into_the_scope_unit_gets_its_own_row(tree):
    tree.c.merged_into = tree.b
    tree.c.save(update_fields=["merged_into"])
    model(tree.c1, 2021)
    model(tree.b2, 2021, 2022)
    result = figures(tree.b)
    assert [(r.name, r.registrations) for r in result.by_unit] == [
        ("Huyện B", 0),
        ("Xã B1", 0),
        ("Xã B2", 2),
        ("Huyện C", 1),
    ]


def test_row_units_places_every_unit_of_the_scope_in_exactly_one_row(tree, reform):
    new, hamlet = reform
    heads, assignment = row_units(new, expand_scope([new.pk]))
    assert [h.name for h in heads] == ["Xã B1", "Xã C1"]
    assert assignment == {
        new.pk: OWN_ROW,
        tree.b1.pk: tree.b1.pk,
        tree.c1.pk: tree.c1.pk,
        hamlet.pk: tree.c1.pk,
    }
    scope = expand_scope([tree.province.pk])
    heads, assignment = row_units(tree.province, scope)
    assert [h.name for h in heads] == ["Huyện B", "Huyện C", "Xã N"]
    assert set(assignment) == scope
    assert (assignment[tree.b1.pk], assignment[hamlet.pk], assignment[new.pk]) == (
        tree.b.pk,
        tree.c.pk,
        new.pk,
    )
    assert assignment[tree.province.pk] == OWN_ROW


def test_find_unit_by_code(tree):
    assert find_unit(tree.b1.code) == tree.b1
    assert find_unit("không-có") is None


# --- cost ----------------------------------------------------------------------------------------------------


def count_queries(unit) -> int:
    with CaptureQueriesContext(connection) as queries:
        compute_figures(unit, years=RANGE)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(tree, reform):
    model(tree.b1, 2021)
    few = count_queries(tree.province)
    for unit in (tree.b, tree.b1, tree.b2, tree.c, tree.c1, reform[0], reform[1]):
        for year in (2018, 2020, 2021):
            model(unit, year, (year + 1, RECOGNISED, STOPPED, "exemplary"), kind=INDIVIDUAL)
    for n in range(5):
        make_unit(f"Xã B{n + 3}", parent=tree.b)
    assert count_queries(tree.province) == few


def test_the_partition_reads_only_the_units_that_decide_rows_and_places_them_as_row_units_does(tree, reform):
    new, hamlet = reform
    # A unit under a predecessor merged into a unit outside the scope: it stays in its predecessor's row.
    elsewhere = make_unit("Xã ngoài", parent=tree.province, kind=UnitKind.COMMUNE)
    hamlet.merged_into = elsewhere
    hamlet.save(update_fields=["merged_into"])
    for unit in (new, tree.province, tree.b, tree.c, tree.c1):
        partition = Partition.of(unit)
        heads, assignment = row_units(unit, expand_scope([unit.pk]))
        assert partition.heads == heads
        assert partition.assignment == {pk: assignment[pk] for pk in partition.assignment}
    assert Partition.of(new).assignment[hamlet.pk] == tree.c1.pk
    assert Partition.of(tree.province).outside == []  # the whole tree is under its path


def test_a_range_wider_than_the_registration_years_counts_what_exists(tree):
    model(tree.b1, 2021)
    result = figures(tree.province, years=(1990, 2100))
    assert result.registrations == 1
    assert [y.year for y in result.by_year] == list(range(1990, 2101))
    assert sum(y.registrations for y in result.by_year) == 1
