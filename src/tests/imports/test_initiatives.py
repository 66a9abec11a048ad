"""The initiatives register (DESIGN §7, issue 5): one row per registration, idempotent, audited, all or
nothing unless only the valid rows are asked for."""

import datetime
from decimal import Decimal

import pytest

from dvk.core.errors import NotAllowed
from dvk.core.models import AuditEvent
from dvk.evaluations.models import Recognition
from dvk.imports.models import ImportStatus
from dvk.imports.services import commit_import
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.rollups import stale_rollups
from dvk.initiatives.search import search_initiatives
from dvk.initiatives.years import years_in
from tests.factories import PhaseFactory
from tests.imports.registers import initiative_row, initiatives_file, messages, preview, run

KIND = "initiatives"


@pytest.fixture
def register(tree):
    """Two initiatives of B1 over two years, an individual of B2 registered this year."""
    return [
        initiative_row(
            "B1-01",
            "Dân vận khéo trong xây dựng đường giao thông",
            tree.b1,
            2021,
            result="Công nhận",
            level="Cấp huyện",
            number="12-QĐ/BCĐ",
            day=datetime.date(2021, 12, 10),
            content="Vận động nhân dân hiến đất.",
            households=120,
            funds="1.234.567",
        ),
        initiative_row(
            "B1-01",
            "Dân vận khéo trong xây dựng đường giao thông",
            tree.b1,
            2022,
            result="Tiêu biểu",
            content="Vận động nhân dân hiến đất.",
            households=150,
            funds="1.234.567",
        ),
        initiative_row(
            "B1-02", "Tổ hòa giải ở cơ sở", tree.b1, 2022, sector="Văn hoá – xã hội", result="Không công nhận"
        ),
        initiative_row(
            "B2-01",
            "Bà Lò Thị Mai, người có uy tín",
            tree.b2,
            2024,
            kind="Cá nhân",
            person="Lò Thị Mai",
            position="Trưởng bản",
            sector="Quốc phòng - an ninh",
        ),
    ]


def test_a_register_is_imported_with_its_registrations_recognitions_phase_and_rollups(people, tree, register):
    phase = PhaseFactory(launched_by=tree.b, code="2020-2022", start_year=2020, end_year=2022)

    outcome = run(people.secretariat, KIND, initiatives_file(*register))

    assert outcome.run.status == ImportStatus.DONE, messages(outcome)
    assert outcome.run.counts == {
        "rows": 4,
        "new": 4,
        "changed": 0,
        "unchanged": 0,
        "invalid": 0,
        "duplicates": 0,
    }
    road = Initiative.objects.get(code="B1-01")
    assert (road.unit, road.kind, road.sector.name) == (tree.b1, "collective", "Kinh tế")
    assert (road.households_benefiting, road.funds_mobilised) == (150, Decimal(1234567))
    assert road.description == "<p>Vận động nhân dân hiến đất.</p>"
    assert (road.first_year, road.last_year, road.first_recognised_year) == (2021, 2022, 2021)
    statuses = dict(
        Registration.objects.filter(initiative__code__in=["B1-01", "B1-02", "B2-01"])
        .values_list("initiative__code", "status")
        .order_by("year")
    )
    assert statuses == {"B1-01": Status.RECOGNISED, "B1-02": Status.NOT_RECOGNISED, "B2-01": Status.ACCEPTED}
    first = Recognition.objects.get(registration__initiative=road, registration__year=2021)
    assert (first.recognised, first.is_exemplary, first.level, first.decision_number) == (
        True,
        False,
        "district",
        "12-QĐ/BCĐ",
    )
    assert first.decision_date == datetime.date(2021, 12, 10)
    assert Recognition.objects.get(registration__initiative=road, registration__year=2022).is_exemplary
    assert not Recognition.objects.get(registration__initiative__code="B1-02").recognised
    assert set(Registration.objects.filter(year__in=[2021, 2022]).values_list("phase", flat=True)) == {
        phase.pk
    }
    assert Registration.objects.get(year=2024).phase is None
    person = Initiative.objects.get(code="B2-01")
    assert (person.kind, person.person_name, person.person_position) == (
        "individual",
        "Lò Thị Mai",
        "Trưởng bản",
    )
    assert list(search_initiatives(Initiative.objects.all(), "duong giao thong")) == [road]
    registration_event = AuditEvent.objects.get(action="registration.create", target_id=first.registration_id)
    assert registration_event.changes["recognition.decision_number"] == [None, "12-QĐ/BCĐ"]
    created = AuditEvent.objects.filter(action="initiative.create", target_id=road.pk).get()
    assert created.actor == people.secretariat
    assert created.changes["code"] == [None, "B1-01"]
    assert "so-theo-doi.xlsx" in created.comment


