"""Closed values of initiatives and registrations (pure data, importable from any layer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Status(models.TextChoices):
    """Status of a registration (DESIGN §4). Only `transition_registration` writes it."""

    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Đang triển khai")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    UNDER_REVIEW = "under_review", _("Đang bình xét")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")
    WITHDRAWN = "withdrawn", _("Đã rút")


# Registrations that count in the figures (DESIGN §5: "status other than draft/withdrawn").
UNCOUNTED_STATUSES = (Status.DRAFT, Status.WITHDRAWN)
COUNTED_STATUSES = tuple(s for s in Status if s not in UNCOUNTED_STATUSES)


class YearOutcome(models.TextChoices):
    CONTINUED = "continued", _("Duy trì")
    STOPPED = "stopped", _("Dừng")
