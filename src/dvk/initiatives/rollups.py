"""The roll-ups stored on each initiative, derived from its registrations (DESIGN §8, docs/decisions/0007).

The statistics service (reports.figures) counts initiatives from these columns instead of reading their
registrations, so they must always equal what the registrations say. The rule is written twice on purpose, side
by side: in SQL for the services that write registrations (`refresh_initiative_rollups`, one aggregate query
for any number of initiatives) and in Python for writers that build new initiatives with all their
registrations in memory (the importer, the benchmark's generator: `rollups_of`). Tests hold the two equal.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from dvk.initiatives.enums import COUNTED_STATUSES, Status, YearOutcome
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.years import MASK_BASE_YEAR, mask_of


@dataclass(frozen=True)
class Rollups:
    first_year: int | None = (
        None  # first year with a counted registration (status other than draft/withdrawn)
    )
    last_year: int | None = None  # last such year
    stopped_year: int | None = None  # first counted year that ended with "stopped"
    first_recognised_year: int | None = None
    registered_years: int = 0  # mask of the counted years
    recognised_years: int = 0  # mask of the years recognised
    exemplary_years: int = 0  # mask of the years recognised as exemplary
    elsewhere_unit_id: int | None = None  # the one other unit with counted registrations of it
    elsewhere_years: int = 0  # mask of that unit's counted years
    registered_by_many: bool = False  # two or more other units have counted registrations of it

    def apply(self, initiative: Initiative) -> None:
        for name, value in asdict(self).items():
            setattr(initiative, name, value)


FIELDS = list(Rollups.__dataclass_fields__)


@dataclass(frozen=True)
class YearFacts:
    """What the roll-ups need of one registration."""

    year: int
    status: str
    outcome: str
    unit_id: int
    exemplary: bool


def rollups_of(unit_id: int, registrations: Iterable[YearFacts]) -> Rollups:
    """The roll-ups of an initiative of unit `unit_id` with these registrations, computed in Python."""
    counted = [r for r in registrations if r.status in COUNTED_STATUSES]
    recognised = [r.year for r in counted if r.status == Status.RECOGNISED]
    others = sorted({r.unit_id for r in counted if r.unit_id != unit_id})
    elsewhere = others[0] if len(others) == 1 else None
    return Rollups(
        first_year=min((r.year for r in counted), default=None),
        last_year=max((r.year for r in counted), default=None),
        stopped_year=min((r.year for r in counted if r.outcome == YearOutcome.STOPPED), default=None),
        first_recognised_year=min(recognised, default=None),
        registered_years=mask_of(r.year for r in counted),
        recognised_years=mask_of(recognised),
        exemplary_years=mask_of(r.year for r in counted if r.status == Status.RECOGNISED and r.exemplary),
        elsewhere_unit_id=elsewhere,
        elsewhere_years=mask_of(r.year for r in counted if elsewhere is not None and r.unit_id == elsewhere),
        registered_by_many=len(others) > 1,
    )


def _mask(condition: Q) -> Coalesce:
    """SQL: the mask of the years of the initiative's registrations that meet `condition` (one registration a
    year, so the sum of their bits is their bitwise or)."""
    bit = Cast(Value(1), BigIntegerField()).bitleftshift(F("registrations__year") - MASK_BASE_YEAR)
    return Coalesce(Sum(bit, filter=condition), Value(0), output_field=BigIntegerField())


def refresh_initiative_rollups(initiative_ids: Iterable[int]) -> None:
    """Recompute the roll-ups of these initiatives from their registrations, in one aggregate query. Called by
    every service that writes registrations, their recognitions or an initiative's unit, and by the demo loader
    and the importer after bulk writes."""
    ids = sorted(set(initiative_ids))
    if not ids:
        return
    with transaction.atomic():
        _refresh(ids)


def _refresh(ids: list[int]) -> None:
    # Lock the initiatives first (in id order): a writer of another year of the same initiative waits for this
    # one to commit, and this one's aggregate then reads what that writer committed, so the masks cannot lose
    # a year to two writers interleaving (transition_registration locks the initiative row the same way).
    list(
        Initiative.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True)
    )
    counted = Q(registrations__status__in=COUNTED_STATUSES)
    recognised = Q(registrations__status=Status.RECOGNISED)
    other = counted & ~Q(registrations__unit_id=F("unit_id"))
    rows = (
        Initiative.objects.filter(pk__in=ids)
        .annotate(
            a_first_year=Min("registrations__year", filter=counted),
            a_last_year=Max("registrations__year", filter=counted),
            a_stopped_year=Min(
                "registrations__year", filter=counted & Q(registrations__outcome=YearOutcome.STOPPED)
            ),
            a_first_recognised_year=Min("registrations__year", filter=recognised),
            a_registered_years=_mask(counted),
            a_recognised_years=_mask(recognised),
            a_exemplary_years=_mask(recognised & Q(registrations__recognition__is_exemplary=True)),
            a_others=Count("registrations__unit_id", filter=other, distinct=True),
            a_elsewhere_unit_id=Min("registrations__unit_id", filter=other),
            a_elsewhere_years=_mask(other),
        )
        .only("pk", "unit_id")
    )
    changed = []
    for row in rows:
        values = {name: getattr(row, f"a_{name}") for name in FIELDS if name != "registered_by_many"}
        if row.a_others > 1:
            values |= {"elsewhere_unit_id": None, "elsewhere_years": 0}
        Rollups(**values, registered_by_many=row.a_others > 1).apply(row)
        changed.append(row)
    Initiative.objects.bulk_update(changed, FIELDS, batch_size=500)


def stale_rollups(initiative_ids: Iterable[int] | None = None) -> list[int]:
    """The initiatives (of `initiative_ids`, or all) whose stored roll-ups differ from their registrations: for
    tests and checks, never needed by a correct writer."""
    initiatives, registrations = Initiative.objects.all(), Registration.objects.all()
    if initiative_ids is not None:
        ids = list(initiative_ids)
        initiatives, registrations = (
            initiatives.filter(pk__in=ids),
            registrations.filter(initiative_id__in=ids),
        )
    stored = {i["pk"]: i for i in initiatives.values("pk", "unit_id", *FIELDS)}
    facts: dict[int, list[YearFacts]] = {pk: [] for pk in stored}
    registrations = registrations.values_list(
        "initiative_id", "year", "status", "outcome", "unit_id", "recognition__is_exemplary"
    )
    for initiative_id, year, status, outcome, unit_id, exemplary in registrations.iterator(chunk_size=5000):
        facts[initiative_id].append(YearFacts(year, status, outcome, unit_id, bool(exemplary)))
    return sorted(
        pk
        for pk, row in stored.items()
        if asdict(rollups_of(row["unit_id"], facts[pk])) != {name: row[name] for name in FIELDS}
    )


# --- Conditions on the roll-ups, shared by the statistics service and the lists ---------------------------------


def active_in(y2: int) -> Q:
    """Initiatives "đang duy trì" in y2 (DESIGN §5: not stopped before y2), for those registered up to y2: their
    last counted registration up to y2 is not a stop before y2. The statistics service and the initiative lists
    share this condition. The roll-ups decide every initiative but those registered again after a stop
    (`last_year` after `stopped_year`); only those are looked up: their last registration up to y2, one backward
    step on the (initiative, year) index."""
    last_year_by_y2 = (
        Registration.objects.filter(
            initiative=OuterRef(OuterRef("pk")), status__in=COUNTED_STATUSES, year__lte=y2
        )
        .order_by("-year")
        .values("year")[:1]
    )
    stopped_last = Registration.objects.filter(
        initiative=OuterRef("pk"),
        year=Subquery(last_year_by_y2),
        year__lt=y2,
        outcome=YearOutcome.STOPPED,
    )
    return (
        Q(stopped_year__isnull=True)
        | Q(stopped_year__gte=y2)
        | (Q(last_year__gt=F("stopped_year")) & ~Exists(stopped_last))
    )
