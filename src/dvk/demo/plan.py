"""Planning the demo's history, without touching the database: which initiatives exist, in which unit, of
which kind, registered in which years with which outcome. The plans are built so that the figures of the two
seed reports hold exactly (DESIGN §5):

- huyện Na Hang, phase 2020-2022: 126 new initiatives (22 collective, 104 individual), 869 first registered in
  2009-2019, hence 995 initiatives registered by 2022;
- thành phố Bắc Kạn, phase 2021-2023: 596 registrations in 2021-2023 and 397 initiatives recognised then.

Every number below that is not one of those is an arbitrary, fixed choice that keeps the history plausible.
"""

import random
from dataclasses import dataclass, field

from dvk.initiatives.enums import InitiativeKind, Status, YearOutcome

COLLECTIVE, INDIVIDUAL = InitiativeKind.COLLECTIVE.value, InitiativeKind.INDIVIDUAL.value
LAST_HISTORY_YEAR = 2024  # the old units ceased on 30/06/2025; 2025 holds the registrations still in progress


@dataclass
class PlannedYear:
    year: int
    status: str
    exemplary: bool = False
    outcome: str = ""


@dataclass
class PlannedInitiative:
    unit_index: int  # index into the district's member units; -1 = the district itself ("trực thuộc")
    kind: str
    years: list[PlannedYear] = field(default_factory=list)

    @property
    def first_counted_year(self) -> int | None:
        counted = [y.year for y in self.years if y.status not in (Status.DRAFT, Status.WITHDRAWN)]
        return min(counted) if counted else None


def _split(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights`, exactly (largest remainders)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _outcome_status(rng: random.Random, exemplary_rate: float = 0.12) -> PlannedYear:
    roll = rng.random()
    if roll < 0.72:
        return PlannedYear(0, Status.RECOGNISED, exemplary=rng.random() < exemplary_rate / 0.72)
    if roll < 0.86:
        return PlannedYear(0, Status.NOT_RECOGNISED)
    return PlannedYear(0, Status.ACCEPTED)


def _history(rng: random.Random, years: list[int]) -> list[PlannedYear]:
    planned = []
    for year in years:
        entry = _outcome_status(rng)
        entry.year = year
        planned.append(entry)
    _close_years(planned)
    return planned


def _close_years(planned: list[PlannedYear]) -> None:
    """Every year but the last was continued; a last year before 2024 means the initiative stopped."""
    for entry in planned[:-1]:
        entry.outcome = YearOutcome.CONTINUED
    if planned and planned[-1].year < LAST_HISTORY_YEAR:
        planned[-1].outcome = YearOutcome.STOPPED


def _unit_index(rng: random.Random, member_count: int) -> int:
    return -1 if rng.random() < 0.06 else rng.randrange(member_count)


def plan_na_hang(rng: random.Random, member_count: int) -> list[PlannedInitiative]:
    plans = []
    early_years = list(range(2009, 2020))
    for year, count in zip(early_years, _split(869, list(range(2, 2 + len(early_years)))), strict=True):
        for _ in range(count):
            kind = COLLECTIVE if rng.random() < 0.3 else INDIVIDUAL
            plans.append(_initiative_from(rng, member_count, kind, year))
    new_per_year = {2020: (7, 33), 2021: (7, 35), 2022: (8, 36)}  # (collective, individual): 22 + 104 = 126
    for year, (collective, individual) in new_per_year.items():
        for kind, count in ((COLLECTIVE, collective), (INDIVIDUAL, individual)):
            plans.extend(_initiative_from(rng, member_count, kind, year) for _ in range(count))
    return plans


def _initiative_from(rng: random.Random, member_count: int, kind: str, first_year: int) -> PlannedInitiative:
    duration = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8])
    last = min(first_year + duration - 1, LAST_HISTORY_YEAR)
    return PlannedInitiative(
        _unit_index(rng, member_count), kind, _history(rng, list(range(first_year, last + 1)))
    )


# Bắc Kạn, 2021-2023: window year sets and how many initiatives have each. 69 + 240 + 287 = 596 registrations.
BAC_KAN_WINDOWS = [
    ((2021, 2022, 2023), 23),
    ((2021, 2022), 60),
    ((2022, 2023), 60),
    ((2021,), 95),
    ((2022,), 96),
    ((2023,), 96),
]
BAC_KAN_RECOGNISED = 397
BAC_KAN_STOPPED_BEFORE = 80  # initiatives whose history ended before 2021


def plan_bac_kan(rng: random.Random, member_count: int) -> list[PlannedInitiative]:
    windows = [years for years, count in BAC_KAN_WINDOWS for _ in range(count)]
    recognised = set(rng.sample(range(len(windows)), BAC_KAN_RECOGNISED))
    plans = []
    for index, window in enumerate(windows):
        kind = COLLECTIVE if rng.random() < 0.35 else INDIVIDUAL
        plan = PlannedInitiative(_unit_index(rng, member_count), kind)
        if rng.random() < 0.45:  # an older initiative, registered before the phase too
            start = rng.randint(2015, 2020)
            plan.years.extend(
                PlannedYear(y, Status.RECOGNISED if rng.random() < 0.7 else Status.NOT_RECOGNISED)
                for y in range(start, min(window[0], 2021))
            )
        for year in window:
            plan.years.append(
                PlannedYear(year, Status.NOT_RECOGNISED if rng.random() < 0.6 else Status.ACCEPTED)
            )
        if index in recognised:
            for entry in plan.years:
                if entry.year in window and (entry.year == window[-1] or rng.random() < 0.7):
                    entry.status = Status.RECOGNISED
                    entry.exemplary = rng.random() < 0.12
        if window[-1] == 2023 and rng.random() < 0.5:
            plan.years.append(
                PlannedYear(2024, Status.RECOGNISED if rng.random() < 0.75 else Status.ACCEPTED)
            )
        _close_years(plan.years)
        if window == (2021,) and index % 19 == 0:  # registered again in 2023, then withdrawn: not counted
            plan.years.append(PlannedYear(2023, Status.WITHDRAWN))
        plans.append(plan)
    for _ in range(BAC_KAN_STOPPED_BEFORE):
        kind = COLLECTIVE if rng.random() < 0.35 else INDIVIDUAL
        start = rng.randint(2012, 2019)
        years = list(range(start, min(start + rng.randint(1, 4), 2021)))
        plans.append(PlannedInitiative(_unit_index(rng, member_count), kind, _history(rng, years)))
    return plans
