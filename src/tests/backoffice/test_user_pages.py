import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dvk.accounts.models import User
from dvk.accounts.roles import Role
from dvk.core.audit import events_for
from dvk.units.models import Membership, UnitKind
from tests.factories import make_unit, make_user

GOOD_PASSWORD = "Dan-van-kheo-2025"


def page(response) -> str:
    return response.content.decode()


def listed_usernames(response) -> set[str]:
    return {account.username for account in response.context["accounts"]}


# the list


def test_a_secretariat_lists_the_accounts_of_its_subtree_only(tree, people, as_user):
    response = as_user(people.secretariat).get(reverse("accounts:users"))
    assert listed_usernames(response) == {"tt_b", "hd_b", "cb_b1"}
    html = page(response)
    assert "Cán bộ đơn vị — Xã B1" in html
    assert reverse("accounts:detail", args=[people.staff.pk]) in html
    assert "cb_c1" not in html
    assert "Xã C1" not in html  # not even in the unit filter


def test_the_administrator_lists_every_account_even_without_a_role(tree, people, as_user):
    response = as_user(people.admin).get(reverse("accounts:users"))
    assert listed_usernames(response) == {
        "root_admin",
        "tt_b",
        "hd_b",
        "cb_b1",
        "cb_c1",
        "tt_c",
        "ld_a",
        "khong_phan_cong",
    }
    assert "Chưa phân công" in page(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"unit": "b1"}, {"cb_b1"}),
        ({"unit": "b"}, {"tt_b", "hd_b", "cb_b1"}),
        ({"role": Role.REVIEWER}, {"hd_b"}),
        ({"unit": "b", "role": Role.STAFF}, {"cb_b1"}),
        ({"q": "HD_"}, {"hd_b"}),
        ({"q": "Trần Thị"}, {"cb_b1"}),
    ],
)
def test_the_list_filters_by_unit_role_and_search(tree, people, as_user, query, expected):
    User.objects.filter(pk=people.staff.pk).update(full_name="Trần Thị Mai")
    params = {key: getattr(tree, value).pk if key == "unit" else value for key, value in query.items()}
    response = as_user(people.secretariat).get(reverse("accounts:users"), params)
    assert listed_usernames(response) == expected


def test_the_list_costs_the_same_queries_for_one_or_three_accounts(tree, people, as_user):
    district = make_unit("Huyện D", parent=tree.province, kind=UnitKind.DISTRICT)
    communes = [make_unit(f"Xã D{i}", parent=district) for i in range(3)]
    client = as_user(make_user(district, Role.SECRETARIAT, username="tt_d"))
    url = reverse("accounts:users")
    client.get(url)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return len(queries), len(response.context["accounts"])

    make_user(communes[0], Role.STAFF, username="cb_d0")
    one = count()
    for i in (1, 2):
        user = make_user(communes[i], Role.STAFF, username=f"cb_d{i}")
        Membership.objects.create(user=user, unit=district, role=Role.VIEWER)
    three = count()
    assert (one[1], three[1]) == (2, 4)  # the officer plus 1 or 3 accounts
    assert one[0] == three[0]


# creating an account


