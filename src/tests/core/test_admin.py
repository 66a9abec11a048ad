"""Administrators edit the catalogues in Django's admin; the audit trail there is read-only."""

import pytest

from dvk.campaigns.models import Sector


@pytest.fixture
def admin_client(client, people):
    client.force_login(people.admin)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/campaigns/sector/",
        "/admin/campaigns/awardform/",
        "/admin/campaigns/phase/",
        "/admin/campaigns/criteriaset/",
        "/admin/units/unit/",
        "/admin/units/membership/",
        "/admin/core/auditevent/",
    ],
)
def test_the_admin_lists_open(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_an_administrator_adds_a_sector(admin_client):
    response = admin_client.post(
        "/admin/campaigns/sector/add/",
        {"code": "nong-thon-moi", "name": "Xây dựng nông thôn mới", "order": 5, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Sector.objects.filter(name="Xây dựng nông thôn mới").exists()


def test_unit_staff_cannot_open_the_admin(client, people):
    client.force_login(people.staff)
    assert client.get("/admin/campaigns/sector/").status_code == 302
