"""The demo reproduces the figures of the two seed reports, checked here by direct queries on the rows (the
statistics service that pages and reports use is tested against the same numbers in tests/reports)."""

import pytest
from django.contrib.auth import authenticate
from django.db.models import Min, Q
from django.test import RequestFactory

from dvk.campaigns.models import Phase
from dvk.commendations.models import Honoree
from dvk.demo.loader import load_demo
from dvk.evaluations.models import Recognition, Review
from dvk.initiatives.enums import COUNTED_STATUSES, InitiativeKind, Status
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.rollups import stale_rollups
from dvk.units.models import Unit
from dvk.units.selectors import expand_scope

COLLECTIVE, INDIVIDUAL = InitiativeKind.COLLECTIVE, InitiativeKind.INDIVIDUAL


@pytest.fixture
def demo(db):
    load_demo()


def scope(code):
    return expand_scope([Unit.objects.get(code=code).pk])


def counted(unit_ids):
    return Registration.objects.filter(unit_id__in=unit_ids, status__in=COUNTED_STATUSES)


def by_kind(queryset, kind_path="kind"):
    return {
        "total": queryset.count(),
        "collective": queryset.filter(**{kind_path: COLLECTIVE}).count(),
        "individual": queryset.filter(**{kind_path: INDIVIDUAL}).count(),
    }


def test_na_hang_2020_2022_has_the_seed_figures(demo):
    units = scope("072")
    first = dict(
        counted(units).values("initiative").annotate(first=Min("year")).values_list("initiative", "first")
    )
    new = Initiative.objects.filter(pk__in=[pk for pk, year in first.items() if 2020 <= year <= 2022])
    assert by_kind(new) == {"total": 126, "collective": 22, "individual": 104}
    assert sum(1 for year in first.values() if 2009 <= year <= 2019) == 869
    assert sum(1 for year in first.values() if year <= 2022) == 995

    phase = Phase.objects.get(launched_by__code="072", code="2020-2022")
    honorees = Honoree.objects.filter(commendation__phase=phase, unit_id__in=units)
    assert by_kind(honorees) == {"total": 33, "collective": 15, "individual": 18}


def test_bac_kan_2021_2023_has_the_seed_figures(demo):
    units = scope("058")
    assert counted(units).filter(year__range=(2021, 2023)).count() == 596
    recognised = Recognition.objects.filter(
        recognised=True, registration__unit_id__in=units, registration__year__range=(2021, 2023)
    )
    assert recognised.values("registration__initiative").distinct().count() == 397

    phase = Phase.objects.get(launched_by__code="058", code="2021-2023")
    honorees = Honoree.objects.filter(commendation__phase=phase, unit_id__in=units)
    assert by_kind(honorees) == {"total": 20, "collective": 18, "individual": 2}


def test_the_demo_is_idempotent_and_self_consistent(demo):
    counts = (Initiative.objects.count(), Registration.objects.count(), Honoree.objects.count())
    assert "đã có sẵn" in load_demo()
    assert (Initiative.objects.count(), Registration.objects.count(), Honoree.objects.count()) == counts

    # Stored roll-ups agree with the registrations.
    assert stale_rollups() == []

    # Statuses and recognitions agree; exemplary implies recognised.
    assert not Registration.objects.filter(status=Status.RECOGNISED, recognition__isnull=True).exists()
    assert (
        not Recognition.objects.filter(recognised=True)
        .exclude(registration__status=Status.RECOGNISED)
        .exists()
    )
    assert Recognition.objects.filter(is_exemplary=True).count() > 33
    # Returned and withdrawn examples exist, and the in-progress ones have an audit trail.
    assert Registration.objects.filter(status=Status.RETURNED).exclude(return_reason="").exists()
    assert Registration.objects.filter(status=Status.WITHDRAWN).exclude(withdraw_reason="").count() >= 2
    assert Review.objects.filter(scores__isnull=False).distinct().count() > 100
    assert Initiative.objects.filter(replicated_from__isnull=False).count() >= 20
    assert set(Initiative.objects.values_list("sector__code", flat=True).distinct()) == {
        "kinh-te",
        "van-hoa-xa-hoi",
        "quoc-phong-an-ninh",
        "xay-dung-he-thong-chinh-tri",
    }
    # Every Na Hang commune merged into a post-2025 commune; every individual model names its person.
    na_hang = Unit.objects.get(code="072")
    communes = Unit.objects.filter(
        path__startswith=na_hang.path, depth=na_hang.depth + 1, kind__in=["commune", "township"]
    )
    assert communes.count() == 12
    assert not communes.filter(merged_into__isnull=True).exists()
    assert not Initiative.objects.filter(kind=INDIVIDUAL, person_name="").exists()
    assert not Initiative.objects.filter(Q(name="") | Q(search_text="")).exists()


@pytest.mark.parametrize(
    "username", ["admin", "thuongtruc", "thuongtruc.backan", "canbo", "hoidong", "lanhdao"]
)
def test_the_six_demo_accounts_sign_in_with_demo(demo, username):
    request = RequestFactory().post("/dang-nhap/")
    assert authenticate(request, username=username, password="demo") is not None