def test_importing_the_same_file_twice_reports_0_new_0_changed(people, register):
    data = initiatives_file(*register)
    run(people.secretariat, KIND, data)
    events = AuditEvent.objects.count()

    again = run(people.secretariat, KIND, data)

    assert again.run.counts == {
        "rows": 4,
        "new": 0,
        "changed": 0,
        "unchanged": 4,
        "invalid": 0,
        "duplicates": 0,
    }
    assert again.run.message.startswith("Đã nhập: 0 mới, 0 thay đổi, 4 không đổi")
    assert Registration.objects.count() == 4
    assert AuditEvent.objects.count() == events


def test_a_changed_file_updates_only_what_changed_each_change_audited(people, tree, register):
    run(people.secretariat, KIND, initiatives_file(*register))
    register[2][2] = "Tổ hòa giải giỏi ở cơ sở"  # name of B1-02
    register[3][9] = "Công nhận"  # B2-01 recognised
    register[0][15] = None  # a blank cell erases nothing

    outcome = run(people.secretariat, KIND, initiatives_file(*register))

    assert outcome.run.counts["changed"] == 2
    assert outcome.run.counts["unchanged"] == 2
    mediation = Initiative.objects.get(code="B1-02")
    assert mediation.name == "Tổ hòa giải giỏi ở cơ sở"
    assert mediation.version == 2
    event = AuditEvent.objects.get(action="initiative.update", target_id=mediation.pk)
    assert event.changes == {"name": ["Tổ hòa giải ở cơ sở", "Tổ hòa giải giỏi ở cơ sở"]}
    assert event.actor == people.secretariat
    registration = Registration.objects.get(initiative__code="B2-01")
    assert registration.status == Status.RECOGNISED
    status_event = AuditEvent.objects.get(action="registration.update", target_id=registration.pk)
    assert status_event.changes == {"status": ["accepted", "recognised"]}
    assert AuditEvent.objects.get(action="recognition.create").changes["recognised"] == [None, True]
    assert Initiative.objects.get(code="B1-01").households_benefiting == 150
    assert Initiative.objects.get(code="B2-01").first_recognised_year == 2024


def test_rows_without_a_code_get_one_and_are_found_again_on_a_second_import(people, tree):
    rows = [
        initiative_row("", "Mô hình chưa có mã", tree.b1, 2021),
        initiative_row("", "Mô hình chưa có mã", tree.b1, 2022, result="Công nhận"),
    ]
    data = initiatives_file(*rows)

    run(people.secretariat, KIND, data)
    again = run(people.secretariat, KIND, data)

    initiative = Initiative.objects.get()
    assert initiative.code == f"{tree.b1.code}-2021-0001"
    assert initiative.registrations.count() == 2
    assert again.run.counts["unchanged"] == 2


def test_a_messy_register_is_read_as_officers_write_it(people, tree):
    rows = [
        initiative_row(
            "  m-01 ",
            "  mô  hình   DÂN VẬN khéo ",
            tree.b1.name.upper(),
            "2022",
            kind="TẬP THỂ",
            sector="van hoa - xa hoi",
            result="cong nhan",
            level="huyện",
            day="3/1/23",
            funds="12.500.000 đồng",
            households="1.200",
        )
    ]

    outcome = run(
        people.secretariat, KIND, initiatives_file(*rows, above=[["SỔ THEO DÕI"], ["Năm 2022"], []])
    )

    assert outcome.run.status == ImportStatus.DONE, messages(outcome)
    initiative = Initiative.objects.get()
    assert (initiative.code, initiative.name, initiative.sector.name) == (
        "m-01",
        "mô hình DÂN VẬN khéo",
        "Văn hóa - xã hội",
    )
    assert (initiative.funds_mobilised, initiative.households_benefiting) == (Decimal(12500000), 1200)
    recognition = Recognition.objects.get()
    assert (recognition.level, recognition.decision_date) == ("district", datetime.date(2023, 1, 3))
    assert outcome.run.ignored_columns == [
        "STT (cột A) — trang tính “Danh sách”",
        "Ghi chú (cột R) — trang tính “Danh sách”",
    ]


