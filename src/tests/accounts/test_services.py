import pytest

from dvk.accounts.models import User
from dvk.accounts.roles import Role
from dvk.accounts.services import (
    PasswordRejected,
    add_membership,
    create_user,
    remove_membership,
    reset_password,
    set_user_active,
)
from dvk.core.audit import events_for
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.units.models import Membership
from dvk.units.selectors import visible_unit_ids
from dvk.units.services import deactivate_unit
from tests.factories import make_user

GOOD_PASSWORD = "Dan-van-kheo-2025"


def new_user(actor, unit, **fields):
    values = {
        "username": "nguyenvana",
        "full_name": "Nguyễn Văn A",
        "password": GOOD_PASSWORD,
        "unit": unit,
        "role": Role.STAFF,
        **fields,
    }
    return create_user(actor=actor, **values)


# create_user


def test_a_secretariat_creates_a_commune_officer(tree, people):
    user = new_user(
        people.secretariat,
        tree.b1,
        full_name="Nguye\u0302\u0303n  Văn A",
        position="Chủ tịch",
        email="A@Example.VN",
    )
    assert (user.full_name, user.position, user.email) == ("Nguyễn Văn A", "Chủ tịch", "A@example.vn")
    assert user.check_password(GOOD_PASSWORD)
    assert list(user.memberships.values_list("unit", "role")) == [(tree.b1.pk, Role.STAFF)]
    assert visible_unit_ids(user) == {tree.b1.pk}
    [event] = events_for(user)
    assert (event.action, event.actor, event.scope_unit_id) == ("user.create", people.secretariat, tree.b1.pk)
    assert event.changes["role"] == [None, "staff"]
    assert GOOD_PASSWORD not in str(event.changes)


@pytest.mark.parametrize("who", ["secretariat_c", "staff", "viewer", "reviewer"])
def test_users_are_created_only_where_the_actor_manages_users(tree, people, who):
    with pytest.raises(NotAllowed, match="Xã B1"):
        new_user(getattr(people, who), tree.b1)
    assert not User.objects.filter(username="nguyenvana").exists()


def test_usernames_are_unique_whatever_the_case(tree, people):
    new_user(people.secretariat, tree.b1)
    with pytest.raises(ValidationFailed, match="“NguyenVanA” đã có người dùng"):
        new_user(people.admin, tree.c1, username="NguyenVanA")


def test_a_weak_password_is_refused_with_the_validators_messages(tree, people):
    with pytest.raises(PasswordRejected) as refusal:
        new_user(people.secretariat, tree.b1, password="123")
    assert "8" in refusal.value.message  # the minimum length is named
    assert not User.objects.filter(username="nguyenvana").exists()


def test_no_user_is_created_in_a_closed_unit(tree, people):
    deactivate_unit(actor=people.admin, unit=tree.b2, valid_to=tree.b2.created_at.date())
    with pytest.raises(InvalidState, match="ngừng hoạt động"):
        new_user(people.secretariat, tree.b2)


def test_create_user_refuses_bad_input(tree, people):
    with pytest.raises(ValidationFailed, match="Tên đăng nhập"):
        new_user(people.secretariat, tree.b1, username="có dấu cách")
    with pytest.raises(ValidationFailed, match="Vai trò"):
        new_user(people.secretariat, tree.b1, role="king")
    with pytest.raises(ValidationFailed, match="Họ và tên"):
        new_user(people.secretariat, tree.b1, full_name="  ")


# memberships


def test_add_membership_gives_a_role_in_the_scope(tree, people):
    membership = add_membership(actor=people.secretariat, user=people.staff, unit=tree.b2, role=Role.VIEWER)
    assert (membership.user, membership.unit, membership.role) == (people.staff, tree.b2, Role.VIEWER)
    [event] = events_for(people.staff)
    assert (event.action, event.scope_unit_id, event.changes) == (
        "user.add_membership",
        tree.b2.pk,
        {"unit": [None, tree.b2.pk], "role": [None, "viewer"]},
    )


def test_add_membership_refusals(tree, people):
    with pytest.raises(NotAllowed, match="Xã C1"):
        add_membership(actor=people.secretariat, user=people.staff, unit=tree.c1, role=Role.STAFF)
    with pytest.raises(ValidationFailed, match="đã có vai trò Cán bộ đơn vị tại “Xã B1”"):
        add_membership(actor=people.secretariat, user=people.staff, unit=tree.b1, role=Role.STAFF)
    with pytest.raises(NotAllowed, match="quản trị"):
        add_membership(actor=people.secretariat, user=people.admin, unit=tree.b1, role=Role.STAFF)
    with pytest.raises(NotAllowed):
        add_membership(actor=people.staff, user=people.staff_c, unit=tree.b1, role=Role.STAFF)


