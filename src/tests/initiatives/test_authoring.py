"""Unit staff's writes: create, register again, edit with a version check, self-assess, continue, stop. Each
checks role, scope and state, and is audited; a refusal writes nothing."""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from dvk.campaigns.models import CriteriaSet, Criterion
from dvk.core.audit import events_for
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.initiatives.authoring import (
    CONFLICT_MESSAGE,
    EditConflict,
    InvalidField,
    continue_registration,
    create_initiative,
    register_again,
    self_assess_registration,
    stop_registration,
    update_registration,
)
from dvk.initiatives.enums import InitiativeKind, Status, YearOutcome
from dvk.initiatives.models import Initiative, Registration
from tests.factories import InitiativeFactory, PhaseFactory, RegistrationFactory, sector

NEXT_YEAR = timezone.localdate().year + 1


def fields(**overrides):
    values = {
        "name": "Mô hình “Đường giao thông nông thôn kiểu mới”",
        "kind": InitiativeKind.COLLECTIVE,
        "sector": sector(),
        "address": "Thôn Nà Reo",
        "started_on": date(2023, 3, 1),
        "description": "<p>Vận động nhân dân <strong>hiến đất</strong></p>",
        "objectives": "Làm 2 km đường",
        "households_benefiting": 120,
        "funds_mobilised": Decimal(1_500_000),
        "roads_km": Decimal("2.5"),
    }
    return {**values, **overrides}


def create(actor, unit, year=2024, **overrides):
    return create_initiative(
        actor=actor, unit=unit, year=year, targets="Hoàn thành 2 km", **fields(**overrides)
    )


def actions(target):
    return [event.action for event in events_for(target).order_by("id")]


# --- create ----------------------------------------------------------------------------------------------


def test_staff_creates_an_initiative_with_its_draft_registration(tree, people):
    registration = create(people.staff, tree.b1)

    initiative = registration.initiative
    assert (registration.status, registration.year, registration.unit, registration.phase) == (
        Status.DRAFT,
        2024,
        tree.b1,
        None,
    )
    assert initiative.code == f"{tree.b1.code}-2024-0001"
    assert (initiative.unit, initiative.created_by, registration.created_by) == (
        tree.b1,
        people.staff,
        people.staff,
    )
    assert initiative.roads_km == Decimal("2.5")
    assert registration.targets == "Hoàn thành 2 km"
    assert actions(initiative) == ["initiative.create"]
    assert actions(registration) == ["registration.create"]
    created = events_for(initiative).get()
    assert created.actor == people.staff
    assert created.changes["name"] == [None, initiative.name]
    assert created.changes["funds_mobilised"] == [None, "1500000"]


def test_codes_are_generated_in_sequence_and_a_given_code_must_be_free(tree, people):
    first = create(people.staff, tree.b1)
    second = create(people.staff, tree.b1, name="Mô hình thứ hai")
    assert second.initiative.code == f"{tree.b1.code}-2024-0002"
    assert first.initiative.code != second.initiative.code

    own = create_initiative(actor=people.staff, unit=tree.b1, year=2024, code="NH-01", **fields())
    assert own.initiative.code == "NH-01"
    with pytest.raises(InvalidField, match="đã được dùng") as refused:
        create_initiative(actor=people.staff, unit=tree.b1, year=2024, code="nh-01", **fields())
    assert refused.value.field == "code"


