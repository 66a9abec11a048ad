"""Báo cáo sơ kết / tổng kết: a unit's report for a phase. Its figures are live until "chốt số liệu", then
kept as a snapshot that later changes to the data do not touch."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dvk.core.models import TimestampedModel
from dvk.units.models import DocumentLayout


class SummaryReport(TimestampedModel):
    class Kind(models.TextChoices):
        INTERIM = "interim", _("Sơ kết")
        FINAL = "final", _("Tổng kết")

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="summary_reports"
    )
    phase = models.ForeignKey(
        "campaigns.Phase",
        verbose_name=_("Giai đoạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="summary_reports",
    )
    start_year = models.PositiveSmallIntegerField(_("Từ năm"))
    end_year = models.PositiveSmallIntegerField(_("Đến năm"))
    kind = models.CharField(_("Loại báo cáo"), max_length=10, choices=Kind.choices, default=Kind.INTERIM)
    layout = models.CharField(
        _("Thể thức"), max_length=10, choices=DocumentLayout.choices, default=DocumentLayout.PARTY
    )
    number = models.CharField(_("Số báo cáo"), max_length=64, blank=True)
    issued_on = models.DateField(_("Ngày báo cáo"), null=True, blank=True)
    title = models.CharField(_("Trích yếu"), max_length=500)
    part_leadership = models.TextField(_("I. Công tác lãnh đạo, chỉ đạo, triển khai"), blank=True)
    part_results_extra = models.TextField(_("II. Kết quả (phần viết thêm)"), blank=True)
    part_limitations = models.TextField(_("III. Hạn chế, nguyên nhân"), blank=True)
    part_lessons = models.TextField(_("IV. Bài học kinh nghiệm"), blank=True)
    part_directions = models.TextField(_("V. Phương hướng, nhiệm vụ"), blank=True)
    part_proposals = models.TextField(_("VI. Đề xuất, kiến nghị"), blank=True)
    recipients = models.TextField(_("Nơi nhận"), blank=True)
    signer_name = models.CharField(_("Người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("Chức vụ người ký"), max_length=150, blank=True)
    frozen_figures = models.JSONField(_("Số liệu đã chốt"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("Chốt số liệu lúc"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    template = models.FileField(_("Mẫu Word riêng"), upload_to="report-templates/", blank=True)
    template_name = models.CharField(_("Tên tệp mẫu Word"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Báo cáo sơ kết, tổng kết")
        verbose_name_plural = _("Báo cáo sơ kết, tổng kết")
        ordering = ["-end_year", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None
