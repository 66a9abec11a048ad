"""Reads of the secretariat's and the reviewers' work: the screening inbox, the review queue, who may score
what, review sheets (with the rule that a reviewer sees the others' scores only after submitting their own)
and the results of a registration's review. Every query starts from the user's scope."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from dvk.accounts import roles
from dvk.accounts.models import User
from dvk.campaigns.models import ClassificationLevel, Criterion, Phase
from dvk.evaluations.models import CriterionScore, Recognition, RecognitionLevel, Review
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Registration
from dvk.units.models import Membership, Unit, UnitKind
from dvk.units.selectors import has_permission, unit_ids_with_permission, visible_unit_ids

# Memberships whose holders may sit on a review committee (DESIGN §2: committee members; the secretariat
# may score too).
REVIEWING_ROLES = (roles.Role.REVIEWER, roles.Role.SECRETARIAT)
DECIDED = (Status.RECOGNISED, Status.NOT_RECOGNISED)


def _registrations(unit_ids: Iterable[int]) -> QuerySet[Registration]:
    return Registration.objects.filter(unit_id__in=unit_ids).select_related(
        "initiative", "initiative__sector", "unit", "phase"
    )


def registrations_to_screen_for_user(user) -> QuerySet[Registration]:
    """The inbox: submitted registrations where `user` may accept or return them, oldest first."""
    return (
        _registrations(unit_ids_with_permission(user, roles.SCREEN_REGISTRATION))
        .filter(status=Status.SUBMITTED)
        .order_by("status_changed_at", "pk")
    )


def registrations_to_open_for_user(user) -> QuerySet[Registration]:
    """Self-assessed registrations `user` may put under review."""
    return (
        _registrations(unit_ids_with_permission(user, roles.OPEN_REVIEW))
        .filter(status=Status.SELF_ASSESSED)
        .order_by("status_changed_at", "pk")
    )


def registrations_under_review_for_user(user, permission: str = roles.OPEN_REVIEW) -> QuerySet[Registration]:
    """Registrations under review where `user` holds `permission`, each with `assigned_reviews` (reviewer
    loaded), the number of submitted sheets and their mean total."""
    submitted = Q(reviews__state=Review.State.SUBMITTED)
    return (
        _registrations(unit_ids_with_permission(user, permission))
        .filter(status=Status.UNDER_REVIEW)
        .annotate(
            submitted_count=Count("reviews", filter=submitted),
            mean_total=Avg("reviews__total", filter=submitted),
        )
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").order_by("reviewer__username"),
                to_attr="assigned_reviews",
            ),
            "phase__classification_levels",
        )
        .order_by("year", "unit__path", "pk")
    )


def reviewer_candidates_for_user(user) -> QuerySet[User]:
    """Active committee members (reviewers and secretariat) of the units where `user` opens reviews, each with
    `open_load` (sheets assigned but not yet submitted) and `committee_memberships`."""
    unit_ids = unit_ids_with_permission(user, roles.OPEN_REVIEW)
    memberships = Membership.objects.filter(unit_id__in=unit_ids, role__in=REVIEWING_ROLES)
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .annotate(open_load=Count("reviews", filter=Q(reviews__state=Review.State.ASSIGNED)))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=memberships.select_related("unit").order_by("unit__path"),
                to_attr="committee_memberships",
            )
        )
        .order_by("full_name", "username")
    )


def units_containing(unit_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """For each unit, the units whose scope contains it: its ancestors (itself included) and, through merges,
    the containers of any unit an ancestor was merged into (the mirror image of `expand_scope`)."""
    wanted = set(unit_ids)
    known: dict[int, tuple[str, int | None]] = {}
    by_path: dict[str, int] = {}
    pks, paths = set(wanted), set()
    step = Unit.steplen
    while pks or paths:
        rows = Unit.objects.filter(Q(pk__in=pks) | Q(path__in=paths)).values_list(
            "pk", "path", "merged_into_id"
        )
        for pk, path, merged in rows:
            known[pk], by_path[path] = (path, merged), pk
        paths = {p[:i] for p, _ in known.values() for i in range(step, len(p), step)} - by_path.keys()
        pks = {m for _, m in known.values() if m is not None} - known.keys()

    def containers(pk: int, seen: set[int]) -> set[int]:
        path = known[pk][0]
        ancestors = {by_path[path[:i]] for i in range(step, len(path) + 1, step)}
        found = set(ancestors)
        for ancestor in ancestors:
            merged = known[ancestor][1]
            if merged is not None and merged not in seen:
                seen.add(merged)
                found |= containers(merged, seen)
        return found

    return {pk: frozenset(containers(pk, {pk})) for pk in wanted if pk in known}


@dataclass
class Eligibility:
    """Who may score a registration: committee members whose scope contains its unit, minus those with a
    membership in the registration's own unit (conflict of interest)."""

    eligible: set[int] = field(default_factory=set)
    conflicted: set[int] = field(default_factory=set)

    def allows(self, user_id: int) -> bool:
        return user_id in self.eligible and user_id not in self.conflicted