def test_the_phase_is_the_nearest_launching_ancestors_for_the_year(tree, people):
    PhaseFactory(launched_by=tree.province, code="2021-2025", start_year=2021, end_year=2025)
    district_phase = PhaseFactory(launched_by=tree.b, code="2020-2022", start_year=2020, end_year=2022)

    assert create(people.staff, tree.b1, year=2021).phase == district_phase
    assert create(people.staff, tree.b1, year=2024).phase.launched_by == tree.province
    assert create(people.staff, tree.b1, year=2019).phase is None
    assert create(people.staff_c, tree.c1, year=2021).phase.launched_by == tree.province


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": InitiativeKind.INDIVIDUAL, "person_position": "Trưởng thôn"}, "person_name"),
        ({"kind": InitiativeKind.INDIVIDUAL, "person_name": "Hoàng Văn A"}, "person_position"),
        ({"name": "   "}, "name"),
        ({"kind": "group"}, "kind"),
        ({"sector": None}, "sector"),
        ({"households_benefiting": -1}, "households_benefiting"),
    ],
)
def test_incomplete_initiatives_are_refused_next_to_the_field(tree, people, overrides, field):
    with pytest.raises(InvalidField) as refused:
        create(people.staff, tree.b1, **overrides)
    assert refused.value.field == field
    assert not Initiative.objects.exists()


def test_an_individual_model_keeps_its_person(tree, people):
    registration = create(
        people.staff,
        tree.b1,
        kind=InitiativeKind.INDIVIDUAL,
        person_name="  Hoàng   Thị Hoa ",
        person_position="Chi hội trưởng phụ nữ",
    )
    assert registration.initiative.person_name == "Hoàng Thị Hoa"


@pytest.mark.parametrize("year", [2008, NEXT_YEAR + 1])
def test_years_outside_the_movement_are_refused(tree, people, year):
    with pytest.raises(InvalidField, match="Năm đăng ký phải từ 2009"):
        create(people.staff, tree.b1, year=year)
    assert not Initiative.objects.exists()


def test_next_year_may_be_registered_ahead(tree, people):
    assert create(people.staff, tree.b1, year=NEXT_YEAR).year == NEXT_YEAR


@pytest.mark.parametrize("who", ["staff_c", "reviewer", "viewer", "nobody"])
def test_only_staff_of_the_unit_or_above_may_create(tree, people, who):
    with pytest.raises(NotAllowed, match="không có quyền"):
        create(getattr(people, who), tree.b1)
    assert not Initiative.objects.exists()


def test_the_secretariat_above_may_create_for_a_commune(tree, people):
    assert create(people.secretariat, tree.b2).initiative.unit == tree.b2


def test_a_closed_unit_registers_only_up_to_the_year_it_closed(tree, people):
    tree.b1.is_active, tree.b1.valid_to = False, date(2025, 6, 30)
    tree.b1.save(update_fields=["is_active", "valid_to"])
    tree.b2.is_active = False
    tree.b2.save(update_fields=["is_active"])

    registration = create(people.staff, tree.b1, year=2025)
    with pytest.raises(InvalidField, match="chỉ đăng ký được cho các năm đến 2025") as refused:
        create(people.staff, tree.b1, year=2026)
    assert refused.value.field == "year"
    with pytest.raises(InvalidField, match="chỉ đăng ký được cho các năm đến 2025"):
        register_again(actor=people.staff, initiative=registration.initiative, year=2026)
    with pytest.raises(InvalidField, match="đã ngừng hoạt động"):
        create(people.secretariat, tree.b2, year=2024)
    assert Initiative.objects.count() == 1


def test_text_is_normalised_and_rich_text_sanitised(tree, people):
    decomposed = unicodedata.normalize("NFD", "Dân vận khéo")
    registration = create(
        people.staff,
        tree.b1,
        name=decomposed,
        description='<p onclick="x()">Nội dung<script>alert(1)</script></p><img src=x onerror=alert(1)>',
        objectives="Dòng một\nDòng hai",
    )
    initiative = registration.initiative
    assert initiative.name == "Dân vận khéo"
    assert unicodedata.is_normalized("NFC", initiative.name)
    assert initiative.description == "<p>Nội dung</p>"
    assert initiative.objectives == "<p>Dòng một<br>Dòng hai</p>"


# --- register again --------------------------------------------------------------------------------------


