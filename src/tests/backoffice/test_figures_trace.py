"""Every figure links to the records behind it: the list a dashboard number opens holds exactly that many rows."""

import pytest

from dvk.demo.loader import load_demo
from dvk.initiatives.selectors import ListFilters, initiatives_for_user, registrations_for_user
from dvk.reports.figures import compute_figures, find_phase
from dvk.units.models import Unit

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def admin(demo, django_user_model):
    return django_user_model.objects.get(username="admin")


@pytest.mark.parametrize(("code", "phase_code"), [("072", "2020-2022"), ("058", "2021-2023")])
def test_each_figure_equals_the_length_of_its_list(admin, code, phase_code):
    unit = Unit.objects.get(code=code)
    phase = find_phase(unit, phase_code)
    figures = compute_figures(unit, phase=phase)
    years = {"year_from": phase.start_year, "year_to": phase.end_year}

    def initiatives(**filters):
        return initiatives_for_user(admin, ListFilters(unit=unit, **filters)).count()

    def registrations(**filters):
        return registrations_for_user(admin, ListFilters(unit=unit, **filters)).count()

    assert registrations(status="counted", **years) == figures.registrations
    assert initiatives(status="recognised", **years) == figures.recognized.total
    assert initiatives(status="recognised", exemplary=True, **years) == figures.exemplary.total
    assert initiatives(first_year_from=phase.start_year, first_year_to=phase.end_year) == (
        figures.new_initiatives.total
    )
    assert (
        initiatives(first_year_to=phase.end_year, kind="collective")
        == figures.cumulative_initiatives.collective
    )
    assert (
        initiatives(first_year_to=phase.end_year, active_in=phase.end_year)
        == figures.active_initiatives.total
    )
