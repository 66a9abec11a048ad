"""Lần nhập (ImportRun): one register file brought in, kept with its history: who, when, what kind, the
original file, what the preview found and what the import wrote."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dvk.core.models import TimestampedModel


class ImportKind(models.TextChoices):
    UNITS = "units", _("Đơn vị")
    INITIATIVES = "initiatives", _("Mô hình và lượt đăng ký")
    COMMENDATIONS = "commendations", _("Khen thưởng")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Đã kiểm tra, chờ xác nhận")
    REFUSED = "refused", _("Bị từ chối")
    QUEUED = "queued", _("Đang chờ chạy")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Lỗi, chưa ghi gì")


FINISHED_STATUSES = (ImportStatus.REFUSED, ImportStatus.DONE, ImportStatus.FAILED)
ACTIVE_STATUSES = (ImportStatus.QUEUED, ImportStatus.RUNNING)


class ImportRun(TimestampedModel):
    """`counts` holds the preview's (or, once done, the import's) figures: rows, new, changed, unchanged,
    invalid, duplicates. `problems` lists {sheet, row, column, message, suggestion} dicts (the first
    `MAX_STORED_PROBLEMS`; `problem_count` is the full number)."""

    MAX_STORED_PROBLEMS = 10_000

    kind = models.CharField(_("Loại dữ liệu"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(
        _("Tình trạng"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người nhập"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The unit whose managers may read this run in the history (the importer's own unit; empty for an
    # administrator, whose runs only administrators read).
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("Đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("Nguồn"), max_length=8, default="web")
    original_file = models.FileField(_("Tệp gốc"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("Dung lượng"), default=0)
    only_valid = models.BooleanField(_("Chỉ nhập các dòng hợp lệ"), default=False)
    counts = models.JSONField(_("Số liệu"), default=dict, blank=True)
    problems = models.JSONField(_("Lỗi"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("Số lỗi"), default=0)
    ignored_columns = models.JSONField(_("Cột bỏ qua"), default=list, blank=True)
    notes = models.JSONField(_("Ghi chú"), default=list, blank=True)
    message = models.TextField(_("Thông báo"), blank=True)
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(_("Bắt đầu nhập lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Lần nhập dữ liệu")
        verbose_name_plural = _("Lần nhập dữ liệu")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "created_at"]),
            models.Index(fields=["created_by", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.original_name} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def can_start(self) -> bool:
        """Confirmable: previewed (or failed through no fault of the file) and something to write."""
        return self.status in (ImportStatus.PREVIEWED, ImportStatus.FAILED) and bool(self.original_file)

    @property
    def valid_rows(self) -> int:
        return self.counts.get("new", 0) + self.counts.get("changed", 0) + self.counts.get("unchanged", 0)