def test_an_earlier_initiative_is_registered_again_with_its_latest_targets(tree, people):
    initiative = InitiativeFactory(unit=tree.b1)
    RegistrationFactory(initiative=initiative, year=2022, targets="Chỉ tiêu 2022", status=Status.RECOGNISED)
    RegistrationFactory(initiative=initiative, year=2023, targets="Chỉ tiêu 2023", status=Status.RECOGNISED)

    registration = register_again(actor=people.staff, initiative=initiative, year=2025)

    assert (registration.status, registration.year, registration.targets) == (
        Status.DRAFT,
        2025,
        "Chỉ tiêu 2023",
    )
    assert registration.continued_from is None
    assert actions(registration) == ["registration.create"]


def test_registering_again_refuses_a_year_already_registered_or_out_of_scope(tree, people):
    initiative = InitiativeFactory(unit=tree.b1)
    RegistrationFactory(initiative=initiative, year=2024)
    with pytest.raises(InvalidField, match="đã có lượt đăng ký năm 2024"):
        register_again(actor=people.staff, initiative=initiative, year=2024)
    with pytest.raises(NotAllowed):
        register_again(actor=people.staff_c, initiative=initiative, year=2025)
    with pytest.raises(InvalidField, match="Năm đăng ký"):
        register_again(actor=people.staff, initiative=initiative, year=1999)
    assert initiative.registrations.count() == 1


# --- edit with a version check ---------------------------------------------------------------------------


def test_editing_a_draft_saves_bumps_versions_and_audits_old_and_new(tree, people):
    registration = create(people.staff, tree.b1)
    initiative = registration.initiative

    update_registration(
        actor=people.staff,
        registration=registration,
        expected_version=1,
        expected_initiative_version=1,
        initiative_fields={
            "name": "Tên mới",
            "funds_mobilised": Decimal(2_000_000),
            "address": "Thôn Nà Reo",
        },
        registration_fields={"targets": "Chỉ tiêu mới"},
    )

    initiative.refresh_from_db()
    assert (initiative.name, initiative.funds_mobilised, initiative.version) == ("Tên mới", 2_000_000, 2)
    assert (registration.targets, registration.version) == ("Chỉ tiêu mới", 2)
    update = events_for(initiative).get(action="initiative.update")
    assert update.changes == {
        "name": ["Mô hình “Đường giao thông nông thôn kiểu mới”", "Tên mới"],
        "funds_mobilised": ["1500000", "2000000"],
    }
    assert events_for(registration).get(action="registration.update").changes == {
        "targets": ["Hoàn thành 2 km", "Chỉ tiêu mới"]
    }


def test_saving_nothing_new_bumps_nothing(tree, people):
    registration = create(people.staff, tree.b1)
    update_registration(
        actor=people.staff,
        registration=registration,
        expected_version=1,
        initiative_fields={"address": "Thôn Nà Reo"},
        registration_fields={"targets": "Hoàn thành 2 km"},
    )
    assert registration.version == 1
    assert actions(registration) == ["registration.create"]


def _snapshot(registration: Registration):
    registration.refresh_from_db()
    initiative = Initiative.objects.get(pk=registration.initiative_id)
    return (
        registration.targets,
        registration.version,
        initiative.name,
        initiative.description,
        initiative.version,
    )


def test_the_second_of_two_editors_gets_a_conflict_and_loses_nothing(tree, people):
    registration = create(people.staff, tree.b1)
    colleague = people.secretariat  # both opened the form at version 1
    update_registration(
        actor=colleague,
        registration=registration,
        expected_version=1,
        expected_initiative_version=1,
        initiative_fields={"name": "Tên do thường trực sửa"},
    )
    saved = _snapshot(registration)
    events_before = actions(registration) + actions(registration.initiative)

    with pytest.raises(EditConflict) as conflict:
        update_registration(
            actor=people.staff,
            registration=registration,
            expected_version=1,
            expected_initiative_version=1,
            initiative_fields={"name": "Tên do cán bộ sửa", "description": "Mô tả mới"},
            registration_fields={"targets": "Chỉ tiêu khác"},
        )

    assert conflict.value.message == CONFLICT_MESSAGE
    assert "không có nội dung nào bị ghi đè" in conflict.value.message
    assert _snapshot(registration) == saved
    assert saved[2] == "Tên do thường trực sửa"
    assert actions(registration) + actions(registration.initiative) == events_before


