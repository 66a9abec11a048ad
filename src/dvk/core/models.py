"""Glue shared by every app: timestamps and the audit trail."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One recorded write: who, when, what, old and new values. Rows are only ever added.

    `scope_unit_id` is the unit whose subtree may read the event (a plain id so that core depends on no
    domain app); the secretariat's audit pages filter on it through the scoping selectors.
    """

    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("Hành động"), max_length=64, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    scope_unit_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(_("Thay đổi"), default=dict, blank=True)
    comment = models.TextField(_("Ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Sự kiện nhật ký")
        verbose_name_plural = _("Nhật ký thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action}"
