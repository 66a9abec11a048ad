"""The roll-ups stored on initiatives: the year masks and the other registering units that the statistics
service reads, kept equal to the registrations by every writer (docs/decisions/0007)."""

import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from dvk.evaluations.models import Recognition, RecognitionLevel
from dvk.evaluations.services import record_recognition
from dvk.initiatives.enums import Status, YearOutcome
from dvk.initiatives.models import Initiative
from dvk.initiatives.rollups import YearFacts, refresh_initiative_rollups, rollups_of, stale_rollups
from dvk.initiatives.services import transition_registration
from dvk.initiatives.years import MASK_LAST_YEAR, mask_of, year_bit, years_in, years_mask
from tests.evaluations.helpers import make_phase, make_registration
from tests.factories import InitiativeFactory, RegistrationFactory


def test_year_masks():
    assert year_bit(2000) == 1
    assert year_bit(2020) == 1 << 20
    assert years_mask(2020, 2022) == 0b111 << 20
    assert years_mask(1990, 2001) == 0b11  # clipped to the masks' years
    assert years_mask(2023, 2022) == 0
    assert years_mask(2070, 2080) == 0
    assert years_in(mask_of([2024, 2009, 2015])) == [2009, 2015, 2024]
    assert years_in(years_mask(2000, MASK_LAST_YEAR)) == list(range(2000, MASK_LAST_YEAR + 1))
    with pytest.raises(ValueError, match="outside the masks' years"):
        year_bit(MASK_LAST_YEAR + 1)


def test_the_python_rule():
    facts = [
        YearFacts(2019, Status.DRAFT, "", 1, False),  # not counted
        YearFacts(2020, Status.RECOGNISED, YearOutcome.CONTINUED, 1, True),
        YearFacts(2021, Status.NOT_RECOGNISED, YearOutcome.STOPPED, 1, False),
        YearFacts(2023, Status.RECOGNISED, "", 2, False),  # another unit registered it again
        YearFacts(2024, Status.WITHDRAWN, "", 3, False),  # not counted, wherever it came from
    ]
    rollups = rollups_of(1, facts)
    assert (rollups.first_year, rollups.last_year, rollups.stopped_year) == (2020, 2023, 2021)
    assert rollups.first_recognised_year == 2020
    assert years_in(rollups.registered_years) == [2020, 2021, 2023]
    assert years_in(rollups.recognised_years) == [2020, 2023]
    assert years_in(rollups.exemplary_years) == [2020]
    assert (rollups.elsewhere_unit_id, years_in(rollups.elsewhere_years)) == (2, [2023])
    assert not rollups.registered_by_many
    assert rollups_of(1, facts[:3]).elsewhere_unit_id is None
    by_many = rollups_of(1, [*facts, YearFacts(2025, Status.SUBMITTED, "", 3, False)])
    assert by_many.registered_by_many
    assert (by_many.elsewhere_unit_id, by_many.elsewhere_years) == (None, 0)
    assert rollups_of(1, []) == rollups_of(1, [YearFacts(2020, Status.DRAFT, "", 2, False)])


def test_the_sql_refresh_follows_the_python_rule(tree):
    initiative = InitiativeFactory(unit=tree.b1)
    for year, status, outcome, unit in [
        (2019, Status.DRAFT, "", tree.b1),
        (2020, Status.RECOGNISED, YearOutcome.CONTINUED, tree.b1),
        (2021, Status.NOT_RECOGNISED, YearOutcome.STOPPED, tree.b1),
        (2023, Status.RECOGNISED, "", tree.b2),
        (2024, Status.WITHDRAWN, "", tree.c1),
    ]:
        registration = RegistrationFactory(
            initiative=initiative, unit=unit, year=year, status=status, outcome=outcome
        )
        if status == Status.RECOGNISED:
            Recognition.objects.create(registration=registration, recognised=True, is_exemplary=year == 2020)
    assert stale_rollups([initiative.pk]) == [initiative.pk]

    refresh_initiative_rollups([initiative.pk])

    assert stale_rollups() == []
    initiative.refresh_from_db()
    assert years_in(initiative.registered_years) == [2020, 2021, 2023]
    assert years_in(initiative.recognised_years) == [2020, 2023]
    assert years_in(initiative.exemplary_years) == [2020]
    assert initiative.elsewhere_unit == tree.b2
    assert years_in(initiative.elsewhere_years) == [2023]
    assert not initiative.registered_by_many

    RegistrationFactory(initiative=initiative, unit=tree.c1, year=2025, status=Status.SUBMITTED)
    refresh_initiative_rollups([initiative.pk])

    initiative.refresh_from_db()
    assert initiative.registered_by_many
    assert (initiative.elsewhere_unit, initiative.elsewhere_years) == (None, 0)
    assert stale_rollups() == []


