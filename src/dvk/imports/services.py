"""Bringing a committee's Excel registers into DVK: preview, then commit, one way for the web and the CLI.

- `preview_import` keeps the uploaded file with a new `ImportRun`, reads and validates it and counts the new,
  changed and unchanged rows, writing nothing else. A file that cannot be read at all (not a spreadsheet,
  password-protected, empty, required columns missing, too many rows) is refused with one message.
- `start_import` queues the confirmed run as a background task (`tasks.run_import`), which calls
  `execute_run` → `commit_import`.
- `commit_import` reads the kept file again, validates it against the database as it is now, and writes in
  ONE transaction: all or nothing by default; with `only_valid` the valid rows are written and the rest
  reported. A run killed half-way leaves nothing half-written. Importing the same file twice finds
  "0 new, 0 changed"; changes are audited field by field; nothing is ever deleted.
"""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dvk.accounts.roles import MANAGE_UNITS, roles_granting
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.imports import progress
from dvk.imports.kinds.base import Importer, Plan, Problem, WriteContext
from dvk.imports.kinds.commendations import CommendationImporter
from dvk.imports.kinds.initiatives_plan import InitiativeImporter
from dvk.imports.kinds.units import UnitImporter
from dvk.imports.models import ACTIVE_STATUSES, ImportKind, ImportRun, ImportStatus
from dvk.imports.reading import FileRefused, check_size, read_tables
from dvk.units.models import Membership
from dvk.units.selectors import clear_scope_cache, has_permission

logger = logging.getLogger(__name__)

IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.UNITS: UnitImporter,
    ImportKind.INITIATIVES: InitiativeImporter,
    ImportKind.COMMENDATIONS: CommendationImporter,
}


@dataclass
class Outcome:
    """A run and, when the file could be read, the full plan (every problem, not only the stored ones)."""

    run: ImportRun
    plan: Plan | None = None

    @property
    def problems(self) -> list[Problem]:
        if self.plan is not None:
            return self.plan.problems
        return [Problem(**problem) for problem in self.run.problems]


def check_may_import(actor) -> None:
    if actor is not None and actor.is_active and actor.is_superuser:
        return  # an administrator may import even before any unit exists (the units register first)
    if not has_permission(actor, MANAGE_UNITS):
        raise NotAllowed("Chỉ thường trực Ban Chỉ đạo và quản trị hệ thống được nhập dữ liệu từ tệp.")


def _anchor_unit_id(actor) -> int | None:
    """The unit whose managers read this run in the history: the importer's highest managing membership."""
    if actor.is_superuser:
        return None
    return (
        Membership.objects.filter(user=actor, role__in=roles_granting(MANAGE_UNITS))
        .order_by("unit__depth", "unit__path")
        .values_list("unit_id", flat=True)
        .first()
    )


def validate(kind: str, data: bytes, filename: str, *, actor, reporter=None) -> tuple[Importer, Plan]:
    """Read and validate a file; nothing is written. Raises `FileRefused` for an unreadable file."""
    importer = IMPORTERS[kind](actor)
    if reporter is not None:
        importer.on_progress = reporter
    tables, notes = read_tables(data, filename, importer.columns)
    plan = importer.validate(tables)
    plan.notes = notes + plan.notes
    return importer, plan


def _store_plan(run: ImportRun, plan: Plan) -> None:
    run.counts = plan.counts()
    run.problems = [problem.as_dict() for problem in plan.problems[: ImportRun.MAX_STORED_PROBLEMS]]
    run.problem_count = len(plan.problems)
    run.ignored_columns = plan.ignored_columns
    run.notes = plan.notes


def _refuse(run: ImportRun, message: str) -> None:
    run.status = ImportStatus.REFUSED
    run.message = message
    run.problems = [Problem("", None, "", message).as_dict()]
    run.problem_count = 1


def preview_import(*, actor, kind: str, data: bytes, filename: str, source: str = "web") -> Outcome:
    """Keep the file with a new run and report what importing it would do. Raises `ValidationFailed` for a
    file over the size limit (not kept) and `NotAllowed` for a user who may not import."""
    check_may_import(actor)
    if kind not in IMPORTERS:
        raise ValidationFailed(f"Không có loại dữ liệu “{kind}” để nhập.")
    try:
        check_size(len(data))
    except FileRefused as refusal:
        raise ValidationFailed(refusal.message) from None
    filename = (filename or "tep-nhap").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    run = ImportRun(
        kind=kind,
        created_by=actor,
        unit_id=_anchor_unit_id(actor),
        source=source,
        original_name=filename,
        size=len(data),
    )
    run.original_file.save(filename, ContentFile(data), save=False)
    plan = None
    try:
        _importer, plan = validate(kind, data, filename, actor=actor)
    except FileRefused as refusal:
        _refuse(run, refusal.message)
    else:
        _store_plan(run, plan)
        run.status = ImportStatus.PREVIEWED
        if not plan.has_writes and not plan.problems:
            run.message = "Tệp không có gì mới so với dữ liệu đang có."
    run.save()
    return Outcome(run, plan)


