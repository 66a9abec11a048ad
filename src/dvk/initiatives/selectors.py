"""Reads of initiatives and registrations, always through the user's scope.

The list pages, their Excel export and the detail pages read through here. Filters narrow what
`visible_unit_ids` allows; they never widen it (a unit or phase out of scope simply matches nothing more).
Each list is one query whatever its length: related rows come through `select_related` and the latest
registration of an initiative through correlated subqueries.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.shortcuts import get_object_or_404

from dvk.accounts import roles
from dvk.campaigns.models import ClassificationLevel, Phase, Sector
from dvk.campaigns.selectors import phases_for_user
from dvk.commendations.models import Honoree
from dvk.core.audit import events_for
from dvk.core.models import AuditEvent
from dvk.evaluations.models import Recognition, Review
from dvk.initiatives.enums import COUNTED_STATUSES, Status
from dvk.initiatives.models import Attachment, Initiative, Registration
from dvk.initiatives.rollups import active_in
from dvk.initiatives.search import search_initiatives
from dvk.initiatives.workflow import TRANSITIONS
from dvk.units.models import Unit
from dvk.units.selectors import expand_scope, has_permission, visible_unit_ids

# A status filter value meaning "every registration that counts in the figures" (not draft, not withdrawn),
# so that a figure on a dashboard can link to the records behind it.
COUNTED = "counted"
SORT_KEYS = ("name", "year", "unit", "status", "updated")
DEFAULT_SORT = "-updated"
# Statuses in which a registration's year may be closed; mirrors `services.check_year_end`.
YEAR_END_STATUSES = (Status.ACCEPTED, Status.SELF_ASSESSED, Status.RECOGNISED, Status.NOT_RECOGNISED)


@dataclass(frozen=True)
class ListFilters:
    """What a list page, its export or a dashboard link asks for. Empty values filter nothing."""

    phase: Phase | None = None
    year: int | None = None
    year_from: int | None = None  # registration years, inclusive (a year range that is not a phase)
    year_to: int | None = None
    first_year_from: int | None = None  # initiatives first registered in these years ("mô hình mới")
    first_year_to: int | None = None
    active_in: int | None = (
        None  # initiatives registered by this year and not stopped before it ("đang duy trì")
    )
    unit: Unit | None = None
    sector: Sector | None = None
    kind: str = ""
    status: str = ""
    classification: str = ""
    exemplary: bool | None = None
    search: str = ""
    sort: str = DEFAULT_SORT


def _status_rank(field: str) -> Case:
    """Statuses in workflow order (draft first), for sorting."""
    return Case(
        *(When(**{field: status}, then=Value(rank)) for rank, status in enumerate(Status)),
        default=Value(len(Status)),
        output_field=IntegerField(),
    )


def _order(queryset: QuerySet, sort: str, fields: dict[str, tuple[str, ...]]) -> QuerySet:
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    if key not in fields:
        descending, key = True, DEFAULT_SORT.removeprefix("-")
    prefix = "-" if descending else ""
    return queryset.order_by(*(f"{prefix}{name}" for name in fields[key]), "-pk")


def _registration_conditions(filters: ListFilters) -> Q:
    """Conditions on a registration's own fields (year, phase, status, recognition)."""
    query = Q()
    if filters.phase is not None:
        query &= Q(year__gte=filters.phase.start_year, year__lte=filters.phase.end_year)
        query &= Q(unit_id__in=expand_scope([filters.phase.launched_by_id]))
    if filters.year:
        query &= Q(year=filters.year)
    if filters.year_from:
        query &= Q(year__gte=filters.year_from)
    if filters.year_to:
        query &= Q(year__lte=filters.year_to)
    if filters.status == COUNTED:
        query &= Q(status__in=COUNTED_STATUSES)
    elif filters.status:
        query &= Q(status=filters.status)
    if filters.classification:
        query &= Q(recognition__classification_name=filters.classification)
    if filters.exemplary is True:
        query &= Q(recognition__is_exemplary=True)
    elif filters.exemplary is False:
        query &= Q(recognition__isnull=True) | Q(recognition__is_exemplary=False)
    return query


def _unit_ids(user, filters: ListFilters) -> frozenset[int]:
    visible = visible_unit_ids(user)
    if filters.unit is None:
        return visible
    return visible & expand_scope([filters.unit.pk])