def test_remove_membership_takes_the_role_away_and_keeps_a_trace(tree, people):
    extra = add_membership(actor=people.secretariat, user=people.staff, unit=tree.b2, role=Role.STAFF)
    remove_membership(actor=people.secretariat, membership=extra)
    assert not Membership.objects.filter(pk=extra.pk).exists()
    assert visible_unit_ids(people.staff) == {tree.b1.pk}
    assert [e.action for e in events_for(people.staff)] == ["user.remove_membership", "user.add_membership"]
    assert events_for(people.staff).first().changes == {"unit": [tree.b2.pk, None], "role": ["staff", None]}


def test_remove_membership_refusals(tree, people):
    own = people.secretariat.memberships.get()
    with pytest.raises(NotAllowed, match="chính mình"):
        remove_membership(actor=people.secretariat, membership=own)
    with pytest.raises(InvalidState, match="phân công cuối cùng"):
        remove_membership(actor=people.secretariat, membership=people.staff.memberships.get())
    with pytest.raises(NotAllowed, match="Xã C1"):
        remove_membership(actor=people.secretariat, membership=people.staff_c.memberships.get())
    assert Membership.objects.count() == 6
    remove_membership(actor=people.admin, membership=people.staff.memberships.get())
    assert Membership.objects.count() == 5


# set_user_active, reset_password


def test_a_secretariat_locks_and_unlocks_a_user_of_its_subtree(tree, people):
    set_user_active(actor=people.secretariat, user=people.staff, active=False)
    people.staff.refresh_from_db()
    assert not people.staff.is_active
    with pytest.raises(InvalidState, match="đã bị khóa"):
        set_user_active(actor=people.secretariat, user=people.staff, active=False)
    set_user_active(actor=people.secretariat, user=people.staff, active=True)
    assert [(e.action, e.changes) for e in events_for(people.staff)] == [
        ("user.activate", {"is_active": [False, True]}),
        ("user.deactivate", {"is_active": [True, False]}),
    ]
    assert events_for(people.staff).first().scope_unit_id == tree.b1.pk


def test_reset_password_sets_a_validated_password(tree, people):
    reset_password(actor=people.secretariat, user=people.staff, password=GOOD_PASSWORD)
    people.staff.refresh_from_db()
    assert people.staff.check_password(GOOD_PASSWORD)
    [event] = events_for(people.staff)
    assert (event.action, event.changes) == ("user.reset_password", {})
    with pytest.raises(PasswordRejected, match="Mật khẩu này quá phổ biến"):
        reset_password(actor=people.secretariat, user=people.staff, password="password123")


@pytest.mark.parametrize("action", ["lock", "reset"])
def test_a_secretariat_does_not_touch_accounts_beyond_its_scope(tree, people, action):
    def attempt(user):
        if action == "lock":
            return set_user_active(actor=people.secretariat, user=user, active=False)
        return reset_password(actor=people.secretariat, user=user, password=GOOD_PASSWORD)

    shared = make_user(tree.b1, Role.STAFF, username="hai_noi")
    Membership.objects.create(user=shared, unit=tree.c1, role=Role.STAFF)
    with pytest.raises(NotAllowed, match="ngoài phạm vi quản lý"):
        attempt(shared)
    with pytest.raises(NotAllowed, match="ngoài phạm vi quản lý"):
        attempt(people.staff_c)
    with pytest.raises(NotAllowed, match="quản trị"):
        attempt(people.admin)
    with pytest.raises(NotAllowed, match="chính mình"):
        attempt(people.secretariat)
    assert not events_for(shared).exists()


def test_the_administrator_manages_any_account_but_its_own(tree, people):
    other_admin = make_user(username="admin2", is_superuser=True)
    set_user_active(actor=people.admin, user=other_admin, active=False)
    reset_password(actor=people.admin, user=people.staff_c, password=GOOD_PASSWORD)
    with pytest.raises(NotAllowed, match="chính mình"):
        set_user_active(actor=people.admin, user=people.admin, active=False)
