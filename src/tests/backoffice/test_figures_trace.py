"""Every figure links to the records behind it: the list a dashboard number opens holds exactly that many rows."""

import pytest

from dvk.demo.loader import load_demo
from dvk.evaluations.models import Recognition
from dvk.initiatives.rollups import refresh_initiative_rollups
from dvk.initiatives.selectors import ListFilters, initiatives_for_user, registrations_for_user
from dvk.reports.figures import compute_figures, find_phase
from dvk.units.models import Unit
from tests.factories import InitiativeFactory, RegistrationFactory


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def admin(demo, django_user_model):
    return django_user_model.objects.get(username="admin")


def assert_each_figure_lists_its_records(user, unit, start: int, end: int, figures) -> None:
    years = {"year_from": start, "year_to": end}

    def initiatives(**filters):
        return initiatives_for_user(user, ListFilters(unit=unit, **filters)).count()

    def registrations(**filters):
        return registrations_for_user(user, ListFilters(unit=unit, **filters)).count()

    assert registrations(status="counted", **years) == figures.registrations
    assert registrations(status="recognised", **years) == figures.recognitions
    assert initiatives(status="recognised", **years) == figures.recognized.total
    assert initiatives(status="recognised", exemplary=True, **years) == figures.exemplary.total
    assert initiatives(first_year_from=start, first_year_to=end) == figures.new_initiatives.total
    assert initiatives(first_year_to=end, kind="collective") == figures.cumulative_initiatives.collective
    assert initiatives(first_year_to=end, active_in=end) == figures.active_initiatives.total


@pytest.mark.slow
@pytest.mark.parametrize(("code", "phase_code"), [("072", "2020-2022"), ("058", "2021-2023")])
def test_each_figure_equals_the_length_of_its_list(admin, code, phase_code):
    unit = Unit.objects.get(code=code)
    phase = find_phase(unit, phase_code)
    figures = compute_figures(unit, phase=phase)
    assert_each_figure_lists_its_records(admin, unit, phase.start_year, phase.end_year, figures)


def _history(tree) -> None:
    """What the demo lacks: a restart after a stop, an initiative taken over by another unit, one registered by
    several units, an initiative exemplary in two years."""
    plans = [
        (tree.b1, [(2018, "recognised", "stopped", tree.b1), (2021, "recognised", "continued", tree.b1)]),
        (tree.b1, [(2019, "accepted", "stopped", tree.b1)]),
        (tree.b2, [(2020, "recognised", "continued", tree.b1), (2022, "recognised", "continued", tree.b2)]),
        (
            tree.c1,
            [
                (2020, "accepted", "", tree.b1),
                (2021, "recognised", "", tree.b2),
                (2022, "submitted", "", tree.c1),
            ],
        ),
        (tree.c1, [(2020, "recognised", "continued", tree.c1), (2021, "recognised", "continued", tree.c1)]),
        (tree.b, [(2022, "draft", "", tree.b), (2021, "withdrawn", "", tree.b)]),
    ]
    ids = []
    for owner, years in plans:
        initiative = InitiativeFactory(unit=owner)
        for year, status, outcome, unit in years:
            registration = RegistrationFactory(
                initiative=initiative, unit=unit, year=year, status=status, outcome=outcome
            )
            if status == "recognised":
                Recognition.objects.create(
                    registration=registration, recognised=True, is_exemplary=year >= 2020
                )
        ids.append(initiative.pk)
    refresh_initiative_rollups(ids)


@pytest.mark.parametrize("name", ["province", "b", "c", "b1", "c1"])
def test_restarts_takeovers_and_many_units_list_what_the_figures_count(tree, django_user_model, name):
    _history(tree)
    admin = django_user_model.objects.create_superuser("quantri", password="mat-khau-dai-123")
    unit = getattr(tree, name)
    for start, end in [(2020, 2022), (2021, 2021), (2018, 2020)]:
        figures = compute_figures(unit, years=(start, end))
        assert_each_figure_lists_its_records(admin, unit, start, end, figures)
    # Counted by hand from _history: registrations 1 + 2 + 3 + 2 in 2020-2022; active at 2022: all registered
    # by then but the one stopped in 2019 (the one stopped in 2018 restarted in 2021).
    province = compute_figures(tree.province, years=(2020, 2022))
    assert (province.registrations, province.active_initiatives.total) == (8, 4)
