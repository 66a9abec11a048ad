"""Evidence files: the type comes from the bytes, the size is capped, photos lose their EXIF (GPS included)
after being turned upright and get a thumbnail, removal hides and never deletes."""

import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from fpdf import FPDF
from PIL import Image

from dvk.core.audit import events_for
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.initiatives.attachments import (
    add_attachment,
    attachments_for_user,
    get_attachment_for_user,
    registration_attachments,
    remove_attachment,
)
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Attachment
from tests.factories import InitiativeFactory, RegistrationFactory

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.UPLOAD_MAX_MB = 10
    return settings.MEDIA_ROOT


@pytest.fixture
def registration(tree):
    return RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=Status.DRAFT)


def jpeg_with_gps(orientation: int = 6) -> bytes:
    """A 40×20 photo (red left half) whose EXIF says "rotate 90°" and carries a GPS position."""
    image = Image.new("RGB", (40, 20), "blue")
    image.paste("red", (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Điện thoại"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (22.0, 21.0, 0.0), 3: "E", 4: (105.0, 23.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_bytes(field) -> bytes:
    with default_storage.open(field.name, "rb") as handle:
        return handle.read()


def test_the_fixture_photo_really_carries_gps():
    exif = Image.open(io.BytesIO(jpeg_with_gps())).getexif()
    assert exif.get_ifd(GPS_IFD)
    assert exif[ORIENTATION] == 6


def test_a_photo_is_turned_upright_stripped_of_exif_and_thumbnailed(registration, people):
    attachment = add_attachment(
        actor=people.staff,
        registration=registration,
        uploaded_file=upload("IMG_0001.JPG", jpeg_with_gps(), "image/jpeg"),
        caption="  Nhân dân   làm đường ",
    )

    assert (attachment.kind, attachment.content_type, attachment.original_name, attachment.caption) == (
        Attachment.Kind.PHOTO,
        "image/jpeg",
        "IMG_0001.JPG",
        "Nhân dân làm đường",
    )
    assert attachment.initiative_id == registration.initiative_id
    assert attachment.file.name.startswith("attachments/")
    assert attachment.file.name.endswith(".jpg")
    assert "IMG_0001" not in attachment.file.name
    stored = Image.open(io.BytesIO(stored_bytes(attachment.file)))
    assert stored.format == "JPEG"
    assert stored.size == (20, 40)  # rotated as the EXIF orientation said
    exif = stored.getexif()
    assert GPS_IFD not in exif
    assert not exif.get_ifd(GPS_IFD)
    assert ORIENTATION not in exif
    assert b"Exif" not in stored_bytes(attachment.file)[:4096]
    assert attachment.size == len(stored_bytes(attachment.file))
    thumbnail = Image.open(io.BytesIO(stored_bytes(attachment.thumbnail)))
    assert thumbnail.format == "JPEG"
    assert max(thumbnail.size) <= 480
    event = events_for(attachment).get()
    assert (event.action, event.actor, event.scope_unit_id) == (
        "attachment.add",
        people.staff,
        registration.unit_id,
    )


def test_a_transparent_png_keeps_its_format_and_gets_a_jpeg_thumbnail(registration, people):
    out = io.BytesIO()
    Image.new("RGBA", (1200, 600), (255, 0, 0, 128)).save(out, format="PNG")
    attachment = add_attachment(
        actor=people.staff, registration=registration, uploaded_file=upload("so-do.png", out.getvalue())
    )
    assert Image.open(io.BytesIO(stored_bytes(attachment.file))).format == "PNG"
    assert Image.open(io.BytesIO(stored_bytes(attachment.thumbnail))).size == (480, 240)


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Báo cáo kết quả")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("bao-cao.pdf", _pdf, "application/pdf"),
        ("bao-cao.docx", _docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("bang-so-lieu.xlsx", _xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("bao-cao.odt", _odt, "application/vnd.oasis.opendocument.text"),
        ("khong-co-duoi", _pdf, "application/pdf"),  # the name does not matter, the bytes do
    ],
)
def test_documents_are_kept_as_they_are(registration, people, name, make, content_type):
    data = make()
    attachment = add_attachment(
        actor=people.staff, registration=registration, uploaded_file=upload(name, data)
    )
    assert (attachment.kind, attachment.content_type) == (Attachment.Kind.DOCUMENT, content_type)
    assert stored_bytes(attachment.file) == data
    assert not attachment.thumbnail


def _zip_of_text() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("virus.txt", "x")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),  # a Windows .exe
        ("bao-cao.docx", _zip_of_text()),  # a plain zip pretending to be Word
        ("ghi-chu.pdf", "Chỉ là văn bản thường".encode()),
        ("anh.gif", b"GIF89a" + b"\x00" * 100),
    ],
)
def test_other_content_is_refused_whatever_its_name(registration, people, name, data, media_root):
    with pytest.raises(ValidationFailed) as refused:
        add_attachment(
            actor=people.staff, registration=registration, uploaded_file=upload(name, data, "image/jpeg")
        )
    assert f"Tệp “{name}” không phải loại được nhận" in refused.value.message
    assert "JPEG, PNG, WebP" in refused.value.message
    assert "PDF, Word (.docx), Excel (.xlsx)" in refused.value.message
    assert not Attachment.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_a_broken_photo_is_refused(registration, people):
    data = jpeg_with_gps()[:300]
    with pytest.raises(ValidationFailed, match="Ảnh bị hỏng"):
        add_attachment(actor=people.staff, registration=registration, uploaded_file=upload("hong.jpg", data))


