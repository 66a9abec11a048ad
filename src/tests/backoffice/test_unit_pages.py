from datetime import date

import pytest
from django.urls import reverse

from dvk.accounts.roles import Role
from dvk.core.audit import events_for
from dvk.units.models import Membership, Unit, UnitKind
from tests.factories import InitiativeFactory, make_user


def page(response) -> str:
    return response.content.decode()


def test_the_tree_offers_actions_only_on_manageable_units(tree, people, as_user):
    html = page(as_user(people.secretariat).get(reverse("units:list")))
    for unit in (tree.b, tree.b1, tree.b2):
        assert reverse("units:edit", args=[unit.pk]) in html
    assert reverse("units:move", args=[tree.b1.pk]) in html
    assert reverse("units:move", args=[tree.b.pk]) not in html  # nowhere to go inside its own scope
    assert "Sáp nhập đơn vị" in html
    assert "Thêm đơn vị cấp cao nhất" not in html
    assert "Huyện C" not in html


def test_the_tree_offers_no_action_to_readers(tree, people, as_user):
    html = page(as_user(people.viewer).get(reverse("units:list")))
    assert "Huyện C" in html
    assert "/sua/" not in html
    assert "Sáp nhập đơn vị" not in html


def test_the_administrator_may_add_a_root_unit(tree, people, as_user):
    client = as_user(people.admin)
    assert "Thêm đơn vị cấp cao nhất" in page(client.get(reverse("units:list")))
    response = client.post(
        reverse("units:create_root"),
        {"code": "TP", "name": "Tỉnh P", "kind": UnitKind.PROVINCE, "document_layout": "party"},
    )
    unit = Unit.objects.get(code="TP")
    assert response.status_code == 302
    assert unit.is_root()


def test_a_secretariat_adds_a_child_unit(tree, people, as_user):
    client = as_user(people.secretariat)
    url = reverse("units:create_child", args=[tree.b.pk])
    assert "Thêm đơn vị trực thuộc “Huyện B”" in page(client.get(url))
    response = client.post(
        url,
        {
            "code": "XB3",
            "name": "Xã B3",
            "kind": UnitKind.COMMUNE,
            "valid_from": "2025-07-01",
            "document_layout": "party",
        },
        follow=True,
    )
    unit = Unit.objects.get(code="XB3")
    assert Unit.objects.get_parent(unit) == tree.b
    assert unit.valid_from == date(2025, 7, 1)
    assert "Đã thêm đơn vị “Xã B3”." in page(response)


def test_a_duplicate_code_comes_back_as_a_form_error(tree, people, as_user):
    response = as_user(people.secretariat).post(
        reverse("units:create_child", args=[tree.b.pk]),
        {
            "code": tree.c1.code.lower(),
            "name": "Xã trùng",
            "kind": UnitKind.COMMUNE,
            "document_layout": "party",
        },
    )
    assert response.status_code == 200
    assert f"Mã đơn vị “{tree.c1.code.lower()}” đã được dùng" in page(response)
    assert not Unit.objects.filter(name="Xã trùng").exists()


def test_edit_page_saves_names_validity_and_headers(tree, people, as_user):
    client = as_user(people.secretariat)
    url = reverse("units:edit", args=[tree.b1.pk])
    assert 'value="Xã B1"' in page(client.get(url))
    data = {
        "name": "Xã B1 mới",
        "kind": UnitKind.WARD,
        "valid_from": "2020-01-01",
        "valid_to": "",
        "document_layout": "state",
        "state_header_superior": "ỦY BAN NHÂN DÂN",
        "place_name": "B1",
    }
    assert client.post(url, data).status_code == 302
    unit = Unit.objects.get(pk=tree.b1.pk)
    assert (unit.name, unit.kind, unit.document_layout, unit.place_name) == (
        "Xã B1 mới",
        "ward",
        "state",
        "B1",
    )
    assert events_for(unit).get().actor == people.secretariat