def _has_registration_filter(filters: ListFilters) -> bool:
    return bool(
        filters.phase
        or filters.year
        or filters.year_from
        or filters.year_to
        or filters.status
        or filters.classification
    ) or (filters.exemplary is not None)


def _initiative_conditions(filters: ListFilters) -> Q:
    """Conditions on an initiative's stored roll-ups, with the definitions of the statistics service."""
    query = Q()
    if filters.first_year_from:
        query &= Q(first_year__gte=filters.first_year_from)
    if filters.first_year_to:
        query &= Q(first_year__lte=filters.first_year_to)
    if filters.active_in:
        query &= Q(first_year__lte=filters.active_in) & active_in(filters.active_in)
    return query


def initiatives_for_user(user, filters: ListFilters | None = None) -> QuerySet[Initiative]:
    """Initiatives owned by units of the user's scope. With `filters`: narrowed, sorted, and annotated with
    the latest registration (`latest_year`, `latest_status`) and whether any year was exemplary."""
    queryset = Initiative.objects.filter(unit_id__in=visible_unit_ids(user)).select_related("unit", "sector")
    if filters is None:
        return queryset
    if filters.unit is not None:
        queryset = queryset.filter(unit_id__in=_unit_ids(user, filters))
    if filters.sector is not None:
        queryset = queryset.filter(sector=filters.sector)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    queryset = queryset.filter(_initiative_conditions(filters))
    if _has_registration_filter(filters):
        matching = Registration.objects.filter(_registration_conditions(filters)).values("initiative_id")
        queryset = queryset.filter(pk__in=matching)
    queryset = search_initiatives(queryset, filters.search)
    latest = Registration.objects.filter(initiative=OuterRef("pk")).order_by("-year")
    queryset = queryset.annotate(
        latest_year=Subquery(latest.values("year")[:1]),
        latest_status=Subquery(latest.values("status")[:1]),
        ever_exemplary=Exists(
            Registration.objects.filter(initiative=OuterRef("pk"), recognition__is_exemplary=True)
        ),
    ).annotate(status_rank=_status_rank("latest_status"))
    return _order(
        queryset,
        filters.sort,
        {
            "name": ("name",),
            "year": ("first_year", "latest_year"),
            "unit": ("unit__name",),
            "status": ("status_rank",),
            "updated": ("updated_at",),
        },
    )


def registrations_for_user(user, filters: ListFilters | None = None) -> QuerySet[Registration]:
    """Registrations of units of the user's scope. With `filters`: narrowed, sorted, with the phase and the
    recognition joined (what the list and the export print)."""
    queryset = Registration.objects.filter(unit_id__in=visible_unit_ids(user)).select_related(
        "initiative", "initiative__sector", "unit"
    )
    if filters is None:
        return queryset
    queryset = queryset.select_related("phase", "recognition").filter(_registration_conditions(filters))
    if filters.unit is not None:
        queryset = queryset.filter(unit_id__in=_unit_ids(user, filters))
    if filters.sector is not None:
        queryset = queryset.filter(initiative__sector=filters.sector)
    if filters.kind:
        queryset = queryset.filter(initiative__kind=filters.kind)
    queryset = search_initiatives(queryset, filters.search, field="initiative_id")
    return _order(
        queryset.annotate(status_rank=_status_rank("status")),
        filters.sort,
        {
            "name": ("initiative__name",),
            "year": ("year",),
            "unit": ("unit__name",),
            "status": ("status_rank",),
            "updated": ("updated_at",),
        },
    )


def get_initiative_for_user(user, pk) -> Initiative:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(
        initiatives_for_user(user).select_related("replicated_from", "created_by"), pk=pk
    )


def get_registration_for_user(user, pk) -> Registration:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(registrations_for_user(user), pk=pk)


def available_transitions(registration: Registration, user) -> list[str]:
    """The statuses `user` may move this registration to now: what the buttons offer."""
    return [
        to
        for (frm, to), permission in TRANSITIONS.items()
        if frm == registration.status and has_permission(user, permission, registration.unit_id)
    ]


# --- Choices the list filters offer ------------------------------------------------------------------------


def classification_names_for_user(user) -> list[str]:
    """The names of the classification levels of the user's phases ("Tiêu biểu", "Công nhận" …)."""
    names = ClassificationLevel.objects.filter(phase__in=phases_for_user(user)).values_list("name", flat=True)
    return sorted(set(names))


