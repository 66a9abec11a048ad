"""A confirmed import runs as a background task: with the immediate backend (as in most tests) and once for
real through the database queue and `dvk worker`."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from dvk.core.errors import InvalidState, NotAllowed
from dvk.imports.models import ImportRun, ImportStatus
from dvk.imports.services import execute_run, start_import
from dvk.initiatives.models import Initiative
from tests.imports.registers import initiative_row, initiatives_file, preview

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def previewed(people, tree):
    data = initiatives_file(
        initiative_row("T-1", "Mô hình", tree.b1, 2022), initiative_row("T-2", "Mô hình hai", tree.b2, 2023)
    )
    return preview(people.secretariat, "initiatives", data).run


def test_a_confirmed_run_is_written_by_the_task(
    settings, people, previewed, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE

    with django_capture_on_commit_callbacks(execute=True):
        start_import(previewed, actor=people.secretariat)

    run = ImportRun.objects.get(pk=previewed.pk)
    assert (run.status, run.progress, run.counts["new"]) == (ImportStatus.DONE, 100, 2)
    assert run.task_id
    assert run.finished_at is not None
    assert Initiative.objects.count() == 2


def test_only_the_uploader_confirms_and_a_finished_run_does_not_run_again(
    settings, people, previewed, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with pytest.raises(NotAllowed):
        start_import(previewed, actor=people.secretariat_c)
    with django_capture_on_commit_callbacks(execute=True):
        start_import(previewed, actor=people.secretariat)

    with pytest.raises(InvalidState):
        start_import(ImportRun.objects.get(pk=previewed.pk), actor=people.secretariat)


def test_a_run_whose_task_fails_is_marked_failed_and_writes_nothing(people, previewed):
    previewed.original_file.delete(save=False)  # the kept file is gone: the worker cannot read it
    ImportRun.objects.filter(pk=previewed.pk).update(status=ImportStatus.QUEUED)

    with pytest.raises(FileNotFoundError):
        execute_run(previewed.pk)

    run = ImportRun.objects.get(pk=previewed.pk)
    assert run.status == ImportStatus.FAILED
    assert "không có dữ liệu nào được ghi" in run.message
    assert not Initiative.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_dvk_worker_run_the_import(default_catalogues, people, previewed):
    start_import(previewed, actor=people.secretariat)
    run = ImportRun.objects.get(pk=previewed.pk)
    assert run.status == ImportStatus.QUEUED
    assert DBTaskResult.objects.filter(pk=run.task_id, status="READY").exists()

    call_command("worker", batch=True, interval=0, verbosity=0)

    run.refresh_from_db()
    assert run.status == ImportStatus.DONE
    assert DBTaskResult.objects.get(pk=run.task_id).status == "SUCCESSFUL"
    assert set(Initiative.objects.values_list("code", flat=True)) == {"T-1", "T-2"}
