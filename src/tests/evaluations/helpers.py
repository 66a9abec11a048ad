"""Review data for the tests of the secretariat's and reviewers' work: a phase of district B with a point
scale for collective models and a pass/fail checklist for individuals, and registrations in a given status."""

from decimal import Decimal

from dvk.campaigns.models import ClassificationLevel, CriteriaSet, Criterion, Phase
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Registration
from tests.factories import InitiativeFactory, RegistrationFactory

POINTS = [("Mục tiêu rõ ràng", 40), ("Cách làm khéo", 40), ("Khả năng nhân rộng", 20)]
CHECKLIST = ["Gương mẫu", "Có sức lan tỏa"]


def make_phase(unit) -> Phase:
    collective = CriteriaSet.objects.create(name=f"Tiêu chí tập thể {unit.code}")
    for order, (text, points) in enumerate(POINTS, start=1):
        Criterion.objects.create(criteria_set=collective, order=order, text=text, max_points=points)
    individual = CriteriaSet.objects.create(name=f"Tiêu chí cá nhân {unit.code}")
    for order, text in enumerate(CHECKLIST, start=1):
        Criterion.objects.create(criteria_set=individual, order=order, text=text)
    phase = Phase.objects.create(
        launched_by=unit,
        code="2020-2022",
        name="Giai đoạn 2020 - 2022",
        start_year=2020,
        end_year=2022,
        collective_criteria=collective,
        individual_criteria=individual,
    )
    ClassificationLevel.objects.create(
        phase=phase, code="tieu-bieu", name="Tiêu biểu", min_score=Decimal(90), exemplary=True
    )
    ClassificationLevel.objects.create(phase=phase, code="cong-nhan", name="Công nhận", min_score=Decimal(70))
    return phase


def make_registration(
    unit, status=Status.SUBMITTED, *, phase=None, kind=InitiativeKind.COLLECTIVE, name="", year=2022, **fields
) -> Registration:
    extra = (
        {"person_name": "Nguyễn Thị Mai", "person_position": "Trưởng thôn"} if kind == "individual" else {}
    )
    initiative = InitiativeFactory(unit=unit, kind=kind, **({"name": name} if name else {}), **extra)
    return RegistrationFactory(initiative=initiative, status=status, phase=phase, year=year, **fields)


def criteria(registration):
    return list(registration.phase.criteria_for(registration.initiative.kind).criteria.order_by("order"))


def scores_for(registration, *points):
    """A scores mapping giving the criteria of the registration these points (in order)."""
    return {
        c.pk: {"points": p, "comment": f"Nhận xét {c.order}"}
        for c, p in zip(criteria(registration), points, strict=False)
    }
