"""Unit staff's daily work (DESIGN §2-§4): create an initiative with its first registration, register it
again in a later year, edit it while it is a draft or returned (with a version check, so that two people editing
the same record never overwrite each other), self-assess it against the phase's criteria, and close the year
by continuing it into the next one or stopping it. Status changes go through `services.transition_registration`.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from dvk.accounts import roles
from dvk.campaigns.models import Criterion, Sector
from dvk.campaigns.selectors import phase_for_year
from dvk.core.audit import diff, log_event
from dvk.core.errors import DvkError, InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.initiatives.enums import InitiativeKind, Status, YearOutcome
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.richtext import clean_multiline, rich_text_is_empty, sanitize_rich_text
from dvk.initiatives.services import refresh_initiative_rollups, transition_registration
from dvk.initiatives.years import FIRST_YEAR
from dvk.units.models import Unit
from dvk.units.selectors import has_permission

INITIATIVE_FIELDS = (
    "name",
    "kind",
    "person_name",
    "person_position",
    "sector",
    "address",
    "started_on",
    "description",
    "objectives",
    "households_benefiting",
    "funds_mobilised",
    "workdays",
    "land_donated_m2",
    "roads_km",
)
INDICATOR_FIELDS = ("households_benefiting", "funds_mobilised", "workdays", "land_donated_m2", "roads_km")
REGISTRATION_FIELDS = ("targets",)
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
# A year may be closed (continued or stopped) once the registration is under way or decided.
YEAR_END_STATUSES = (Status.ACCEPTED, Status.SELF_ASSESSED, Status.RECOGNISED, Status.NOT_RECOGNISED)
_PLAIN_FIELDS = {"name", "person_name", "person_position", "address"}
_RICH_FIELDS = {"description", "objectives"}


class InvalidField(ValidationFailed):
    """A refusal about one input: pages show it next to that field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class EditConflict(DvkError):
    """Someone saved the record after this user opened it: nothing was written."""


CONFLICT_MESSAGE = (
    "Người khác đã lưu thay đổi cho mô hình hoặc lượt đăng ký này sau khi bạn mở trang. Thay đổi của bạn "
    "chưa được lưu và không có nội dung nào bị ghi đè. Hãy xem lại bản đang lưu, rồi lưu lại nếu vẫn muốn."
)


def _require(actor, permission: str, unit_id: int, verb: str) -> None:
    if not has_permission(actor, permission, unit_id):
        raise NotAllowed(f"Bạn không có quyền {verb} của đơn vị này.")


def _check_year(year: int, field: str = "year") -> None:
    last = timezone.localdate().year + 1
    if not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise InvalidField(field, f"Năm đăng ký phải từ {FIRST_YEAR} đến {last}.")


def _clean_value(name: str, value: Any) -> Any:
    if name in _PLAIN_FIELDS:
        return clean(value)
    if name in _RICH_FIELDS:
        return sanitize_rich_text(value)
    if name in INDICATOR_FIELDS and value is not None and value < 0:
        raise InvalidField(name, "Chỉ số không được là số âm.")
    return value


def _initiative_values(fields: dict[str, Any], current: Initiative | None = None) -> dict[str, Any]:
    """Cleaned and validated initiative fields; with `current`, the fields not given keep their value."""
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Initiative fields not editable here: {', '.join(sorted(unknown))}")
    values = {name: _clean_value(name, value) for name, value in fields.items()}
    merged = {name: getattr(current, name, None) for name in INITIATIVE_FIELDS if current is not None}
    merged.update(values)
    if not merged.get("name"):
        raise InvalidField("name", "Vui lòng nhập tên mô hình.")
    if merged.get("kind") not in InitiativeKind.values:
        raise InvalidField("kind", "Vui lòng chọn loại mô hình: tập thể hoặc cá nhân.")
    sector = merged.get("sector")
    if not isinstance(sector, Sector):
        raise InvalidField("sector", "Vui lòng chọn lĩnh vực.")
    if not sector.is_active and (current is None or current.sector_id != sector.pk):
        raise InvalidField("sector", f"Lĩnh vực “{sector.name}” không còn được dùng.")
    if merged["kind"] == InitiativeKind.INDIVIDUAL:
        for name, label in (("person_name", "họ và tên"), ("person_position", "chức vụ")):
            if not merged.get(name):
                raise InvalidField(name, f"Mô hình cá nhân cần ghi rõ {label} của người thực hiện.")
    elif "kind" in values:
        values.update(person_name="", person_position="")  # a collective model names no person
    return values


