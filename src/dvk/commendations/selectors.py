"""Reads of commendation work: proposals (đề nghị) and decisions with their honorees, the initiatives a
proposal may list, and the honorees a proposal suggests. Everything starts from the user's scope."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from dvk.accounts import roles
from dvk.campaigns.models import Phase
from dvk.campaigns.selectors import phases_for_user  # noqa: F401 - the decision forms offer these
from dvk.commendations.models import Commendation, Honoree, Proposal
from dvk.core.text import clean, fold
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Initiative, Registration
from dvk.units.models import Unit
from dvk.units.selectors import expand_scope, unit_ids_with_permission, visible_unit_ids


@dataclass
class HonoreeData:
    """One collective or individual to name in a decision, before it is written."""

    kind: str
    name: str
    unit: Unit
    position: str = ""
    initiatives: list[Initiative] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int, str]:
        """What makes two honorees of one decision the same (the database's unique constraint)."""
        return (self.kind, self.unit.pk, fold(clean(self.name)))


def commendation_units_for_user(user) -> QuerySet[Unit]:
    """Units where `user` may issue decisions and proposals (historical ones too: a district abolished in
    2025 still records its earlier phases' decisions)."""
    return Unit.objects.filter(pk__in=unit_ids_with_permission(user, roles.MANAGE_COMMENDATIONS)).order_by(
        "path"
    )


def commendations_for_user(user) -> QuerySet[Commendation]:
    """Decisions issued by units of the user's scope, with their collective and individual honoree counts."""
    return (
        Commendation.objects.filter(issuing_unit_id__in=visible_unit_ids(user))
        .select_related("issuing_unit", "award_form", "phase")
        .annotate(
            collective_count=Count("honorees", filter=Q(honorees__kind=InitiativeKind.COLLECTIVE)),
            individual_count=Count("honorees", filter=Q(honorees__kind=InitiativeKind.INDIVIDUAL)),
        )
        .order_by("-date", "-pk")
    )


def get_commendation_for_user(user, pk) -> Commendation:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(commendations_for_user(user).select_related("proposal"), pk=pk)


def honorees_of(commendation: Commendation) -> QuerySet[Honoree]:
    """A decision's honorees, collectives first, with their unit and linked initiatives."""
    return (
        Honoree.objects.filter(commendation=commendation)
        .select_related("unit")
        .prefetch_related(Prefetch("initiatives", queryset=Initiative.objects.order_by("code")))
        .order_by("kind", "order", "pk")
    )


def proposals_for_user(user) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(unit_id__in=visible_unit_ids(user))
        .select_related("unit", "phase")
        .annotate(initiative_count=Count("initiatives"))
        .order_by("-created_at", "-pk")
    )


def get_proposal_for_user(user, pk) -> Proposal:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(proposals_for_user(user), pk=pk)


def proposal_candidates_for_user(
    user, *, unit: Unit, phase: Phase | None, only_exemplary: bool = False
) -> QuerySet[Initiative]:
    """Initiatives of `unit`'s scope (and the user's) recognised in a year of `phase` (any year without one),
    each marked `is_exemplary` when one of those recognitions was exemplary; exemplary ones first."""
    recognised = Registration.objects.filter(initiative=OuterRef("pk"), status=Status.RECOGNISED)
    if phase is not None:
        recognised = recognised.filter(year__gte=phase.start_year, year__lte=phase.end_year)
    exemplary = recognised.filter(recognition__is_exemplary=True)
    scope = expand_scope([unit.pk]) & visible_unit_ids(user)
    candidates = (
        Initiative.objects.filter(unit_id__in=scope)
        .filter(Exists(recognised))
        .annotate(is_exemplary=Exists(exemplary))
        .select_related("unit", "sector")
    )
    if only_exemplary:
        candidates = candidates.filter(is_exemplary=True)
    return candidates.order_by("-is_exemplary", "kind", "unit__path", "name")


def proposal_initiatives(proposal: Proposal) -> QuerySet[Initiative]:
    return proposal.initiatives.select_related("unit", "sector").order_by("kind", "unit__path", "name")


def honorees_from_initiatives(initiatives: Iterable[Initiative]) -> list[HonoreeData]:
    """The honorees a list of initiatives suggests: a collective initiative names its unit, an individual one
    the person; initiatives of the same honoree are grouped on one row."""
    grouped: dict[tuple, HonoreeData] = {}
    for initiative in initiatives:
        if initiative.kind == InitiativeKind.INDIVIDUAL and initiative.person_name:
            data = HonoreeData(
                kind=InitiativeKind.INDIVIDUAL,
                name=initiative.person_name,
                position=initiative.person_position,
                unit=initiative.unit,
            )
        else:
            data = HonoreeData(
                kind=InitiativeKind.COLLECTIVE, name=initiative.unit.name, unit=initiative.unit
            )
        grouped.setdefault(data.key, data).initiatives.append(initiative)
    return sorted(grouped.values(), key=lambda d: (d.kind, d.unit.path, d.key[2]))