def reviewer_eligibility(
    registrations: Sequence[Registration], user_ids: Iterable[int]
) -> dict[int, Eligibility]:
    """Eligibility of the users `user_ids` for each registration (keyed by registration pk), in two queries."""
    user_ids = set(user_ids)
    containers = units_containing({r.unit_id for r in registrations})
    own_units = {r.pk: {r.unit_id, r.initiative.unit_id} for r in registrations}
    memberships = list(
        Membership.objects.filter(user_id__in=user_ids).values_list("user_id", "unit_id", "role")
    )
    result = {}
    for registration in registrations:
        scope = containers.get(registration.unit_id, frozenset())
        result[registration.pk] = Eligibility(
            eligible={u for u, unit, role in memberships if role in REVIEWING_ROLES and unit in scope},
            conflicted={u for u, unit, _ in memberships if unit in own_units[registration.pk]},
        )
    return result


def reviews_for_user(user) -> QuerySet[Review]:
    """The review sheets assigned to `user` (in their scope), sheets still to score first."""
    return (
        Review.objects.filter(reviewer=user, registration__unit_id__in=visible_unit_ids(user))
        .select_related("registration__initiative", "registration__initiative__sector", "registration__unit")
        .order_by("state", "-registration__year", "pk")
    )


def get_review_for_user(user, pk) -> Review:
    """The user's own review sheet; the same 404 for "missing" and "not yours"."""
    return get_object_or_404(reviews_for_user(user).select_related("registration__phase"), pk=pk)


def get_assigned_review_for_user(user, pk) -> Review:
    """A review sheet of a registration the user may assign reviewers to (the secretariat); 404 otherwise."""
    units = unit_ids_with_permission(user, roles.OPEN_REVIEW)
    sheets = Review.objects.filter(registration__unit_id__in=units).select_related("registration__initiative")
    return get_object_or_404(sheets, pk=pk)


def can_see_all_reviews(user, registration: Registration) -> bool:
    """The secretariat sees every sheet of a registration of its scope."""
    return has_permission(user, roles.OPEN_REVIEW, registration.unit_id) or has_permission(
        user, roles.RECORD_RECOGNITION, registration.unit_id
    )


def reviews_of_registration_for_user(user, registration: Registration) -> QuerySet[Review]:
    """The sheets of a registration `user` may read, scores prefetched. The secretariat reads all; a reviewer
    reads their own and, only once it is submitted, the others' submitted sheets; other readers of the scope
    read the submitted sheets once the registration is decided."""
    sheets = Review.objects.filter(registration=registration).select_related("reviewer")
    sheets = sheets.prefetch_related(
        Prefetch("scores", queryset=CriterionScore.objects.order_by("criterion__order"))
    )
    sheets = sheets.order_by("reviewer__username")
    if registration.unit_id not in visible_unit_ids(user):
        return sheets.none()
    if can_see_all_reviews(user, registration):
        return sheets
    own_submitted = sheets.filter(reviewer=user, state=Review.State.SUBMITTED).exists()
    if own_submitted or registration.status in DECIDED:
        return sheets.filter(Q(reviewer=user) | Q(state=Review.State.SUBMITTED))
    return sheets.filter(reviewer=user)


def criteria_for_registration(registration: Registration) -> list[Criterion]:
    """The criteria its phase sets for the initiative's kind ([] when there is no phase or no criteria)."""
    phase = registration.phase
    criteria_set = phase.criteria_for(registration.initiative.kind) if phase else None
    return list(criteria_set.criteria.order_by("order", "pk")) if criteria_set else []


