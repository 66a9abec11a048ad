"""The commendations register: rows of one decision grouped, honorees named once, phases optional."""

import datetime

from dvk.commendations.models import Commendation, Honoree
from dvk.imports.models import ImportStatus
from tests.factories import InitiativeFactory, PhaseFactory
from tests.imports.files import xlsx
from tests.imports.registers import messages, preview, run

HEADER = [
    "Số quyết định",
    "Ngày quyết định",
    "Mã đơn vị ban hành",
    "Hình thức khen thưởng",
    "Loại khen thưởng",
    "Giai đoạn",
    "Đối tượng",
    "Tên tập thể / Họ và tên",
    "Chức vụ",
    "Mã đơn vị",
    "Mã mô hình",
]


def row(
    tree,
    number="15/QĐ-UBND",
    *,
    day="14/10/2022",
    form="Giấy khen",
    authority="Chính quyền",
    phase="",
    kind="Tập thể",
    name="Hội Nông dân xã B1",
    position="",
    unit=None,
    codes="",
) -> list:
    return [
        number,
        day,
        tree.b.code,
        form,
        authority,
        phase,
        kind,
        name,
        position,
        (unit or tree.b1).code,
        codes,
    ]


def test_rows_of_one_decision_make_one_decision_with_its_honorees(people, tree):
    PhaseFactory(launched_by=tree.province, code="2020-2022")
    road = InitiativeFactory(unit=tree.b1, code="B1-01")
    data = xlsx(
        [
            HEADER,
            row(tree, phase="Giai đoạn 2020 – 2022", codes="B1-01"),
            row(
                tree,
                phase="2020-2022",
                kind="Cá nhân",
                name="Nguyễn Văn An",
                position="Trưởng thôn",
                unit=tree.b2,
            ),
            row(
                tree,
                number="16/QĐ-UBND",
                form="bang khen",
                authority="Đảng",
                kind="Cá nhân",
                name="Lò Văn Bình",
            ),
        ]
    )

    outcome = run(people.secretariat, "commendations", data)

    assert outcome.run.status == ImportStatus.DONE, messages(outcome)
    assert outcome.run.counts["new"] == 3
    first = Commendation.objects.get(number="15/QĐ-UBND")
    assert (first.date, first.award_form.name, first.authority, first.phase.code) == (
        datetime.date(2022, 10, 14),
        "Giấy khen",
        "government",
        "2020-2022",
    )
    assert list(first.honorees.values_list("name", "order")) == [
        ("Hội Nông dân xã B1", 1),
        ("Nguyễn Văn An", 2),
    ]
    assert list(Honoree.objects.get(name="Hội Nông dân xã B1").initiatives.all()) == [road]
    second = Commendation.objects.get(number="16/QĐ-UBND")
    assert (second.phase, second.award_form.name, second.authority) == (None, "Bằng khen", "party")
    assert run(people.secretariat, "commendations", data).run.counts["unchanged"] == 3


def test_a_second_file_adds_honorees_to_an_existing_decision_and_removes_none(people, tree):
    run(people.secretariat, "commendations", xlsx([HEADER, row(tree)]))

    outcome = run(
        people.secretariat, "commendations", xlsx([HEADER, row(tree, name="Đoàn Thanh niên xã B1")])
    )

    assert outcome.run.counts["new"] == 1
    assert Commendation.objects.get().honorees.count() == 2


def test_a_duplicate_honoree_and_a_disagreeing_decision_row_are_refused(people, tree):
    data = xlsx(
        [HEADER, row(tree), row(tree, name="HỘI NÔNG DÂN XÃ B1"), row(tree, day="15/10/2022", name="Khác")]
    )

    outcome = preview(people.secretariat, "commendations", data)

    assert outcome.run.counts["invalid"] == 2
    found = messages(outcome)
    assert (
        "dòng 3, cột H (Tên tập thể / Họ và tên): “HỘI NÔNG DÂN XÃ B1” đã có trong quyết định này ở dòng 2"
        in found[0]
    )
    assert (
        "dòng 4: Quyết định số 15/QĐ-UBND đã ghi ở dòng 2 (trang tính “Danh sách”) với “Ngày quyết định” khác."
        in found[1]
    )


def test_unknown_award_form_authority_phase_and_initiative_are_reported(people, tree):
    data = xlsx(
        [HEADER, row(tree, form="Huân chương", authority="Quân đội", phase="2030-2032", codes="KHONG-CO")]
    )

    found = messages(preview(people.secretariat, "commendations", data))

    assert any("Không có hình thức khen thưởng “Huân chương”" in m for m in found)
    assert any(
        "Không có loại khen thưởng “Quân đội”. Các giá trị được dùng: “Đảng”, “Chính quyền”, “Đoàn thể”." in m
        for m in found
    )
    assert any("Không có giai đoạn “2030-2032”" in m for m in found)
    assert any("Không có mô hình mã “KHONG-CO” trong phạm vi của bạn." in m for m in found)