def test_move_page_offers_only_units_of_the_scope(tree, people, as_user):
    client = as_user(people.secretariat)
    url = reverse("units:move", args=[tree.b2.pk])
    html = page(client.get(url))
    assert "Xã B1 (" in html
    assert "Huyện C" not in html
    assert f'value="{tree.b2.pk}"' not in html  # not under itself
    assert f'value="{tree.b.pk}"' not in html  # nor where it already is
    assert client.post(url, {"new_parent": tree.b1.pk}).status_code == 302
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree.b2.pk)) == tree.b1
    response = client.post(url, {"new_parent": tree.c.pk})
    assert "Hãy chọn một lựa chọn hợp lệ." in page(response)
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree.b2.pk)) == tree.b1


def test_merge_page_merges_and_keeps_the_records(tree, people, as_user):
    initiative = InitiativeFactory(unit=tree.b1)
    client = as_user(people.secretariat)
    html = page(client.get(reverse("units:merge") + f"?source={tree.b1.pk}"))
    assert "Xã C1" not in html
    response = client.post(
        reverse("units:merge"),
        {"sources": [tree.b1.pk], "into": tree.b2.pk, "effective_date": "2025-07-01"},
        follow=True,
    )
    assert "Đã sáp nhập “Xã B1” vào “Xã B2”." in page(response)
    assert "→ sáp nhập vào Xã B2" in page(response)
    merged = Unit.objects.get(pk=tree.b1.pk)
    assert (merged.merged_into_id, merged.valid_to, merged.is_active) == (
        tree.b2.pk,
        date(2025, 6, 30),
        False,
    )
    initiative.refresh_from_db()
    assert initiative.unit_id == tree.b1.pk


def test_a_refused_merge_is_explained_on_the_form(tree, people, as_user):
    response = as_user(people.secretariat).post(
        reverse("units:merge"), {"sources": [tree.b.pk], "into": tree.b1.pk, "effective_date": "2025-07-01"}
    )
    assert response.status_code == 200
    assert "vào đơn vị trực thuộc “Xã B1” của nó" in page(response)
    assert Unit.objects.get(pk=tree.b.pk).is_active


def test_deactivate_page_closes_a_unit_or_explains_why_not(tree, people, as_user):
    client = as_user(people.secretariat)
    response = client.post(reverse("units:deactivate", args=[tree.b.pk]), {"valid_to": "2025-06-30"})
    assert "còn 2 đơn vị trực thuộc đang hoạt động" in page(response)
    response = client.post(
        reverse("units:deactivate", args=[tree.b2.pk]), {"valid_to": "2025-06-30"}, follow=True
    )
    assert "Đơn vị “Xã B2” đã ngừng hoạt động." in page(response)
    assert not Unit.objects.get(pk=tree.b2.pk).is_active


@pytest.mark.parametrize("name", ["units:edit", "units:create_child", "units:move", "units:deactivate"])
def test_a_sibling_secretariat_gets_404_on_another_subtrees_units(tree, people, as_user, name):
    client = as_user(people.secretariat_c)
    assert client.get(reverse(name, args=[tree.b1.pk])).status_code == 404
    assert client.post(reverse(name, args=[tree.b1.pk]), {"name": "Chiếm"}).status_code == 404
    assert Unit.objects.get(pk=tree.b1.pk).name == "Xã B1"


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("staff", lambda t: reverse("units:edit", args=[t.b1.pk])),
        ("staff", lambda t: reverse("units:merge")),
        ("staff", lambda t: reverse("units:create_child", args=[t.b1.pk])),
        ("viewer", lambda t: reverse("units:deactivate", args=[t.b1.pk])),
        ("secretariat", lambda t: reverse("units:create_root")),
    ],
)
def test_management_pages_are_forbidden_without_the_permission(tree, people, as_user, who, url):
    assert as_user(getattr(people, who)).get(url(tree)).status_code == 403


def test_a_unit_visible_but_not_managed_is_forbidden(tree, people, as_user):
    officer = make_user(tree.b1, Role.SECRETARIAT, username="tt_b1")
    Membership.objects.create(user=officer, unit=tree.province, role=Role.VIEWER)
    client = as_user(officer)
    assert client.get(reverse("units:edit", args=[tree.province.pk])).status_code == 403
    assert client.get(reverse("units:edit", args=[tree.b1.pk])).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(tree, client):
    response = client.get(reverse("units:edit", args=[tree.b1.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
