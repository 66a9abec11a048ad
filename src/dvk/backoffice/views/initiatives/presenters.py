"""Turning records into what the detail pages print: file links, indicators, the timeline, the actions.
No queries here beyond what the selectors already fetched."""

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import NoReverseMatch, reverse
from django.utils import numberformat

from dvk.core.models import AuditEvent
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Attachment, Initiative, Registration
from dvk.initiatives.workflow import ACTION_LABELS, REASON_FIELDS

# (field, label, unit): the model's labels carry the unit in brackets, the page prints it after the value.
INDICATORS = (
    ("households_benefiting", "Số hộ hưởng lợi", "hộ"),
    ("funds_mobilised", "Kinh phí huy động", "đồng"),
    ("workdays", "Ngày công", "ngày công"),
    ("land_donated_m2", "Đất hiến", "m²"),
    ("roads_km", "Đường giao thông", "km"),
)
EVENT_LABELS = {
    "registration.create": "Tạo lượt đăng ký",
    "registration.update": "Sửa nội dung đăng ký",
    "registration.transition": "Chuyển trạng thái",
    "registration.self_assess": "Nhập kết quả và tự đánh giá",
    "registration.continued": "Duy trì sang năm sau",
    "registration.stopped": "Dừng mô hình",
    "review.assign": "Phân công chấm",
    "review.withdraw": "Rút phân công chấm",
    "review.submit": "Nộp phiếu chấm",
    "recognition.record": "Ghi kết quả công nhận",
    "attachment.add": "Thêm tệp minh chứng",
    "attachment.remove": "Gỡ tệp minh chứng",
}
# Statuses reached through their own screen rather than a bare button (results and scores go with them).
DEDICATED_SCREENS = {Status.SELF_ASSESSED, Status.RECOGNISED, Status.NOT_RECOGNISED}
ACTION_LINKS = [
    # (action, label, url name, style)
    ("edit", "Sửa nội dung", "registrations:edit", "btn-outline-primary"),
    ("self_assess", "Nhập kết quả và tự đánh giá", "registrations:self_assess", "btn-primary"),
    ("attachments", "Ảnh, tài liệu", "registrations:attachments", "btn-outline-secondary"),
    ("assign", "Phân công chấm", "review:assign", "btn-outline-primary"),
    ("results", "Kết quả chấm, công nhận", "review:results", "btn-primary"),
    ("continue", "Duy trì sang năm sau", "registrations:continue", "btn-outline-success"),
    ("stop", "Dừng mô hình", "registrations:stop", "btn-outline-danger"),
]


def _url(name: str, *args) -> str:
    """A screen built by another team may not exist yet under that name: no link rather than a 500."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@dataclass
class FileLink:
    attachment: Attachment
    url: str
    thumbnail_url: str


def file_links(attachments) -> list[FileLink]:
    links = []
    for attachment in attachments:
        thumbnail = _url("registrations:attachment_thumbnail", attachment.pk) if attachment.thumbnail else ""
        links.append(FileLink(attachment, _url("registrations:attachment_file", attachment.pk), thumbnail))
    return links


def indicators(initiative: Initiative) -> list[tuple[str, str]]:
    """(label, value with its unit) of the indicators the initiative reports."""
    rows = []
    for name, label, unit in INDICATORS:
        value = getattr(initiative, name)
        if value is None:
            continue
        decimals = 2 if name in ("land_donated_m2", "roads_km") and value % 1 else 0
        shown = vietnamese_number(value, decimals)
        rows.append((label, f"{shown} {unit}"))
    return rows


def vietnamese_number(value, decimals: int = 0) -> str:
    """1.250.000.000 and 3,50: Vietnamese grouping (Django's vi locale defines no grouping)."""
    return numberformat.format(
        value, ",", decimal_pos=decimals, grouping=3, thousand_sep=".", force_grouping=True
    )


@dataclass
class TimelineEntry:
    when: datetime
    who: str
    what: str
    from_status: str = ""
    to_status: str = ""
    comment: str = ""
    details: list[str] = field(default_factory=list)


def _field_label(name: str) -> str:
    try:
        return str(Registration._meta.get_field(name).verbose_name)
    except Exception:
        return name


def timeline(events: list[AuditEvent]) -> list[TimelineEntry]:
    entries = []
    for event in events:
        changes = event.changes or {}
        entry = TimelineEntry(
            when=event.created_at,
            who=event.actor.display_name if event.actor else "Hệ thống",
            what=EVENT_LABELS.get(event.action, "Cập nhật"),
            comment=event.comment,
        )
        if "status" in changes:
            old, new = changes["status"]
            entry.from_status = Status(old).label if old in Status.values else ""
            entry.to_status = Status(new).label if new in Status.values else ""
        elif event.action.startswith("attachment.") and "original_name" in changes:
            entry.details = [changes["original_name"][1] or changes["original_name"][0]]
        elif event.action.startswith("registration."):
            entry.details = [_field_label(name) for name in changes if name not in ("version", "outcome")]
        entries.append(entry)
    return entries


@dataclass
class TransitionButton:
    to: str
    label: str
    needs_reason: bool
    danger: bool


def transition_buttons(statuses: list[str]) -> list[TransitionButton]:
    """The workflow buttons, the step forward first and the refusals (return, withdraw) after it."""
    buttons = [
        TransitionButton(
            to=str(to),
            label=str(ACTION_LABELS.get(to, Status(to).label)),
            needs_reason=to in REASON_FIELDS,
            danger=to in (Status.RETURNED, Status.WITHDRAWN),
        )
        for to in statuses
        if to not in DEDICATED_SCREENS
    ]
    return sorted(buttons, key=lambda button: button.danger)


def action_links(registration: Registration, actions: set[str]) -> list[dict[str, str]]:
    links = []
    for action, label, name, style in ACTION_LINKS:
        if action not in actions:
            continue
        url = _url(name) if action == "assign" else _url(name, registration.pk)
        if url and action == "assign":
            url = f"{url}?registration={registration.pk}"
        if url:
            links.append({"label": label, "url": url, "style": style})
    return links
