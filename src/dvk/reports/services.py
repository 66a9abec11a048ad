"""The writes of summary reports (báo cáo sơ kết / tổng kết): create, edit the text, "chốt số liệu" (freeze the
figures), unfreeze, and keep a unit's own Word template. Every write checks MANAGE_REPORTS on the report's unit
through `has_permission` and records one audit event."""

import io
import zipfile
from dataclasses import asdict
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dvk.accounts.roles import MANAGE_REPORTS
from dvk.campaigns.models import Phase
from dvk.core.audit import diff, log_event
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.reports.models import SummaryReport
from dvk.reports.selectors import (
    SNAPSHOT_SCHEMA,
    build_snapshot,
    default_title,
    phases_applying_to,
    report_figures,
)
from dvk.units.models import DocumentLayout, Unit
from dvk.units.selectors import has_permission

TEXT_FIELDS = (
    "part_leadership",
    "part_results_extra",
    "part_limitations",
    "part_lessons",
    "part_directions",
    "part_proposals",
    "recipients",
    "signer_position",
)
LINE_FIELDS = ("title", "number", "signer_name")
EDITABLE_FIELDS = (*LINE_FIELDS, *TEXT_FIELDS, "kind", "layout", "issued_on")
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _require(actor, unit_id: int) -> None:
    if not has_permission(actor, MANAGE_REPORTS, unit_id):
        raise NotAllowed("Bạn không có quyền lập, sửa báo cáo sơ kết, tổng kết của đơn vị này.")


def _locked(report: SummaryReport) -> SummaryReport:
    return (
        SummaryReport.objects.select_for_update(of=("self",))
        .select_related("unit", "phase")
        .get(pk=report.pk)
    )


def _text(value: str | None) -> str:
    """Multi-line text as typed, each line cleaned (NFC, single spaces), blank runs kept to one."""
    lines = [clean(line) for line in (value or "").splitlines()]
    return "\n".join(lines).strip()


def _period(unit: Unit, phase: Phase | None, years: tuple[int, int] | None) -> tuple[int, int]:
    if phase is not None:
        if not phases_applying_to(unit).filter(pk=phase.pk).exists():
            raise ValidationFailed(f"Giai đoạn “{phase.code}” không áp dụng cho “{unit.name}”.")
        return phase.start_year, phase.end_year
    if not years:
        raise ValidationFailed("Chọn giai đoạn hoặc nhập khoảng năm của báo cáo.")
    start, end = years
    if not (FIRST_YEAR <= start <= end <= LAST_YEAR):
        raise ValidationFailed(
            f"Khoảng năm {start} - {end} không hợp lệ (từ năm phải không lớn hơn đến năm)."
        )
    return start, end


def _checked(fields: dict) -> dict:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Report fields not editable here: {', '.join(sorted(unknown))}")
    values = {
        name: clean(v) if name in LINE_FIELDS else _text(v) if name in TEXT_FIELDS else v
        for name, v in fields.items()
    }
    if "title" in values and not values["title"]:
        raise ValidationFailed("Trích yếu báo cáo không được để trống.")
    if "layout" in values and values["layout"] not in DocumentLayout.values:
        raise ValidationFailed("Thể thức văn bản không hợp lệ.")
    if "kind" in values and values["kind"] not in SummaryReport.Kind.values:
        raise ValidationFailed("Loại báo cáo không hợp lệ.")
    issued = values.get("issued_on")
    if issued is not None and not isinstance(issued, date):
        raise ValidationFailed("Ngày báo cáo không hợp lệ.")
    return values


@transaction.atomic
def create_summary_report(
    *,
    actor,
    unit: Unit,
    phase: Phase | None = None,
    years: tuple[int, int] | None = None,
    kind: str = SummaryReport.Kind.INTERIM,
    **fields,
) -> SummaryReport:
    """A new report of `unit` for `phase` (or the inclusive `years`), with live figures and default texts."""
    _require(actor, unit.pk)
    start, end = _period(unit, phase, years)
    values = _checked({"kind": kind, **fields})
    values.setdefault("layout", unit.document_layout)
    if not values.get("title"):
        values["title"] = default_title(values["kind"], start, end)
    report = SummaryReport.objects.create(
        unit=unit, phase=phase, start_year=start, end_year=end, created_by=actor, **values
    )
    log_event(
        actor=actor,
        action="report.create",
        target=report,
        scope_unit_id=unit.pk,
        changes={"title": (None, report.title), "years": (None, f"{start}-{end}")},
    )
    return report