def _check_unit_open(unit: Unit, year: int) -> None:
    """A unit that stopped operating (merged in the 2025 reform, dissolved) registers nothing after the year it
    stopped; its earlier years may still be entered."""
    if unit.is_active:
        return
    if unit.valid_to is None:
        raise InvalidField("unit", f"Đơn vị “{unit.name}” đã ngừng hoạt động, không đăng ký thêm mô hình.")
    if year > unit.valid_to.year:
        raise InvalidField(
            "year",
            f"Đơn vị “{unit.name}” hoạt động đến ngày {unit.valid_to:%d/%m/%Y}: chỉ đăng ký được cho các năm "
            f"đến {unit.valid_to.year}.",
        )


def _next_code(unit: Unit, year: int) -> str:
    prefix = f"{unit.code}-{year}-"
    if len(prefix) + 4 > Initiative._meta.get_field("code").max_length:
        prefix = f"U{unit.pk}-{year}-"
    taken = Initiative.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _insert_initiative(values: dict[str, Any], *, unit: Unit, year: int, code: str, actor) -> Initiative:
    """Insert with the given code, or with the next free generated one (retrying if another insert won)."""
    if code and Initiative.objects.filter(code__iexact=code).exists():
        raise InvalidField("code", f"Mã mô hình “{code}” đã được dùng.")
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Initiative.objects.create(
                    code=code or _next_code(unit, year), unit=unit, created_by=actor, **values
                )
        except IntegrityError:
            if code:
                raise InvalidField("code", f"Mã mô hình “{code}” đã được dùng.") from None
    raise ValidationFailed("Không tạo được mã mô hình, vui lòng thử lại.")


def _create_registration(
    initiative: Initiative, *, year: int, actor, targets: str, continued_from: Registration | None = None
) -> Registration:
    if Registration.objects.filter(initiative=initiative, year=year).exists():
        raise InvalidField("year", f"Mô hình “{initiative.name}” đã có lượt đăng ký năm {year}.")
    _check_unit_open(initiative.unit, year)
    registration = Registration.objects.create(
        initiative=initiative,
        unit=initiative.unit,
        year=year,
        phase=phase_for_year(initiative.unit, year),
        targets=clean_multiline(targets),
        continued_from=continued_from,
        created_by=actor,
    )
    log_event(
        actor=actor,
        action="registration.create",
        target=registration,
        scope_unit_id=registration.unit_id,
        changes={"year": (None, year), "status": (None, Status.DRAFT.value)},
    )
    return registration


@transaction.atomic
def create_initiative(
    *, actor, unit: Unit, year: int, targets: str = "", code: str = "", **fields: Any
) -> Registration:
    """Create an initiative of `unit` and its draft registration for `year`; returns the registration.
    The code is generated (`<unit code>-<year>-0001`) when left blank."""
    _require(actor, roles.EDIT_INITIATIVE, unit.pk, "đăng ký mô hình")
    _check_year(year)
    _check_unit_open(unit, year)
    values = _initiative_values(fields)
    initiative = _insert_initiative(values, unit=unit, year=year, code=clean(code), actor=actor)
    created = {name: (None, value) for name, value in values.items() if value not in (None, "")}
    log_event(
        actor=actor,
        action="initiative.create",
        target=initiative,
        scope_unit_id=unit.pk,
        changes={"code": (None, initiative.code), **created},
    )
    registration = _create_registration(initiative, year=year, actor=actor, targets=targets)
    refresh_initiative_rollups([initiative.pk])
    return registration


