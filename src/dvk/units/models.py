"""The unit tree (đơn vị) and who works where (memberships).

Units form a materialized-path tree (django-treebeard `MP_Node`): a subtree is one indexed
`path LIKE 'prefix%'`. Units are never deleted: an abolished or merged unit keeps its records and gets
`valid_to` and, when merged, `merged_into` (DESIGN §1, the 2025 reform).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from dvk.accounts.roles import Role
from dvk.core.models import TimestampedModel


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    CENTRAL_CITY = "central_city", _("Thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện")
    URBAN_DISTRICT = "urban_district", _("Quận")
    TOWN = "town", _("Thị xã")
    PROVINCIAL_CITY = "provincial_city", _("Thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWNSHIP = "township", _("Thị trấn")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    AGENCY = "agency", _("Cơ quan")
    BLOC = "bloc", _("Khối")
    MASS_ORGANISATION = "mass_org", _("Đoàn thể")


# How a report names the whole of a unit: "toàn huyện", "toàn thành phố", "toàn xã" …
WHOLE_OF = {
    UnitKind.PROVINCE: "toàn tỉnh",
    UnitKind.CENTRAL_CITY: "toàn thành phố",
    UnitKind.DISTRICT: "toàn huyện",
    UnitKind.URBAN_DISTRICT: "toàn quận",
    UnitKind.TOWN: "toàn thị xã",
    UnitKind.PROVINCIAL_CITY: "toàn thành phố",
    UnitKind.COMMUNE: "toàn xã",
    UnitKind.WARD: "toàn phường",
    UnitKind.TOWNSHIP: "toàn thị trấn",
    UnitKind.SPECIAL_ZONE: "toàn đặc khu",
    UnitKind.AGENCY: "toàn cơ quan",
    UnitKind.BLOC: "toàn khối",
    UnitKind.MASS_ORGANISATION: "toàn hệ thống",
}


class DocumentLayout(models.TextChoices):
    PARTY = "party", _("Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)")
    STATE = "state", _("Văn bản hành chính (Nghị định 30/2020/NĐ-CP)")


class Unit(MP_Node, TimestampedModel):
    code = models.CharField(_("Mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(_("Tên đơn vị"), max_length=255)
    kind = models.CharField(_("Loại đơn vị"), max_length=20, choices=UnitKind.choices)
    valid_from = models.DateField(_("Hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("Sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    is_active = models.BooleanField(_("Đang hoạt động"), default=True)
    # Names printed in document headers (DESIGN §6).
    document_layout = models.CharField(
        _("Thể thức văn bản"), max_length=10, choices=DocumentLayout.choices, default=DocumentLayout.PARTY
    )
    header_superior = models.CharField(
        _("Tên cơ quan cấp trên (tiêu đề)"), max_length=255, blank=True, help_text="ĐẢNG BỘ TỈNH TUYÊN QUANG"
    )
    header_issuer = models.CharField(
        _("Tên cơ quan ban hành (tiêu đề)"), max_length=255, blank=True, help_text="HUYỆN ỦY NA HANG"
    )
    state_header_superior = models.CharField(
        _("Tên cơ quan chủ quản (văn bản hành chính)"),
        max_length=255,
        blank=True,
        help_text="ỦY BAN NHÂN DÂN",
    )
    state_header_issuer = models.CharField(
        _("Tên cơ quan ban hành (văn bản hành chính)"), max_length=255, blank=True, help_text="HUYỆN NA HANG"
    )
    number_suffix = models.CharField(
        _("Ký hiệu văn bản"), max_length=32, blank=True, help_text="HU (Số 125-BC/HU)"
    )
    place_name = models.CharField(_("Địa danh ghi ngày tháng"), max_length=100, blank=True)

    node_order_by = None

    class Meta:
        verbose_name = _("Đơn vị")
        verbose_name_plural = _("Đơn vị")
        indexes = [models.Index(fields=["merged_into"]), models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def whole_of(self) -> str:
        return WHOLE_OF.get(self.kind, "toàn đơn vị")

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Membership(TimestampedModel):
    """A user works in a unit with a role; the role's permissions hold in the unit's subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("Vai trò"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("Phân công")
        verbose_name_plural = _("Phân công")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_user_unit_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