@transaction.atomic
def update_summary_report(
    report: SummaryReport, *, actor, version: int | None = None, **fields
) -> SummaryReport:
    """Edit the report's texts, number, date, layout. The figures are not fields: they follow the data until
    frozen. `version` (when given) must be the one the editor started from."""
    report = _locked(report)
    _require(actor, report.unit_id)
    if version is not None and version != report.version:
        raise InvalidState(
            "Báo cáo vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất rồi sửa lại."
        )
    changes = diff(report, _checked(fields))
    if not changes:
        return report
    for name, (_old, new) in changes.items():
        setattr(report, name, new)
    report.version += 1
    report.save(update_fields=[*changes, "version", "updated_at"])
    log_event(
        actor=actor, action="report.update", target=report, scope_unit_id=report.unit_id, changes=changes
    )
    return report


@transaction.atomic
def freeze_report_figures(report: SummaryReport, *, actor) -> SummaryReport:
    """ "Chốt số liệu": keep the figures, the exemplary models and the honorees as they are now. Later changes
    to the data leave the frozen report unchanged."""
    report = _locked(report)
    _require(actor, report.unit_id)
    if report.is_frozen:
        raise InvalidState("Số liệu của báo cáo này đã được chốt.")
    figures = report_figures(report)
    snapshot = build_snapshot(report.unit, figures, report.phase)
    report.frozen_figures = {
        "schema": SNAPSHOT_SCHEMA,
        "figures": figures.as_json(),  # DESIGN §5's JSON
        "figure_set": asdict(figures),  # every field of the FigureSet, rows with their per-kind splits
        "report": snapshot,  # what the documents print (narrative, appendices)
    }
    report.frozen_at, report.frozen_by = timezone.now(), actor
    report.version += 1
    report.save(update_fields=["frozen_figures", "frozen_at", "frozen_by", "version", "updated_at"])
    log_event(
        actor=actor,
        action="report.freeze",
        target=report,
        scope_unit_id=report.unit_id,
        changes={"frozen_at": (None, report.frozen_at), "figures": (None, figures.as_json())},
    )
    return report


@transaction.atomic
def unfreeze_report_figures(report: SummaryReport, *, actor, reason: str) -> SummaryReport:
    """Undo "chốt số liệu" (the figures follow the data again). The reason and the figures that were frozen are
    kept in the audit trail."""
    report = _locked(report)
    _require(actor, report.unit_id)
    if not report.is_frozen:
        raise InvalidState("Số liệu của báo cáo này chưa được chốt.")
    reason = _text(reason)
    if not reason:
        raise ValidationFailed("Nhập lý do mở chốt số liệu.")
    old_figures, old_at = (report.frozen_figures or {}).get("figures"), report.frozen_at
    report.frozen_figures, report.frozen_at, report.frozen_by = None, None, None
    report.version += 1
    report.save(update_fields=["frozen_figures", "frozen_at", "frozen_by", "version", "updated_at"])
    log_event(
        actor=actor,
        action="report.unfreeze",
        target=report,
        scope_unit_id=report.unit_id,
        changes={"frozen_at": (old_at, None), "figures": (old_figures, None)},
        comment=reason,
    )
    return report


def check_docx(content: bytes) -> None:
    """A Word (.docx) file: a zip package with a main document part. (Whether it renders is the exporter's
    check, made by the upload form before this service is called.)"""
    if len(content) > TEMPLATE_MAX_BYTES:
        raise ValidationFailed("Tệp mẫu quá lớn (tối đa 5 MB).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile:
        raise ValidationFailed("Tệp tải lên không phải tệp Word .docx.") from None
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ValidationFailed("Tệp tải lên không phải tệp Word .docx.")


@transaction.atomic
def set_report_template(report: SummaryReport, *, actor, content: bytes, filename: str) -> SummaryReport:
    """Print this report with the unit's own Word template instead of the default one."""
    report = _locked(report)
    _require(actor, report.unit_id)
    check_docx(content)
    old = report.template.name
    report.template.save(f"bao-cao-{report.pk}.docx", ContentFile(content), save=False)
    report.template_name = clean(filename)[:255]
    report.version += 1
    report.save(update_fields=["template", "template_name", "version", "updated_at"])
    log_event(
        actor=actor,
        action="report.set_template",
        target=report,
        scope_unit_id=report.unit_id,
        changes={"template": (old or None, report.template.name)},
        comment=report.template_name,
    )
    return report


@transaction.atomic
def clear_report_template(report: SummaryReport, *, actor) -> SummaryReport:
    """Go back to the default template. The uploaded file is kept in storage (nothing is deleted)."""
    report = _locked(report)
    _require(actor, report.unit_id)
    if not report.template:
        raise InvalidState("Báo cáo đang dùng mẫu mặc định.")
    old = report.template.name
    report.template, report.template_name = "", ""
    report.version += 1
    report.save(update_fields=["template", "template_name", "version", "updated_at"])
    log_event(
        actor=actor,
        action="report.clear_template",
        target=report,
        scope_unit_id=report.unit_id,
        changes={"template": (old, None)},
    )
    return report
