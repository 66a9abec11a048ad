"""Evidence unit staff attach to a registration: photos and documents.

The type is decided from the file's content (never its name): JPEG, PNG and WebP photos, PDF, Word (.docx),
Excel (.xlsx) and OpenDocument text (.odt) documents; nothing else. Photos are re-encoded, which drops their
EXIF metadata (a phone's GPS position of a villager's house among it) after turning them upright, and get a
thumbnail. Files are written through Django's default storage, so moving to object storage is a setting.
Nothing is deleted: removing an attachment hides it.
"""

import io
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from PIL import Image, ImageOps, UnidentifiedImageError

from dvk.accounts import roles
from dvk.core.audit import log_event
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Attachment, Registration
from dvk.units.selectors import has_permission, visible_unit_ids


@dataclass(frozen=True)
class AllowedType:
    extension: str
    mime: str
    kind: str
    zip_member: str = ""  # for zipped office documents: a member only that format has


PHOTO, DOCUMENT = Attachment.Kind.PHOTO, Attachment.Kind.DOCUMENT
ALLOWED_TYPES = {
    t.extension: t
    for t in (
        AllowedType("jpg", "image/jpeg", PHOTO),
        AllowedType("png", "image/png", PHOTO),
        AllowedType("webp", "image/webp", PHOTO),
        AllowedType("pdf", "application/pdf", DOCUMENT),
        AllowedType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            DOCUMENT,
            "word/document.xml",
        ),
        AllowedType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            DOCUMENT,
            "xl/workbook.xml",
        ),
        AllowedType("odt", "application/vnd.oasis.opendocument.text", DOCUMENT, "content.xml"),
    )
}
ALLOWED_DESCRIPTION = "ảnh JPEG, PNG, WebP và tài liệu PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt)"
ACCEPT_ATTRIBUTE = ",".join(
    [f".{ext}" for ext in ALLOWED_TYPES] + [".jpeg"] + sorted({t.mime for t in ALLOWED_TYPES.values()})
)
MAX_IMAGE_SIDE = 4096
THUMBNAIL_SIZE = (480, 480)
_SAVE_FORMAT = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}


def max_upload_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_MB", 10)) * 1024 * 1024


def _zipped_type(data: bytes) -> AllowedType | None:
    """Word, Excel and OpenDocument files are zip archives: tell them apart by their members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    if mimetype == ALLOWED_TYPES["odt"].mime.encode():
        return ALLOWED_TYPES["odt"]
    return next((t for t in ALLOWED_TYPES.values() if t.extension != "odt" and t.zip_member in names), None)


def detect_type(data: bytes, name: str = "") -> AllowedType:
    """The allowed type the content is, or a `ValidationFailed` naming what is allowed."""
    guess = filetype.guess(data)
    found = ALLOWED_TYPES.get(guess.extension) if guess else None
    if found is None and guess is not None and guess.extension == "zip":
        found = _zipped_type(data)
    elif found is not None and found.zip_member:
        found = _zipped_type(data)  # confirm: a truncated or disguised archive is refused
    if found is None:
        raise ValidationFailed(
            f"Tệp “{name}” không phải loại được nhận. Chỉ nhận {ALLOWED_DESCRIPTION}. "
            "Loại tệp được xác định theo nội dung, không theo phần đuôi tên tệp."
        )
    return found


def _encode(image: Image.Image, extension: str) -> bytes:
    """Encode without any metadata but the colour profile."""
    icc = image.info.get("icc_profile")
    clean_image = image.copy()
    clean_image.info = {}
    if extension == "jpg" and clean_image.mode not in ("RGB", "L"):
        clean_image = clean_image.convert("RGB")
    options = {"icc_profile": icc} if icc else {}
    if extension in ("jpg", "webp"):
        options["quality"] = 85
    out = io.BytesIO()
    clean_image.save(out, format=_SAVE_FORMAT[extension], **options)
    return out.getvalue()


def process_image(data: bytes, extension: str) -> tuple[bytes, bytes]:
    """The photo upright, at most MAX_IMAGE_SIDE pixels a side, without EXIF; and a JPEG thumbnail."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed("Ảnh bị hỏng hoặc quá lớn, không đọc được. Vui lòng chọn ảnh khác.") from None
    image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE)
    if thumbnail.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", thumbnail.size, "white")
        rgba = thumbnail.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        thumbnail = background
    return _encode(image, extension), _encode(thumbnail, "jpg")