def _may_restart(run: ImportRun) -> bool:
    if run.status in (ImportStatus.PREVIEWED, ImportStatus.FAILED):
        return True
    started = run.started_at.timestamp() if run.started_at else run.updated_at.timestamp()
    return run.status in ACTIVE_STATUSES and progress.is_stale(progress.read_file(run.pk), started)


def start_import(run: ImportRun, *, actor, only_valid: bool = False) -> ImportRun:
    """Queue a previewed run for the background worker (its creator or an administrator confirms)."""
    check_may_import(actor)
    if run.created_by_id != actor.pk and not actor.is_superuser:
        raise NotAllowed("Chỉ người đã tải tệp lên mới xác nhận được lần nhập này.")
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if not run.original_file or not _may_restart(run):
            raise InvalidState(
                f"Lần nhập đang ở trạng thái “{run.get_status_display()}”, không chạy được nữa."
            )
        run.status, run.only_valid, run.progress, run.message = ImportStatus.QUEUED, only_valid, 0, ""
        run.save(update_fields=["status", "only_valid", "progress", "message", "updated_at"])
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from dvk.imports.tasks import run_import

    result = run_import.enqueue(run_id)
    ImportRun.objects.filter(pk=run_id).update(task_id=str(result.id)[:64])


def execute_run(run_id: int) -> dict:
    """What the background task does: commit the run, recording any failure on it (never half-written)."""
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    if run.status not in (*ACTIVE_STATUSES, ImportStatus.PREVIEWED, ImportStatus.FAILED):
        return run.counts
    try:
        commit_import(run, actor=run.created_by, only_valid=run.only_valid)
    except Exception:
        logger.exception("Import run %s failed", run_id)
        _finish(
            run, ImportStatus.FAILED, "Lần nhập gặp lỗi hệ thống và đã dừng; không có dữ liệu nào được ghi."
        )
        raise
    return run.counts


def _finish(run: ImportRun, status: str, message: str = "") -> None:
    run.status, run.finished_at = status, timezone.now()
    if message:
        run.message = message
    if status == ImportStatus.DONE:
        run.progress = 100
    run.save()
    if run.pk:
        progress.forget(run.pk)


def commit_import(run: ImportRun, *, actor, only_valid: bool = False, on_progress=None) -> Outcome:
    """Validate the run's file again and write it in one transaction (see the module docstring)."""
    check_may_import(actor)
    clear_scope_cache(actor)
    reporter = on_progress or progress.ProgressReporter(run.pk)
    run.status, run.started_at, run.only_valid = ImportStatus.RUNNING, timezone.now(), only_valid
    run.save(update_fields=["status", "started_at", "only_valid", "updated_at"])
    reporter.step("Đang đọc và kiểm tra tệp", 0, 40)
    with run.original_file.open("rb") as file:
        data = file.read()
    try:
        importer, plan = validate(run.kind, data, run.original_name, actor=actor, reporter=reporter)
    except FileRefused as refusal:
        _refuse(run, refusal.message)
        _finish(run, ImportStatus.REFUSED)
        return Outcome(run)
    _store_plan(run, plan)
    if plan.problems and not only_valid:
        _finish(run, ImportStatus.REFUSED, _refusal_message(plan))
        return Outcome(run, plan)
    run.progress = 40
    run.save(update_fields=["progress", "counts", "problems", "problem_count", "updated_at"])
    reporter.step("Đang ghi dữ liệu", 40, 100)
    context = WriteContext(actor=actor, run_id=run.pk, file_name=run.original_name, progress=reporter)
    with transaction.atomic():
        importer.write(plan, context=context)
    clear_scope_cache(actor)
    _finish(run, ImportStatus.DONE, summary(plan, written=True))
    return Outcome(run, plan)


def _refusal_message(plan: Plan) -> str:
    return (
        f"Tệp có {len(plan.problems)} lỗi nên chưa ghi gì. Hãy sửa tệp rồi tải lên lại, hoặc chọn "
        "“Chỉ nhập các dòng hợp lệ”."
    )


def summary(plan: Plan, *, written: bool) -> str:
    counts = plan.counts()
    verb = "Đã nhập" if written else "Sẽ nhập"
    text = f"{verb}: {counts['new']} mới, {counts['changed']} thay đổi, {counts['unchanged']} không đổi"
    if counts["invalid"]:
        text += f"; {counts['invalid']} dòng có lỗi" + (" không được nhập" if written else "")
    if counts["duplicates"]:
        text += f"; {counts['duplicates']} dòng lặp lại y hệt được bỏ qua"
    return text + "."