def test_an_initiative_edited_through_another_years_registration_is_a_conflict(tree, people):
    first = create(people.staff, tree.b1, year=2023)
    second = register_again(actor=people.staff, initiative=first.initiative, year=2024)
    update_registration(
        actor=people.staff,
        registration=first,
        expected_version=1,
        expected_initiative_version=1,
        initiative_fields={"objectives": "Mục tiêu sửa qua năm 2023"},
    )
    before = _snapshot(second)
    with pytest.raises(EditConflict):
        update_registration(
            actor=people.staff,
            registration=second,
            expected_version=1,
            expected_initiative_version=1,
            initiative_fields={"objectives": "Mục tiêu sửa qua năm 2024"},
        )
    assert _snapshot(second) == before


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED, Status.RECOGNISED, Status.WITHDRAWN])
def test_only_drafts_and_returned_registrations_are_edited(tree, people, status):
    registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=status)
    with pytest.raises(InvalidState, match="chỉ sửa được khi còn là bản nháp"):
        update_registration(
            actor=people.staff,
            registration=registration,
            expected_version=1,
            initiative_fields={"name": "Không được sửa"},
        )
    assert Initiative.objects.get(pk=registration.initiative_id).name != "Không được sửa"


def test_a_returned_registration_is_edited(tree, people):
    registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=Status.RETURNED)
    update_registration(
        actor=people.staff,
        registration=registration,
        expected_version=1,
        registration_fields={"targets": "Sửa"},
    )
    assert registration.targets == "Sửa"


@pytest.mark.parametrize("who", ["staff_c", "reviewer", "viewer"])
def test_editing_needs_the_permission_on_the_unit(tree, people, who):
    registration = create(people.staff, tree.b1)
    with pytest.raises(NotAllowed):
        update_registration(
            actor=getattr(people, who),
            registration=registration,
            expected_version=1,
            initiative_fields={"name": "X"},
        )


def test_switching_to_individual_needs_the_person(tree, people):
    registration = create(people.staff, tree.b1)
    with pytest.raises(InvalidField) as refused:
        update_registration(
            actor=people.staff,
            registration=registration,
            expected_version=1,
            initiative_fields={"kind": InitiativeKind.INDIVIDUAL},
        )
    assert refused.value.field == "person_name"


# --- self-assessment -------------------------------------------------------------------------------------


@pytest.fixture
def phase_with_criteria(tree):
    collective = CriteriaSet.objects.create(name="Tiêu chí tập thể")
    points = Criterion.objects.create(criteria_set=collective, order=1, text="Cách làm khéo", max_points=40)
    more = Criterion.objects.create(criteria_set=collective, order=2, text="Hiệu quả", max_points=60)
    passed = Criterion.objects.create(criteria_set=collective, order=3, text="Được nhân dân đồng tình")
    phase = PhaseFactory(
        launched_by=tree.b, code="2023-2025", start_year=2023, end_year=2025, collective_criteria=collective
    )
    return phase, points, more, passed


def accepted_registration(tree, phase):
    return RegistrationFactory(
        initiative=InitiativeFactory(unit=tree.b1), year=2024, phase=phase, status=Status.ACCEPTED
    )


def test_self_assessment_stores_scores_and_moves_the_status(tree, people, phase_with_criteria):
    phase, points, more, passed = phase_with_criteria
    registration = accepted_registration(tree, phase)

    self_assess_registration(
        actor=people.staff,
        registration=registration,
        results="Đã làm 2,5 km đường\n\nHuy động 300 ngày công",
        self_assessment="Hoàn thành vượt chỉ tiêu",
        scores={points.pk: Decimal("35.5"), str(more.pk): 60, passed.pk: True},
    )

    registration.refresh_from_db()
    assert registration.status == Status.SELF_ASSESSED
    assert registration.results == "<p>Đã làm 2,5 km đường</p><p>Huy động 300 ngày công</p>"
    assert registration.self_assessment_scores == {
        str(points.pk): 35.5,
        str(more.pk): 60,
        str(passed.pk): True,
    }
    assert actions(registration) == ["registration.self_assess", "registration.transition"]