# --- Detail pages ------------------------------------------------------------------------------------------


def registrations_of_initiative(user, initiative: Initiative) -> QuerySet[Registration]:
    """The initiative's registrations the user may see, latest year first."""
    return (
        registrations_for_user(user)
        .filter(initiative=initiative)
        .select_related("phase", "recognition")
        .order_by("-year")
    )


def replication_source(user, initiative: Initiative) -> Initiative | None:
    """The initiative this one replicates ("nhân rộng từ"), when the user may see it."""
    if initiative.replicated_from_id is None:
        return None
    return initiatives_for_user(user).filter(pk=initiative.replicated_from_id).first()


def honorees_naming(initiative: Initiative) -> QuerySet[Honoree]:
    """Honorees of commendation decisions linked to this (visible) initiative, latest decision first."""
    return (
        Honoree.objects.filter(initiatives=initiative)
        .select_related("commendation", "commendation__award_form", "commendation__issuing_unit")
        .order_by("-commendation__date", "commendation__number", "order")
    )


def attachments_of(initiative: Initiative, registration: Registration | None = None) -> QuerySet[Attachment]:
    """Files kept with the initiative (or with one of its registrations), removed ones left out."""
    queryset = Attachment.objects.filter(initiative=initiative, is_removed=False)
    if registration is not None:
        queryset = queryset.filter(registration=registration)
    return queryset.select_related("registration").order_by("-created_at")


def registration_events(registration: Registration, *, with_reviews: bool = False) -> QuerySet[AuditEvent]:
    """The registration's timeline from the audit trail, in the order things happened: its own events, its
    recognition's and its attachments'; its reviews' and withdrawn assignments' only `with_reviews` (they name
    reviewers and carry their comments)."""
    related = Q(
        target_type=ContentType.objects.get_for_model(Recognition),
        target_id__in=Recognition.objects.filter(registration=registration).values("pk"),
    ) | Q(
        target_type=ContentType.objects.get_for_model(Attachment),
        target_id__in=Attachment.objects.filter(registration=registration).values("pk"),
    )
    if with_reviews:
        related |= Q(
            target_type=ContentType.objects.get_for_model(Review),
            target_id__in=Review.objects.filter(registration=registration).values("pk"),
        )
    own = events_for(registration)
    if not with_reviews:  # a withdrawn assignment names its reviewer, as the sheets' events do
        own = own.exclude(action="review.withdraw")
    others = AuditEvent.objects.filter(related).select_related("actor")
    return (own | others).order_by("created_at", "id")


def reviews_of(registration: Registration) -> list[Review]:
    return list(
        registration.reviews.select_related("reviewer").prefetch_related("scores__criterion").order_by("pk")
    )


def registration_actions(registration: Registration, user) -> set[str]:
    """Which screens about this registration `user` may use now, besides the workflow buttons:
    edit, self_assess, continue, stop, attachments, assign (reviewers), results (scores and recognition)."""
    unit_id, status = registration.unit_id, registration.status
    actions: set[str] = set()
    may_edit = has_permission(user, roles.EDIT_INITIATIVE, unit_id)
    if may_edit and status in (Status.DRAFT, Status.RETURNED):
        actions.add("edit")
    if may_edit and status in (Status.DRAFT, Status.RETURNED, Status.ACCEPTED):
        actions.add("attachments")
    if status == Status.ACCEPTED and has_permission(user, roles.SELF_ASSESS_REGISTRATION, unit_id):
        actions.add("self_assess")
    if (
        not registration.outcome
        and status in YEAR_END_STATUSES
        and has_permission(user, roles.CLOSE_REGISTRATION_YEAR, unit_id)
    ):
        actions |= {"continue", "stop"}
    if status == Status.UNDER_REVIEW and has_permission(user, roles.OPEN_REVIEW, unit_id):
        actions.add("assign")
    if status == Status.UNDER_REVIEW and has_permission(user, roles.RECORD_RECOGNITION, unit_id):
        actions.add("results")
    return actions


def may_record_replication(initiative: Initiative, user) -> bool:
    """The secretariat of the initiative's unit records where it was replicated."""
    return has_permission(user, roles.RECORD_RECOGNITION, initiative.unit_id)
