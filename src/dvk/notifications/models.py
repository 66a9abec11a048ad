"""In-app notifications: what a user should look at (a registration returned or accepted, a review to do, a
recognition, a commendation). One row per recipient; reading it only sets `read_at`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Tiếp nhận")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")
    REVIEW_ASSIGNED = "review_assigned", _("Phân công chấm")
    REVIEW_WITHDRAWN = "review_withdrawn", _("Rút phân công chấm")
    COMMENDED = "commended", _("Khen thưởng")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    verb = models.CharField(_("Loại thông báo"), max_length=20, choices=Verb.choices)
    text = models.CharField(_("Nội dung"), max_length=500)
    url = models.CharField(_("Đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thông báo")
        verbose_name_plural = _("Thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "created_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