@pytest.mark.parametrize(
    ("score_of", "value", "message"),
    [
        ("points", 41, "Điểm phải từ 0 đến 40"),
        ("points", -1, "Điểm phải từ 0 đến 40"),
        ("points", "nhiều", "phải là một số"),
        ("points", None, "Vui lòng tự chấm"),
        ("passed", "có", "đạt hoặc không đạt"),
    ],
)
def test_scores_outside_the_criteria_are_refused(tree, people, phase_with_criteria, score_of, value, message):
    phase, points, more, passed = phase_with_criteria
    registration = accepted_registration(tree, phase)
    scores = {points.pk: 30, more.pk: 50, passed.pk: False}
    criterion = {"points": points, "passed": passed}[score_of]
    scores[criterion.pk] = value
    with pytest.raises(InvalidField, match=message) as refused:
        self_assess_registration(
            actor=people.staff,
            registration=registration,
            results="Kết quả",
            self_assessment="",
            scores=scores,
        )
    assert refused.value.field == f"criterion_{criterion.pk}"
    registration.refresh_from_db()
    assert (registration.status, registration.results, registration.self_assessment_scores) == (
        Status.ACCEPTED,
        "",
        {},
    )


def test_scores_of_foreign_criteria_and_empty_results_are_refused(tree, people, phase_with_criteria):
    phase, points, more, passed = phase_with_criteria
    registration = accepted_registration(tree, phase)
    stranger = Criterion.objects.create(criteria_set=CriteriaSet.objects.create(name="Khác"), text="Lạ")
    scores = {points.pk: 30, more.pk: 50, passed.pk: True}
    with pytest.raises(InvalidField, match="không thuộc bộ tiêu chí"):
        self_assess_registration(
            actor=people.staff,
            registration=registration,
            results="Kết quả",
            self_assessment="",
            scores={**scores, stranger.pk: 1},
        )
    with pytest.raises(InvalidField, match="kết quả thực hiện"):
        self_assess_registration(
            actor=people.staff,
            registration=registration,
            results="<p> </p>",
            self_assessment="",
            scores=scores,
        )


def test_without_a_phase_results_alone_are_enough(tree, people):
    registration = accepted_registration(tree, None)
    self_assess_registration(
        actor=people.staff, registration=registration, results="Kết quả", self_assessment="", scores={}
    )
    assert registration.status == Status.SELF_ASSESSED


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.SELF_ASSESSED, Status.RECOGNISED])
def test_self_assessment_needs_an_accepted_registration(tree, people, status):
    registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=status)
    with pytest.raises(InvalidState, match="Chỉ tự đánh giá được lượt đăng ký đang triển khai"):
        self_assess_registration(
            actor=people.staff, registration=registration, results="Kết quả", self_assessment="", scores={}
        )


@pytest.mark.parametrize("who", ["staff_c", "reviewer", "viewer"])
def test_self_assessment_needs_the_permission_on_the_unit(tree, people, who):
    registration = accepted_registration(tree, None)
    with pytest.raises(NotAllowed):
        self_assess_registration(
            actor=getattr(people, who),
            registration=registration,
            results="Kết quả",
            self_assessment="",
            scores={},
        )
    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED


# --- year end --------------------------------------------------------------------------------------------


def decided(tree, status=Status.RECOGNISED, year=2023, **extra):
    return RegistrationFactory(
        initiative=InitiativeFactory(unit=tree.b1),
        year=year,
        status=status,
        targets="Chỉ tiêu năm cũ",
        **extra,
    )


