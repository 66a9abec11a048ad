"""Writing a district's planned history: initiatives, registrations, recognitions and review sheets.

Historical rows are written in bulk (they describe years already closed, as an import of old registers
would); the roll-ups stored on initiatives are then computed by the same service the workflow uses."""

import random
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dvk.accounts.models import User
from dvk.campaigns.models import ClassificationLevel, Criterion, Phase, Sector
from dvk.demo import names
from dvk.demo.plan import PlannedInitiative
from dvk.evaluations.models import CriterionScore, Recognition, RecognitionLevel, Review
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Initiative, Registration
from dvk.units.models import Unit

REVIEW_BANDS = {  # share of the maximum a reviewer gives, by outcome: keeps totals inside the scale's bands
    "exemplary": (0.93, 0.98),
    "recognised": (0.74, 0.86),
    "not_recognised": (0.50, 0.65),
}


@dataclass
class District:
    unit: Unit
    members: list[Unit]
    phase: Phase
    villages: list[str]
    reviewers: list[User]
    code_prefix: str


@dataclass
class Written:
    initiatives: list[Initiative]
    registrations: list[Registration]
    exemplary_registrations: list[Registration]


def _owner(district: District, plan: PlannedInitiative) -> Unit:
    return district.unit if plan.unit_index < 0 else district.members[plan.unit_index]


def _describe(rng: random.Random, initiative: Initiative, theme: str, village: str) -> None:
    households = rng.randint(12, 420)
    initiative.objectives = (
        f"Vận động nhân dân {village} cùng thực hiện {theme}, nâng cao đời sống và sự đồng thuận."
    )
    initiative.description = (
        f"Cấp ủy, chính quyền và các đoàn thể phân công cán bộ, đảng viên phụ trách từng nhóm hộ; tổ chức họp "
        f"thôn, đến từng nhà tuyên truyền, lắng nghe ý kiến; cán bộ, đảng viên gương mẫu làm trước để nhân dân "
        f"làm theo. Mô hình {theme} được nhân dân {village} đồng tình hưởng ứng."
    )
    initiative.results = f"{households} hộ tham gia, hưởng lợi; nhiều hộ được nhân dân học tập, làm theo."
    initiative.households_benefiting = households
    if rng.random() < 0.5:
        initiative.funds_mobilised = Decimal(rng.randint(5, 900) * 1_000_000)
        initiative.workdays = rng.randint(20, 2500)
    if "đất" in theme or "đường" in theme:
        initiative.land_donated_m2 = Decimal(rng.randint(100, 12_000))
        initiative.roads_km = Decimal(rng.randint(3, 120)) / 10


def build_initiatives(rng, district: District, plans: list[PlannedInitiative], sectors: list[Sector]):
    initiatives = []
    for number, plan in enumerate(plans, start=1):
        unit = _owner(district, plan)
        sector = sectors[rng.randrange(len(sectors))]
        theme = rng.choice(names.THEMES[sector.code])
        village = rng.choice(district.villages)
        initiative = Initiative(
            code=f"{district.code_prefix}-{number:04d}",
            unit=unit,
            kind=plan.kind,
            sector=sector,
            address=f"{village}, {unit.name}",
        )
        first = plan.years[0].year
        initiative.started_on = date(first, rng.randint(1, 9), 1)
        if plan.kind == InitiativeKind.INDIVIDUAL:
            person, male = names.person(rng)
            role = rng.choice(names.POSITIONS)
            position = role if role in names.COMMUNE_POSITIONS else f"{role} {village}"
            initiative.person_name, initiative.person_position = person, position
            title = "Ông" if male else "Bà"
            initiative.name = f"{title} {person}, {position}, với cách làm {theme}"
        else:
            initiative.name = f"{rng.choice(names.GROUPS)} {village}: {theme[0].upper()}{theme[1:]}"
        _describe(rng, initiative, theme, village)
        initiative.search_text = initiative.folded_text()
        initiatives.append(initiative)
    return Initiative.objects.bulk_create(initiatives, batch_size=500)


def build_registrations(district: District, plans, initiatives) -> list[Registration]:
    rows = []
    for plan, initiative in zip(plans, initiatives, strict=True):
        for entry in plan.years:
            in_phase = district.phase.start_year <= entry.year <= district.phase.end_year
            registration = Registration(
                initiative=initiative,
                unit=initiative.unit,
                year=entry.year,
                status=entry.status,
                phase=district.phase if in_phase else None,
                outcome=entry.outcome,
                targets=f"Duy trì và nâng cao hiệu quả mô hình năm {entry.year}.",
            )
            if entry.status == Status.WITHDRAWN:
                registration.withdraw_reason = "Đơn vị đề nghị rút do thay đổi nhân sự phụ trách."
            registration.planned_exemplary = entry.exemplary
            rows.append(registration)
    created = Registration.objects.bulk_create(rows, batch_size=500)
    for registration, row in zip(created, rows, strict=True):
        registration.planned_exemplary = row.planned_exemplary
    return created


