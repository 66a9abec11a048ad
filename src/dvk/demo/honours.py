"""The commendation decisions of the seeds, and the 2025 registrations still moving through the workflow."""

from datetime import date

from dvk.accounts.models import User
from dvk.campaigns.models import AwardForm, Phase
from dvk.commendations.models import Authority, Commendation, Honoree
from dvk.demo.records import District
from dvk.evaluations.services import assign_reviewers
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.services import refresh_initiative_rollups, transition_registration


def _collective_name(initiative: Initiative) -> str:
    group = initiative.name.split(":", 1)[0]
    return f"{group}, {initiative.unit.name}"


def _ranked_candidates(district: District, kind: str) -> list[Initiative]:
    """Initiatives of the district recognised in the phase, exemplary ones first (stable order)."""
    registrations = (
        Registration.objects.filter(phase=district.phase, status=Status.RECOGNISED, initiative__kind=kind)
        .select_related("initiative__unit", "recognition")
        .order_by("-recognition__is_exemplary", "initiative_id", "year")
    )
    seen, ranked = set(), []
    for registration in registrations:
        if registration.initiative_id not in seen:
            seen.add(registration.initiative_id)
            ranked.append(registration.initiative)
    return ranked


def build_commendation(
    district: District,
    *,
    number: str,
    day: date,
    issuer_title: str,
    signer: tuple[str, str],
    collectives: int,
    individuals: int,
    actor: User,
) -> Commendation:
    decision = Commendation.objects.create(
        number=number,
        date=day,
        issuing_unit=district.unit,
        issuer_title=issuer_title,
        signer_name=signer[0],
        signer_position=signer[1],
        award_form=AwardForm.objects.get(code="giay-khen"),
        authority=Authority.GOVERNMENT,
        phase=district.phase,
        created_by=actor,
        summary=f"Khen thưởng tập thể, cá nhân có thành tích trong phong trào thi đua “Dân vận khéo” "
        f"giai đoạn {district.phase.start_year} - {district.phase.end_year}",
    )
    order = 0
    for kind, wanted in ((InitiativeKind.COLLECTIVE, collectives), (InitiativeKind.INDIVIDUAL, individuals)):
        taken: set[tuple[int, str]] = set()
        for initiative in _ranked_candidates(district, kind):
            if len(taken) == wanted:
                break
            if kind == InitiativeKind.COLLECTIVE:
                name, position = _collective_name(initiative), ""
            else:
                name, position = initiative.person_name, initiative.person_position
            key = (initiative.unit_id, name)
            if key in taken:
                continue
            taken.add(key)
            order += 1
            honoree = Honoree.objects.create(
                commendation=decision,
                kind=kind,
                name=name,
                position=position,
                unit=initiative.unit,
                order=order,
            )
            honoree.initiatives.add(initiative)
        if len(taken) != wanted:
            raise RuntimeError(
                f"Demo data: only {len(taken)} {kind} candidates for {number}, {wanted} wanted"
            )
    return decision


# The registrations of 2025 (first half, before the reform) and the status each reaches through the real
# workflow writer: the demo's inbox, review queue and returned/withdrawn examples.
IN_PROGRESS = [
    Status.DRAFT,
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SUBMITTED,
    Status.SUBMITTED,
    Status.RETURNED,
    Status.RETURNED,
    Status.ACCEPTED,
    Status.ACCEPTED,
    Status.SELF_ASSESSED,
    Status.SELF_ASSESSED,
    Status.UNDER_REVIEW,
    Status.WITHDRAWN,
]
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.RETURNED: [Status.SUBMITTED, Status.RETURNED],
    Status.ACCEPTED: [Status.SUBMITTED, Status.ACCEPTED],
    Status.SELF_ASSESSED: [Status.SUBMITTED, Status.ACCEPTED, Status.SELF_ASSESSED],
    Status.UNDER_REVIEW: [Status.SUBMITTED, Status.ACCEPTED, Status.SELF_ASSESSED, Status.UNDER_REVIEW],
    Status.WITHDRAWN: [Status.SUBMITTED, Status.WITHDRAWN],
}
NOTES = {
    Status.RETURNED: "Đề nghị bổ sung chỉ tiêu cụ thể (số hộ tham gia, kinh phí huy động) và ảnh minh chứng.",
    Status.WITHDRAWN: "Người phụ trách mô hình chuyển công tác, đơn vị rút đăng ký.",
}


def build_in_progress(
    district: District,
    initiatives: list[Initiative],
    *,
    staff: User,
    secretariat: User,
    staff_unit_id: int | None = None,
    phase: Phase | None = None,
    year: int = 2025,
) -> None:
    """Register some of the district's continuing initiatives for `year` and walk each to its target status
    through `transition_registration`, so that the audit trail shows who did what."""
    registered_last_year = set(
        Registration.objects.filter(initiative__in=initiatives, year=year - 1).values_list(
            "initiative_id", flat=True
        )
    )
    continuing = [i for i in initiatives if i.pk in registered_last_year]
    own = [i for i in continuing if i.unit_id == staff_unit_id]
    chosen = (own[:6] + [i for i in continuing if i.unit_id != staff_unit_id])[: len(IN_PROGRESS)]
    for initiative, target in zip(chosen, IN_PROGRESS, strict=False):
        registration = Registration.objects.create(
            initiative=initiative,
            unit=initiative.unit,
            year=year,
            phase=phase,
            created_by=staff,
            targets=f"Tiếp tục duy trì mô hình năm {year}, mở rộng thêm hộ tham gia.",
        )
        unit_staff = staff if initiative.unit_id == staff_unit_id else secretariat
        for step in PATHS[target]:
            actor = (
                secretariat if step in (Status.RETURNED, Status.ACCEPTED, Status.UNDER_REVIEW) else unit_staff
            )
            transition_registration(registration, step, actor=actor, note=NOTES.get(step, ""))
    refresh_initiative_rollups(i.pk for i in chosen)
    under_review = Registration.objects.filter(initiative__in=chosen, year=year, status=Status.UNDER_REVIEW)
    if under_review and district.reviewers:
        assign_reviewers(actor=secretariat, registrations=list(under_review), reviewers=district.reviewers)
