"""The statistics service gives the figures of the two seed reports from the demo data."""

import pytest

from dvk.demo.loader import load_demo
from dvk.reports.figures import compute_figures, find_phase
from dvk.units.models import Unit


@pytest.fixture
def demo(db):
    load_demo()


def figures(code, phase_code):
    unit = Unit.objects.get(code=code)
    return compute_figures(unit, phase=find_phase(unit, phase_code)).as_json()


def test_na_hang_2020_2022(demo):
    data = figures("072", "2020-2022")
    assert data["unit"] == {"code": "072", "name": "Huyện Na Hang"}
    assert data["phase"] == {"code": "2020-2022", "start_year": 2020, "end_year": 2022}
    assert data["new_initiatives"] == {"total": 126, "collective": 22, "individual": 104}
    assert data["cumulative_initiatives"]["total"] == 995
    assert data["commended"] == {"total": 33, "collective": 15, "individual": 18}


def test_bac_kan_2021_2023(demo):
    data = figures("058", "2021-2023")
    assert data["registrations"] == 596
    assert data["recognized"]["total"] == 397
    assert data["commended"] == {"total": 20, "collective": 18, "individual": 2}


@pytest.mark.parametrize(("code", "phase_code"), [("072", "2020-2022"), ("058", "2021-2023")])
def test_breakdowns_add_up_to_the_totals(demo, code, phase_code):
    data = figures(code, phase_code)
    for breakdown in ("by_unit", "by_sector"):
        for measure in ("registrations", "recognized", "new_initiatives"):
            total = data[measure] if measure == "registrations" else data[measure]["total"]
            assert sum(row[measure] for row in data[breakdown]) == total, (breakdown, measure)
    assert sum(row["registrations"] for row in data["by_year"]) == data["registrations"]
    assert sum(row["new_initiatives"] for row in data["by_year"]) == data["new_initiatives"]["total"]


def test_a_province_counts_merged_communes_once(demo):
    """Na Hang's communes are under the district and merged into new communes of the same province: the province's
    child rows must not count them twice."""
    tuyen_quang = Unit.objects.get(code="08")
    data = compute_figures(tuyen_quang, years=(2020, 2022)).as_json()
    assert sum(row["registrations"] for row in data["by_unit"]) == data["registrations"]
    assert data["new_initiatives"]["total"] == 126


def test_a_new_commune_reports_what_its_predecessors_did(demo):
    new_commune = Unit.objects.get(code="02281")  # xã Na Hang = thị trấn Na Hang + xã Năng Khả
    total = compute_figures(new_commune, years=(2020, 2022)).registrations
    parts = sum(
        compute_figures(Unit.objects.get(code=code), years=(2020, 2022)).registrations
        for code in ("02239", "02254")
    )
    assert total == parts > 0
