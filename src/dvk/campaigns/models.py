"""Catalogues and phases: the rules that differ by province are data (DESIGN §1)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dvk.core.models import TimestampedModel
from dvk.initiatives.enums import InitiativeKind


class Sector(TimestampedModel):
    """Lĩnh vực: Kinh tế; Văn hóa - xã hội; Quốc phòng - an ninh; Xây dựng hệ thống chính trị; …"""

    code = models.SlugField(_("Mã"), max_length=40, unique=True)
    name = models.CharField(_("Tên lĩnh vực"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Lĩnh vực")
        verbose_name_plural = _("Lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AwardForm(TimestampedModel):
    """Hình thức khen thưởng: Giấy khen, Bằng khen, Cờ thi đua …"""

    code = models.SlugField(_("Mã"), max_length=40, unique=True)
    name = models.CharField(_("Hình thức khen thưởng"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    is_active = models.BooleanField(_("Đang dùng"), default=True)

    class Meta:
        verbose_name = _("Hình thức khen thưởng")
        verbose_name_plural = _("Hình thức khen thưởng")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CriteriaSet(TimestampedModel):
    """Bộ tiêu chí: a point scale (max points per criterion) or a pass/fail checklist (no max points)."""

    name = models.CharField(_("Tên bộ tiêu chí"), max_length=255)
    description = models.TextField(_("Mô tả"), blank=True)

    class Meta:
        verbose_name = _("Bộ tiêu chí")
        verbose_name_plural = _("Bộ tiêu chí")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)
    text = models.TextField(_("Nội dung tiêu chí"))
    max_points = models.DecimalField(
        _("Điểm tối đa"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Để trống với tiêu chí đạt/không đạt."),
    )
    weight = models.DecimalField(_("Trọng số"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("Tiêu chí")
        verbose_name_plural = _("Tiêu chí")
        ordering = ["criteria_set", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Phase(TimestampedModel):
    """Giai đoạn: launched by a unit, applies to its subtree, with criteria per initiative kind."""

    launched_by = models.ForeignKey(
        "units.Unit", verbose_name=_("Đơn vị phát động"), on_delete=models.PROTECT, related_name="phases"
    )
    code = models.CharField(_("Mã giai đoạn"), max_length=32, help_text="2020-2022")
    name = models.CharField(_("Tên giai đoạn"), max_length=255)
    start_year = models.PositiveSmallIntegerField(_("Năm bắt đầu"))
    end_year = models.PositiveSmallIntegerField(_("Năm kết thúc"))
    collective_criteria = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("Tiêu chí mô hình tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    individual_criteria = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("Tiêu chí điển hình cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Giai đoạn")
        verbose_name_plural = _("Giai đoạn")
        ordering = ["-start_year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["launched_by", "code"], name="phase_unique_code_per_unit"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="phase_years_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Năm kết thúc phải không nhỏ hơn năm bắt đầu.")})

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def criteria_for(self, kind: str) -> CriteriaSet | None:
        return self.collective_criteria if kind == InitiativeKind.COLLECTIVE else self.individual_criteria


class ClassificationLevel(models.Model):
    """One step of a phase's classification scale: the total score from which it applies."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="classification_levels")
    code = models.SlugField(_("Mã"), max_length=40)
    name = models.CharField(_("Mức phân loại"), max_length=120, help_text="Tiêu biểu, Công nhận …")
    min_score = models.DecimalField(_("Điểm tối thiểu"), max_digits=6, decimal_places=2)
    recognised = models.BooleanField(_("Được công nhận"), default=True)
    exemplary = models.BooleanField(_("Tiêu biểu"), default=False)

    class Meta:
        verbose_name = _("Mức phân loại")
        verbose_name_plural = _("Thang phân loại")
        ordering = ["phase", "-min_score"]
        constraints = [models.UniqueConstraint(fields=["phase", "code"], name="classification_unique_code")]

    def __str__(self) -> str:
        return f"{self.name} (≥ {self.min_score})"
