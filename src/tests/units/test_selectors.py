from datetime import date

import pytest

from dvk.accounts.roles import MANAGE_UNITS, SCREEN_REGISTRATION, SUBMIT_REGISTRATION, Role
from dvk.units.models import Membership, UnitKind
from dvk.units.selectors import has_permission, unit_ids_with_permission, visible_unit_ids
from tests.factories import make_unit, make_user


def ids(*units):
    return frozenset(u.pk for u in units)


def test_a_district_secretariat_sees_its_subtree_and_nothing_of_the_sibling(tree, people):
    assert visible_unit_ids(people.secretariat) == ids(tree.b, tree.b1, tree.b2)


def test_commune_staff_see_only_their_commune(tree, people):
    assert visible_unit_ids(people.staff) == ids(tree.b1)
    assert visible_unit_ids(people.staff_c) == ids(tree.c1)


def test_province_viewer_sees_the_whole_province(tree, people):
    assert visible_unit_ids(people.viewer) == ids(tree.province, tree.b, tree.b1, tree.b2, tree.c, tree.c1)


def test_a_user_without_membership_sees_nothing_and_the_administrator_everything(tree, people):
    assert visible_unit_ids(people.nobody) == frozenset()
    assert visible_unit_ids(people.admin) >= ids(tree.province, tree.c1)


def test_sibling_codes_sharing_a_path_prefix_do_not_leak(db):
    # With a steplen-4 path, unit 0001 and 00010001 share a prefix only when one is under the other.
    roots = [make_unit(f"Tỉnh {i}", kind=UnitKind.PROVINCE) for i in range(12)]
    user = make_user(roots[0], Role.VIEWER)
    assert visible_unit_ids(user) == ids(roots[0])


def test_several_memberships_union_their_subtrees(tree):
    user = make_user(tree.b1, Role.STAFF)
    Membership.objects.create(user=user, unit=tree.c1, role=Role.VIEWER)
    assert visible_unit_ids(user) == ids(tree.b1, tree.c1)
    # …but the staff permission holds only where the staff membership is.
    assert unit_ids_with_permission(user, SUBMIT_REGISTRATION) == ids(tree.b1)


def test_units_merged_into_the_scope_are_visible_transitively(tree):
    new_commune = make_unit("Xã mới", parent=tree.province, valid_from=date(2025, 7, 1))
    for old in (tree.b1, tree.b2):
        old.merged_into = new_commune
        old.valid_to = date(2025, 6, 30)
        old.save()
    later = make_unit("Xã sáp nhập lần hai", parent=tree.province, valid_from=date(2030, 1, 1))
    new_commune.merged_into = later
    new_commune.save()
    officer = make_user(later, Role.SECRETARIAT)
    assert visible_unit_ids(officer) == ids(later, new_commune, tree.b1, tree.b2)
    assert has_permission(officer, SCREEN_REGISTRATION, tree.b1.pk)
    assert not has_permission(officer, SCREEN_REGISTRATION, tree.c1.pk)


def test_a_merged_units_subtree_comes_with_it(tree):
    """A historical province merged into a new one brings its districts and communes."""
    new_province = make_unit("Tỉnh mới", kind=UnitKind.PROVINCE, valid_from=date(2025, 7, 1))
    tree.province.merged_into = new_province
    tree.province.save()
    viewer = make_user(new_province, Role.VIEWER)
    assert visible_unit_ids(viewer) == ids(
        new_province, tree.province, tree.b, tree.b1, tree.b2, tree.c, tree.c1
    )


@pytest.mark.parametrize(
    ("role", "may_manage_units"),
    [(Role.SECRETARIAT, True), (Role.STAFF, False), (Role.REVIEWER, False), (Role.VIEWER, False)],
)
def test_only_the_secretariat_manages_units_of_its_subtree(tree, role, may_manage_units):
    user = make_user(tree.b, role)
    assert has_permission(user, MANAGE_UNITS, tree.b1.pk) is may_manage_units
    assert has_permission(user, MANAGE_UNITS, tree.c1.pk) is False


def test_the_scope_is_computed_once_per_user_object(tree, people, django_assert_num_queries):
    visible_unit_ids(people.secretariat)
    with django_assert_num_queries(0):
        visible_unit_ids(people.secretariat)