def test_continuing_creates_next_years_prefilled_draft(tree, people):
    phase = PhaseFactory(launched_by=tree.b, code="2024-2026", start_year=2024, end_year=2026)
    registration = decided(tree)

    following = continue_registration(actor=people.staff, registration=registration)

    assert registration.outcome == YearOutcome.CONTINUED
    assert registration.version == 2
    assert (
        following.year,
        following.status,
        following.targets,
        following.continued_from,
        following.phase,
    ) == (
        2024,
        Status.DRAFT,
        "Chỉ tiêu năm cũ",
        registration,
        phase,
    )
    assert actions(registration) == ["registration.continued"]
    assert actions(following) == ["registration.create"]
    assert Initiative.objects.get(pk=registration.initiative_id).last_year == 2023


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.SELF_ASSESSED, Status.NOT_RECOGNISED])
def test_the_year_may_be_closed_once_under_way_or_decided(tree, people, status):
    registration = decided(tree, status=status)
    stop_registration(actor=people.staff, registration=registration, reason="Hết nguồn kinh phí")
    assert registration.outcome == YearOutcome.STOPPED


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.UNDER_REVIEW, Status.WITHDRAWN]
)
def test_the_year_is_not_closed_before_it_is_under_way(tree, people, status):
    registration = decided(tree, status=status)
    with pytest.raises(InvalidState, match="chỉ duy trì hoặc dừng được"):
        continue_registration(actor=people.staff, registration=registration)
    with pytest.raises(InvalidState):
        stop_registration(actor=people.staff, registration=registration, reason="Lý do")
    assert not Registration.objects.filter(year=2024).exists()


def test_a_year_is_closed_only_once(tree, people):
    registration = decided(tree)
    continue_registration(actor=people.staff, registration=registration)
    with pytest.raises(InvalidState, match="đã được kết thúc"):
        continue_registration(actor=people.staff, registration=registration)
    with pytest.raises(InvalidState, match="đã được kết thúc"):
        stop_registration(actor=people.staff, registration=registration, reason="Đổi ý")
    assert registration.initiative.registrations.count() == 2


def test_continuing_into_a_year_already_registered_changes_nothing(tree, people):
    registration = decided(tree)
    RegistrationFactory(initiative=registration.initiative, year=2024)
    with pytest.raises(InvalidField, match="đã có lượt đăng ký năm 2024"):
        continue_registration(actor=people.staff, registration=registration)
    registration.refresh_from_db()
    assert registration.outcome == ""
    assert not events_for(registration).exists()


def test_continuing_beyond_next_year_is_refused(tree, people):
    registration = decided(tree, year=NEXT_YEAR)
    with pytest.raises(ValidationFailed, match="Năm đăng ký"):
        continue_registration(actor=people.staff, registration=registration)


def test_stopping_keeps_the_reason_and_the_rollup(tree, people):
    registration = decided(tree)
    with pytest.raises(InvalidField, match="lý do dừng"):
        stop_registration(actor=people.staff, registration=registration, reason="  ")

    stop_registration(actor=people.staff, registration=registration, reason="Nhân dân đã tự duy trì")

    assert registration.outcome == YearOutcome.STOPPED
    event = events_for(registration).get()
    assert (event.action, event.comment, event.changes) == (
        "registration.stopped",
        "Nhân dân đã tự duy trì",
        {"outcome": ["", "stopped"]},
    )
    assert Initiative.objects.get(pk=registration.initiative_id).stopped_year == 2023


@pytest.mark.parametrize("who", ["staff_c", "reviewer", "viewer"])
def test_closing_the_year_needs_the_permission_on_the_unit(tree, people, who):
    registration = decided(tree)
    with pytest.raises(NotAllowed):
        continue_registration(actor=getattr(people, who), registration=registration)
    with pytest.raises(NotAllowed):
        stop_registration(actor=getattr(people, who), registration=registration, reason="Lý do")
    registration.refresh_from_db()
    assert registration.outcome == ""