def test_a_secretariat_creates_an_account_with_its_first_role(tree, people, as_user):
    client = as_user(people.secretariat)
    form = page(client.get(reverse("accounts:create")))
    assert "Xã B1" in form
    assert "Xã C1" not in form
    data = {
        "username": "nguyenvanb",
        "full_name": "Nguyễn Văn B",
        "position": "Phó Chủ tịch",
        "email": "",
        "unit": tree.b2.pk,
        "role": Role.STAFF,
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    response = client.post(reverse("accounts:create"), data, follow=True)
    assert "Đã tạo tài khoản “nguyenvanb”." in page(response)
    created = User.objects.get(username="nguyenvanb")
    assert list(created.memberships.values_list("unit", "role")) == [(tree.b2.pk, Role.STAFF)]
    assert created.check_password(GOOD_PASSWORD)


def test_a_weak_password_or_taken_username_comes_back_on_the_form(tree, people, as_user):
    client = as_user(people.secretariat)
    data = {
        "username": "nguyenvanb",
        "full_name": "Nguyễn Văn B",
        "unit": tree.b2.pk,
        "role": Role.STAFF,
        "password1": "12345678",
        "password2": "12345678",
    }
    html = page(client.post(reverse("accounts:create"), data))
    assert "Mật khẩu này quá phổ biến. Mật khẩu này hoàn toàn là số." in html
    data.update(username="CB_B1", password1=GOOD_PASSWORD, password2=GOOD_PASSWORD)
    assert "Tên đăng nhập “CB_B1” đã có người dùng." in page(client.post(reverse("accounts:create"), data))
    assert not User.objects.filter(username="nguyenvanb").exists()


# one account


def test_the_detail_shows_roles_and_adds_one(tree, people, as_user):
    client = as_user(people.secretariat)
    url = reverse("accounts:detail", args=[people.staff.pk])
    html = page(client.get(url))
    assert "Cán bộ đơn vị" in html
    assert "Khóa tài khoản" in html
    assert "Đặt lại mật khẩu" in html
    response = client.post(url, {"unit": tree.b2.pk, "role": Role.VIEWER}, follow=True)
    assert "Đã phân công “cb_b1” tại “Xã B2”." in page(response)
    assert people.staff.memberships.filter(unit=tree.b2, role=Role.VIEWER).exists()
    duplicate = client.post(url, {"unit": tree.b2.pk, "role": Role.VIEWER})
    assert "đã có vai trò Lãnh đạo (xem) tại “Xã B2”" in page(duplicate)


def test_removing_roles(tree, people, as_user):
    client = as_user(people.secretariat)
    extra = Membership.objects.create(user=people.staff, unit=tree.b2, role=Role.VIEWER)
    response = client.post(reverse("accounts:remove_membership", args=[extra.pk]), follow=True)
    assert "Đã gỡ vai trò Lãnh đạo (xem) tại “Xã B2”." in page(response)
    last = people.staff.memberships.get()
    response = client.post(reverse("accounts:remove_membership", args=[last.pk]), follow=True)
    assert "Đây là phân công cuối cùng của “cb_b1”" in page(response)
    assert Membership.objects.filter(pk=last.pk).exists()


def test_an_account_with_roles_elsewhere_is_shown_but_not_locked(tree, people, as_user):
    shared = make_user(tree.b1, Role.STAFF, username="hai_noi")
    Membership.objects.create(user=shared, unit=tree.c1, role=Role.STAFF)
    client = as_user(people.secretariat)
    html = page(client.get(reverse("accounts:detail", args=[shared.pk])))
    assert "Và 1 phân công ở đơn vị ngoài phạm vi của bạn." in html
    assert "Xã C1" not in html
    assert "Khóa tài khoản" not in html
    response = client.post(reverse("accounts:set_active", args=[shared.pk]), {"active": "0"}, follow=True)
    assert "ngoài phạm vi quản lý của bạn" in page(response)
    shared.refresh_from_db()
    assert shared.is_active


def test_locking_and_unlocking(tree, people, as_user):
    client = as_user(people.secretariat)
    url = reverse("accounts:set_active", args=[people.staff.pk])
    response = client.post(url, {"active": "0"}, follow=True)
    assert "Đã khóa tài khoản “cb_b1”." in page(response)
    assert "Mở khóa tài khoản" in page(response)
    people.staff.refresh_from_db()
    assert not people.staff.is_active
    client.post(url, {"active": "1"})
    people.staff.refresh_from_db()
    assert people.staff.is_active
    assert client.get(url).status_code == 405


def test_resetting_a_password(tree, people, as_user):
    client = as_user(people.secretariat)
    url = reverse("accounts:reset_password", args=[people.staff.pk])
    assert "Đặt lại mật khẩu cho “cb_b1”" in page(client.get(url))
    mismatch = client.post(url, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "x"})
    assert "Hai lần nhập mật khẩu không khớp nhau." in page(mismatch)
    response = client.post(url, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}, follow=True)
    assert "Đã đặt lại mật khẩu cho “cb_b1”." in page(response)
    people.staff.refresh_from_db()
    assert people.staff.check_password(GOOD_PASSWORD)
    assert events_for(people.staff).get().action == "user.reset_password"


# scope and permission


def test_a_sibling_secretariat_gets_404_on_another_subtrees_accounts(tree, people, as_user):
    client = as_user(people.secretariat_c)
    staff = people.staff
    membership = staff.memberships.get()
    assert client.get(reverse("accounts:detail", args=[staff.pk])).status_code == 404
    assert client.get(reverse("accounts:reset_password", args=[staff.pk])).status_code == 404
    assert client.post(reverse("accounts:set_active", args=[staff.pk]), {"active": "0"}).status_code == 404
    assert client.post(reverse("accounts:remove_membership", args=[membership.pk])).status_code == 404
    staff.refresh_from_db()
    assert staff.is_active
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("who", ["staff", "viewer", "reviewer"])
def test_user_pages_are_forbidden_without_the_permission(tree, people, as_user, who):
    client = as_user(getattr(people, who))
    assert client.get(reverse("accounts:users")).status_code == 403
    assert client.get(reverse("accounts:create")).status_code == 403
    assert client.get(reverse("accounts:detail", args=[people.staff.pk])).status_code == 403
