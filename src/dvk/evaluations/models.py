"""Phiếu chấm (Review) with per-criterion scores, and công nhận (Recognition), the outcome of a registration."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dvk.core.models import TimestampedModel


class RecognitionLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện")
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Trung ương")


class Review(TimestampedModel):
    class State(models.TextChoices):
        ASSIGNED = "assigned", _("Được phân công")
        SUBMITTED = "submitted", _("Đã chấm")

    registration = models.ForeignKey(
        "initiatives.Registration",
        verbose_name=_("Lượt đăng ký"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người chấm"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("Tình trạng"), max_length=10, choices=State.choices, default=State.ASSIGNED)
    total = models.DecimalField(_("Tổng điểm"), max_digits=7, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("Nhận xét"), blank=True)
    submitted_at = models.DateTimeField(_("Chấm lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Phiếu chấm")
        verbose_name_plural = _("Phiếu chấm")
        constraints = [
            models.UniqueConstraint(fields=["registration", "reviewer"], name="review_unique_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} — {self.registration_id}"


class CriterionScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("campaigns.Criterion", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("Điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("Đạt"), null=True, blank=True)
    comment = models.TextField(_("Nhận xét"), blank=True)

    class Meta:
        verbose_name = _("Điểm tiêu chí")
        verbose_name_plural = _("Điểm tiêu chí")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="criterion_score_unique")]

    def __str__(self) -> str:
        return f"{self.review_id}/{self.criterion_id}: {self.points if self.passed is None else self.passed}"


class Recognition(TimestampedModel):
    """The outcome of one registration. `recognised` true counts in "recognised"; `is_exemplary` marks a
    tiêu biểu / điển hình model."""

    registration = models.OneToOneField(
        "initiatives.Registration",
        verbose_name=_("Lượt đăng ký"),
        on_delete=models.PROTECT,
        related_name="recognition",
    )
    recognised = models.BooleanField(_("Được công nhận"))
    level = models.CharField(_("Cấp công nhận"), max_length=10, choices=RecognitionLevel.choices, blank=True)
    classification = models.ForeignKey(
        "campaigns.ClassificationLevel",
        verbose_name=_("Phân loại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    classification_name = models.CharField(_("Phân loại"), max_length=120, blank=True)
    is_exemplary = models.BooleanField(_("Tiêu biểu"), default=False)
    total_score = models.DecimalField(
        _("Điểm bình xét"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    reason = models.TextField(_("Lý do không công nhận"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Công nhận")
        verbose_name_plural = _("Công nhận")
        indexes = [models.Index(fields=["recognised", "is_exemplary"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recognised=True) | models.Q(is_exemplary=False),
                name="recognition_exemplary_only_if_recognised",
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {'công nhận' if self.recognised else 'không công nhận'}"
