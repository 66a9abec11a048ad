from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dvk.core.text import clean


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships (`units.Membership`);
    `is_superuser` marks the system administrator."""

    full_name = models.CharField(_("Họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("Chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("Điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")

    def save(self, *args, **kwargs):
        self.full_name = clean(self.full_name)
        self.position = clean(self.position)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_administrator(self) -> bool:
        return self.is_active and self.is_superuser
