"""Khen thưởng: proposals (đề nghị) and numbered decisions (Commendation) naming honorees."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dvk.core.models import TimestampedModel
from dvk.core.text import clean, fold
from dvk.initiatives.enums import InitiativeKind


class Authority(models.TextChoices):
    PARTY = "party", _("Đảng")
    GOVERNMENT = "government", _("Chính quyền")
    MASS_ORGANISATION = "mass_org", _("Đoàn thể")


class Proposal(TimestampedModel):
    """Đề nghị khen thưởng: a secretariat's list, drawn from recognised and exemplary initiatives."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang lập")
        SUBMITTED = "submitted", _("Đã trình")
        DECIDED = "decided", _("Đã có quyết định")

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("Đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="commendation_proposals",
    )
    phase = models.ForeignKey(
        "campaigns.Phase",
        verbose_name=_("Giai đoạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendation_proposals",
    )
    title = models.CharField(_("Tiêu đề"), max_length=255)
    state = models.CharField(_("Tình trạng"), max_length=10, choices=State.choices, default=State.DRAFT)
    initiatives = models.ManyToManyField("initiatives.Initiative", blank=True, related_name="proposals")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Đề nghị khen thưởng")
        verbose_name_plural = _("Đề nghị khen thưởng")

    def __str__(self) -> str:
        return self.title


class Commendation(TimestampedModel):
    """A numbered commendation decision. "Commended" counts its honorees (DESIGN §5)."""

    number = models.CharField(_("Số quyết định"), max_length=64)
    date = models.DateField(_("Ngày quyết định"))
    issuing_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("Đơn vị ban hành"),
        on_delete=models.PROTECT,
        related_name="commendations_issued",
    )
    issuer_title = models.CharField(
        _("Cơ quan, người ban hành"), max_length=255, blank=True, help_text="Chủ tịch UBND thành phố Bắc Kạn"
    )
    signer_name = models.CharField(_("Người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("Chức vụ người ký"), max_length=150, blank=True)
    award_form = models.ForeignKey(
        "campaigns.AwardForm",
        verbose_name=_("Hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    authority = models.CharField(_("Loại khen thưởng"), max_length=10, choices=Authority.choices)
    phase = models.ForeignKey(
        "campaigns.Phase",
        verbose_name=_("Giai đoạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    summary = models.TextField(_("Trích yếu"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Quyết định khen thưởng")
        verbose_name_plural = _("Quyết định khen thưởng")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_unit", "number"], name="commendation_unique_number")
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.date:%d/%m/%Y}"


class Honoree(TimestampedModel):
    """A collective (a unit or a named group) or an individual named in a decision. `unit` is the unit the
    honoree belongs to: it places the honoree in a scope."""

    commendation = models.ForeignKey(Commendation, on_delete=models.PROTECT, related_name="honorees")
    kind = models.CharField(_("Đối tượng"), max_length=12, choices=InitiativeKind.choices)
    name = models.CharField(_("Tên tập thể / Họ và tên"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False)
    position = models.CharField(_("Chức vụ"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="honorees"
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", blank=True, related_name="honorees", verbose_name=_("Mô hình")
    )
    order = models.PositiveIntegerField(_("Thứ tự"), default=0)

    class Meta:
        verbose_name = _("Tập thể, cá nhân được khen thưởng")
        verbose_name_plural = _("Tập thể, cá nhân được khen thưởng")
        ordering = ["commendation", "kind", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commendation", "kind", "unit", "name_key"], name="honoree_unique_in_decision"
            )
        ]
        indexes = [models.Index(fields=["unit", "kind"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.name_key = fold(self.name)
        super().save(*args, **kwargs)