def _review_band(registration) -> str:
    if registration.status == Status.NOT_RECOGNISED:
        return "not_recognised"
    return "exemplary" if registration.planned_exemplary else "recognised"


def _criteria_for(phase: Phase, kind: str) -> list[Criterion]:
    return list(phase.criteria_for(kind).criteria.order_by("order"))


def build_reviews(rng, district: District, registrations) -> dict[int, Decimal]:
    """Two review sheets for every decided registration of the phase's last year; returns the mean totals."""
    criteria = {kind: _criteria_for(district.phase, kind) for kind in InitiativeKind.values}
    reviews, scores, totals = [], [], {}
    decided = [
        r
        for r in registrations
        if r.year == district.phase.end_year and r.status in (Status.RECOGNISED, Status.NOT_RECOGNISED)
    ]
    for registration in decided:
        low, high = REVIEW_BANDS[_review_band(registration)]
        sheet_totals = []
        for reviewer in district.reviewers:
            review = Review(
                registration=registration,
                reviewer=reviewer,
                state=Review.State.SUBMITTED,
                comment="Mô hình có cách làm phù hợp, hiệu quả.",
            )
            review.planned_scores = []
            for criterion in criteria[registration.initiative.kind]:
                share = Decimal(str(round(rng.uniform(low, high), 3)))
                points = (criterion.max_points * share).quantize(Decimal("0.5"), rounding=ROUND_HALF_UP)
                review.planned_scores.append((criterion, points))
            review.total = sum(points for _, points in review.planned_scores)
            sheet_totals.append(review.total)
            reviews.append(review)
        totals[registration.pk] = (sum(sheet_totals) / len(sheet_totals)).quantize(Decimal("0.01"))
    created = Review.objects.bulk_create(reviews, batch_size=500)
    for review, planned in zip(created, reviews, strict=True):
        scores.extend(CriterionScore(review=review, criterion=c, points=p) for c, p in planned.planned_scores)
    CriterionScore.objects.bulk_create(scores, batch_size=1000)
    return totals


def build_recognitions(district: District, registrations, totals: dict[int, Decimal]) -> list[Registration]:
    levels = {level.code: level for level in ClassificationLevel.objects.filter(phase=district.phase)}
    rows, exemplary = [], []
    for registration in registrations:
        if registration.status not in (Status.RECOGNISED, Status.NOT_RECOGNISED):
            continue
        recognised = registration.status == Status.RECOGNISED
        is_exemplary = recognised and registration.planned_exemplary
        level = levels["tieu-bieu" if is_exemplary else "cong-nhan"] if recognised else None
        in_phase = registration.phase_id is not None
        rows.append(
            Recognition(
                registration=registration,
                recognised=recognised,
                is_exemplary=is_exemplary,
                level=RecognitionLevel.DISTRICT,
                classification=level if in_phase else None,
                classification_name=level.name if level else "",
                total_score=totals.get(registration.pk),
                decision_number=f"{registration.year - 2000:02d}-QĐ/BCĐ",
                decision_date=date(registration.year, 12, 10),
                reason="" if recognised else "Chưa đạt tiêu chí về hiệu quả và khả năng nhân rộng.",
            )
        )
        if is_exemplary:
            exemplary.append(registration)
    Recognition.objects.bulk_create(rows, batch_size=500)
    return exemplary


def link_replications(rng, initiatives: list[Initiative], exemplary: list[Registration], count: int) -> None:
    """Some later initiatives replicate an earlier exemplary one of the same sector in another unit."""
    sources = sorted({r.initiative for r in exemplary}, key=lambda i: i.pk)
    changed = []
    for initiative in initiatives:
        if len(changed) >= count:
            break
        candidates = [
            s
            for s in sources
            if s.sector_id == initiative.sector_id
            and s.unit_id != initiative.unit_id
            and s.started_on < initiative.started_on
        ]
        if candidates and rng.random() < 0.2:
            initiative.replicated_from = rng.choice(candidates)
            changed.append(initiative)
    Initiative.objects.bulk_update(changed, ["replicated_from"])
    public = list(sources)
    for initiative in public:
        initiative.is_public = True
    Initiative.objects.bulk_update(public, ["is_public"], batch_size=500)
