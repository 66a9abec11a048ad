"""Mô hình (Initiative) and lượt đăng ký (Registration): one initiative registered once per year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dvk.core.models import TimestampedModel
from dvk.core.text import clean, fold
from dvk.initiatives.enums import InitiativeKind, Status, YearOutcome
from dvk.initiatives.years import MASK_BASE_YEAR, MASK_LAST_YEAR


class Initiative(TimestampedModel):
    code = models.CharField(_("Mã mô hình"), max_length=40, unique=True)
    name = models.CharField(_("Tên mô hình"), max_length=500)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="initiatives"
    )
    kind = models.CharField(_("Loại"), max_length=12, choices=InitiativeKind.choices)
    person_name = models.CharField(_("Họ và tên"), max_length=150, blank=True)
    person_position = models.CharField(_("Chức vụ"), max_length=255, blank=True)
    sector = models.ForeignKey(
        "campaigns.Sector", verbose_name=_("Lĩnh vực"), on_delete=models.PROTECT, related_name="initiatives"
    )
    address = models.CharField(_("Địa chỉ thực hiện"), max_length=500, blank=True)
    started_on = models.DateField(_("Ngày bắt đầu"), null=True, blank=True)
    description = models.TextField(_("Nội dung, cách làm"), blank=True)
    objectives = models.TextField(_("Mục tiêu"), blank=True)
    results = models.TextField(_("Kết quả đạt được"), blank=True)
    # Optional indicators (DESIGN §3).
    households_benefiting = models.PositiveIntegerField(_("Số hộ hưởng lợi"), null=True, blank=True)
    funds_mobilised = models.DecimalField(
        _("Kinh phí huy động (đồng)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    workdays = models.PositiveIntegerField(_("Ngày công"), null=True, blank=True)
    land_donated_m2 = models.DecimalField(
        _("Đất hiến (m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    roads_km = models.DecimalField(
        _("Đường giao thông (km)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("Nhân rộng từ mô hình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replications",
    )
    is_public = models.BooleanField(_("Công khai trên trang giới thiệu"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text="Optimistic lock: bumped by every edit.")
    search_text = models.TextField(editable=False, default="", help_text="Folded name, person, description.")
    # Roll-ups maintained only by `initiatives.services.refresh_initiative_rollups` (DESIGN §8).
    first_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False, db_index=True)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    stopped_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    first_recognised_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # Year masks (initiatives.years) of its counted, recognised and exemplary registrations, and who else
    # registered it: the statistics service reads these instead of the registrations (docs/decisions/0007).
    registered_years = models.BigIntegerField(default=0, editable=False)
    recognised_years = models.BigIntegerField(default=0, editable=False)
    exemplary_years = models.BigIntegerField(default=0, editable=False)
    # The one other unit that registered it in some years (an old commune before the 2025 merge, when the new
    # commune owns it now) and the mask of those years; `registered_by_many` when two or more others did.
    elsewhere_unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    elsewhere_years = models.BigIntegerField(default=0, editable=False)
    registered_by_many = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Mô hình")
        verbose_name_plural = _("Mô hình")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["unit", "first_year"]),
            models.Index(fields=["sector", "kind"]),
            # The statistics service's second pass (by the other registering unit) and its rare third one.
            models.Index(
                fields=["elsewhere_unit"],
                include=["sector", "kind", "elsewhere_years", "recognised_years"],
                condition=Q(elsewhere_years__gt=0),
                name="initiative_elsewhere",
            ),
            models.Index(fields=["id"], condition=Q(registered_by_many=True), name="initiative_by_many"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.person_name = clean(self.person_name)
        self.person_position = clean(self.person_position)
        self.search_text = self.folded_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def folded_text(self) -> str:
        """What search without diacritics compares against (kept in `search_text`)."""
        return fold(" ".join([self.code, self.name, self.person_name, self.address, self.description]))


class Registration(TimestampedModel):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("Mô hình"), on_delete=models.PROTECT, related_name="registrations"
    )
    # The registering unit, kept as it was that year (the initiative's owner may change later).
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("Năm đăng ký"))
    phase = models.ForeignKey(
        "campaigns.Phase",
        verbose_name=_("Giai đoạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(_("Trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("Đổi trạng thái lúc"), null=True, blank=True)
    targets = models.TextField(_("Chỉ tiêu đăng ký"), blank=True)
    results = models.TextField(_("Kết quả thực hiện"), blank=True)
    self_assessment = models.TextField(_("Tự đánh giá"), blank=True)
    self_assessment_scores = models.JSONField(_("Tự chấm theo tiêu chí"), default=dict, blank=True)
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)
    withdraw_reason = models.TextField(_("Lý do rút"), blank=True)
    outcome = models.CharField(_("Kết thúc năm"), max_length=10, choices=YearOutcome.choices, blank=True)
    continued_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="continuation"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Lượt đăng ký")
        verbose_name_plural = _("Lượt đăng ký")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year"], name="registration_unique_initiative_year"
            ),
            # The initiatives' year masks hold these years (initiatives.years).
            models.CheckConstraint(
                condition=Q(year__gte=MASK_BASE_YEAR, year__lte=MASK_LAST_YEAR),
                name="registration_year_in_masks",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "year", "status"]),
            models.Index(fields=["year", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.name} — {self.year}"


class Attachment(TimestampedModel):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Ảnh")
        DOCUMENT = "document", _("Tài liệu")

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="attachments")
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.CharField(_("Loại tệp"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("Tệp"), upload_to="attachments/%Y/%m/")
    thumbnail = models.FileField(upload_to="thumbnails/%Y/%m/", blank=True)
    original_name = models.CharField(_("Tên tệp gốc"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    caption = models.CharField(_("Chú thích"), max_length=255, blank=True)
    is_removed = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name


class SearchToken(models.Model):
    """One folded word (no diacritics, lower case) of an initiative's name, description, person or unit name.
    Derived data, rebuilt by `dvk.initiatives.search.index_initiatives`; see that module for the design."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="search_tokens", db_index=False
    )
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "token"], name="search_token_unique")]
        # Prefix scans: `varchar_pattern_ops` lets PostgreSQL serve `LIKE 'duong%'` whatever the collation
        # (other databases ignore opclasses); with the initiative id the subquery never reads the table.
        indexes = [
            models.Index(
                fields=["token", "initiative"],
                name="search_token_prefix",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            )
        ]

    def __str__(self) -> str:
        return self.token
