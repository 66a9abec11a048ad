"""Recognised initiatives of district B's phase, to propose and commend."""

from datetime import date

from dvk.campaigns.models import AwardForm
from dvk.commendations.models import Authority
from dvk.commendations.selectors import HonoreeData
from dvk.evaluations.models import Recognition
from dvk.initiatives.enums import InitiativeKind, Status
from tests.evaluations.helpers import make_registration


def recognised(unit, *, phase=None, exemplary=False, kind=InitiativeKind.COLLECTIVE, name="", year=2022):
    """An initiative with a recognised registration (exemplary or not) in `year`."""
    registration = make_registration(unit, Status.RECOGNISED, phase=phase, kind=kind, name=name, year=year)
    Recognition.objects.create(registration=registration, recognised=True, is_exemplary=exemplary)
    return registration.initiative


def decision_values(unit, **changes) -> dict:
    values = {
        "number": "15/QĐ-UBND",
        "date": date(2022, 10, 14),
        "issuing_unit": unit,
        "award_form": AwardForm.objects.get(code="giay-khen"),
        "authority": Authority.GOVERNMENT,
        "issuer_title": "UBND huyện B",
        "signer_name": "Hoàng Văn Thắng",
        "signer_position": "Chủ tịch UBND huyện",
    }
    values.update(changes)
    return values


def collective(unit, name="", initiatives=()) -> HonoreeData:
    return HonoreeData(kind=InitiativeKind.COLLECTIVE, name=name, unit=unit, initiatives=list(initiatives))


def person(unit, name="Nguyễn Thị Mai", position="Trưởng thôn", initiatives=()) -> HonoreeData:
    return HonoreeData(
        kind=InitiativeKind.INDIVIDUAL, name=name, position=position, unit=unit, initiatives=list(initiatives)
    )