def missing_criteria_message(registration: Registration) -> str:
    """Why a registration cannot be scored by criteria, in words a secretariat can act on ("" if it can)."""
    if registration.phase is None:
        return (
            f"Lượt đăng ký năm {registration.year} chưa gắn với giai đoạn thi đua nào nên chưa có bộ tiêu chí "
            "để chấm. Thường trực Ban Chỉ đạo cần gắn lượt đăng ký vào giai đoạn trước khi chấm điểm."
        )
    if not criteria_for_registration(registration):
        kind = registration.initiative.get_kind_display().lower()
        return (
            f"Giai đoạn “{registration.phase.name}” chưa có bộ tiêu chí cho mô hình {kind} (hoặc bộ tiêu chí "
            "chưa có tiêu chí nào). Đề nghị quản trị hệ thống bổ sung bộ tiêu chí trước khi chấm điểm."
        )
    return ""


def suggest_classification(levels: Iterable[ClassificationLevel], total: Decimal | None):
    """The highest level of the scale whose minimum the total reaches (None below every level or without a
    total)."""
    if total is None:
        return None
    for level in sorted(levels, key=lambda lv: lv.min_score, reverse=True):
        if total >= level.min_score:
            return level
    return None


def classification_levels(phase: Phase | None) -> list[ClassificationLevel]:
    return list(phase.classification_levels.order_by("-min_score")) if phase else []


@dataclass
class CriterionResult:
    criterion: Criterion
    count: int = 0
    mean: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    passed: int = 0


@dataclass
class ReviewResults:
    """Per criterion the mean and spread across submitted sheets, the mean total and the classification the
    phase's scale suggests for it."""

    criteria: list[CriterionResult]
    submitted: int
    assigned: int
    total_mean: Decimal | None
    total_low: Decimal | None
    total_high: Decimal | None
    suggested: ClassificationLevel | None
    levels: list[ClassificationLevel]


def _rounded(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def review_results(registration: Registration) -> ReviewResults:
    """Aggregates of the submitted sheets of one registration (for the secretariat: callers check scope)."""
    submitted = Review.objects.filter(registration=registration, state=Review.State.SUBMITTED)
    per_criterion = {
        row["criterion"]: row
        for row in CriterionScore.objects.filter(review__in=submitted)
        .values("criterion")
        .annotate(
            n=Count("pk"),
            mean=Avg("points"),
            low=Min("points"),
            high=Max("points"),
            ok=Count("pk", filter=Q(passed=True)),
        )
    }
    rows = []
    for criterion in criteria_for_registration(registration):
        row = per_criterion.get(criterion.pk, {})
        rows.append(
            CriterionResult(
                criterion=criterion,
                count=row.get("n", 0),
                mean=_rounded(row.get("mean")),
                low=row.get("low"),
                high=row.get("high"),
                passed=row.get("ok", 0),
            )
        )
    totals = submitted.aggregate(mean=Avg("total"), low=Min("total"), high=Max("total"), n=Count("pk"))
    levels = classification_levels(registration.phase)
    mean = _rounded(totals["mean"])
    return ReviewResults(
        criteria=rows,
        submitted=totals["n"],
        assigned=Review.objects.filter(registration=registration).count(),
        total_mean=mean,
        total_low=totals["low"],
        total_high=totals["high"],
        suggested=suggest_classification(levels, mean),
        levels=levels,
    )


def mean_review_total(registration: Registration) -> Decimal | None:
    value = Review.objects.filter(registration=registration, state=Review.State.SUBMITTED).aggregate(
        mean=Avg("total")
    )["mean"]
    return _rounded(value)


def recognition_of(registration: Registration) -> Recognition | None:
    """The recorded outcome of a registration the caller may see, if any."""
    return Recognition.objects.filter(registration=registration).select_related("classification").first()


_LEVEL_OF_KIND = {
    UnitKind.PROVINCE: RecognitionLevel.PROVINCE,
    UnitKind.CENTRAL_CITY: RecognitionLevel.PROVINCE,
    UnitKind.DISTRICT: RecognitionLevel.DISTRICT,
    UnitKind.URBAN_DISTRICT: RecognitionLevel.DISTRICT,
    UnitKind.TOWN: RecognitionLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: RecognitionLevel.DISTRICT,
    UnitKind.COMMUNE: RecognitionLevel.COMMUNE,
    UnitKind.WARD: RecognitionLevel.COMMUNE,
    UnitKind.TOWNSHIP: RecognitionLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: RecognitionLevel.COMMUNE,
}


def default_recognition_level(registration: Registration) -> str:
    """The level a recognition usually has: that of the unit which launched the registration's phase."""
    phase = registration.phase
    return _LEVEL_OF_KIND.get(phase.launched_by.kind, "") if phase else ""
