from datetime import date

import pytest

from dvk.core.audit import events_for
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.initiatives.models import Initiative, Registration
from dvk.units.models import Unit, UnitKind
from dvk.units.selectors import visible_unit_ids
from dvk.units.services import create_unit, deactivate_unit, merge_units, move_unit, update_unit
from tests.factories import InitiativeFactory, RegistrationFactory, make_unit


def fresh(unit: Unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


# create_unit


def test_a_secretariat_adds_a_commune_to_its_district(tree, people):
    unit = create_unit(
        actor=people.secretariat,
        parent=tree.b,
        code=" XB3 ",
        name="Xa\u0301  B3",
        kind=UnitKind.COMMUNE,
        valid_from=date(2025, 7, 1),
        header_issuer="ĐẢNG ỦY XÃ B3",
    )
    assert (unit.code, unit.name, unit.header_issuer) == ("XB3", "Xá B3", "ĐẢNG ỦY XÃ B3")
    assert Unit.objects.get_parent(unit) == tree.b
    assert fresh(tree.b).numchild == 3
    [event] = events_for(unit)
    assert (event.action, event.actor, event.scope_unit_id) == ("unit.create", people.secretariat, unit.pk)
    assert event.changes["code"] == [None, "XB3"]
    assert event.changes["parent"] == [None, tree.b.pk]


def test_a_created_unit_is_in_the_actors_scope_at_once(tree, people):
    visible_unit_ids(people.secretariat)  # fills the per-object cache
    unit = create_unit(
        actor=people.secretariat, parent=tree.b, code="XB3", name="Xã B3", kind=UnitKind.COMMUNE
    )
    assert unit.pk in visible_unit_ids(people.secretariat)


def test_unit_codes_are_unique_whatever_the_case(tree, people):
    create_unit(actor=people.admin, parent=tree.b, code="XB3", name="Xã B3", kind=UnitKind.COMMUNE)
    with pytest.raises(ValidationFailed, match="“xb3” đã được dùng"):
        create_unit(actor=people.admin, parent=tree.c, code="xb3", name="Xã C3", kind=UnitKind.COMMUNE)
    assert Unit.objects.filter(name="Xã C3").count() == 0


@pytest.mark.parametrize("who", ["secretariat_c", "staff", "viewer", "reviewer"])
def test_units_are_added_only_where_the_actor_manages_units(tree, people, who):
    with pytest.raises(NotAllowed, match="Huyện B"):
        create_unit(actor=getattr(people, who), parent=tree.b, code="X9", name="Xã 9", kind=UnitKind.COMMUNE)


def test_only_an_administrator_creates_a_root_unit(tree, people):
    with pytest.raises(NotAllowed, match="quản trị hệ thống"):
        create_unit(actor=people.secretariat, parent=None, code="TP", name="Tỉnh P", kind=UnitKind.PROVINCE)
    unit = create_unit(actor=people.admin, parent=None, code="TP", name="Tỉnh P", kind=UnitKind.PROVINCE)
    assert unit.is_root()


def test_no_unit_is_added_under_a_closed_unit(tree, people):
    deactivate_unit(actor=people.admin, unit=tree.b2, valid_to=date(2025, 6, 30))
    with pytest.raises(InvalidState, match="ngừng hoạt động"):
        create_unit(actor=people.admin, parent=tree.b2, code="X9", name="Thôn 9", kind=UnitKind.COMMUNE)


def test_a_bad_kind_is_refused(tree, people):
    with pytest.raises(ValidationFailed, match="Loại đơn vị"):
        create_unit(actor=people.admin, parent=tree.b, code="X9", name="Xã 9", kind="planet")


# update_unit


def test_update_renames_and_records_old_and_new_values(tree, people):
    unit = update_unit(
        actor=people.secretariat,
        unit=tree.b1,
        name="  Xã  B1 mới ",
        header_issuer="ĐẢNG ỦY XÃ B1",
        valid_from=date(2020, 1, 1),
    )
    assert (fresh(tree.b1).name, unit.header_issuer) == ("Xã B1 mới", "ĐẢNG ỦY XÃ B1")
    [event] = events_for(tree.b1)
    assert event.action == "unit.update"
    assert event.changes == {
        "name": ["Xã B1", "Xã B1 mới"],
        "header_issuer": ["", "ĐẢNG ỦY XÃ B1"],
        "valid_from": [None, "2020-01-01"],
    }


def test_an_update_that_changes_nothing_records_nothing(tree, people):
    update_unit(actor=people.secretariat, unit=tree.b1, name="Xã B1")
    assert events_for(tree.b1).count() == 0


def test_update_refuses_out_of_scope_units_and_inverted_validity(tree, people):
    with pytest.raises(NotAllowed):
        update_unit(actor=people.secretariat, unit=tree.c1, name="Của tôi")
    with pytest.raises(ValidationFailed, match="không được trước"):
        update_unit(
            actor=people.secretariat, unit=tree.b1, valid_from=date(2025, 1, 1), valid_to=date(2024, 1, 1)
        )
    with pytest.raises(ValidationFailed, match="không được để trống"):
        update_unit(actor=people.secretariat, unit=tree.b1, name="   ")
    assert fresh(tree.c1).name == "Xã C1"


def test_update_does_not_touch_the_tree_position(tree, people):
    with pytest.raises(TypeError):
        update_unit(actor=people.admin, unit=tree.b1, path="0009")


# move_unit


def test_the_administrator_moves_a_commune_to_another_district(tree, people):
    moved = move_unit(actor=people.admin, unit=tree.b2, new_parent=tree.c)
    assert Unit.objects.get_parent(moved) == tree.c
    assert (fresh(tree.b).numchild, fresh(tree.c).numchild) == (1, 2)
    [event] = events_for(tree.b2)
    assert (event.action, event.changes) == ("unit.move", {"parent": [tree.b.pk, tree.c.pk]})


def test_a_unit_moves_with_its_subtree(tree, people):
    move_unit(actor=people.admin, unit=tree.b, new_parent=tree.c)
    assert [u.name for u in Unit.objects.get_descendants(fresh(tree.c))] == [
        "Xã C1",
        "Huyện B",
        "Xã B1",
        "Xã B2",
    ]
    assert [fresh(u).depth for u in (tree.b, tree.b1)] == [3, 4]


def test_a_secretariat_moves_within_its_subtree_but_not_out_of_it(tree, people):
    moved = move_unit(actor=people.secretariat, unit=tree.b2, new_parent=tree.b1)
    assert Unit.objects.get_parent(moved) == tree.b1
    with pytest.raises(NotAllowed, match="Huyện C"):
        move_unit(actor=people.secretariat, unit=tree.b2, new_parent=tree.c)
    with pytest.raises(NotAllowed, match="Xã C1"):
        move_unit(actor=people.secretariat, unit=tree.c1, new_parent=tree.b)


def test_a_unit_is_never_moved_under_itself_or_its_descendants(tree, people):
    for target in (tree.b, tree.b1):
        with pytest.raises(ValidationFailed, match="chính nó hoặc vào một đơn vị trực thuộc"):
            move_unit(actor=people.admin, unit=tree.b, new_parent=target)
    assert Unit.objects.get_parent(fresh(tree.b)) == tree.province


def test_moving_to_the_current_parent_is_refused(tree, people):
    with pytest.raises(InvalidState, match="đã trực thuộc"):
        move_unit(actor=people.admin, unit=tree.b1, new_parent=tree.b)


# merge_units


def test_merge_closes_the_sources_and_points_them_at_the_target(tree, people):
    new_commune = make_unit("Xã B mới", parent=tree.b, valid_from=date(2025, 7, 1))
    merged = merge_units(
        actor=people.secretariat,
        sources=[tree.b1, tree.b2],
        into=new_commune,
        effective_date=date(2025, 7, 1),
    )
    assert [(u.valid_to, u.merged_into_id, u.is_active) for u in merged] == [
        (date(2025, 6, 30), new_commune.pk, False),
        (date(2025, 6, 30), new_commune.pk, False),
    ]
    [event] = events_for(tree.b1)
    assert event.action == "unit.merge"
    assert event.scope_unit_id == tree.b1.pk
    assert event.changes == {
        "valid_to": [None, "2025-06-30"],
        "merged_into": [None, new_commune.pk],
        "is_active": [True, False],
    }


def test_merge_leaves_every_record_where_it_is(tree, people):
    initiative = InitiativeFactory(unit=tree.b1)
    registration = RegistrationFactory(initiative=initiative)
    stamps = (Initiative.objects.get().updated_at, Registration.objects.get().updated_at)
    merge_units(actor=people.admin, sources=[tree.b1], into=tree.b2, effective_date=date(2025, 7, 1))
    initiative.refresh_from_db()
    registration.refresh_from_db()
    assert (initiative.unit_id, registration.unit_id) == (tree.b1.pk, tree.b1.pk)
    assert (initiative.updated_at, registration.updated_at) == stamps
    assert tree.b1.pk in visible_unit_ids(people.secretariat)


def test_a_unit_is_never_merged_into_itself(tree, people):
    with pytest.raises(ValidationFailed, match="chính nó"):
        merge_units(actor=people.admin, sources=[tree.b1], into=tree.b1, effective_date=date(2025, 7, 1))


def test_a_unit_is_never_merged_into_its_own_descendant(tree, people):
    with pytest.raises(ValidationFailed, match="vào đơn vị trực thuộc “Xã B1” của nó"):
        merge_units(actor=people.admin, sources=[tree.b], into=tree.b1, effective_date=date(2025, 7, 1))
    assert fresh(tree.b).is_active


def test_a_merge_cycle_is_refused(tree, people):
    # Inconsistent data (B2 points at B1 while still open) must not turn into a loop of merges.
    Unit.objects.filter(pk=tree.b2.pk).update(merged_into=tree.b1)
    with pytest.raises(ValidationFailed, match="vòng sáp nhập"):
        merge_units(actor=people.admin, sources=[tree.b1], into=tree.b2, effective_date=date(2025, 7, 1))
    assert fresh(tree.b1).is_active


def test_a_unit_merged_once_is_not_merged_again(tree, people):
    merge_units(actor=people.admin, sources=[tree.b1], into=tree.b2, effective_date=date(2025, 7, 1))
    with pytest.raises(InvalidState, match="đã được sáp nhập"):
        merge_units(actor=people.admin, sources=[tree.b1], into=tree.c1, effective_date=date(2026, 1, 1))
    with pytest.raises(InvalidState, match="không thể nhận sáp nhập"):
        merge_units(actor=people.admin, sources=[tree.c1], into=tree.b1, effective_date=date(2026, 1, 1))


def test_merge_needs_the_permission_on_every_source_and_the_target(tree, people):
    with pytest.raises(NotAllowed, match="Xã C1"):
        merge_units(
            actor=people.secretariat,
            sources=[tree.b1, tree.c1],
            into=tree.b2,
            effective_date=date(2025, 7, 1),
        )
    with pytest.raises(NotAllowed, match="Xã C1"):
        merge_units(
            actor=people.secretariat, sources=[tree.b1], into=tree.c1, effective_date=date(2025, 7, 1)
        )
    with pytest.raises(NotAllowed):
        merge_units(actor=people.staff, sources=[tree.b1], into=tree.b2, effective_date=date(2025, 7, 1))
    assert fresh(tree.b1).is_active


def test_a_unit_with_open_children_is_not_merged(tree, people):
    with pytest.raises(InvalidState, match="còn 1 đơn vị trực thuộc"):
        merge_units(actor=people.admin, sources=[tree.c], into=tree.b, effective_date=date(2025, 7, 1))


def test_the_merge_date_must_follow_the_start_of_validity(tree, people):
    update_unit(actor=people.admin, unit=tree.b1, valid_from=date(2025, 1, 1))
    with pytest.raises(ValidationFailed, match="01/01/2025"):
        merge_units(actor=people.admin, sources=[tree.b1], into=tree.b2, effective_date=date(2025, 1, 1))


# deactivate_unit


def test_deactivate_closes_the_unit_and_keeps_it(tree, people):
    unit = deactivate_unit(actor=people.secretariat, unit=tree.b2, valid_to=date(2025, 6, 30))
    assert (unit.is_active, unit.valid_to) == (False, date(2025, 6, 30))
    assert Unit.objects.filter(pk=tree.b2.pk).exists()
    [event] = events_for(tree.b2)
    assert (event.action, event.changes["is_active"]) == ("unit.deactivate", [True, False])


def test_deactivate_refusals(tree, people):
    with pytest.raises(NotAllowed):
        deactivate_unit(actor=people.secretariat, unit=tree.c1, valid_to=date(2025, 6, 30))
    with pytest.raises(InvalidState, match="còn 2 đơn vị trực thuộc"):
        deactivate_unit(actor=people.admin, unit=tree.b, valid_to=date(2025, 6, 30))
    deactivate_unit(actor=people.admin, unit=tree.b2, valid_to=date(2025, 6, 30))
    with pytest.raises(InvalidState, match="đã ngừng hoạt động"):
        deactivate_unit(actor=people.admin, unit=tree.b2, valid_to=date(2025, 7, 30))