def test_correcting_a_recognition_to_exemplary_updates_the_mask(tree, people):
    phase = make_phase(tree.b)
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase, year=2022)
    values = {"actor": people.secretariat, "registration": registration, "level": RecognitionLevel.DISTRICT}
    record_recognition(**values, recognised=True)
    initiative = Initiative.objects.get(pk=registration.initiative_id)
    assert years_in(initiative.recognised_years) == [2022]
    assert initiative.exemplary_years == 0

    record_recognition(**values, recognised=True, is_exemplary=True)

    initiative.refresh_from_db()
    assert years_in(initiative.exemplary_years) == [2022]
    assert stale_rollups() == []


def test_a_registration_year_outside_the_masks_is_refused_by_the_database(tree):
    initiative = InitiativeFactory(unit=tree.b1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(initiative=initiative, unit=tree.b1, year=MASK_LAST_YEAR + 1)


def dvk_rollups(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("rollups", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue()


def test_the_rollups_command_finds_and_repairs_drift(tree):
    initiative = InitiativeFactory(unit=tree.b1)
    RegistrationFactory(initiative=initiative, unit=tree.b1, year=2021, status=Status.ACCEPTED)
    refresh_initiative_rollups([initiative.pk])
    assert dvk_rollups() == (0, "Đã kiểm tra 1 mô hình: số tổng hợp khớp với các lượt đăng ký.\n")

    Initiative.objects.filter(pk=initiative.pk).update(registered_years=0)  # as a hand edit would
    code, out = dvk_rollups()
    assert code == 1
    assert "1/1 mô hình có số tổng hợp lệch" in out
    assert dvk_rollups("--repair") == (0, "Đã tính lại số tổng hợp của 1/1 mô hình.\n")
    assert stale_rollups() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer at a time: no race")
@pytest.mark.django_db(transaction=True)
def test_two_writers_of_one_initiative_at_once_leave_true_rollups(default_catalogues, tree, people):
    """A correction of 2021 (which locks its own registration) while a transition of 2022 holds the initiative:
    the correction's refresh waits, then reads the committed 2022 status."""
    initiative = InitiativeFactory(unit=tree.b1)
    recognised = RegistrationFactory(
        initiative=initiative, unit=tree.b1, year=2021, status=Status.UNDER_REVIEW
    )
    draft = RegistrationFactory(initiative=initiative, unit=tree.b1, year=2022, status=Status.DRAFT)
    record_recognition(
        actor=people.admin, registration=recognised, recognised=True, level=RecognitionLevel.COMMUNE
    )
    transition_started = threading.Event()

    def transition_2022():
        with transaction.atomic():
            transition_registration(draft, Status.SUBMITTED, actor=people.admin)
            transition_started.set()
            time.sleep(1)  # hold the locks while the correction runs
        connection.close()

    def correct_2021():
        transition_started.wait(5)
        record_recognition(
            actor=people.admin,
            registration=recognised,
            recognised=True,
            level=RecognitionLevel.COMMUNE,
            is_exemplary=True,
        )
        connection.close()

    threads = [threading.Thread(target=transition_2022), threading.Thread(target=correct_2021)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert stale_rollups() == []
    initiative.refresh_from_db()
    assert years_in(initiative.registered_years) == [2021, 2022]
    assert years_in(initiative.exemplary_years) == [2021]
