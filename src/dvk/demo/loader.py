"""`load_demo()`: the localities, people and history of the two seed reports. Idempotent (a second run finds
the data and changes nothing), deterministic (a fixed random seed), and all-or-nothing (one transaction)."""

import random
import time
from datetime import date

from django.db import transaction

from dvk.campaigns.models import Phase, Sector
from dvk.demo import names
from dvk.demo.honours import build_commendation, build_in_progress
from dvk.demo.people import DEMO_ACCOUNTS, build_people
from dvk.demo.phases import build_phase
from dvk.demo.plan import plan_bac_kan, plan_na_hang
from dvk.demo.records import (
    District,
    build_initiatives,
    build_recognitions,
    build_registrations,
    build_reviews,
    link_replications,
)
from dvk.demo.units import build_units
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.search import index_initiatives
from dvk.initiatives.services import refresh_initiative_rollups
from dvk.units.selectors import expand_scope

__all__ = ["DEMO_ACCOUNTS", "load_demo"]

SEED = 20221014  # the day of Na Hang's summary conference
MARKER_CODE = "NH-0001"


def demo_is_loaded() -> bool:
    return Initiative.objects.filter(code=MARKER_CODE).exists()


def _history(rng, district: District, plans, sectors, replications: int):
    initiatives = build_initiatives(rng, district, plans, sectors)
    registrations = build_registrations(district, plans, initiatives)
    totals = build_reviews(rng, district, registrations)
    exemplary = build_recognitions(district, registrations, totals)
    link_replications(rng, initiatives, exemplary, replications)
    refresh_initiative_rollups(i.pk for i in initiatives)
    index_initiatives(i.pk for i in initiatives)
    return initiatives


def _later_phase(district: District, start: int, end: int) -> Phase:
    """The phase under way when the old units closed: it holds the 2025 registrations still being reviewed."""
    phase = build_phase(district.unit, start, end)
    Registration.objects.filter(
        unit_id__in=expand_scope([district.unit.pk]), year__range=(start, end)
    ).update(phase=phase)
    return phase


@transaction.atomic
def _load() -> None:
    rng = random.Random(SEED)
    units = build_units()
    people = build_people(units)
    sectors = list(Sector.objects.filter(is_active=True).order_by("order"))

    na_hang = District(
        unit=units.na_hang,
        members=units.na_hang_members,
        phase=build_phase(units.na_hang, 2020, 2022),
        villages=names.VILLAGES_NA_HANG,
        reviewers=[people["hoidong"], people["hoidong2"]],
        code_prefix="NH",
    )
    na_hang_initiatives = _history(rng, na_hang, plan_na_hang(rng, len(na_hang.members)), sectors, 30)
    build_commendation(
        na_hang,
        number="1568/QĐ-UBND",
        day=date(2022, 10, 14),
        issuer_title="UBND huyện Na Hang",
        signer=("Hoàng Văn Thắng", "Chủ tịch UBND huyện"),
        collectives=15,
        individuals=18,
        actor=people["thuongtruc"],
    )

    bac_kan = District(
        unit=units.bac_kan,
        members=units.bac_kan_members,
        phase=build_phase(units.bac_kan, 2021, 2023),
        villages=names.VILLAGES_BAC_KAN,
        reviewers=[people["hoidong.backan"], people["hoidong.backan2"]],
        code_prefix="BK",
    )
    bac_kan_initiatives = _history(rng, bac_kan, plan_bac_kan(rng, len(bac_kan.members)), sectors, 15)
    build_commendation(
        bac_kan,
        number="2345/QĐ-UBND",
        day=date(2023, 10, 18),
        issuer_title="Chủ tịch UBND thành phố Bắc Kạn",
        signer=("Nguyễn Thị Huế", "Phó Chủ tịch UBND thành phố"),
        collectives=18,
        individuals=2,
        actor=people["thuongtruc.backan"],
    )

    na_hang_now = _later_phase(na_hang, 2023, 2025)
    bac_kan_now = _later_phase(bac_kan, 2024, 2025)
    build_in_progress(
        na_hang,
        na_hang_initiatives,
        staff=people["canbo"],
        secretariat=people["thuongtruc"],
        staff_unit_id=units.na_hang_communes[0].pk,
        phase=na_hang_now,
    )
    build_in_progress(
        bac_kan,
        bac_kan_initiatives,
        staff=people["thuongtruc.backan"],
        secretariat=people["thuongtruc.backan"],
        phase=bac_kan_now,
    )


def load_demo() -> str:
    """Load the demo unless it is there already; returns a one-line summary for the console."""
    if demo_is_loaded():
        return "Dữ liệu mẫu đã có sẵn, không nạp lại."
    started = time.monotonic()
    _load()
    seconds = time.monotonic() - started
    return f"Đã nạp dữ liệu mẫu Na Hang và Bắc Kạn ({Initiative.objects.count()} mô hình) trong {seconds:.1f} giây."