@transaction.atomic
def register_again(*, actor, initiative: Initiative, year: int) -> Registration:
    """A draft registration of an earlier initiative for a new year, with the latest targets as a start."""
    _require(actor, roles.EDIT_INITIATIVE, initiative.unit_id, "đăng ký mô hình")
    _check_year(year)
    latest = initiative.registrations.filter(year__lt=year).order_by("-year").first()
    registration = _create_registration(
        initiative, year=year, actor=actor, targets=latest.targets if latest else ""
    )
    refresh_initiative_rollups([initiative.pk])
    return registration


def _save_changes(instance, changes: dict[str, tuple[Any, Any]], action: str, *, actor, unit_id: int) -> None:
    for name, (_old, new) in changes.items():
        setattr(instance, name, new)
    instance.version += 1
    instance.save(update_fields=[*changes, "version", "updated_at"])
    log_event(actor=actor, action=action, target=instance, scope_unit_id=unit_id, changes=changes)


@transaction.atomic
def update_registration(
    *,
    actor,
    registration: Registration,
    expected_version: int,
    initiative_fields: dict[str, Any] | None = None,
    registration_fields: dict[str, Any] | None = None,
    expected_initiative_version: int | None = None,
) -> Registration:
    """Save edits to a draft or returned registration and its initiative. Refuses with `EditConflict`, writing
    nothing, when either record changed since the user loaded it (their `version`s differ)."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    initiative = Initiative.objects.select_for_update().get(pk=locked.initiative_id)
    _require(actor, roles.EDIT_INITIATIVE, locked.unit_id, "sửa mô hình")
    if locked.status not in EDITABLE_STATUSES:
        raise InvalidState(
            f"Lượt đăng ký đang ở trạng thái “{Status(locked.status).label}”: chỉ sửa được khi còn là bản nháp "
            "hoặc bị trả lại."
        )
    if locked.version != expected_version or (
        expected_initiative_version is not None and initiative.version != expected_initiative_version
    ):
        raise EditConflict(CONFLICT_MESSAGE)
    unknown = set(registration_fields or {}) - set(REGISTRATION_FIELDS)
    if unknown:
        raise TypeError(f"Registration fields not editable here: {', '.join(sorted(unknown))}")
    initiative_changes = diff(initiative, _initiative_values(initiative_fields or {}, current=initiative))
    registration_changes = diff(
        locked, {name: clean_multiline(value) for name, value in (registration_fields or {}).items()}
    )
    if initiative_changes:
        _save_changes(
            initiative, initiative_changes, "initiative.update", actor=actor, unit_id=locked.unit_id
        )
    if registration_changes or initiative_changes:
        _save_changes(
            locked, registration_changes, "registration.update", actor=actor, unit_id=locked.unit_id
        )
    registration.refresh_from_db()
    return locked


def self_assessment_criteria(registration: Registration) -> list[Criterion]:
    """The criteria of the registration's phase for its initiative's kind (none without a phase)."""
    criteria_set = (
        registration.phase.criteria_for(registration.initiative.kind) if registration.phase else None
    )
    return list(criteria_set.criteria.order_by("order", "id")) if criteria_set else []


def _score(criterion: Criterion, value: Any) -> int | float | bool:
    field = f"criterion_{criterion.pk}"
    if criterion.max_points is None:  # pass / fail
        if value in (True, False, 0, 1):
            return bool(value)
        raise InvalidField(field, f"Tiêu chí “{criterion}” chỉ ghi đạt hoặc không đạt.")
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidField(field, f"Điểm của tiêu chí “{criterion}” phải là một số.") from None
    if not Decimal(0) <= points <= criterion.max_points:
        raise InvalidField(field, f"Điểm phải từ 0 đến {criterion.max_points.normalize():f}.")
    return int(points) if points == points.to_integral_value() else float(points)


def _validated_scores(registration: Registration, scores: dict) -> dict[str, int | float | bool]:
    criteria = {criterion.pk: criterion for criterion in self_assessment_criteria(registration)}
    try:
        given = {int(key): value for key, value in scores.items()}
    except (TypeError, ValueError):
        raise InvalidField("scores", "Điểm tự chấm không đúng tiêu chí.") from None
    if set(given) - set(criteria):
        raise InvalidField("scores", "Có điểm cho tiêu chí không thuộc bộ tiêu chí của giai đoạn.")
    stored = {}
    for pk, criterion in criteria.items():
        if given.get(pk) in (None, ""):
            raise InvalidField(f"criterion_{pk}", f"Vui lòng tự chấm tiêu chí “{criterion}”.")
        stored[str(pk)] = _score(criterion, given[pk])
    return stored


@transaction.atomic
def self_assess_registration(
    *, actor, registration: Registration, results: str, self_assessment: str, scores: dict
) -> Registration:
    """Record the year's results and the unit's own assessment (with points per criterion of the phase),
    then move the registration to "self-assessed" through the one writer."""
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("initiative", "phase")
        .get(pk=registration.pk)
    )
    _require(actor, roles.SELF_ASSESS_REGISTRATION, locked.unit_id, "tự đánh giá mô hình")
    if locked.status != Status.ACCEPTED:
        raise InvalidState(
            f"Chỉ tự đánh giá được lượt đăng ký đang triển khai; lượt này đang “{Status(locked.status).label}”."
        )
    results = sanitize_rich_text(results)
    if rich_text_is_empty(results):
        raise InvalidField("results", "Vui lòng nhập kết quả thực hiện.")
    values = {
        "results": results,
        "self_assessment": clean_multiline(self_assessment),
        "self_assessment_scores": _validated_scores(locked, scores or {}),
    }
    changes = diff(locked, values)
    if changes:
        for name, (_old, new) in changes.items():
            setattr(locked, name, new)
        locked.save(update_fields=[*changes, "updated_at"])
        log_event(
            actor=actor,
            action="registration.self_assess",
            target=locked,
            scope_unit_id=locked.unit_id,
            changes=changes,
        )
    result = transition_registration(locked, Status.SELF_ASSESSED, actor=actor)
    registration.refresh_from_db()
    return result


def check_year_end(registration: Registration) -> None:
    """Raise `InvalidState` unless the year of this registration may be closed (continued or stopped) now."""
    if registration.outcome:
        raise InvalidState(
            f"Năm {registration.year} của mô hình này đã được kết thúc "
            f"(“{YearOutcome(registration.outcome).label}”)."
        )
    if registration.status not in YEAR_END_STATUSES:
        raise InvalidState(
            f"Lượt đăng ký đang ở trạng thái “{Status(registration.status).label}”: chỉ duy trì hoặc dừng được "
            "khi mô hình đang triển khai, đã tự đánh giá hoặc đã có kết quả công nhận."
        )


def _close_year(registration: Registration, outcome: str, *, actor, comment: str = "") -> Registration:
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .get(pk=registration.pk)
    )
    _require(actor, roles.CLOSE_REGISTRATION_YEAR, locked.unit_id, "kết thúc năm đăng ký mô hình")
    check_year_end(locked)
    locked.outcome = outcome
    locked.version += 1
    locked.save(update_fields=["outcome", "version", "updated_at"])
    log_event(
        actor=actor,
        action=f"registration.{outcome}",
        target=locked,
        scope_unit_id=locked.unit_id,
        changes={"outcome": ("", outcome)},
        comment=comment,
    )
    return locked


@transaction.atomic
def continue_registration(*, actor, registration: Registration) -> Registration:
    """Year end, "duy trì": mark the year continued and create next year's draft, prefilled with this year's
    targets. Returns the new registration."""
    next_year = registration.year + 1
    _check_year(next_year)
    locked = _close_year(registration, YearOutcome.CONTINUED, actor=actor)
    following = _create_registration(
        locked.initiative, year=next_year, actor=actor, targets=locked.targets, continued_from=locked
    )
    refresh_initiative_rollups([locked.initiative_id])
    registration.refresh_from_db()
    return following


@transaction.atomic
def stop_registration(*, actor, registration: Registration, reason: str) -> Registration:
    """Year end, "dừng": the initiative is not carried on after this year. The reason is kept in the audit
    trail."""
    reason = clean_multiline(reason)
    if not reason:
        raise InvalidField("reason", "Vui lòng ghi rõ lý do dừng mô hình.")
    locked = _close_year(registration, YearOutcome.STOPPED, actor=actor, comment=reason)
    refresh_initiative_rollups([locked.initiative_id])
    registration.refresh_from_db()
    return locked