# --- problems in rows -----------------------------------------------------------------------------------


def single_problem(actor, row) -> str:
    outcome = preview(actor, KIND, initiatives_file(row))
    assert outcome.run.status == ImportStatus.PREVIEWED
    assert outcome.run.counts["invalid"] == 1
    (message,) = messages(outcome)
    return message


@pytest.mark.parametrize(
    ("change", "column", "expected"),
    [
        (
            {"sector": "Văn hoá xã hộii"},
            "H (Lĩnh vực)",
            "Không có lĩnh vực “Văn hoá xã hộii”. Có phải là “Văn hóa - xã hội”? Các giá trị được dùng: “Kinh tế”, “Văn hóa - xã hội”, “Quốc phòng - an ninh”, “Xây dựng hệ thống chính trị”.",
        ),
        (
            {"kind": "Nhóm"},
            "E (Loại)",
            "Không có loại mô hình “Nhóm”. Các giá trị được dùng: “Tập thể”, “Cá nhân”.",
        ),
        (
            {"result": "Xuất sắc"},
            "J (Kết quả)",
            "Không có kết quả “Xuất sắc”. Các giá trị được dùng: “Công nhận”, “Tiêu biểu”, “Không công nhận”.",
        ),
        ({"year": 2008}, "I (Năm)", "Năm 2008 nằm ngoài khoảng 2009–"),
        ({"year": 2099}, "I (Năm)", "Năm 2099 nằm ngoài khoảng 2009–"),
        ({"kind": "Cá nhân"}, "F (Họ và tên)", "Mô hình cá nhân cần ghi họ và tên."),
        (
            {"day": "32/12/2022", "result": "Công nhận"},
            "M (Ngày quyết định)",
            "Ngày “32/12/2022” không có thật trên lịch.",
        ),
        (
            {"number": "5-QĐ"},
            "J (Kết quả)",
            "Đã ghi cấp, số hoặc ngày quyết định công nhận nhưng chưa ghi kết quả",
        ),
    ],
)
def test_each_invalid_cell_is_reported_with_sheet_row_column_and_what_to_write(
    people, tree, change, column, expected
):
    values = {"kind": "Tập thể", "sector": "Kinh tế", **change}
    year = values.pop("year", 2022)
    message = single_problem(people.secretariat, initiative_row("X-1", "Mô hình", tree.b1, year, **values))

    assert message.startswith(f"Trang tính “Danh sách”, dòng 2, cột {column}: ")
    assert expected in message


def test_an_unknown_unit_is_reported_with_the_closest_unit_of_the_scope(people, tree):
    # A stray character in front of B1's code: closer to B1 than to any sibling whatever the codes' numbers are.
    message = single_problem(people.secretariat, initiative_row("X-1", "Mô hình", "X" + tree.b1.code, 2022))

    assert f"Không có đơn vị mã “X{tree.b1.code}” trong phạm vi của bạn." in message
    assert "Có phải là Xã B1" in message


def test_a_unit_outside_the_importers_scope_is_refused(people, tree):
    message = single_problem(people.secretariat, initiative_row("X-1", "Mô hình", tree.c1, 2022))

    assert f"Đơn vị mã “{tree.c1.code}” nằm ngoài phạm vi của bạn." in message
    assert "Xã C1" not in message  # nothing of another subtree is revealed


def test_a_code_of_an_initiative_outside_the_scope_is_refused(people, tree):
    run(people.secretariat_c, KIND, initiatives_file(initiative_row("C-1", "Mô hình của C", tree.c1, 2022)))

    message = single_problem(people.secretariat, initiative_row("C-1", "Mô hình", tree.b1, 2023))

    assert "Mã mô hình “C-1” là của một mô hình thuộc đơn vị ngoài phạm vi bạn quản lý." in message


