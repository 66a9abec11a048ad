"""The units register: rows in any order, parents found in the file or the tree, loops and unknown parents
refused, scope respected, moves and merges audited."""

import datetime
from pathlib import Path

from dvk.core.models import AuditEvent
from dvk.imports.models import ImportStatus
from dvk.units.models import Unit
from tests.imports.files import xlsx
from tests.imports.registers import messages, preview, run

HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "Sáp nhập vào",
]


def units_file(*rows) -> bytes:
    return xlsx([HEADER, *rows])


def test_units_in_any_order_are_created_parents_first(people, tree):
    data = units_file(
        ["N-3", "Thôn Ba", "Khối", "N-2", None, None, None],
        ["N-2", "Xã Mới", "xã", "N-1", "01/07/2025", None, None],
        ["N-1", "Cụm Mới", "Cơ quan", tree.b.code, None, None, None],
    )

    outcome = run(people.secretariat, "units", data)

    assert outcome.run.status == ImportStatus.DONE, messages(outcome)
    assert outcome.run.counts["new"] == 3
    third = Unit.objects.get(code="N-3")
    assert [u.code for u in Unit.objects.get_ancestors(third)] == [
        tree.province.code,
        tree.b.code,
        "N-1",
        "N-2",
    ]
    assert Unit.objects.get(code="N-2").valid_from == datetime.date(2025, 7, 1)
    assert AuditEvent.objects.filter(action="unit.create").count() == 3
    assert run(people.secretariat, "units", data).run.counts["unchanged"] == 3


def test_an_xls_register_with_a_merge_is_imported_by_an_administrator(people):
    data = (Path(__file__).parent / "fixtures" / "units.xls").read_bytes()

    outcome = run(people.admin, "units", data, name="units.xls")

    assert outcome.run.status == ImportStatus.DONE, messages(outcome)
    town = Unit.objects.get(code="XLS-3")
    assert (town.kind, town.valid_to, town.merged_into.code, town.is_active) == (
        "township",
        datetime.date(2025, 6, 30),
        "XLS-2",
        False,
    )
    assert Unit.objects.get(code="XLS-1").depth == 1


def test_a_loop_of_parents_and_an_unknown_parent_are_refused(people, tree):
    data = units_file(
        ["L-1", "Một", "Xã", "L-2", None, None, None],
        ["L-2", "Hai", "Xã", "L-1", None, None, None],
        ["L-3", "Ba", "Xã", "KHONG-CO", None, None, None],
        ["L-4", "Bốn", "Xã", "L-3", None, None, None],
    )

    outcome = preview(people.admin, "units", data)

    assert outcome.run.counts["invalid"] == 4
    found = messages(outcome)
    assert (
        "Trang tính “Danh sách”, dòng 2, cột D (Mã đơn vị cấp trên): Cấp trên của các đơn vị tạo thành vòng lặp: L-1 → L-2 → L-1."
        in found
    )
    assert any(
        m.startswith("Trang tính “Danh sách”, dòng 4, cột D") and "Không có đơn vị mã “KHONG-CO”" in m
        for m in found
    )
    assert any("dòng 5" in m and "Đơn vị “L-3” ở dòng 4 (trang tính “Danh sách”) có lỗi." in m for m in found)


def test_moving_a_unit_into_its_own_subtree_is_a_loop(people, tree):
    outcome = preview(
        people.admin, "units", units_file([tree.b.code, "Huyện B", "Huyện", tree.b1.code, None, None, None])
    )

    assert "vòng lặp" in messages(outcome)[0]


def test_scope_a_secretariat_creates_no_root_and_touches_no_unit_of_another_subtree(people, tree):
    data = units_file(
        ["R-1", "Tỉnh mới", "Tỉnh", None, None, None, None],
        ["R-2", "Xã ngoài", "Xã", tree.c.code, None, None, None],
        [tree.c1.code, "Xã C1 đổi tên", "Xã", None, None, None, None],
    )

    outcome = preview(people.secretariat, "units", data)

    assert outcome.run.counts["invalid"] == 3
    found = messages(outcome)
    assert "Chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất" in found[0]
    assert f"Đơn vị mã “{tree.c.code}” nằm ngoài phạm vi của bạn." in found[1]
    assert f"Mã đơn vị “{tree.c1.code}” đã được dùng cho một đơn vị ngoài phạm vi của bạn." in found[2]


def test_changes_moves_and_merges_of_existing_units_are_audited(people, tree):
    data = units_file(
        [tree.b2.code, "Xã B2 mới", "Xã", tree.b1.code, None, None, None],
        [tree.b1.code, "Xã B1", "Phường", None, None, "30/06/2025", tree.b.code],
    )

    outcome = run(people.secretariat, "units", data)

    assert outcome.run.counts == {
        "rows": 2,
        "new": 0,
        "changed": 2,
        "unchanged": 0,
        "invalid": 0,
        "duplicates": 0,
    }
    b2, b1 = Unit.objects.get(pk=tree.b2.pk), Unit.objects.get(pk=tree.b1.pk)
    assert b2.name == "Xã B2 mới"
    assert Unit.objects.get_parent(b2) == b1
    assert (b1.kind, b1.merged_into, b1.is_active) == ("ward", tree.b, False)
    assert AuditEvent.objects.get(action="unit.move", target_id=b2.pk).changes == {
        "parent": [tree.b.pk, b1.pk]
    }
    assert AuditEvent.objects.get(action="unit.update", target_id=b1.pk).changes["merged_into_id"] == [
        None,
        tree.b.pk,
    ]