def test_an_oversized_file_is_refused(registration, people, settings):
    settings.UPLOAD_MAX_MB = 1
    data = _pdf() + b"\x00" * (1024 * 1024)
    with pytest.raises(ValidationFailed, match="vượt quá giới hạn 1 MB"):
        add_attachment(actor=people.staff, registration=registration, uploaded_file=upload("lon.pdf", data))
    assert not Attachment.objects.exists()


def test_an_empty_file_is_refused(registration, people):
    with pytest.raises(ValidationFailed, match="rỗng"):
        add_attachment(actor=people.staff, registration=registration, uploaded_file=upload("rong.pdf", b""))


@pytest.mark.parametrize("who", ["staff_c", "reviewer", "viewer"])
def test_attaching_needs_the_permission_on_the_unit(registration, people, who):
    with pytest.raises(NotAllowed):
        add_attachment(
            actor=getattr(people, who), registration=registration, uploaded_file=upload("a.pdf", _pdf())
        )


def test_a_withdrawn_registration_takes_no_more_files(tree, people):
    registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=Status.WITHDRAWN)
    with pytest.raises(InvalidState, match="đã rút"):
        add_attachment(actor=people.staff, registration=registration, uploaded_file=upload("a.pdf", _pdf()))


def test_removing_hides_but_keeps_the_file(registration, people):
    attachment = add_attachment(
        actor=people.staff, registration=registration, uploaded_file=upload("a.pdf", _pdf())
    )
    with pytest.raises(NotAllowed):
        remove_attachment(actor=people.staff_c, attachment=attachment)

    remove_attachment(actor=people.staff, attachment=attachment)

    assert attachment.is_removed
    assert default_storage.exists(attachment.file.name)
    assert list(registration_attachments(registration)) == []
    assert [e.action for e in events_for(attachment).order_by("id")] == [
        "attachment.add",
        "attachment.remove",
    ]
    with pytest.raises(InvalidState, match="đã được gỡ"):
        remove_attachment(actor=people.staff, attachment=attachment)


def test_attachments_never_leak_to_a_sibling_subtree(tree, people):
    mine = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1))
    theirs = RegistrationFactory(initiative=InitiativeFactory(unit=tree.c1))
    own = add_attachment(actor=people.staff, registration=mine, uploaded_file=upload("a.pdf", _pdf()))
    other = add_attachment(actor=people.staff_c, registration=theirs, uploaded_file=upload("b.pdf", _pdf()))

    assert list(attachments_for_user(people.staff)) == [own]
    assert set(attachments_for_user(people.viewer)) == {own, other}
    assert list(attachments_for_user(people.secretariat_c)) == [other]
    with pytest.raises(Http404):
        get_attachment_for_user(people.staff, other.pk)
    assert get_attachment_for_user(people.secretariat, own.pk) == own