def test_the_same_registration_twice_with_different_content_is_refused_identical_rows_are_skipped(
    people, tree
):
    rows = [
        initiative_row("D-1", "Mô hình", tree.b1, 2022),
        initiative_row("D-1", "Mô hình", tree.b1, 2022),
        initiative_row("D-1", "Mô hình khác", tree.b1, 2022, result="Công nhận"),
    ]

    outcome = preview(people.secretariat, KIND, initiatives_file(*rows))

    assert outcome.run.counts == {
        "rows": 3,
        "new": 1,
        "changed": 0,
        "unchanged": 0,
        "invalid": 1,
        "duplicates": 1,
    }
    assert messages(outcome) == [
        (
            "Trang tính “Danh sách”, dòng 4, cột I (Năm): Lượt đăng ký năm 2022 của mô hình “D-1” đã có ở dòng 2 "
            "(trang tính “Danh sách”) với nội dung khác (khác nhau ở cột “Kết quả”, “Tên mô hình”). Hãy giữ lại một dòng."
        )
    ]


def test_a_file_with_problems_writes_nothing_unless_only_the_valid_rows_are_asked_for(people, tree, register):
    register.append(initiative_row("E-1", "Mô hình lỗi", tree.b1, 2022, sector="Nông nghiệp"))
    outcome = preview(people.secretariat, KIND, initiatives_file(*register))
    assert outcome.run.counts["invalid"] == 1

    refused = commit_import(outcome.run, actor=people.secretariat)

    assert refused.run.status == ImportStatus.REFUSED
    assert "Tệp có 1 lỗi nên chưa ghi gì" in refused.run.message
    assert not Initiative.objects.exists()

    partial = commit_import(outcome.run, actor=people.secretariat, only_valid=True)

    assert partial.run.status == ImportStatus.DONE
    assert partial.run.counts == {
        "rows": 5,
        "new": 4,
        "changed": 0,
        "unchanged": 0,
        "invalid": 1,
        "duplicates": 0,
    }
    assert partial.run.problem_count == 1
    assert partial.run.problems[0]["row"] == 6
    assert not Initiative.objects.filter(code="E-1").exists()
    assert Initiative.objects.count() == 3


def test_only_secretariat_and_administrators_import(people, register):
    with pytest.raises(NotAllowed):
        preview(people.staff, KIND, initiatives_file(*register))


class CrashHalfWay:
    """A progress callback that stops the import once the writing has begun (as a killed worker would)."""

    def __init__(self):
        self.writing = False

    def step(self, label, start, end):
        self.writing = start > 0

    def __call__(self, done, total):
        if self.writing and done > 0:
            raise KeyboardInterrupt


def test_an_import_stopped_half_way_leaves_nothing_half_written(people, tree, register):
    outcome = preview(people.secretariat, KIND, initiatives_file(*register))

    with pytest.raises(KeyboardInterrupt):
        commit_import(outcome.run, actor=people.secretariat, on_progress=CrashHalfWay())

    assert not Initiative.objects.exists()
    assert not Registration.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="initiative").exists()


def test_the_rollups_written_with_new_initiatives_are_those_the_workflow_service_computes(
    people, tree, register
):
    register.append(initiative_row("B1-01", "Dân vận khéo trong xây dựng đường giao thông", tree.b1, 2023))
    run(people.secretariat, KIND, initiatives_file(*register))
    assert stale_rollups() == []
    imported = Initiative.objects.get(code="B1-01")
    assert (imported.first_year, imported.last_year, imported.stopped_year) == (2021, 2023, None)
    assert years_in(imported.registered_years) == [2021, 2022, 2023]
    assert imported.first_recognised_year == 2021
    assert years_in(imported.recognised_years)[0] == 2021


def test_a_year_registered_by_another_unit_keeps_the_rollups_true(people, tree, register):
    run(people.secretariat, KIND, initiatives_file(*register))
    register.append(initiative_row("B1-01", "Dân vận khéo trong xây dựng đường giao thông", tree.b2, 2023))

    run(people.secretariat, KIND, initiatives_file(*register))

    road = Initiative.objects.get(code="B1-01")
    assert road.unit == tree.b2  # the latest year's unit owns it now; 2021 and 2022 stay with xã B1
    assert road.elsewhere_unit == tree.b1
    assert years_in(road.elsewhere_years) == [2021, 2022]
    assert years_in(road.registered_years) == [2021, 2022, 2023]
    assert stale_rollups() == []
