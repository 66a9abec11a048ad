"""The dashboard: figures of the user's scope, the same numbers as the statistics service, each linked to the
list of the records behind it; charts fed by json_script; the child units that registered nothing."""

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from dvk.accounts.models import User
from dvk.demo.loader import load_demo
from dvk.reports.figures import compute_figures, find_phase
from dvk.units.models import Unit
from tests.reports.test_report_services import build_data


@pytest.fixture
def data(tree):
    return build_data(tree)


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def card_values(html: str) -> dict[str, int]:
    return {k: int(v.replace(".", "")) for k, v in re.findall(r'data-figure="(\w+)">([\d.]+)<', html)}


def card_links(html: str) -> dict[str, dict]:
    links = re.findall(r'href="([^"]+)" data-figure="(\w+)"', html)
    return {key: parse_qs(urlparse(url.replace("&amp;", "&")).query) for url, key in links}


def test_the_secretariat_sees_its_unit_and_phase_by_default(data, tree, people, as_user):
    html = page(as_user(people.secretariat).get(reverse("dashboard:index")))
    figures = compute_figures(tree.b, phase=data.phase)
    assert "Số liệu phong trào · Huyện B" in html
    assert "Giai đoạn 2020-2022" in html
    assert card_values(html) == {
        "registrations": figures.registrations,
        "new_initiatives": figures.new_initiatives.total,
        "recognized": figures.recognized.total,
        "exemplary": figures.exemplary.total,
        "cumulative_initiatives": figures.cumulative_initiatives.total,
        "active_initiatives": figures.active_initiatives.total,
        "commended": figures.commended.total,
    }
    assert card_values(html)["registrations"] == 3
    assert "Huyện C" not in html
    assert "Xã C1" not in html


def test_every_number_links_to_the_records_behind_it(data, tree, people, as_user):
    html = page(as_user(people.secretariat).get(reverse("dashboard:index")))
    links = card_links(html)
    unit, phase = [str(tree.b.pk)], [str(data.phase.pk)]
    assert links["registrations"] == {"unit": unit, "phase": phase, "status": ["counted"]}
    assert links["exemplary"] == {"unit": unit, "phase": phase, "exemplary": ["1"]}
    assert links["recognized"] == {"unit": unit, "phase": phase, "status": ["recognised"]}
    assert links["new_initiatives"] == {"unit": unit, "first_year_from": ["2020"], "first_year_to": ["2022"]}
    assert f"{reverse('initiatives:registrations')}?unit={tree.b1.pk}&amp;phase={data.phase.pk}" in html
    assert "kind=individual" in html
    assert "sector=" in html


def test_charts_receive_their_data_as_json(data, tree, people, as_user):
    html = page(as_user(people.secretariat).get(reverse("dashboard:index")))
    charts = json.loads(
        re.search(r'<script id="dashboard-charts" type="application/json">(.*?)</script>', html)[1]
    )
    assert charts["year"]["labels"] == ["2020", "2021", "2022"]
    assert charts["year"]["datasets"][0]["data"] == [1, 1, 1]
    assert charts["unit"]["labels"] == ["Xã B1", "Xã B2"]
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "dvk/dashboard.js" in html
    assert "<script>" not in html  # no inline script


def test_a_year_range_and_the_units_that_registered_nothing(data, tree, people, as_user):
    client = as_user(people.viewer)
    html = page(
        client.get(reverse("dashboard:index"), {"unit": tree.b.pk, "year_from": 2021, "year_to": 2021})
    )
    assert card_values(html)["registrations"] == 1
    assert "Đơn vị chưa đăng ký mô hình năm 2021" in html
    silent = html.split('id="silent-units"')[1].split("</div></div>")[0]
    assert "Xã B2" in silent
    assert "Xã B1" not in silent
    assert "year=2021" in html


def test_the_viewer_reads_the_province_and_a_sibling_unit_is_out_of_reach(data, tree, people, as_user):
    html = page(as_user(people.viewer).get(reverse("dashboard:index")))
    assert "Số liệu phong trào · Tỉnh A" in html
    assert "Huyện C" in html
    response = as_user(people.secretariat).get(reverse("dashboard:index"), {"unit": tree.c.pk})
    assert response.status_code == 404


def test_a_user_without_units_is_told_why(tree, people, as_user):
    html = page(as_user(people.nobody).get(reverse("dashboard:index")))
    assert "chưa được phân công" in html


def test_the_dashboard_is_in_the_navigation(tree, people, as_user):
    html = page(as_user(people.staff).get(reverse("home")))
    assert f'href="{reverse("dashboard:index")}"' in html
    assert f'href="{reverse("reports:list")}"' in html


@pytest.mark.slow  # loads the full demo
def test_the_demo_dashboard_shows_the_seed_figures(db, client):
    load_demo()
    na_hang = Unit.objects.get(code="072")
    client.force_login(User.objects.get(username="thuongtruc"))
    query = {"unit": na_hang.pk, "phase": find_phase(na_hang, "2020-2022").pk}
    values = card_values(page(client.get(reverse("dashboard:index"), query)))
    assert (values["new_initiatives"], values["cumulative_initiatives"], values["commended"]) == (
        126,
        995,
        33,
    )