def _original_name(uploaded_file) -> str:
    name = clean(str(uploaded_file.name or "").replace("\\", "/").rsplit("/", 1)[-1])
    return (name or "tep-dinh-kem")[:255]


def _read_limited(uploaded_file, name: str) -> bytes:
    limit = max_upload_bytes()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise ValidationFailed(
            f"Tệp “{name}” nặng {size / 1024 / 1024:.1f} MB, vượt quá giới hạn {limit // 1024 // 1024} MB."
        )
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise ValidationFailed(f"Tệp “{name}” vượt quá giới hạn {limit // 1024 // 1024} MB.")
    if not data:
        raise ValidationFailed(f"Tệp “{name}” rỗng.")
    return data


def _store(attachment: Attachment, data: bytes, thumbnail: bytes, extension: str) -> None:
    """Write the bytes under a random name (never the user's file name), then the record."""
    stem = uuid.uuid4().hex
    attachment.file.save(f"{stem}.{extension}", ContentFile(data), save=False)
    if thumbnail:
        attachment.thumbnail.save(f"{stem}.jpg", ContentFile(thumbnail), save=False)
    try:
        attachment.save()
    except Exception:
        for path in filter(None, [attachment.file.name, attachment.thumbnail.name]):
            default_storage.delete(path)  # nothing refers to these bytes: the record was never written
        raise


@transaction.atomic
def add_attachment(*, actor, registration: Registration, uploaded_file, caption: str = "") -> Attachment:
    """Check, clean and store one uploaded file as evidence of a registration."""
    if not has_permission(actor, roles.EDIT_INITIATIVE, registration.unit_id):
        raise NotAllowed("Bạn không có quyền đính kèm tệp cho mô hình của đơn vị này.")
    if registration.status == Status.WITHDRAWN:
        raise InvalidState("Lượt đăng ký đã rút, không đính kèm thêm tệp.")
    name = _original_name(uploaded_file)
    data = _read_limited(uploaded_file, name)
    found = detect_type(data, name)
    thumbnail = b""
    if found.kind == PHOTO:
        data, thumbnail = process_image(data, found.extension)
    attachment = Attachment(
        initiative_id=registration.initiative_id,
        registration=registration,
        kind=found.kind,
        original_name=name,
        content_type=found.mime,
        size=len(data),
        caption=clean(caption)[:255],
        uploaded_by=actor,
    )
    _store(attachment, data, thumbnail, found.extension)
    log_event(
        actor=actor,
        action="attachment.add",
        target=attachment,
        scope_unit_id=registration.unit_id,
        changes={"original_name": (None, name), "kind": (None, found.kind), "size": (None, len(data))},
    )
    return attachment


@transaction.atomic
def remove_attachment(*, actor, attachment: Attachment) -> Attachment:
    """Hide an attachment from the registration's evidence. The file and the record stay."""
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    unit_id = _unit_id(locked)
    if not has_permission(actor, roles.EDIT_INITIATIVE, unit_id):
        raise NotAllowed("Bạn không có quyền gỡ tệp đính kèm của mô hình thuộc đơn vị này.")
    if locked.is_removed:
        raise InvalidState(f"Tệp “{locked.original_name}” đã được gỡ trước đó.")
    locked.is_removed = True
    locked.save(update_fields=["is_removed", "updated_at"])
    log_event(
        actor=actor,
        action="attachment.remove",
        target=locked,
        scope_unit_id=unit_id,
        changes={"is_removed": (False, True)},
    )
    attachment.refresh_from_db()
    return locked


def _unit_id(attachment: Attachment) -> int:
    """The unit an attachment belongs to: its registration's (as registrations are scoped), else its
    initiative's."""
    if attachment.registration_id:
        return Registration.objects.values_list("unit_id", flat=True).get(pk=attachment.registration_id)
    return attachment.initiative.unit_id


def attachments_for_user(user) -> QuerySet[Attachment]:
    """Attachments in the user's scope, by their registration's unit like registrations (removed ones
    included: callers filter)."""
    units = visible_unit_ids(user)
    in_scope = Q(registration__unit_id__in=units) | Q(
        registration__isnull=True, initiative__unit_id__in=units
    )
    return Attachment.objects.filter(in_scope).select_related("initiative", "registration")


def get_attachment_for_user(user, pk) -> Attachment:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(attachments_for_user(user), pk=pk)


def registration_attachments(registration: Registration) -> QuerySet[Attachment]:
    """The evidence shown for a registration: not removed, newest first."""
    return (
        registration.attachments.filter(is_removed=False)
        .select_related("uploaded_by")
        .order_by("-created_at")
    )
